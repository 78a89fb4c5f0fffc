"""The command line: parse options, call the library, render, map outcomes to exit codes.

Each command lives in its own module; this table is where they are registered. A command may be
registered as "module:function", which is imported only when that command runs (or for --help),
so `privcheck --version` and a single command start fast.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from importlib import import_module
from typing import Any

from privcheck import __version__

COMMANDS: list[tuple[str, Callable[..., Any] | str]] = [
    ("check", "privcheck.cli.check:check"),
    ("checklists", "privcheck.cli.checklists:checklists"),
    ("explain", "privcheck.cli.checklists:explain"),
    ("validate", "privcheck.cli.checklists:validate"),
    ("test", "privcheck.cli.checklists:test"),
    ("schema", "privcheck.cli.checklists:schema"),
    ("matchers", "privcheck.cli.checklists:matchers"),
    ("fix-draft", "privcheck.cli.fix_draft:fix_draft"),
    ("diff", "privcheck.cli.ci:diff"),
    ("init", "privcheck.cli.ci:init"),
    ("scan", "privcheck.cli.scan:scan"),
]

# What `privcheck --help` lists for each command: the first paragraph of the command's docstring
# (tests/test_startup.py keeps the two equal), so the list is printed without importing any command.
SUMMARIES: dict[str, str] = {
    "check": "Check privacy policies against checklists and print a graded report.",
    "checklists": "List the bundled checklists, or the items of one checklist.",
    "explain": "Explain a requirement: what the law asks, the reference, threshold, examples and a model clause.",
    "validate": "Validate checklists: YAML syntax, keys, matchers and regular expressions.",
    "test": "Run every item's pass and fail examples; exit 1 if any example gives the wrong result.",
    "schema": "Print the JSON Schema of the checklist format (for editor autocompletion).",
    "matchers": "Describe the matcher kinds a checklist can use.",
    "fix-draft": "Draft a clause for every failed or partial item, in the policy's language, as Markdown.",
    "diff": "Compare two versions of a policy: which items regressed or improved, and the score change.",
    "init": "Write a commented starter configuration (.privcheck.yaml); never overwrites a file.",
    "scan": "Check many policies in parallel and record one line per document.",
}

HELP = ("Check privacy policies against PIPL and GDPR disclosure checklists.\n\n"
        "Start with: privcheck check POLICY   (see privcheck check --help)")


def _resolve(target: Callable[..., Any] | str) -> Callable[..., Any]:
    if callable(target):
        return target
    module, _, name = target.partition(":")
    return getattr(import_module(module), name)


def _summary_only(name: str) -> Callable[..., Any]:
    """A stand-in for a command in the list of `privcheck --help`: its summary, nothing to import."""

    def command() -> None:
        _resolve(dict(COMMANDS)[name])()

    command.__doc__ = SUMMARIES[name]
    return command


def build_app(only: str | None = None, listing: bool = False) -> Any:
    """The Typer application with every command, or only the named one (when it is known).

    With `listing`, the commands are stand-ins that only give their summaries (for the top-level
    help, which then imports no command module).
    """
    import typer

    app = typer.Typer(
        name="privcheck", help=HELP, no_args_is_help=True, add_completion=False,
        pretty_exceptions_enable=False, rich_markup_mode=None,
    )
    names = [name for name, _ in COMMANDS]
    for name, target in COMMANDS:
        if listing:
            app.command(name)(_summary_only(name))
        elif only is None or only not in names or name == only:
            app.command(name)(_resolve(target))

    def _version(value: bool) -> None:
        if value:
            typer.echo(f"privcheck {__version__}")
            raise typer.Exit(0)

    @app.callback()
    def root(
        version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version and exit."),
    ) -> None:
        """Check privacy policies against PIPL and GDPR disclosure checklists."""

    return app


def __getattr__(name: str) -> Any:
    # `from privcheck.cli import app` (tests, embedding) gets the application with every command.
    if name == "app":
        app = build_app()
        globals()["app"] = app
        return app
    raise AttributeError(name)


def main() -> None:
    try:
        _run(sys.argv[1:])
        sys.stdout.flush()  # inside the try: a reader that went away shows here
    except BrokenPipeError:
        from privcheck.cli.pipes import quiet_broken_pipe

        quiet_broken_pipe()
    except SystemExit as exit:
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            from privcheck.cli.pipes import quiet_broken_pipe

            quiet_broken_pipe()
        raise exit


def _run(arguments: list[str]) -> None:
    if arguments == ["--version"]:
        # The fast path: no Typer, Rich or checklist machinery to import.
        sys.stdout.write(f"privcheck {__version__}\n")
        return
    from privcheck.cli.startup import pause_gc

    pause_gc()  # until the command starts
    command = next((a for a in arguments if not a.startswith("-")), None)
    # Without a command word (`privcheck`, `privcheck --help`) only the list of commands is shown.
    build_app(only=command, listing=command is None)()
