"""`--format text`: the terminal report, made with rich.

Readable without colour (statuses are words, not only colours), in a narrow terminal (columns
wrap; evidence goes under the item) and when piped (no control codes unless colour is asked for).
"""

from __future__ import annotations

import io

from rich.console import Console, Group
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from privcheck.paths import printable
from privcheck.render.base import Renderer
from privcheck.results import ChecklistResult, DocumentResult, Evidence, ItemResult, Report, Status

STATUS_STYLE = {
    Status.PASS: ("PASS", "bold green"),
    Status.PARTIAL: ("PARTIAL", "bold yellow"),
    Status.FAIL: ("FAIL", "bold red"),
    Status.NOT_APPLICABLE: ("N/A", "dim"),
    Status.SUPPRESSED: ("SUPPRESSED", "magenta"),
}
GRADE_STYLE = {"A": "bold green", "B": "green", "C": "yellow", "D": "red", "F": "bold red"}
NARROW = 90  # below this many columns items are listed as blocks instead of a table
SEVERITY_LABEL = {"required": "required", "conditional": "conditional", "recommended": "recommended"}


def status_text(status: Status) -> Text:
    label, style = STATUS_STYLE[status]
    return Text(label, style=style)


class TextRenderer(Renderer):
    name = "text"

    def render(self, report: Report) -> str:
        buffer = io.StringIO()
        console = Console(
            file=buffer, width=self.width or 100, color_system="standard" if self.color else None,
            force_terminal=self.color, no_color=not self.color, highlight=False, soft_wrap=False,
        )
        for document in report.documents:
            for note in document.notes:
                console.print(Text.assemble(("Note: ", "bold yellow"), f"{printable(document.path)}: {note}"))
            for checklist in document.checklists:
                self._checklist(console, document, checklist)
        failing = report.failing_items()
        if failing:
            console.print(Text(f"{len(failing)} required item(s) failed.", style="bold red"))
        else:
            console.print(Text("No required item failed.", style="bold green"))
        return buffer.getvalue()

    def _checklist(self, console: Console, document: DocumentResult, checklist: ChecklistResult) -> None:
        counts = checklist.counts()
        summary = Text.assemble(
            (printable(document.path), "bold"), "  ",
            (f"{checklist.title} ({checklist.id} {checklist.version})", ""), "\n",
            ("Score ", ""), (f"{checklist.score:.1f}/100", "bold"), ("   Grade ", ""),
            (checklist.grade, GRADE_STYLE.get(checklist.grade, "")), "   ",
            (f"pass {counts['pass']}", "green"), " · ", (f"partial {counts['partial']}", "yellow"), " · ",
            (f"fail {counts['fail']}", "red"), " · ", (f"n/a {counts['not_applicable']}", "dim"),
            *( [" · ", (f"suppressed {counts['suppressed']}", "magenta")] if counts["suppressed"] else []),
            "   ", (f"language: {document.language}", "dim"),
        )
        console.print(Panel(summary, expand=True))
        order = {Status.FAIL: 0, Status.PARTIAL: 1, Status.PASS: 2, Status.SUPPRESSED: 3, Status.NOT_APPLICABLE: 4}
        items = sorted(checklist.items, key=lambda i: (order[i.status], {"required": 0, "conditional": 1}.get(i.severity, 2)))
        shown = [i for i in items if self.verbose or i.status is not Status.NOT_APPLICABLE]
        if console.width < NARROW:
            # Stacked blocks: IDs and statuses stay whole however narrow the terminal.
            for item in shown:
                console.print(Text.assemble(status_text(item.status), "  ", (item.id, "bold"), f"  ({item.severity})"))
                console.print(Padding(self._finding(item, document.language), (0, 0, 0, 6)))
                console.print()
        else:
            id_width = max((len(i.id) for i in shown), default=4)
            table = Table(show_header=True, header_style="bold", expand=True, show_lines=False, pad_edge=False)
            table.add_column("Status", no_wrap=True, min_width=10)
            table.add_column("Item", no_wrap=True, min_width=id_width)
            table.add_column("Severity", no_wrap=True, min_width=11)
            table.add_column("Finding", ratio=1, overflow="fold")  # fold: a run of Chinese has no spaces to wrap at
            for item in shown:
                table.add_row(status_text(item.status), Text(item.id, style="bold"),
                              SEVERITY_LABEL.get(item.severity, item.severity), self._finding(item, document.language))
            console.print(table)
        hidden = counts["not_applicable"]
        if hidden and not self.verbose:
            console.print(Text(f"{hidden} not-applicable item(s) hidden (--verbose shows them).", style="dim"))
        console.print()

    def _finding(self, item: ItemResult, language: str) -> Group:
        parts: list[Text] = [Text(item.title, style="italic"), Text(item.message)]
        if item.status in (Status.PASS, Status.PARTIAL) and item.evidence:
            evidence = item.evidence[0]
            parts.append(Text(f"{where(evidence)}: “{_short(evidence.text)}”", style="cyan"))
        if item.status is Status.SUPPRESSED and item.suppression_reason:
            parts.append(Text(f"suppressed: {item.suppression_reason}", style="magenta"))
        if item.status in (Status.FAIL, Status.PARTIAL):
            fix = item.fix(language)
            if fix:
                parts.append(Text(f"Fix: {_short(fix, 220)}", style="green"))
        parts.append(Text(item.reference, style="dim"))
        return Group(*parts)


def where(evidence: Evidence) -> str:
    """Where evidence is, as a reader finds it (see `Evidence.place`)."""
    return evidence.place()


def _short(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
