"""The command line: parse options, call the library, render, map outcomes to exit codes.

Each command lives in its own module; this table is where they are registered.
"""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from privcheck import __version__
from privcheck.cli import check as check_module
from privcheck.cli import checklists as checklist_commands
from privcheck.cli import fix_draft as fix_draft_module
from privcheck.cli import ci as ci_commands

app = typer.Typer(
    name="privcheck",
    help="Check privacy policies against PIPL and GDPR disclosure checklists.\n\n"
    "Start with: privcheck check POLICY   (see privcheck check --help)",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

COMMANDS = [
    ("check", check_module.check),
    ("checklists", checklist_commands.checklists),
    ("explain", checklist_commands.explain),
    ("validate", checklist_commands.validate),
    ("test", checklist_commands.test),
    ("schema", checklist_commands.schema),
    ("matchers", checklist_commands.matchers),
    ("fix-draft", fix_draft_module.fix_draft),
    ("diff", ci_commands.diff),
    ("init", ci_commands.init),
]

for name, function in COMMANDS:
    app.command(name)(function)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"privcheck {__version__}")
        raise typer.Exit(0)


@app.callback()
def root(
    version: Annotated[Optional[bool], typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")] = None,
) -> None:
    """Check privacy policies against PIPL and GDPR disclosure checklists."""


def main() -> None:
    app()
