"""The JSON report: ``{"files": [{"path", "findings", "error"}], "summary": {...}}``.

Each finding is :meth:`svdocs.core.model.Finding.to_dict`; suppressed findings are left out (they
are counted in ``summary.suppressed`` and shown, with their reason, in SARIF).
"""

from __future__ import annotations

import json
from typing import Any

from svdocs.core.results import Report


def report_data(report: Report) -> dict[str, Any]:
    return {
        "files": [
            {
                "path": fr.path,
                "findings": [f.to_dict() for f in fr.active],
                "error": fr.error,
            }
            for fr in report.files
        ],
        "summary": report.summary(),
        **({"pack": report.pack.to_dict()} if report.pack is not None else {}),
    }


def render_json(report: Report) -> str:
    return json.dumps(report_data(report), indent=2, ensure_ascii=False) + "\n"
