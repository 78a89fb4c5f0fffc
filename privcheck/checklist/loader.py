"""Finding checklists and loading them compiled: from this process, the cache, or their YAML.

`load_checklist("pipl")` loads a bundled checklist; `load_checklist("my.yaml")` a file. Reading a
file (parsing, validation with file:line:column errors, `extends`, compilation) is
`privcheck.checklist.compiler`, imported only when a checklist is not already compiled, so a
check with cached checklists loads neither YAML nor pydantic.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from privcheck import collector
from privcheck.checklist import cache as checklist_cache
from privcheck.checklist.model import Checklist
from privcheck.errors import ChecklistError
from privcheck.matchers import did_you_mean
from privcheck.textsearch import pattern_cache
from privcheck.usercache import enabled

CHECKLIST_SUFFIXES = (".yaml", ".yml")


def bundled_dir() -> Path:
    """Where the bundled checklists live: package data when installed, `checklists/` in a checkout."""
    try:
        from importlib.resources import files

        path = Path(str(files("privcheck.checklists")))
        if path.is_dir() and any(path.glob("*.yaml")):
            return path
    except (ModuleNotFoundError, TypeError):
        pass
    return Path(__file__).resolve().parents[2] / "checklists"


def bundled_ids() -> list[str]:
    return sorted(p.stem for p in bundled_dir().glob("*.yaml"))


def resolve_reference(reference: str, base: Path | None = None) -> tuple[Path, bool]:
    """A bundled ID or a path (relative to `base` for `extends:`) → (file, is_bundled)."""
    looks_like_path = reference.endswith(CHECKLIST_SUFFIXES) or os.sep in reference or "/" in reference
    if not looks_like_path and (bundled_dir() / f"{reference}.yaml").is_file():
        return bundled_dir() / f"{reference}.yaml", True
    path = Path(reference)
    if base is not None and not path.is_absolute():
        path = base / path
    if path.is_file():
        return path, False
    if not looks_like_path:
        known = bundled_ids()
        raise ChecklistError(
            f"no bundled checklist {reference!r}{did_you_mean(reference, known)} "
            f"(bundled: {', '.join(known)}; or give a path to a YAML file)", path=reference,
        )
    raise ChecklistError("no such checklist file", path=str(path))


def load_checklist(reference: str, regex_timeout: float = 2.0, use_cache: bool | None = None) -> Checklist:
    """Load a bundled checklist by ID or a checklist file by path, fully validated and compiled.

    A checklist is compiled once per process, and kept compiled between runs in the user's cache
    (see `privcheck.checklist.cache`) unless `use_cache` is False or, when it is None,
    PRIVCHECK_NO_CACHE is set. A cached checklist is the one its unchanged YAML would give. The
    same setting decides whether compiled regular expressions are kept in the cache (see
    `privcheck.textsearch.pattern_cache`).
    """
    path, bundled = resolve_reference(reference)
    modified = path.stat().st_mtime_ns
    if use_cache is None:
        use_cache = enabled()
    pattern_cache.keep_in(pattern_cache.user_storage() if use_cache else None)
    return _load_cached(str(path.resolve()), modified, bundled, regex_timeout, reference, use_cache)


@lru_cache(maxsize=32)
def _load_cached(path: str, modified: int, bundled: bool, regex_timeout: float, reference: str,
                 use_cache: bool = False) -> Checklist:
    identity = ("checklist", reference, path, bundled, regex_timeout)
    with collector.paused():  # read or compiled, a checklist is thousands of new objects
        if use_cache:
            cached = checklist_cache.load(identity)
            if isinstance(cached, Checklist):
                return cached
        from privcheck.checklist.compiler import compile_checklist

        sources: dict[str, str] = {}
        checklist = compile_checklist(path, bundled, regex_timeout, reference, sources)
    if use_cache:
        checklist_cache.store(identity, checklist, sources)
    return checklist
