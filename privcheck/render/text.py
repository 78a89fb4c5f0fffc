"""`--format text`: the terminal report, made with rich.

What needs work comes first: failed, partial and suppressed items are listed in full, each with
its fix (the model clause with its placeholders filled from what the policy states, as
`privcheck fix-draft` fills them), and the passes are summed up in one line per checklist.
`verbose` (`--show passes`, `-v`) lists every item, passes and not-applicable ones included.

Readable without colour (statuses are words, not only colours), in a narrow terminal (an item is a
block: its ID is never cut, the other text wraps under it) and when piped (no control codes unless
colour is asked for).
"""

from __future__ import annotations

import io

from rich.console import Console, Group
from rich.padding import Padding
from rich.panel import Panel
from rich.text import Text

from privcheck.drafts import LazyFacts, fix_text
from privcheck.excerpts import sentence_around
from privcheck.grading import grade_cap_note
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
ORDER = {Status.FAIL: 0, Status.PARTIAL: 1, Status.SUPPRESSED: 2, Status.PASS: 3, Status.NOT_APPLICABLE: 4}
SEVERITY_ORDER = {"required": 0, "conditional": 1}
NEEDS_WORK = (Status.FAIL, Status.PARTIAL, Status.SUPPRESSED)  # listed by default
INDENT = 11  # the body of an item block starts under its ID


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
            facts = LazyFacts(document)
            for note in document.notes:
                console.print(Text.assemble(("Note: ", "bold yellow"), f"{printable(document.path)}: {note}"))
            for checklist in document.checklists:
                self._checklist(console, document, checklist, facts)
        failing = report.failing_items()
        if failing:
            console.print(Text(f"{len(failing)} required item(s) failed.", style="bold red"))
        else:
            console.print(Text("No required item failed.", style="bold green"))
        return "\n".join(line.rstrip() for line in buffer.getvalue().split("\n"))

    def _checklist(self, console: Console, document: DocumentResult, checklist: ChecklistResult,
                   facts: LazyFacts) -> None:
        counts = checklist.counts()
        suppressed: list[str | tuple[str, str]] = [" · ", (f"suppressed {counts['suppressed']}", "magenta")]
        summary = Text.assemble(
            (printable(document.path), "bold"), "  ",
            (f"{checklist.title} ({checklist.id} {checklist.version})", ""), "\n",
            ("Score ", ""), (f"{checklist.score:.1f}/100", "bold"), ("   Grade ", ""),
            (checklist.grade, GRADE_STYLE.get(checklist.grade, "")), "   ",
            (f"pass {counts['pass']}", "green"), " · ", (f"partial {counts['partial']}", "yellow"), " · ",
            (f"fail {counts['fail']}", "red"), " · ", (f"n/a {counts['not_applicable']}", "dim"),
            *(suppressed if counts["suppressed"] else []),
            "   ", (f"language: {document.language}", "dim"),
        )
        note = grade_cap_note(checklist)
        if note:
            summary.append("\n")
            summary.append(note, style="yellow")
        console.print(Panel(summary, expand=True))
        items = sorted(checklist.items, key=lambda i: (ORDER[i.status], SEVERITY_ORDER.get(i.severity, 2)))
        shown = [i for i in items if self.verbose or i.status in NEEDS_WORK]
        for item in shown:
            self._item(console, item, document, facts)
        hidden = [i for i in items if not (self.verbose or i.status in NEEDS_WORK)]
        if hidden:
            passed = sum(1 for i in hidden if i.status is Status.PASS)
            not_applicable = len(hidden) - passed
            parts = ([f"{passed} passed"] if passed else []) + ([f"{not_applicable} not applicable"] if not_applicable else [])
            console.print(Text(f"{' and '.join(parts)}: not listed (--show passes lists them).", style="dim"))
        console.print()

    def _item(self, console: Console, item: ItemResult, document: DocumentResult, facts: LazyFacts) -> None:
        label, style = STATUS_STYLE[item.status]
        head = Text.assemble((label.ljust(INDENT - 1), style), " ", (item.id, "bold"), "  ", (item.severity, ""))
        # The ID is never cut; the reference takes what is left of the line (all of it with --show passes).
        room = console.width - head.cell_len - 3
        if self.verbose or len(item.reference) <= room:
            head.append_text(Text.assemble(" · ", (item.reference, "dim")))
        else:
            # Whole references only ("PIPL Art 28; …"), never a cut article number.
            parts = item.reference.split("; ")
            while parts and len("; ".join(parts)) + 3 > room:
                parts.pop()
            if parts:
                head.append_text(Text.assemble(" · ", ("; ".join(parts) + "; …", "dim")))
        console.print(head)
        body = self._finding(item, document, facts, console.width - INDENT)
        console.print(Padding(body, (0, 0, 0, INDENT), expand=False))

    def _finding(self, item: ItemResult, document: DocumentResult, facts: LazyFacts, room: int) -> Group:
        language = document.language
        message = Text.assemble((item.title, "italic"), ": ", item.message)
        parts: list[Text] = [message]
        if item.status in (Status.PASS, Status.PARTIAL) and item.evidence:
            evidence = item.evidence[0]
            if self.verbose:
                parts.append(_quoted(evidence, document.text))
            else:
                message.append(f" ({where(evidence)})", style="cyan")
        if item.status is Status.SUPPRESSED and item.suppression_reason:
            parts.append(Text(f"suppressed: {item.suppression_reason}", style="magenta"))
        if item.status in (Status.FAIL, Status.PARTIAL):
            fix = fix_text(item, language, facts)
            if fix:
                # A line's worth of characters by default (`privcheck fix-draft` gives every clause
                # whole); all of it with --show passes.
                limit = None if self.verbose else max(room - 5, 30)
                parts.append(Text(f"Fix: {_short(fix, limit) if limit else fix}", style="green"))
        return Group(*parts)


def _quoted(evidence: Evidence, text: str | None) -> Text:
    """Where the evidence is and the sentence it stands in, the evidence itself in bold."""
    quote = Text(f"{where(evidence)}: “", style="cyan")
    if text is None or evidence.start is None or evidence.end is None:
        quote.append(_short(evidence.text))
    else:
        before, middle, after = sentence_around(text, evidence.start, evidence.end)
        quote.append(before)
        quote.append(middle, style="bold cyan")
        quote.append(after)
    quote.append("”")
    return quote


def where(evidence: Evidence) -> str:
    """Where evidence is, as a reader finds it (see `Evidence.place`)."""
    return evidence.place()


def _short(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
