"""`--format json`: the report contract of spec/report-format.md (schema_version 1)."""

from __future__ import annotations

import json
from typing import Any

from privcheck.render.base import Renderer
from privcheck.results import ChecklistResult, DocumentResult, Evidence, ItemResult, Report

SCHEMA_VERSION = 1


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


def item_dict(item: ItemResult) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": item.id,
        "title": item.title,
        "severity": item.severity,
        "status": item.status.value,
        "found": item.found,
        "reference": item.reference,
        "message": item.message,
        "evidence": [evidence_dict(e) for e in item.evidence],
        "weight": item.weight,
        "elements_found": item.elements_found,
        "elements_missing": item.elements_missing,
    }
    if item.triggered is not None:
        out["triggered"] = item.triggered
    if item.remediation:
        out["remediation"] = item.remediation
    if item.suppression_reason is not None:
        out["suppression_reason"] = item.suppression_reason
    return out


def checklist_dict(result: ChecklistResult) -> dict[str, Any]:
    return {
        "id": result.id, "title": result.title, "version": result.version,
        "score": result.score, "grade": result.grade, "counts": result.counts(),
        "items": [item_dict(i) for i in result.items],
    }


def document_dict(document: DocumentResult) -> dict[str, Any]:
    return {
        "path": document.path, "language": document.language, "format": document.format,
        **({"notes": list(document.notes)} if document.notes else {}),
        "checklists": [checklist_dict(c) for c in document.checklists],
    }


def report_dict(report: Report) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "privcheck", "version": report.tool_version},
        "documents": [document_dict(d) for d in report.documents],
        **({"unused_suppressions": [
            {"id": u.id, "reason": u.reason, "source": u.source} for u in report.unused_suppressions
        ]} if report.unused_suppressions else {}),
    }


class JsonRenderer(Renderer):
    name = "json"

    def render(self, report: Report) -> str:
        """The report as `json.dumps(report_dict(report), indent=2)` would write it, built one
        document at a time so that only one document's dictionaries exist at once (a run over
        thousands of policies). NaN and Infinity are refused: the output is strict JSON."""
        shell = report_dict(Report(report.tool_version, [], report.unused_suppressions))
        text = json.dumps(shell, ensure_ascii=False, indent=2, allow_nan=False)
        if not report.documents:
            return text + "\n"
        pieces: list[str] = []
        for index, document in enumerate(report.documents):
            encoded = json.dumps(document_dict(document), ensure_ascii=False, indent=2, allow_nan=False)
            pieces.append(("    " if index == 0 else ",\n    ") + encoded.replace("\n", "\n    "))
        before, after = text.split('"documents": []', 1)
        return "".join([before, '"documents": [\n', *pieces, "\n  ]", after, "\n"])
