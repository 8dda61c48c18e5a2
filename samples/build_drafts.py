"""Regenerate the DOCX sample drafts in this folder from the text held below.

The .docx files are committed; run this script only after changing the text here:

    python samples/build_drafts.py            # refuses to overwrite
    python samples/build_drafts.py --force

Each draft is a list of ("h1" | "h2" | "p" | "table" | "note", content) items. Clause numbers
are typed into the text, as they are in most drafts that circulate by e-mail. Document
properties carry fixed dates so that a rebuild of unchanged text gives the same content.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from docx import Document
from docx.shared import Pt

HERE = Path(__file__).resolve().parent / "drafts"
FIXED_DATE = dt.datetime(2026, 1, 15, 9, 0, 0)

Item = tuple[str, object]

WEAK_SCHEDULE: list[Item] = [
    ("title", "Schedule 6: Social Value (DRAFT v0.3 - for legal review)"),
    ("note", "Eastmoor Borough Council - Grounds Maintenance and Street Cleansing Contract"),
    ("h1", "1. Introduction"),
    ("p", "1.1 The Council is committed to securing social, economic and environmental "
          "benefits for Eastmoor through its contracts, as the Public Services (Social Value) "
          "Act 2012 requires it to consider."),
    ("p", "1.2 This Schedule sets out the social value the Supplier will deliver under the "
          "Contract."),
    ("h1", "2. Employment and skills"),
    ("p", "2.1 The Supplier shall endeavour to recruit local people into vacancies on the "
          "Contract wherever possible."),
    ("p", "2.2 The Supplier shall provide 4 apprenticeships on approved standards in each "
          "Contract Year."),
    ("p", "2.3 The Supplier shall:"),
    ("list", "(a) support local schools with careers advice;"),
    ("list", "(b) where possible, offer work placements to 10 young people each year; and"),
    ("list", "(c) pay every worker on the Contract no less than the Real Living Wage from the "
             "Commencement Date."),
    ("h1", "3. Environment"),
    ("p", "3.1 The Supplier aims to reduce the carbon emissions of its fleet over the life of "
          "the Contract."),
    ("p", "3.2 The Supplier shall use 100% renewable electricity at its Eastmoor depot from "
          "1 April 2026."),
    ("h1", "4. Community"),
    ("p", "4.1 The Supplier is encouraged to give its staff time to volunteer with community "
          "groups."),
    ("h1", "5. Mobilisation"),
    ("p", "5.1 The Supplier will endeavour to complete mobilisation within 8 weeks of award."),
    ("h1", "6. Monitoring"),
    ("p", "6.1 The Supplier shall report the number of apprentices on the Contract every "
          "quarter, with copies of their apprenticeship agreements."),
    ("p", "6.2 The Council and the Supplier will discuss social value at the annual contract "
          "review."),
]

GOOD_SCHEDULE: list[Item] = [
    ("title", "Schedule 6: Social Value"),
    ("note", "Eastmoor Borough Council - Grounds Maintenance and Street Cleansing Contract"),
    ("h1", "1. Definitions"),
    ("p", "1.1 \"Eastmoor Resident\" means a person whose main home is in a postcode district "
          "EM1 to EM9."),
    ("p", "1.2 \"Contract Year\" means each period of 12 months from the Commencement Date."),
    ("h1", "2. Commitments"),
    ("p", "2.1 The Supplier shall employ at least 12 FTE Eastmoor Residents on the Contract by "
          "the end of month 12, from a baseline of 0 at the Commencement Date, and keep at "
          "least that number until expiry."),
    ("p", "2.2 The Supplier shall start 4 apprentices on approved apprenticeship standards in "
          "each Contract Year."),
    ("p", "2.3 The Supplier shall:"),
    ("list", "(a) pay every worker on the Contract no less than the Real Living Wage from the "
             "Commencement Date;"),
    ("list", "(b) provide 10 paid work placements of at least 4 weeks each Contract Year for "
             "Eastmoor Residents aged 16 to 24; and"),
    ("list", "(c) reduce the Scope 1 emissions of its fleet on the Contract by 30% against "
             "its 2025/26 baseline of 220 tCO2e by 31 March 2029."),
    ("h1", "3. Key performance indicators"),
    ("p", "3.1 The commitments in paragraph 2 are KPIs, measured as follows."),
    ("table", [
        ["KPI", "Target", "Evidence", "Reporting frequency"],
        ["Eastmoor Residents employed", "12 FTE by month 12", "Payroll extract with home "
         "postcodes", "Quarterly"],
        ["Apprenticeship starts", "4 per Contract Year", "Apprenticeship agreements",
         "Quarterly"],
        ["Real Living Wage", "100% of workers", "Payroll compliance statement signed by a "
         "director", "Six-monthly"],
        ["Work placements", "10 per Contract Year", "Placement agreements and attendance "
         "records", "Quarterly"],
        ["Fleet emissions", "30% reduction by 31 March 2029", "Fuel records and emissions "
         "calculation", "Annually"],
    ]),
    ("h1", "4. Reporting and verification"),
    ("p", "4.1 The Supplier shall report against each KPI in paragraph 3 through the Council's "
          "social value portal at the frequency shown, uploading the evidence listed, and the "
          "Contract Manager shall verify each report within 15 Working Days."),
    ("p", "4.2 The Council may audit the Supplier's records for any KPI on 10 Working Days' "
          "notice."),
    ("h1", "5. Consequences of non-delivery"),
    ("p", "5.1 If a KPI is missed in a reporting period, the Supplier shall submit a "
          "rectification plan within 20 Working Days."),
    ("p", "5.2 If the same KPI is missed in two consecutive reporting periods, the Council may "
          "withhold 2% of the Charges for that period until the KPI is met."),
    ("p", "5.3 Failure of the same KPI in four consecutive reporting periods is a material "
          "breach, for which the Council may terminate the Contract in whole or in part."),
]

DRAFTS: dict[str, list[Item]] = {
    "schedule-weak.docx": WEAK_SCHEDULE,
    "schedule-good.docx": GOOD_SCHEDULE,
}


def build(items: list[Item], title: str) -> Document:
    """A python-docx Document with Word's own heading, list and table styles."""
    document = Document()
    document.styles["Normal"].font.size = Pt(11)
    props = document.core_properties
    props.title = title
    props.author = "svdocs samples"
    props.last_modified_by = "svdocs samples"
    props.created = FIXED_DATE
    props.modified = FIXED_DATE
    props.revision = 1
    for kind, content in items:
        if kind == "title":
            document.add_heading(str(content), level=0)
        elif kind == "note":
            document.add_paragraph(str(content)).runs[0].italic = True
        elif kind in ("h1", "h2"):
            document.add_heading(str(content), level=1 if kind == "h1" else 2)
        elif kind == "p":
            document.add_paragraph(str(content))
        elif kind == "list":
            paragraph = document.add_paragraph(str(content))
            paragraph.paragraph_format.left_indent = Pt(28)
        elif kind == "table":
            rows = content  # type: ignore[assignment]
            assert isinstance(rows, list)
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, text in enumerate(row):
                    cell = table.cell(r, c)
                    cell.text = text
                    if r == 0:
                        cell.paragraphs[0].runs[0].bold = True
        else:
            raise ValueError(f"unknown item kind {kind!r}")
    return document


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true", help="overwrite existing files")
    parser.add_argument("--out", type=Path, default=HERE, help="folder to write into")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, items in DRAFTS.items():
        target = args.out / name
        if target.exists() and not args.force:
            print(f"{target}: exists (use --force to overwrite)")
            continue
        title = next(str(c) for k, c in items if k == "title")
        build(items, title).save(str(target))
        print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
