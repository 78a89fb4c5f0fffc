"""Output of `privcheck diff`: text, json and markdown views of a DiffResult.

Text and Markdown list the items whose status changed, the added and removed ones, and the notes
(a status that stayed while its evidence changed); `show_all` lists the unchanged items too. JSON
always holds every item.
"""

from __future__ import annotations

import json
from typing import Any

from privcheck.diff import DiffResult, ItemChange

CHANGE_ORDER = {"regressed": 0, "improved": 1, "added": 2, "removed": 3, "unchanged": 4}
CHANGE_LABEL = {"regressed": "REGRESSED", "improved": "improved", "added": "added", "removed": "removed", "unchanged": "unchanged"}


def _label(item: ItemChange) -> str:
    return "note" if item.note else CHANGE_LABEL[item.change]


def _listed(items: list[ItemChange], show_all: bool) -> tuple[list[ItemChange], int]:
    """The items to list, in order, and how many unchanged ones were left out."""
    shown = [i for i in _sorted(items) if show_all or i.shown]
    return shown, len(items) - len(shown)


def _status(value: Any) -> str:
    return value.value if value is not None else "-"


def _sorted(items: list[ItemChange]) -> list[ItemChange]:
    return sorted(items, key=lambda i: (CHANGE_ORDER[i.change], i.id))


def _verdict(result: DiffResult) -> str:
    regressed = result.changes("regressed")
    lowered = [c.id for c in result.checklists if c.grade_lowered]
    if not result.regressed:
        notes = len(result.notes())
        return (f"No regression ({len(result.changes('improved'))} item(s) improved"
                + (f"; {notes} note(s) on changed evidence" if notes else "") + ").")
    parts = []
    if regressed:
        parts.append(f"{len(regressed)} item(s) regressed: {', '.join(i.id for i in regressed)}")
    if lowered:
        parts.append(f"lower grade in {', '.join(lowered)}")
    return "Regression: " + "; ".join(parts) + "."


def diff_text(result: DiffResult, show_all: bool = False) -> str:
    lines = [f"privcheck diff: {result.old_label} -> {result.new_label}", ""]
    for checklist in result.checklists:
        sign = "+" if checklist.score_change > 0 else ""
        lines.append(f"{checklist.title} ({checklist.id}): score {checklist.old_score:g} -> {checklist.new_score:g} "
                     f"({sign}{checklist.score_change:g}), grade {checklist.old_grade} -> {checklist.new_grade}")
        shown, hidden = _listed(checklist.items, show_all)
        if shown:
            header = ("Change", "Item", "Severity", "Status")
            rows = [(_label(i), i.id, i.severity, f"{_status(i.old)} -> {_status(i.new)}") for i in shown]
            widths = [max([len(h)] + [len(r[k]) for r in rows]) for k, h in enumerate(header)]
            lines.append("  " + "  ".join(h.ljust(w) for h, w in zip(header, widths)).rstrip())
            for item, row in zip(shown, rows):
                lines.append("  " + "  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip())
                if item.note:
                    lines.append("  " + " " * (widths[0] + 2) + item.note)
        else:
            lines.append("  No item changed.")
        if hidden:
            lines.append(f"  {hidden} unchanged item(s) not listed (--all lists them).")
        lines.append("")
    lines.append(_verdict(result))
    return "\n".join(lines) + "\n"


def diff_json(result: DiffResult, show_all: bool = True) -> str:
    content = {
        "schema_version": 1,
        "old": result.old_label, "new": result.new_label, "regressed": result.regressed,
        "checklists": [{
            "id": c.id, "title": c.title,
            "old_score": c.old_score, "new_score": c.new_score, "score_change": c.score_change,
            "old_grade": c.old_grade, "new_grade": c.new_grade, "grade_lowered": c.grade_lowered,
            "items": [{"id": i.id, "title": i.title, "severity": i.severity, "change": i.change,
                       "old_status": _status(i.old) if i.old else None, "new_status": _status(i.new) if i.new else None,
                       "message": i.message, "note": i.note,
                       "evidence_removed": i.evidence_removed, "evidence_added": i.evidence_added}
                      for i in _sorted(c.items)],
        } for c in result.checklists],
    }
    return json.dumps(content, ensure_ascii=False, indent=2) + "\n"


def diff_markdown(result: DiffResult, show_all: bool = False) -> str:
    from privcheck.render.markdown import cell

    lines = [f"# privcheck diff: `{cell(result.old_label)}` → `{cell(result.new_label)}`", ""]
    for checklist in result.checklists:
        sign = "+" if checklist.score_change > 0 else ""
        lines += [f"## {cell(checklist.title)} ({checklist.id})", "",
                  f"Score **{checklist.old_score:g} → {checklist.new_score:g}** ({sign}{checklist.score_change:g}), "
                  f"grade **{checklist.old_grade} → {checklist.new_grade}**", ""]
        shown, hidden = _listed(checklist.items, show_all)
        if shown:
            lines += ["| Change | Item | Severity | Before | After |", "|---|---|---|---|---|"]
        else:
            lines.append("No item changed.")
        for item in shown:
            mark = {"regressed": "❌ regressed", "improved": "✅ improved"}.get(item.change, _label(item))
            if item.note:
                mark = "ℹ️ note"
            lines.append(f"| {mark} | `{item.id}` {cell(item.title)} | {item.severity} | {_status(item.old)} | {_status(item.new)} |")
        notes = [i for i in shown if i.note]
        if notes:
            lines.append("")
            lines.extend(f"- `{i.id}`: {cell(i.note or '')}" for i in notes)
        if hidden:
            lines += ["", f"{hidden} unchanged item(s) not listed."]
        lines.append("")
    lines.append(f"**{_verdict(result)}**")
    return "\n".join(lines) + "\n"


DIFF_RENDERERS = {"text": diff_text, "json": diff_json, "markdown": diff_markdown}
