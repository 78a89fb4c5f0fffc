"""Turning the paths given on the command line into the policy files to check.

A file is checked whatever its name. A directory is searched recursively, in sorted order, for
files matching the `include` globs (default: the supported extensions) and not matching the
`exclude` globs (default: nothing; hidden files and folders, such as `.git`, are always skipped).
Globs are matched against the path relative to the directory (`legal/*.md`, `**/drafts/*`) and
against the file name alone (`*.md`). `-` stands for standard input.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterator
from dataclasses import dataclass

from privcheck.document.loaders import EXTENSIONS
from privcheck.errors import DocumentError

DEFAULT_INCLUDE = tuple(f"*{extension}" for extension in EXTENSIONS)


@dataclass(frozen=True)
class PolicyInput:
    """One policy to check (`path`), or an input that gave none (`error`)."""

    path: str | None = None
    error: DocumentError | None = None


def _matches(relative: str, patterns: tuple[str, ...]) -> bool:
    name = relative.rsplit("/", 1)[-1]
    for pattern in patterns:
        if fnmatch.fnmatch(name.lower(), pattern.lower()) or fnmatch.fnmatch(relative, pattern):
            return True
        if pattern.startswith("**/") and fnmatch.fnmatch(relative, pattern[3:]):
            return True
    return False


def find_policies(directory: str, include: tuple[str, ...] = (), exclude: tuple[str, ...] = ()) -> list[str]:
    """Policy files under `directory`, sorted, filtered by the globs."""
    include = include or DEFAULT_INCLUDE
    found: list[str] = []
    for root, folders, files in os.walk(directory, onerror=None, followlinks=False):
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            full = os.path.join(root, name)
            relative = os.path.relpath(full, directory).replace(os.sep, "/")
            if _matches(relative, include) and not _matches(relative, exclude) and os.path.isfile(full):
                found.append(full)
    return found


def expand_inputs(paths: list[str], include: tuple[str, ...] = (), exclude: tuple[str, ...] = ()) -> Iterator[PolicyInput]:
    """Each policy file the paths stand for, in order; an error for a path that gives none."""
    for path in paths:
        if path == "-" or not os.path.isdir(path):
            yield PolicyInput(path=path)  # a missing file is reported when it is read
            continue
        policies = find_policies(path, include, exclude)
        if not policies:
            looked_for = ", ".join(include or DEFAULT_INCLUDE)
            excluding = f", excluding {', '.join(exclude)}" if exclude else ""
            yield PolicyInput(error=DocumentError(
                path, f"is a directory with no policy files (looked for {looked_for}{excluding}; change with --include)"
            ))
            continue
        for policy in policies:
            yield PolicyInput(path=policy)
