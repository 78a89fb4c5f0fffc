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

from privcheck.render.base import Renderer
from privcheck.results import ChecklistResult, DocumentResult, Evidence, ItemResult, Report

SCHEMA_VERSION = 2


def evidence_dict(evidence: Evidence) -> dict[str, Any]:
    out: dict[str, Any] = {
        "line": evidence.line, "column": evidence.column,
        "end_line": evidence.end_line, "end_column": evidence.end_column, "text": evidence.text,
    }
    for key in ("page", "paragraph", "element", "heading"):
        value = getattr(evidence, key)
        if value is not None:
            out[key] = value
    if evidence.start is not None and evidence.end is not None:
        out["offset"], out["end_offset"] = evidence.start, evidence.end
    return out


def item_dict(item: ItemResult, static: bool = True) -> dict[str, Any]:
    """One item's result; with `static`, also its checklist text (title, reference, remediation)."""
    out: dict[str, Any] = {"id": item.id}
    if static:
        out["title"] = item.title
    out["severity"] = item.severity
    out["status"] = item.status.value
    out["found"] = item.found
    if static:
        out["reference"] = item.reference
    out["message"] = item.message
    out["evidence"] = [evidence_dict(e) for e in item.evidence]
    if static:
        out["weight"] = item.weight
    out["elements_found"] = item.elements_found
    out["elements_missing"] = item.elements_missing
    if item.triggered is not None:
        out["triggered"] = item.triggered
    if static and item.remediation:
        out["remediation"] = item.remediation
    if item.suppression_reason is not None:
        out["suppression_reason"] = item.suppression_reason
    return out


def checklist_dict(result: ChecklistResult, static: bool = True) -> dict[str, Any]:
    out: dict[str, Any] = {"id": result.id}
    if static:
        out["title"], out["version"] = result.title, result.version
    out.update(score=result.score, grade=result.grade, counts=result.counts(),
               items=[item_dict(i, static) for i in result.items])
    return out


def document_dict(document: DocumentResult, static: bool = True) -> dict[str, Any]:
    """A document's results. With `static` (scan records, which stand alone), each checklist and
    item also carries its title and reference; the JSON report puts those in `checklists`."""
    return {
        "path": document.path, "language": document.language, "format": document.format,
        **({"notes": list(document.notes)} if document.notes else {}),
        "checklists": [checklist_dict(c, static) for c in document.checklists],
    }


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
