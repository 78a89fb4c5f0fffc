"""Typed errors. Library code raises these; the command line turns them into exit code 2."""

from __future__ import annotations

from dataclasses import dataclass


class PrivcheckError(Exception):
    """Anything that stops a check from running: the message is shown to the user as is."""


class DocumentError(PrivcheckError):
    """A policy file that cannot be read: missing, empty, binary, undecodable, too large."""

    def __init__(self, path: str, problem: str) -> None:
        from privcheck.paths import printable

        self.path = path
        self.problem = problem
        super().__init__(f"{printable(path)}: {problem}")


@dataclass(frozen=True)
class SourceMark:
    """A 1-based position in a YAML file."""

    path: str
    line: int
    column: int

    def __str__(self) -> str:
        from privcheck.paths import printable

        return f"{printable(self.path)}:{self.line}:{self.column}"


class ChecklistError(PrivcheckError):
    """A checklist that cannot be used: YAML syntax, schema, unknown matcher, bad regex."""

    def __init__(self, problem: str, mark: SourceMark | None = None, path: str | None = None) -> None:
        self.problem = problem
        self.mark = mark
        where = str(mark) if mark else (path or "<checklist>")
        super().__init__(f"{where}: {problem}")


class MatcherTimeout(PrivcheckError):
    """A user regular expression ran longer than allowed on a document."""


class ConfigError(PrivcheckError):
    """A configuration file that cannot be used: YAML/TOML syntax, unknown keys, bad values."""


class SuppressionError(PrivcheckError):
    """A suppression that cannot be honoured, such as one without a reason."""


class GitError(PrivcheckError):
    """A file that cannot be read from git: not a repository, unknown revision or path."""
