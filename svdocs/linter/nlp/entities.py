"""Entity ruler patterns: quantities, percentages, money, dates, durations and frequencies."""

from __future__ import annotations

from typing import Any

MONTHS = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec",
]  # fmt: skip
TIME_UNITS = [
    "day", "days", "week", "weeks", "month", "months", "year", "years", "quarter", "quarters",
    "working", "business", "calendar",
]  # fmt: skip
UNITS = [
    "fte", "ftes", "job", "jobs", "role", "roles", "post", "posts", "people", "person",
    "persons", "residents", "apprentices", "apprenticeships", "apprentice", "apprenticeship",
    "placements", "placement", "hours", "hour", "tonnes", "tonne", "t", "tco2e", "kg", "kgco2e",
    "co2e", "kwh", "mwh", "visits", "sessions", "volunteers", "volunteering", "weeks'", "staff",
    "employees", "learners", "trainees", "students", "pupils", "businesses", "smes", "vcses",
    "organisations", "events", "workshops", "talks", "trees", "miles", "km", "qualifications",
    "internships", "opportunities", "members",
]  # fmt: skip
REF_WORDS = [
    "clause", "clauses", "paragraph", "paragraphs", "section", "sections", "schedule",
    "annex", "appendix", "part", "kpi", "table", "question", "q", "page", "lot", "article",
    "regulation", "step", "phase", "level", "version", "item", "items", "row", "criterion",
    "stage", "condition", "conditions", "requirement", "requirements",
    "no", "number", "ppn", "iso", "cl", "para", "s", "ss", "reg",
]  # fmt: skip
# Years as written ("2027", "2025/26", "2025/2026"): a set lookup, no regular expression.
YEARS = [str(y) for y in range(1990, 2101)]
YEARS += [f"{y}/{(y + 1) % 100:02d}" for y in range(1990, 2100)]
YEARS += [f"{y}/{y + 1}" for y in range(1990, 2100)]
NUMERIC_DATE_SHAPES = [
    f"{d}{sep}{m}{sep}{y}"
    for d in ("d", "dd")
    for m in ("d", "dd")
    for y in ("dd", "dddd")
    for sep in "/.-"
] + ["dddd-dd-dd"]
REF_SHAPES = [
    "d", "dd", "ddd", "d.d", "d.dd", "dd.d", "dd.dd", "d.d.d", "d.d.dd", "d.dd.d", "dd.d.d",
    "dX", "ddX", "dx", "ddx", "X", "Xd", "Xdd", "Xd.d",
]  # fmt: skip
ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"]
NUM = {"LIKE_NUM": True}
NUM_OPT_MOD = {"LOWER": {"IN": ["at", "least", "no", "fewer", "less", "than", "minimum", "of",
                                "up", "to", "over", "more"]}, "OP": "*"}  # fmt: skip


def entity_patterns() -> list[dict[str, Any]]:
    """Token patterns for spaCy's entity ruler (the longest match wins)."""
    p: list[dict[str, Any]] = []

    def add(label: str, pattern: list[dict[str, Any]]) -> None:
        p.append({"label": label, "pattern": pattern})

    # percentages
    add("PERCENT", [NUM, {"TEXT": "%"}])
    add("PERCENT", [NUM, {"LOWER": {"IN": ["percent", "pc"]}}])
    add("PERCENT", [NUM, {"LOWER": "per"}, {"LOWER": "cent"}])
    # money
    add("MONEY", [{"TEXT": {"IN": ["£", "$", "€"]}}, NUM])
    add("MONEY", [{"TEXT": {"IN": ["£", "$", "€"]}}, NUM,
                  {"LOWER": {"IN": ["m", "million", "k", "bn", "billion", "mn", "thousand"]}}])
    add("MONEY", [NUM, {"LOWER": {"IN": ["pounds", "gbp"]}}])
    add("MONEY", [{"LOWER": "gbp"}, NUM])
    # quantities with a unit
    add("QUANTITY", [NUM, {"LOWER": {"IN": UNITS}}])
    add("QUANTITY", [NUM, {"IS_ALPHA": True, "LOWER": {"NOT_IN": TIME_UNITS + MONTHS}},
                     {"LOWER": {"IN": UNITS}}])
    add("QUANTITY", [NUM, {"TEXT": "-"}, {"LOWER": {"IN": ["hour", "week", "day"]}},
                     {"LOWER": {"IN": [*UNITS, "placement", "placements"]}}])
    # dates
    add("DATE", [NUM, {"LOWER": {"IN": MONTHS}}, {"SHAPE": "dddd"}])
    add("DATE", [{"LOWER": {"IN": MONTHS}}, {"SHAPE": "dddd"}])
    add("DATE", [{"LOWER": {"IN": MONTHS}}, NUM, {"TEXT": ",", "OP": "?"}, {"SHAPE": "dddd"}])
    add("DATE", [{"SHAPE": "dddd", "TEXT": {"IN": YEARS}}])
    add("DATE", [{"SHAPE": {"IN": ["dddd/dd", "dddd/dddd"]}, "TEXT": {"IN": YEARS}}])
    add("DATE", [{"SHAPE": {"IN": NUMERIC_DATE_SHAPES}}])
    add("DATE", [{"LOWER": {"IN": ["month", "year", "quarter", "week"]}}, NUM])
    add("DATE", [{"LOWER": {"IN": ["commencement", "start", "service", "go-live"]}},
                 {"LOWER": "date"}])
    add("DATE", [{"LOWER": {"IN": ["end", "expiry"]}}, {"LOWER": "of"}, {"LOWER": "the"},
                 {"LOWER": {"IN": ["term", "contract", "first", "second", "third"]}},
                 {"LOWER": {"IN": ["year", "contract"]}, "OP": "?"},
                 {"LOWER": "year", "OP": "?"}])
    add("DATE", [{"LOWER": {"IN": ["financial", "contract"]}}, {"LOWER": "year"}, NUM])
    # durations
    add("DURATION", [NUM, {"LOWER": {"IN": TIME_UNITS}}])
    add("DURATION", [NUM, {"LOWER": {"IN": ["working", "business", "calendar"]}},
                     {"LOWER": {"IN": ["days", "day", "weeks", "months"]}}])
    add("DURATION", [NUM, {"TEXT": "-"}, {"LOWER": {"IN": ["day", "week", "month", "year"]}}])
    # frequencies
    add("FREQUENCY", [{"LOWER": {"IN": ["every", "each"]}}, NUM,
                      {"LOWER": {"IN": ["weeks", "months", "years", "days"]}}])
    add("FREQUENCY", [{"LOWER": {"IN": ["every", "each", "per"]}},
                      {"LOWER": {"IN": ["contract", "financial"]}, "OP": "?"},
                      {"LOWER": {"IN": ["week", "month", "quarter", "year", "annum"]}}])
    add("FREQUENCY", [{"LOWER": {"IN": [
        "daily", "weekly", "fortnightly", "monthly", "quarterly", "annually", "yearly",
        "biannually", "six-monthly", "half-yearly"]}}])  # fmt: skip
    add("FREQUENCY", [{"LOWER": {"IN": ["six", "bi", "half"]}}, {"TEXT": "-"},
                      {"LOWER": {"IN": ["monthly", "annually", "yearly"]}}])
    # references to clauses, annexes and numbered items: not targets
    add("REF", [{"LOWER": {"IN": REF_WORDS}}, {"TEXT": ".", "OP": "?"},
                {"SHAPE": {"IN": REF_SHAPES}}])
    add("REF", [{"LOWER": {"IN": REF_WORDS}}, {"TEXT": ".", "OP": "?"},
                {"LOWER": {"IN": ROMAN}}])
    # plain numbers (targets without a recognised unit) are found by the analyzer
    return p
