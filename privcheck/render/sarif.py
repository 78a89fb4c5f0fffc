"""`--format sarif`: SARIF 2.1.0, as GitHub code scanning and other SARIF viewers read it.

One rule per item (help text and Markdown with the legal reference and the model clause to adapt;
`helpUri`, for the bundled checklists, the item's heading in docs/items.md; tags naming the
regime, that is the checklist, and the severity), one result
per item that is not passed or not applicable: `error` for a failed required or triggered
conditional item, `warning` for a partial one or a failed recommended one. Suppressed items are
results with a `suppressions` entry carrying the reason, so viewers show them as dismissed.
Locations are repository-relative with line regions (the first evidence, or line 1 when the
disclosure is absent). `partialFingerprints` hash the checklist, item and path, never a line
number, so an alert keeps its identity when the policy is edited above it.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from privcheck.baseline import fingerprint
from privcheck.checklist import bundled_ids
from privcheck.itemdocs import help_uri
from privcheck.paths import normalised_path
from privcheck.render.base import Renderer
from privcheck.results import ChecklistResult, DocumentResult, ItemResult, Report, Status

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
# Items of the bundled checklists link to their heading in docs/items.md (privcheck.itemdocs); an
# item of a checklist of one's own has no page to link to and carries its help in `help` alone.
FINGERPRINT_KEY = "privcheck/v1"


def level(item: ItemResult) -> str:
    gating = item.severity in ("required", "conditional")
    if item.status is Status.FAIL:
        return "error" if gating else "warning"
    if item.status is Status.PARTIAL:
        return "warning" if gating else "note"
    return "note"


def artifact_uri(path: str) -> str:
    return quote(normalised_path(path), safe="/") if not path.startswith("<") else "stdin"


def _help(item: ItemResult, uri: str | None) -> tuple[str, str]:
    fix = item.remediation.get("en") or item.remediation.get("zh") or ""
    text = f"{item.title}\n\nLegal reference: {item.reference}"
    markdown = f"**{item.title}** ({item.severity})\n\nLegal reference: {item.reference}"
    if fix:
        text += f"\n\nModel clause to adapt:\n{fix.strip()}"
        markdown += f"\n\nModel clause to adapt:\n\n> {' '.join(fix.split())}"
    if item.remediation.get("zh") and item.remediation.get("en"):
        text += f"\n\n{item.remediation['zh'].strip()}"
        markdown += f"\n\n> {' '.join(item.remediation['zh'].split())}"
    text += f"\n\nMore: privcheck explain {item.id}" + (f" or {uri}" if uri else "")
    markdown += f"\n\nMore: `privcheck explain {item.id}`" + (f" or [the item's page]({uri})" if uri else "")
    return text, markdown


def _rule(item: ItemResult, checklist: ChecklistResult, bundled: frozenset[str]) -> dict[str, Any]:
    uri = help_uri(item.id) if checklist.id in bundled else None
    text, markdown = _help(item, uri)
    rule: dict[str, Any] = {
        "id": item.id,
        "name": "".join(part.capitalize() for part in item.id.replace(".", "-").replace("_", "-").split("-")),
        "shortDescription": {"text": item.title},
        "fullDescription": {"text": f"{item.title} ({item.severity}). Legal reference: {item.reference}"},
        "help": {"text": text, "markdown": markdown},
        "defaultConfiguration": {"level": "error" if item.severity in ("required", "conditional") else "warning"},
        "properties": {
            "tags": ["privacy", "compliance", checklist.id, item.severity],
            "reference": item.reference, "severity": item.severity, "checklist": checklist.id,
        },
    }
    if uri:
        rule["helpUri"] = uri
    return rule


def _result(item: ItemResult, rule_index: int, document: DocumentResult, checklist: ChecklistResult) -> dict[str, Any]:
    region: dict[str, int] = {"startLine": 1}
    if item.evidence:
        first = item.evidence[0]
        region = {"startLine": first.line, "startColumn": first.column,
                  "endLine": first.end_line, "endColumn": max(first.end_column, first.column + 1)
                  if first.end_line == first.line else first.end_column}
    status = item.status.value
    message = f"{item.id}: {item.message}"
    if item.status in (Status.FAIL, Status.PARTIAL):
        message += f" Legal reference: {item.reference}."
    out: dict[str, Any] = {
        "ruleId": item.id,
        "ruleIndex": rule_index,
        "level": level(item),
        "message": {"text": message},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(document.path)}, "region": region}}],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint(document.path, checklist.id, item.id)},
        "properties": {"status": status, "severity": item.severity, "checklist": checklist.id,
                       "score": checklist.score, "grade": checklist.grade},
    }
    if item.status is Status.SUPPRESSED:
        out["suppressions"] = [{"kind": "external", "justification": item.suppression_reason or ""}]
    return out


def sarif_log(report: Report) -> dict[str, Any]:
    rules: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    results: list[dict[str, Any]] = []
    bundled = frozenset(bundled_ids())
    for document in report.documents:
        for checklist in document.checklists:
            for item in checklist.items:
                if item.id not in index:
                    index[item.id] = len(rules)
                    rules.append(_rule(item, checklist, bundled))
                if item.status in (Status.PASS, Status.NOT_APPLICABLE):
                    continue
                results.append(_result(item, index[item.id], document, checklist))
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "privcheck", "version": report.tool_version,
                                "semanticVersion": report.tool_version,
                                "rules": rules}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }


class SarifRenderer(Renderer):
    name = "sarif"

    def render(self, report: Report) -> str:
        return json.dumps(sarif_log(report), ensure_ascii=False, indent=2) + "\n"
