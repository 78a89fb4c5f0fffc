"""Paths as CI tools want them: relative to the repository root, with forward slashes.

Fingerprints, SARIF locations and GitHub annotations all need the same spelling of a policy's
path whatever the working directory, so that a finding keeps its identity between runs.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: str) -> str:
    """`text` with control characters escaped (`\\n`, `\\x1b`, `\\u2028`), for one line of a terminal
    or a CI log: a file name holding a newline or an escape sequence cannot forge a line or a
    colour. Other characters, Chinese included, are kept."""
    if text.isprintable():
        return text
    out = []
    for char in text:
        if char.isprintable() or char == " ":
            out.append(char)
        elif char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x100:
            out.append(f"\\x{ord(char):02x}")
        else:
            out.append(f"\\u{ord(char):04x}")
    return "".join(out)


def repository_root(start: str | os.PathLike[str] | None = None) -> Path | None:
    """The nearest folder at or above `start` that holds a `.git` entry, or None."""
    current = Path(start or os.getcwd()).resolve()
    if current.is_file():
        current = current.parent
    for folder in (current, *current.parents):
        if (folder / ".git").exists():
            return folder
    return None


def normalised_path(path: str) -> str:
    """`path` relative to the repository root (else the working directory), with '/' separators.

    Pseudo-paths such as `<stdin>` are returned unchanged; a path outside both is made absolute.
    """
    if path.startswith("<"):
        return path
    absolute = Path(path).resolve()
    for base in (repository_root(absolute.parent), Path.cwd().resolve()):
        if base is None:
            continue
        try:
            return PurePosixPath(absolute.relative_to(base)).as_posix()
        except ValueError:
            continue
    return absolute.as_posix()
