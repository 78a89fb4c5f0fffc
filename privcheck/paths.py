"""Paths as CI tools want them: relative to the repository root, with forward slashes.

Fingerprints, SARIF locations and GitHub annotations all need the same spelling of a policy's
path whatever the working directory, so that a finding keeps its identity between runs.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath


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
