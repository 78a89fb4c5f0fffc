"""`--format markdown`: a GitHub-flavoured Markdown report for a pull-request comment or
`$GITHUB_STEP_SUMMARY`: per document and checklist the score and grade, a table of what needs
attention, and the passed items folded away.
"""

from __future__ import annotations

from privcheck.drafts import LazyFacts, fix_text
from privcheck.grading import grade_cap_note
from privcheck.paths import normalised_path, printable
from privcheck.render.base import Renderer
from privcheck.results import ChecklistResult, DocumentResult, ItemResult, Report, Status

LABEL = {Status.PASS: "✅ pass", Status.PARTIAL: "🟡 partial", Status.FAIL: "❌ fail",
         Status.NOT_APPLICABLE: "➖ n/a", Status.SUPPRESSED: "🔕 suppressed"}
ORDER = {Status.FAIL: 0, Status.PARTIAL: 1, Status.SUPPRESSED: 2, Status.PASS: 3, Status.NOT_APPLICABLE: 4}


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return " ".join(text.split()).replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


class MarkdownRenderer(Renderer):
    name = "markdown"

    def render(self, report: Report) -> str:
        out: list[str] = ["# privcheck report", ""]
        for document in report.documents:
            facts = LazyFacts(document)
            for checklist in document.checklists:
                out.extend(self._checklist(document, checklist, facts))
        failing = report.failing_items()
        out.append(f"**{len(failing)} required item(s) failed.**" if failing else "**No required item failed.**")
        if report.unused_suppressions:
            out += ["", "Unused suppressions:", ""]
            out += [f"- `{u.id}` ({cell(u.source)}): {cell(u.reason)}" for u in report.unused_suppressions]
        return "\n".join(out) + "\n"

    def _checklist(self, document: DocumentResult, checklist: ChecklistResult, facts: LazyFacts) -> list[str]:
        counts = checklist.counts()
        note = grade_cap_note(checklist)
        lines = [
            f"## `{cell(printable(normalised_path(document.path)))}`: {cell(checklist.title)} ({checklist.id} {checklist.version})",
            "",
            f"**Score {checklist.score:.1f}/100 · Grade {checklist.grade}** · pass {counts['pass']} · "
            f"partial {counts['partial']} · fail {counts['fail']} · n/a {counts['not_applicable']}"
            + (f" · suppressed {counts['suppressed']}" if counts["suppressed"] else "")
            + (f" ({note})" if note else ""),
            "",
        ]
        items = sorted(checklist.items, key=lambda i: ORDER[i.status])
        attention = [i for i in items if i.status in (Status.FAIL, Status.PARTIAL, Status.SUPPRESSED)]
        if attention:
            lines += ["| Status | Item | Severity | Finding | Reference |", "|---|---|---|---|---|"]
            lines += [self._row(item, document.language, facts) for item in attention]
            lines.append("")
        passed = [i for i in items if i.status is Status.PASS or (self.verbose and i.status is Status.NOT_APPLICABLE)]
        if passed:
            lines += [f"<details><summary>{len(passed)} other item(s)</summary>", "",
                      "| Status | Item | Severity | Finding | Reference |", "|---|---|---|---|---|"]
            lines += [self._row(item, document.language, facts) for item in passed]
            lines += ["", "</details>", ""]
        return lines

    def _row(self, item: ItemResult, language: str, facts: LazyFacts) -> str:
        finding = item.message
        if item.status is Status.SUPPRESSED:
            finding = f"Suppressed: {item.suppression_reason}"
        elif item.evidence and item.status is not Status.FAIL:
            finding += f" (line {item.evidence[0].line})"
        if item.status in (Status.FAIL, Status.PARTIAL):
            fix = fix_text(item, language, facts)
            if fix:
                finding += f" Fix: {fix}"
        return (f"| {LABEL[item.status]} | `{item.id}` {cell(item.title)} | {item.severity} | "
                f"{cell(finding)} | {cell(item.reference)} |")
