"""privcheck's per-user cache folder, and reading and writing files in it safely.

Where: `$PRIVCHECK_CACHE_DIR` if set, else the platform's user cache folder
(`$XDG_CACHE_HOME/privcheck` or `~/.cache/privcheck` on Linux, `~/Library/Caches/privcheck` on
macOS, `%LOCALAPPDATA%\\privcheck\\Cache` on Windows). Set `PRIVCHECK_NO_CACHE=1` (or pass
`--no-cache`) to neither read nor write it. Its sub-folders hold the compiled checklists
(`privcheck.checklist.cache`) and the compiled regular expressions
(`privcheck.textsearch.pattern_cache`).

A file is read only if this user wrote it: the folder is created private (0700); before reading,
the folder and the file must be owned by the current user and writable by nobody else, and the
file must be a regular file (no symlinks). Files are replaced whole (written aside, then renamed).
"""

from __future__ import annotations

import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path


def enabled() -> bool:
    """False when PRIVCHECK_NO_CACHE is set to anything but '' or '0'."""
    return os.environ.get("PRIVCHECK_NO_CACHE", "") in ("", "0")


def cache_dir() -> Path | None:
    """The privcheck cache folder for this user (None when no home folder can be found)."""
    explicit = os.environ.get("PRIVCHECK_CACHE_DIR")
    if explicit:
        return Path(explicit)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return Path(base) / "privcheck" / "Cache" if base else None
    if sys.platform == "darwin":
        home = _home()
        return home / "Library" / "Caches" / "privcheck" if home else None
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(xdg):  # the XDG rule: a relative value is ignored
        return Path(xdg) / "privcheck"
    home = _home()
    return home / ".cache" / "privcheck" if home else None


def _home() -> Path | None:
    try:
        return Path.home()
    except (RuntimeError, KeyError):
        return None


@dataclass(frozen=True)
class CacheFolder:
    """A sub-folder of the cache, for files other than checklist entries (such as the compiled
    patterns of `privcheck.textsearch.pattern_cache`), read and written as entries are."""

    path: Path

    def read(self, name: str) -> bytes | None:
        """The bytes of file `name`, read under the conditions of an entry (a regular file in a
        private folder, both owned by the user); None when there is none."""
        return read_private(self.path / name)

    def write(self, name: str, data: bytes) -> bool:
        """Replace file `name`, whole or not at all (best effort: False when the folder cannot be
        created or written)."""
        from privcheck.files import replace_whole

        path = self.path / name
        try:
            make_private_folder(path.parent)
            if not is_private(path.parent):
                return False
            replace_whole(path, data, ".entry-")
        except OSError:
            return False
        return True


def make_private_folder(folder: Path) -> None:
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)


def is_private(path: Path, info: os.stat_result | None = None) -> bool:
    """Owned by this user and writable by no one else (always true where there are no owners)."""
    if not hasattr(os, "getuid"):
        return True
    try:
        info = info or os.lstat(path)
    except OSError:
        return False
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def read_private(path: Path) -> bytes | None:
    """The bytes of an entry this user wrote, or None (missing, a symlink, shared, unreadable)."""
    if not is_private(path.parent):
        return None
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0))
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or not is_private(path, info):
            return None
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read()
    except OSError:
        return None
    finally:
        os.close(fd)
