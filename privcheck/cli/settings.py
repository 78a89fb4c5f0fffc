"""Settings shared by `check` and `diff`: the discovered configuration and suppressions."""

from __future__ import annotations

import os
import sys

from typing import TYPE_CHECKING

import typer

from privcheck.cli.common import write_atomically
from privcheck.config import Config, discover, load_config
from privcheck.document.decoding import decode_bytes
from privcheck.errors import ConfigError, PrivcheckError
from privcheck.results import DocumentResult, UnusedSuppression
from privcheck.suggest import did_you_mean
from privcheck.suppressions import Suppression, apply_suppressions, inline_suppressions, unused

if TYPE_CHECKING:  # imported by the commands that check documents, not for --help
    from privcheck.checklist.model import Checklist
    from privcheck.document.model import Document


def find_config(config_file: str | None, isolated: bool) -> Config | None:
    """The configuration in force: `--config FILE`, else discovered, none with `--isolated`."""
    if config_file and isolated:
        raise ConfigError("--config and --isolated cannot be used together (--isolated ignores every configuration file)")
    if isolated:
        return None
    if config_file:
        return load_config(config_file)
    found = discover()
    return load_config(found) if found else None


class SuppressionSet:
    """Config suppressions plus the inline ones of each policy, applied as documents are checked."""

    def __init__(self, config: Config | None, enabled: bool) -> None:
        self.enabled = enabled
        self.from_config: list[Suppression] = config.suppressions() if config and enabled else []
        self.inline: list[Suppression] = []

    def apply(self, document: Document, result: DocumentResult, checklists: list[Checklist],
              data: bytes | None = None) -> None:
        """Apply suppressions to one result; `data` is the policy file's bytes, for inline comments."""
        if not self.enabled:
            return
        source = None
        if data is not None:
            source = decode_bytes(data, document.path, document.encoding)[0] if document.encoding else None
        own = inline_suppressions(document, source)
        self.inline.extend(own)
        apply_suppressions(result, own + self.from_config, checklists)

    def unused(self) -> list[UnusedSuppression]:
        return unused(self.from_config + self.inline)


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


def read_source(path: str) -> bytes | None:
    """The policy file's bytes (already read once by the loader), for inline suppressions."""
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError:
        return None
