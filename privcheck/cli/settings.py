"""What the commands share around the pipeline (privcheck.run): warnings, output, exit codes."""

from __future__ import annotations

import os
import sys

from typing import TYPE_CHECKING

import typer

from privcheck.cli.common import EXIT_GATE, EXIT_OK, display_path, write_atomically
from privcheck.errors import PrivcheckError
from privcheck.results import UnusedSuppression
from privcheck.suggest import did_you_mean

if TYPE_CHECKING:
    from privcheck.gates import GateOutcome


def warn_unused(entries: list[UnusedSuppression], known_ids: list[str] | None = None) -> None:
    """Warn of each unused suppression; one of an ID no checklist has gets a "did you mean"."""
    known = {i.upper() for i in known_ids or []}
    for entry in entries:
        if known_ids is not None and entry.id.upper() not in known:
            typer.echo(f"privcheck: warning: {entry.source}: unused suppression of {entry.id}: no checked item has "
                       f"this ID{did_you_mean(entry.id, known_ids)} (correct or remove the suppression)", err=True)
            continue
        typer.echo(f"privcheck: warning: {entry.source}: unused suppression of {entry.id}: the item passes, "
                   "does not apply or does not exist (remove the suppression)", err=True)


def resolve_format(name: str) -> str:
    """`auto` is `github` inside GitHub Actions, else `text`."""
    if name == "auto":
        return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    return name


def emit(content: str, target: str | None) -> None:
    """Write to a file whole (or not at all), or to standard output for None or '-'."""
    if target and target != "-":
        write_atomically(target, content)
    else:
        sys.stdout.write(content)
        sys.stdout.flush()


def require(condition: bool, message: str) -> None:
    if not condition:
        raise PrivcheckError(message)


def gate_exit(outcome: GateOutcome, exit_zero: bool) -> int:
    """Say on stderr why the gates failed (if they did) and give the exit code: 1, or 0 with --exit-zero."""
    if not outcome.passed:
        for failure in outcome.failures:
            typer.echo(f"privcheck: {display_path(failure.document.path)}: {failure.reason}", err=True)
        typer.echo(f"privcheck: {outcome.summary()}" + (" (--exit-zero: exit 0)" if exit_zero else ""), err=True)
        return EXIT_OK if exit_zero else EXIT_GATE
    if outcome.in_baseline:
        typer.echo(f"privcheck: {outcome.summary()}", err=True)
    return EXIT_OK
