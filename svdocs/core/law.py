"""The legal thresholds svdocs applies, each stated once (docs/domain.md, "The law and policy").

The brief's rules of selection (:mod:`svdocs.assembly.brief`), the shipped lint rules' default
parameters (:data:`CHECK_DEFAULTS`, filled in by :mod:`svdocs.core.rules` when a rule file
leaves a parameter out) and the checks' fallbacks (:mod:`svdocs.linter.checks`) all read these
names, so a change in the law is one edit here.
"""

from __future__ import annotations

from typing import Any

#: Procurement Act 2023 s.52: a contract worth more than this (in pounds) must set and
#: publish key performance indicators...
KPI_VALUE_THRESHOLD = 5_000_000
#: ...at least this many of them.
MIN_KPIS = 3

#: PPN 06/20 and PPN 002 (and Northern Ireland's policy): social value is weighted at no
#: less than this percentage of the total score.
MIN_SV_WEIGHTING = 10

#: Procurement Reform (Scotland) Act 2014 ss.24 and 25: community benefit requirements are
#: considered for a contract worth this much (in pounds) or more.
SCOTLAND_COMMUNITY_BENEFITS_THRESHOLD = 4_000_000

#: Social Partnership and Public Procurement (Wales) Act 2023: social public works clauses
#: in a works contract worth this much (in pounds) or more.
WALES_SOCIAL_PUBLIC_WORKS_THRESHOLD = 2_000_000

#: The parameters a check takes from the law, by check name, in the order a rule lists them.
#: A rule file may override any of them (a stricter local policy); one that leaves a
#: parameter out gets the figure above.
CHECK_DEFAULTS: dict[str, dict[str, Any]] = {
    "kpi-count": {"threshold": KPI_VALUE_THRESHOLD, "minimum": MIN_KPIS},
    "weighting-below-minimum": {"minimum": MIN_SV_WEIGHTING},
}


def millions(pounds: float) -> str:
    """``5_000_000`` -> ``"£5m"``, as the law's thresholds are written in prose."""
    return f"£{pounds / 1_000_000:g}m"
