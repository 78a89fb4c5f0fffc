"""Output of `privcheck diff`: text, json and markdown views of a DiffResult."""

from __future__ import annotations

import json
from typing import Any

from privcheck.diff import DiffResult, ItemChange

CHANGE_ORDER = {"regressed": 0, "improved": 1, "added": 2, "removed": 3, "unchanged": 4}
CHANGE_LABEL = {"regressed": "REGRESSED", "improved": "improved", "added": "added", "removed": "removed", "unchanged": "unchanged"}


def _status(value: Any) -> str:
    return value.value if value is not None else "-"


def _sorted(items: list[ItemChange]) -> list[ItemChange]:
    return sorted(items, key=lambda i: (CHANGE_ORDER[i.change], i.id))


def _verdict(result: DiffResult) -> str:
    regressed = result.changes("regressed")
    lowered = [c.id for c in result.checklists if c.grade_lowered]
    if not result.regressed:
        return f"No regression ({len(result.changes('improved'))} item(s) improved)."
    parts = []
    if regressed:
        parts.append(f"{len(regressed)} item(s) regressed: {', '.join(i.id for i in regressed)}")
    if lowered:
        parts.append(f"lower grade in {', '.join(lowered)}")
    return "Regression: " + "; ".join(parts) + "."


def diff_text(result: DiffResult) -> str:
    lines = [f"privcheck diff: {result.old_label} -> {result.new_label}", ""]
    for checklist in result.checklists:
        sign = "+" if checklist.score_change > 0 else ""
        lines.append(f"{checklist.title} ({checklist.id}): score {checklist.old_score:g} -> {checklist.new_score:g} "
                     f"({sign}{checklist.score_change:g}), grade {checklist.old_grade} -> {checklist.new_grade}")
        rows = [(CHANGE_LABEL[i.change], i.id, i.severity, f"{_status(i.old)} -> {_status(i.new)}")
                for i in _sorted(checklist.items)]
        widths = [max([len(h)] + [len(r[k]) for r in rows]) for k, h in enumerate(("Change", "Item", "Severity", "Status"))]
        header = ("Change", "Item", "Severity", "Status")
        lines.append("  " + "  ".join(h.ljust(w) for h, w in zip(header, widths)).rstrip())
        lines.extend("  " + "  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in rows)
        lines.append("")
    lines.append(_verdict(result))
    return "\n".join(lines) + "\n"


def diff_json(result: DiffResult) -> str:
    content = {
        "schema_version": 1,
        "old": result.old_label, "new": result.new_label, "regressed": result.regressed,
        "checklists": [{
            "id": c.id, "title": c.title,
            "old_score": c.old_score, "new_score": c.new_score, "score_change": c.score_change,
            "old_grade": c.old_grade, "new_grade": c.new_grade, "grade_lowered": c.grade_lowered,
            "items": [{"id": i.id, "title": i.title, "severity": i.severity, "change": i.change,
                       "old_status": _status(i.old) if i.old else None, "new_status": _status(i.new) if i.new else None,
                       "message": i.message} for i in _sorted(c.items)],
        } for c in result.checklists],
    }
    return json.dumps(content, ensure_ascii=False, indent=2) + "\n"


def diff_markdown(result: DiffResult) -> str:
    from privcheck.render.markdown import cell

    lines = [f"# privcheck diff: `{cell(result.old_label)}` → `{cell(result.new_label)}`", ""]
    for checklist in result.checklists:
        sign = "+" if checklist.score_change > 0 else ""
        lines += [f"## {cell(checklist.title)} ({checklist.id})", "",
                  f"Score **{checklist.old_score:g} → {checklist.new_score:g}** ({sign}{checklist.score_change:g}), "
                  f"grade **{checklist.old_grade} → {checklist.new_grade}**", "",
                  "| Change | Item | Severity | Before | After |", "|---|---|---|---|---|"]
        for item in _sorted(checklist.items):
            mark = {"regressed": "❌ regressed", "improved": "✅ improved"}.get(item.change, item.change)
            lines.append(f"| {mark} | `{item.id}` {cell(item.title)} | {item.severity} | {_status(item.old)} | {_status(item.new)} |")
        lines.append("")
    lines.append(f"**{_verdict(result)}**")
    return "\n".join(lines) + "\n"


DIFF_RENDERERS = {"text": diff_text, "json": diff_json, "markdown": diff_markdown}
