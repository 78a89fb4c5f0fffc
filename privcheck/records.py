"""Results as plain data: the dictionaries of the JSON report's documents and of scan records.

Kept below the renderers so that library code (a scan writing one record per document) builds
the same objects as `--format json` without importing any output format.
"""

from __future__ import annotations

from typing import Any

from privcheck.results import ChecklistResult, DocumentResult, Evidence, ItemResult


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
