"""Commands about checklists: list, explain, validate, test, schema, matchers."""

from __future__ import annotations

import json
from typing import Annotated, Optional

import typer
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from privcheck.checklist import bundled_ids, json_schema, load_checklist
from privcheck.checklist.model import Checklist, CompiledItem
from privcheck.checklist.selftest import run_examples
from privcheck.cli.common import EXIT_GATE, guarded, stdout_console, use_color
from privcheck.errors import PrivcheckError
from privcheck.explain import describe_item
from privcheck.suggest import did_you_mean
from privcheck.matchers import REGISTRY


def _console() -> Console:
    color = use_color(None)
    return stdout_console(no_color=not color, force_terminal=color, highlight=False)


@guarded
def checklists(
    checklist: Annotated[Optional[str], typer.Argument(help="A checklist ID or file: list its items.")] = None,
) -> None:
    """List the bundled checklists, or the items of one checklist.

    Examples:

      privcheck checklists

      privcheck checklists pipl
    """
    console = _console()
    if checklist is None:
        table = Table("ID", "Title", "Version", "Items", title="Bundled checklists")
        for reference in bundled_ids():
            loaded = load_checklist(reference)
            table.add_row(loaded.id, loaded.title, loaded.version, str(len(loaded.items)))
        console.print(table)
        console.print("Use `privcheck checklists ID` to list the items of one.")
        return
    loaded = load_checklist(checklist)
    rows = []
    for item in loaded.items:
        severity = item.severity.value + (" (when triggered)" if item.is_conditional and item.severity.value != "conditional" else "")
        rows.append((item.id, severity, item.spec.title, item.spec.reference))
    title = f"{loaded.title} ({loaded.id} {loaded.version})"
    id_width = max((len(row[0]) for row in rows), default=2)
    # IDs are copied into `explain` and suppressions, so they are never cut: in a narrow terminal
    # each item is a block (its ID whole on the first line, the rest wrapped under it).
    if console.width < id_width + 72:
        console.print(Text(title, style="bold"))
        for item_id, severity, item_title, reference in rows:
            console.print(Text.assemble((item_id, "bold"), "  ", severity))
            console.print(Padding(Group(Text(item_title), Text(reference, style="dim")), (0, 0, 0, 4)))
        return
    table = Table(title=title)
    table.add_column("ID", no_wrap=True, min_width=id_width)
    table.add_column("Severity")
    table.add_column("Title", ratio=1)
    table.add_column("Reference", ratio=1)
    for row in rows:
        table.add_row(*row)
    console.print(table)


def find_item(item_id: str, references: list[str]) -> tuple[Checklist, CompiledItem]:
    wanted = item_id.upper()
    known: list[str] = []
    for reference in references:
        loaded = load_checklist(reference)
        for item in loaded.items:
            if item.id.upper() == wanted:
                return loaded, item
            known.append(item.id)
    raise PrivcheckError(f"no item {item_id!r} in {', '.join(references)}{did_you_mean(item_id, known)} "
                         f"(see `privcheck checklists ID`)")


@guarded
def explain(
    item_id: Annotated[str, typer.Argument(help="An item ID, e.g. PIPL-RESPONSE-TIME.", metavar="ID")],
    checklist: Annotated[Optional[list[str]], typer.Option("--checklist", "-c", help="Look in these checklists (default: bundled).")] = None,
) -> None:
    """Explain a requirement: what the law asks, the reference, threshold, examples and a model clause.

    Example:

      privcheck explain PIPL-RESPONSE-TIME
    """
    loaded, item = find_item(item_id, checklist or bundled_ids())
    _console().print(explain_page(loaded, item))


def explain_page(loaded: Checklist, item: CompiledItem) -> Group:
    """The `explain` page as Rich renderables. Checklist text is shown as plain Text, never as
    markup, so placeholders such as "[email]" stay visible."""
    spec = item.spec
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column()
    facts.add_row("Checklist", Text(f"{loaded.title} ({loaded.id} {loaded.version})"))
    severity = spec.severity.value + (" — applies only when the policy triggers it" if item.is_conditional else "")
    facts.add_row("Severity", Text(f"{severity} (weight {item.weight:g})"))
    facts.add_row("Reference", Text(spec.reference))
    facts.add_row("Threshold", Text(spec.threshold or "none: the disclosure itself is what counts"))
    parts: list[RenderableType] = [
        Panel(facts, title=Text(f"{spec.id} — {spec.title}", style="bold"), title_align="left", border_style="blue"),
    ]

    def section(title: str, body: RenderableType) -> None:
        parts.append(Text(""))
        parts.append(Rule(Text(title, style="bold"), align="left", style="blue"))
        parts.append(body)

    if spec.description:
        section("What the law requires", Text(" ".join(spec.description.split())))
    checks: list[RenderableType] = []
    for part in describe_item(item, loaded.vocabularies):
        checks.append(Text(part.label + ":", style="bold"))
        for line in part.lines:
            bullet = Table.grid()
            bullet.add_column(width=2 * (line.depth + 1) + 2, no_wrap=True)
            bullet.add_column(ratio=1, overflow="fold")
            bullet.add_row(Text("  " * (line.depth + 1) + "• "), Text(line.text, overflow="fold"))
            checks.append(bullet)
    section("What the check looks for", Group(*checks))
    if spec.note:
        section("Note", Text(" ".join(spec.note.split()), style="italic"))
    examples = Table.grid(padding=(0, 1))
    examples.add_column(no_wrap=True)
    examples.add_column(overflow="fold")
    for sentence in spec.examples.pass_:
        examples.add_row(Text("✓ passes", style="green"), Text(sentence))
    for sentence in spec.examples.fail:
        examples.add_row(Text("✗ does not pass", style="red"), Text(sentence))
    if spec.examples.pass_ or spec.examples.fail:
        section("Examples", examples)
    for language, name in (("en", "Model clause (English)"), ("zh", "Model clause (Chinese)")):
        text = getattr(spec.remediation, language)
        if text:
            clause = " ".join(text.split()) if language == "en" else "".join(line.strip() for line in text.splitlines())
            section(name, Panel(Text(clause), border_style="dim"))
    if spec.remediation.en or spec.remediation.zh:
        parts.append(Text("Replace what is in [brackets]; `privcheck fix-draft POLICY` fills in what your policy already states.",
                          style="dim"))
    return Group(*parts)


@guarded
def validate(
    files: Annotated[list[str], typer.Argument(help="Checklist YAML files (or bundled IDs).", metavar="CHECKLIST...")],
) -> None:
    """Validate checklists: YAML syntax, keys, matchers and regular expressions.

    Prints file:line:column and what was expected for the first problem; exit 2 when invalid.

    Example:

      privcheck validate my-checklist.yaml
    """
    for reference in files:
        loaded = load_checklist(reference, use_cache=False)  # read and validated afresh
        examples = sum(len(i.spec.examples.pass_) + len(i.spec.examples.fail) for i in loaded.items)
        typer.echo(f"{reference}: ok ({loaded.id} {loaded.version}: {len(loaded.items)} items, {examples} examples)")


@guarded
def test(
    files: Annotated[list[str], typer.Argument(help="Checklist YAML files or bundled IDs.", metavar="CHECKLIST...")],
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List every example, not only failures.")] = False,
) -> None:
    """Run every item's pass and fail examples; exit 1 if any example gives the wrong result.

    A `pass` example must get status pass; a `fail` example must get anything else.

    Example:

      privcheck test my-checklist.yaml
    """
    failures = 0
    for reference in files:
        loaded = load_checklist(reference)
        results = run_examples(loaded)
        bad = [r for r in results if not r.ok]
        failures += len(bad)
        for result in results if verbose else bad:
            mark = "ok  " if result.ok else "FAIL"
            typer.echo(f"{mark} {result.item_id}: expected {result.expected}, got {result.status.value}: {result.sentence}")
            if not result.ok:
                typer.echo(f"     {result.message}")
        without = [i.id for i in loaded.items if not i.spec.examples.pass_ or not i.spec.examples.fail]
        typer.echo(f"{reference}: {len(results) - len(bad)} of {len(results)} examples as expected"
                   + (f"; items without both pass and fail examples: {', '.join(without)}" if without else ""))
    if failures:
        raise typer.Exit(EXIT_GATE)


@guarded
def schema() -> None:
    """Print the JSON Schema of the checklist format (for editor autocompletion).

    Example:

      privcheck schema > checklist.schema.json
    """
    typer.echo(json.dumps(json_schema(), indent=2, ensure_ascii=False))


@guarded
def matchers(
    kind: Annotated[Optional[str], typer.Argument(help="One matcher kind.")] = None,
) -> None:
    """Describe the matcher kinds a checklist can use.

    Example:

      privcheck matchers duration
    """
    from privcheck.matchers.options import option_lines

    kinds = [kind] if kind else list(REGISTRY)
    seen: set[str] = set()
    for name in kinds:
        if name not in REGISTRY:
            raise PrivcheckError(f"unknown matcher {name!r}{did_you_mean(name, list(REGISTRY))} (known: {', '.join(REGISTRY)})")
        doc = (REGISTRY[name].doc or "").strip()
        if doc not in seen:
            seen.add(doc)
            typer.echo(doc + "\n")
        options = option_lines(REGISTRY[name])
        if options:
            typer.echo(f"Options of {name}:\n" + "\n".join(options) + "\n")
