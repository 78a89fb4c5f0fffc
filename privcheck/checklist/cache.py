"""A per-user cache of compiled checklists, so a check does not parse, validate and compile the
same YAML on every run.

An entry is written only after a checklist has loaded without error, so the cache never hides a
problem: a checklist that fails validation is validated again, in full, on every run. An entry is
used only when everything it was made from is unchanged: the content (SHA-256) of the checklist
file and of every file it `extends`, the privcheck version and code, the Python and regex
versions, and the regex timeout. Anything else (a stale, truncated or corrupt entry, an
unreadable folder) is a miss: the checklist is loaded from its YAML and the entry rewritten.

Where: sub-folder `checklists/` of the user's cache folder (see `privcheck.usercache`). Set
`PRIVCHECK_NO_CACHE=1` (or pass `--no-cache`) to neither read nor write it.

Why pickle is acceptable here: an entry holds compiled matchers (Python objects with their
regular expressions), which no data format can hold without compiling them again, and compiling
is most of the cost. Unpickling runs code named by the file, so an entry is trusted only as far as
privcheck wrote it for this user: the folder is created private (0700); before loading, the
folder and the file must be owned by the current user and writable by nobody else, the file must
be a regular file (no symlinks), its JSON header must match the versions and sources above, and
the SHA-256 of the pickled bytes must match the header. Checklist content never reaches the
pickle stream as code: an entry is made by pickling objects privcheck built from a validated
checklist, so a hostile checklist yields at worst an entry holding its own strings. Someone able
to write files as the user could equally change the user's shell profile or privcheck itself.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pickle
import sys
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

import privcheck
from privcheck.usercache import CacheFolder, cache_dir, read_private

MAGIC = b"privcheck-checklist-cache 1\n"
FOLDER = "checklists"
# Beyond either limit, writing an entry removes the least recently written ones.
MAX_ENTRIES = 100
MAX_BYTES = 64 * 1024 * 1024


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _code_fingerprint() -> str:
    """Changes whenever a module of privcheck changes (installed or edited in place)."""
    package = Path(privcheck.__file__).parent
    entries = []
    for folder, _subfolders, files in os.walk(package):
        for name in files:
            if name.endswith(".py"):
                info = os.stat(os.path.join(folder, name))
                entries.append(f"{os.path.relpath(os.path.join(folder, name), package)}:{info.st_size}:{info.st_mtime_ns}")
    return digest("\n".join(sorted(entries)).encode())


@lru_cache(maxsize=1)
def _environment() -> dict[str, str]:
    """Everything besides the sources that an entry depends on."""
    import regex

    return {
        "privcheck": privcheck.__version__,
        "code": _code_fingerprint(),
        "python": sys.version,
        "regex": str(regex.__version__),
    }


def entry_path(folder: Path, identity: Iterable[Any]) -> Path:
    """The entry file for a checklist as it was asked for (reference, file, settings)."""
    return folder / FOLDER / (digest(json.dumps(list(identity)).encode())[:40] + ".pickle")


def load(identity: Iterable[Any]) -> Any | None:
    """The cached object for `identity`, or None when there is no usable entry."""
    folder = cache_dir()
    if folder is None:
        return None
    path = entry_path(folder, identity)
    data = read_private(path)
    if data is None or not data.startswith(MAGIC):
        return None
    header_end = data.find(b"\n", len(MAGIC))
    if header_end == -1:
        return None
    try:
        header = json.loads(data[len(MAGIC):header_end])
    except ValueError:
        return None
    payload = data[header_end + 1:]
    if not isinstance(header, dict) or header.get("payload") != digest(payload):
        return None
    if header.get("environment") != _environment() or not _sources_unchanged(header.get("sources")):
        return None
    try:
        return pickle.loads(payload)  # noqa: S301 - trusted as explained in the module docstring
    except Exception:  # noqa: BLE001 - any failure is a miss; the checklist is loaded from YAML
        return None


def store(identity: Iterable[Any], value: Any, sources: dict[str, str]) -> None:
    """Write an entry for `identity`, made from the files in `sources` (path -> SHA-256).

    Best effort: when the folder cannot be created or written, nothing is cached.
    """
    folder = cache_dir()
    if folder is None:
        return
    path = entry_path(folder, identity)
    try:
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
        return
    header = {"payload": digest(payload), "environment": _environment(), "sources": sources}
    if CacheFolder(path.parent).write(path.name, MAGIC + json.dumps(header, sort_keys=True).encode() + b"\n" + payload):
        with contextlib.suppress(OSError):
            _prune(path.parent, keep=path)


def _prune(folder: Path, keep: Path) -> None:
    """Keep the folder small: at most MAX_ENTRIES entries and MAX_BYTES (`keep`, just written,
    stays), and no temporary file left by a run killed while writing (older than an hour)."""
    import time

    entries = []
    count, total = 1, keep.stat().st_size
    for child in folder.iterdir():
        try:
            info = child.lstat()
        except OSError:
            continue
        if child.name.startswith(".entry-") and info.st_mtime < time.time() - 3600:
            child.unlink(missing_ok=True)
        elif child.suffix == ".pickle" and child != keep:
            entries.append((info.st_mtime, child, info.st_size))
            count, total = count + 1, total + info.st_size
    for _modified, child, size in sorted(entries):
        if count <= MAX_ENTRIES and total <= MAX_BYTES:
            break
        child.unlink(missing_ok=True)
        count, total = count - 1, total - size


def _sources_unchanged(sources: Any) -> bool:
    if not isinstance(sources, dict) or not sources:
        return False
    for path, expected in sources.items():
        try:
            with open(path, "rb") as handle:
                if digest(handle.read()) != expected:
                    return False
        except OSError:
            return False
    return True
