"""`--format json`: the report contract of spec/report-format.md, schema_version 2.

What is the same for every document (a checklist's title and version; an item's title, reference,
weight and remediation text) is written once, in the top-level `checklists` section, keyed by
checklist ID and item ID. Each document's items keep only what the check of that document found
(`id`, `severity`, `status`, `found`, `message`, `evidence`, ...).

The report is compact (one line, Python's C encoder); `--pretty` indents it for people.
"""

from __future__ import annotations

import json
from typing import Any

from privcheck.records import checklist_dict, document_dict, evidence_dict, item_dict
from privcheck.render.base import Renderer
from privcheck.results import Report

__all__ = ["SCHEMA_VERSION", "JsonRenderer", "checklist_dict", "document_dict", "dumps", "evidence_dict", "item_dict",
           "report_dict"]

SCHEMA_VERSION = 2


def checklists_section(report: Report) -> dict[str, Any]:
    """The text every document shares: checklist ID -> title, version and items by ID."""
    section: dict[str, Any] = {}
    for document in report.documents:
        for checklist in document.checklists:
            entry = section.get(checklist.id)
            if entry is None:
                entry = section[checklist.id] = {"title": checklist.title, "version": checklist.version, "items": {}}
            items = entry["items"]
            for item in checklist.items:
                if item.id not in items:
                    static: dict[str, Any] = {"title": item.title, "severity": item.severity,
                                              "reference": item.reference, "weight": item.weight}
                    if item.remediation:
                        static["remediation"] = item.remediation
                    items[item.id] = static
    return section


def report_dict(report: Report) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "privcheck", "version": report.tool_version},
        "checklists": checklists_section(report),
        "documents": [document_dict(d, static=False) for d in report.documents],
        **({"unused_suppressions": [
            {"id": u.id, "reason": u.reason, "source": u.source} for u in report.unused_suppressions
        ]} if report.unused_suppressions else {}),
    }


def dumps(content: Any, pretty: bool = False) -> str:
    """JSON text: compact on one line (the C encoder), or indented by two spaces with `pretty`.
    NaN and Infinity are refused: the output is strict JSON."""
    if pretty:
        return json.dumps(content, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    return json.dumps(content, ensure_ascii=False, separators=(",", ":"), allow_nan=False) + "\n"


class JsonRenderer(Renderer):
    name = "json"

    def render(self, report: Report) -> str:
        return dumps(report_dict(report), self.pretty)
