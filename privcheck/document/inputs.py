"""Turning the paths given on the command line into the policy files to check.

A file is checked whatever its name. A directory is searched recursively, in sorted order, for
files matching the `include` globs (default: the supported extensions) and not matching the
`exclude` globs (default: nothing; hidden files and folders, such as `.git`, are always skipped).
Globs are matched against the path relative to the directory (`legal/*.md`, `**/drafts/*`) and
against the file name alone (`*.md`). `-` stands for standard input. The other files of a
directory are not silently dropped: each is reported as skipped, with the reason (not a
supported format, or excluded by a glob); hidden files are skipped without a word.
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
    skipped: str | None = None  # a file of a directory that is not checked, and why (path is set)


def _matches(relative: str, patterns: tuple[str, ...]) -> bool:
    name = relative.rsplit("/", 1)[-1]
    for pattern in patterns:
        if fnmatch.fnmatch(name.lower(), pattern.lower()) or fnmatch.fnmatch(relative, pattern):
            return True
        if pattern.startswith("**/") and fnmatch.fnmatch(relative, pattern[3:]):
            return True
    return False


def find_policies(directory: str, include: tuple[str, ...] = (), exclude: tuple[str, ...] = (),
                  skipped: list[tuple[str, str]] | None = None) -> list[str]:
    """Policy files under `directory`, sorted, filtered by the globs.

    The files left out (hidden ones aside) go into `skipped` as (path, reason).
    """
    given_include = include
    include = include or DEFAULT_INCLUDE
    found: list[str] = []
    for root, folders, files in os.walk(directory, onerror=None, followlinks=False):
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            full = os.path.join(root, name)
            relative = os.path.relpath(full, directory).replace(os.sep, "/")
            if not _matches(relative, include):
                if skipped is not None:
                    extension = os.path.splitext(name)[1].lower() or "no extension"
                    reason = (f"does not match --include {' '.join(given_include)}" if given_include
                              else f"not a supported policy format ({extension}; give the file by name, "
                              "or --include, to check it)")
                    skipped.append((full, reason))
            elif _matches(relative, exclude):
                if skipped is not None:
                    skipped.append((full, "excluded by --exclude"))
            elif os.path.isfile(full):
                found.append(full)
            elif skipped is not None:
                skipped.append((full, "not a regular file"))
    return found


def expand_inputs(paths: list[str], include: tuple[str, ...] = (), exclude: tuple[str, ...] = ()) -> Iterator[PolicyInput]:
    """Each policy file the paths stand for, in order; an error for a path that gives none."""
    for path in paths:
        if path == "-" or not os.path.isdir(path):
            yield PolicyInput(path=path)  # a missing file is reported when it is read
            continue
        left_out: list[tuple[str, str]] = []
        policies = find_policies(path, include, exclude, left_out)
        if not policies:
            looked_for = ", ".join(include or DEFAULT_INCLUDE)
            excluding = f", excluding {', '.join(exclude)}" if exclude else ""
            others = f"{len(left_out)} other file(s) skipped; " if left_out else ""
            yield PolicyInput(error=DocumentError(
                path, f"is a directory with no policy files ({others}looked for {looked_for}{excluding}; change with --include)"
            ))
            continue
        for skipped_path, reason in left_out:
            yield PolicyInput(path=skipped_path, skipped=reason)
        for policy in policies:
            yield PolicyInput(path=policy)
