"""Regular expressions compiled once per user, not once per process.

Python's `re` compiles a pattern in Python code (parse, then generate the engine's code), which
costs about 50 µs for a short phrase and much more for a class holding Chinese punctuation. A check
compiles the patterns of thousands of phrases as their words occur, and a fresh process (a CI job,
each folder of an audit) pays for them again: a fifth of a check of one 60 KB policy. Pickling a
compiled pattern does not help, as `re` compiles it again when it is unpickled.

`compile_pattern` keeps the engine's code of each pattern it compiles, and writes it at exit to
`patterns/` in the user's cache folder (see `privcheck.usercache`); in a later process the
pattern is made from that code by `_sre.compile`, the C function that ends `re.compile`, in a few
microseconds. The code depends only on the pattern, its flags and the Python build, which names
the file; its SHA-256 is checked on reading, and `_sre.compile` checks the code too. Any problem
is a miss, and the pattern is compiled as `re` would. With `PRIVCHECK_NO_CACHE=1`, or once a
checklist is loaded with `--no-cache` (`keep_in(None)`), patterns are compiled as usual, once
per process, and nothing is written (with `--no-cache`, the detectors' patterns, compiled on
import before the option is read, may still come from the file). The contact, duration and
legal-entity detectors compile their patterns this way when imported, and the phrases theirs as a
check needs them. Other plain data about patterns is kept the same way, in files of its own
(`read_kept`, `write_kept`): `regex_literals` keeps what it reads from a pattern, and
`compile_regex` the patterns of the `regex` module that privcheck's own modules compile.
"""

from __future__ import annotations

import array
import atexit
import contextlib
import hashlib
import json
import marshal
import re
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Protocol

from privcheck.usercache import CacheFolder, cache_dir, enabled

if TYPE_CHECKING:
    import regex

try:
    import _sre  # type: ignore[import-not-found]
    from re import _compiler, _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - another Python implementation: compile as usual
    _sre = None
_optimize_class: Any = getattr(_compiler, "_optimize_charset", None) if _sre is not None else None

MAGIC = b"privcheck-pattern-cache 1\n"
# A file holds at most this many patterns. Every check reads its file whole (about 10 µs a
# pattern), so a cache that kept every pattern of every checklist version a user ever ran would
# slow every start-up; the bundled checklists use about 2,500 over very different policies.
MAX_PATTERNS = 8_000

# (source, flags) -> the arguments of _sre.compile after the source: flags, code (bytes), groups,
# group index, index group.
_Entry = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]


class Storage(Protocol):
    """Where the code is kept: `read(name)` gives a file's bytes (None when there is none) and
    `write(name, data)` replaces it whole."""

    def read(self, name: str) -> bytes | None: ...

    def write(self, name: str, data: bytes) -> object: ...


_compiled: dict[tuple[str, int], re.Pattern[str]] = {}
_UNSET: Any = object()
_storage: Storage | None = _UNSET  # the user's cache unless keep_in says otherwise
_stored: dict[tuple[str, int], _Entry] | None = None  # read from the storage on first use
_new: dict[tuple[str, int], _Entry] = {}


def user_storage() -> Storage | None:
    """The `patterns/` folder of the user's cache, or None when the cache is off."""
    folder = cache_dir() if enabled() else None
    return CacheFolder(folder / "patterns") if folder is not None else None


def keep_in(storage: Storage | None) -> None:
    """Keep the code of compiled patterns in `storage` from now on (None: nowhere)."""
    global _storage, _stored
    if storage != _storage:
        _storage, _stored = storage, None


def compile_pattern(source: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(source, flags)`, from this process or from the file when it was compiled before."""
    key = (source, int(flags))  # a plain int: RegexFlag cannot be written
    pattern = _compiled.get(key)
    if pattern is None:
        pattern = _compiled[key] = _from_code(key) if _usable() else _compile(source, flags)
    return pattern


def is_cheap(source: str, flags: int = 0) -> bool:
    """Whether `compile_pattern(source, flags)` costs next to nothing: the pattern is compiled in
    this process already, or its code is kept in the storage."""
    global _stored
    key = (source, int(flags))
    if key in _compiled:
        return True
    if not _usable():
        return False
    if _stored is None:
        _stored = _read()
    return key in _stored


def storage() -> Storage | None:
    """Where compiled patterns, and what else is kept between processes, are kept (None: nowhere)."""
    global _storage
    if _storage is _UNSET:
        _storage = user_storage()
    return _storage


def _usable() -> bool:
    return _sre is not None and storage() is not None


def _from_code(key: tuple[str, int]) -> re.Pattern[str]:
    global _stored
    if _stored is None:
        _stored = _read()
    entry = _stored.get(key)
    if entry is not None:
        try:
            return _build(key[0], entry)
        except (RuntimeError, TypeError, ValueError, OverflowError):  # not this build's code
            pass
    pattern, entry = _compile_keeping_code(*key)
    if not _new:
        atexit.register(_write)
    _new[key] = entry
    return pattern


def _build(source: str, entry: _Entry) -> re.Pattern[str]:
    flags, code, groups, group_index, index_group = entry
    words = array.array("I")
    words.frombytes(code)
    return _sre.compile(source, flags, words.tolist(), groups, group_index, index_group)


def _compile_keeping_code(source: str, flags: int) -> tuple[re.Pattern[str], _Entry]:
    """What `re._compiler.compile` does, keeping the code it hands to `_sre.compile`."""
    parsed = _parser.parse(source, flags)
    with _classes_shared():
        code = _compiler._code(parsed, flags)
    group_index = dict(parsed.state.groupdict)
    index_group: list[str | None] = [None] * parsed.state.groups
    for name, number in group_index.items():
        index_group[number] = name
    entry = (int(flags | parsed.state.flags), array.array("I", code).tobytes(), parsed.state.groups - 1,
             group_index, tuple(index_group))
    return _build(source, entry), entry


# --- character classes, optimised once per process --------------------------------------------
# `re` turns each character class of a pattern into the engine's code in Python
# (`_compiler._optimize_charset`), one character at a time over its ranges: a class of CJK
# ideographs costs a millisecond, five with IGNORECASE. The detectors' patterns and the phrases'
# gaps (`[^。.!?;\n]`) hold the same few classes hundreds of times, which cost a tenth of a check
# compiled from the YAML. The function depends only on its arguments, so while privcheck compiles
# a pattern each distinct class is optimised once and its result reused (it is only read).

_optimized_classes: dict[Any, Any] = {}


def _optimize_class_once(charset: Any, iscased: Any = None, fixup: Any = None, fixes: Any = None) -> Any:
    try:
        key = (tuple(charset), iscased, fixup, None if fixes is None else id(fixes))
        found = _optimized_classes.get(key)
    except TypeError:  # a member that cannot be hashed: optimised as `re` does
        return _optimize_class(charset, iscased, fixup, fixes)
    if found is None:
        found = _optimized_classes[key] = _optimize_class(charset, iscased, fixup, fixes)
    return found


@contextlib.contextmanager
def _classes_shared() -> Iterator[None]:
    """Within the block, `re` optimises each distinct character class once per process."""
    if _optimize_class is None:
        yield
        return
    _compiler._optimize_charset = _optimize_class_once
    try:
        yield
    finally:
        _compiler._optimize_charset = _optimize_class


def _compile(source: str, flags: int) -> re.Pattern[str]:
    """`re.compile(source, flags)`, with the character classes seen before not optimised again."""
    with _classes_shared():
        return re.compile(source, flags)


def _environment() -> str:
    """The Python build and its regular-expression engine: what the code depends on."""
    return f"{sys.version}|{sys.implementation.cache_tag}|{_sre.MAGIC}|{_sre.CODESIZE}|{sys.maxunicode}"


def _file_name() -> str:
    return "re-" + hashlib.sha256(_environment().encode()).hexdigest()[:24] + ".bin"


def _read() -> dict[tuple[str, int], _Entry]:
    return read_kept(_file_name())


def read_kept(name: str) -> dict[Any, Any]:
    """The dict kept in file `name` of the storage by `write_kept` ({} when there is none, it is
    damaged or it was written by another Python build)."""
    kept_in = storage()
    data = kept_in.read(name) if kept_in is not None else None
    if data is None or not data.startswith(MAGIC):
        return {}
    header_end = data.find(b"\n", len(MAGIC))
    if header_end == -1:
        return {}
    payload = data[header_end + 1:]
    try:
        if json.loads(data[len(MAGIC):header_end]) != _header(payload):
            return {}
        stored = marshal.loads(payload)
    except (ValueError, EOFError, TypeError):
        return {}
    return stored if isinstance(stored, dict) else {}


def _header(payload: bytes) -> dict[str, Any]:
    return {"environment": _environment(), "payload": hashlib.sha256(payload).hexdigest()}


def _write() -> None:
    """Add this process's new patterns to the file (best effort, at exit)."""
    if _storage is None or not _new:
        return
    write_kept(_file_name(), recent({**_read(), **_new}, _compiled))
    _new.clear()


def recent(entries: dict[Any, Any], used: dict[Any, Any] | set[Any]) -> dict[Any, Any]:
    """The newest MAX_PATTERNS of `entries` (oldest first), where what this process `used` counts
    as newest: a pattern no check has used for a while goes first."""
    if len(entries) <= MAX_PATTERNS:
        return entries
    order = [key for key in entries if key not in used] + [key for key in entries if key in used]
    return {key: entries[key] for key in order[-MAX_PATTERNS:]}


def write_kept(name: str, entries: dict[Any, Any]) -> None:
    """Replace file `name` of the storage with `entries` (values that marshal can write), whole,
    with the header `read_kept` checks (best effort)."""
    kept_in = storage()
    if kept_in is None:
        return
    try:
        payload = marshal.dumps(entries)
    except ValueError:
        return
    kept_in.write(name, MAGIC + json.dumps(_header(payload), sort_keys=True).encode() + b"\n" + payload)


# --- patterns of the `regex` module -------------------------------------------------------------
# A `regex` pattern is pickled as the arguments of the C function that makes it (`_regex.compile`):
# its source, flags and compiled code, plain data that marshal writes. The patterns privcheck's
# modules compile on import are kept that way, in a file named after the Python build and the
# regex version, so a process does not parse them again (about 0.02 s of every check). A
# checklist's patterns are not: a compiled checklist is kept whole (privcheck.checklist.cache).

_regex_compiled: dict[tuple[str, int], regex.Pattern[str]] = {}
_regex_stored: dict[tuple[str, int], tuple[Any, ...]] | None = None
_regex_new: dict[tuple[str, int], tuple[Any, ...]] = {}


def compile_regex(source: str, flags: int = 0) -> regex.Pattern[str]:
    """`regex.compile(source, flags)`, made from what an earlier process kept when it can be."""
    key = (source, int(flags))
    pattern = _regex_compiled.get(key)
    if pattern is None:
        pattern = _regex_compiled[key] = _regex_from_data(key)
    return pattern


def _regex_from_data(key: tuple[str, int]) -> regex.Pattern[str]:
    global _regex_stored
    import regex
    from regex import _regex

    if not _usable():
        return regex.compile(*key)
    if _regex_stored is None:
        _regex_stored = read_kept(_regex_file_name())
    data = _regex_stored.get(key)
    if isinstance(data, tuple):
        try:
            pattern = _regex.compile(*data)
        except Exception:  # noqa: BLE001 - anything wrong with the data is a miss
            pattern = None
        if isinstance(pattern, regex.Pattern) and pattern.pattern == key[0]:
            return pattern
    pattern = regex.compile(*key)
    if not _regex_new:
        atexit.register(_write_regex)
    _regex_new[key] = pattern._pickled_data
    return pattern


def _regex_file_name() -> str:
    import regex

    return "regex-" + hashlib.sha256(f"{_environment()}|{regex.__version__}".encode()).hexdigest()[:24] + ".bin"


def _write_regex() -> None:
    """Add this process's new `regex` patterns to their file (best effort, at exit)."""
    if _storage is None or not _regex_new:
        return
    write_kept(_regex_file_name(), recent({**read_kept(_regex_file_name()), **_regex_new}, _regex_compiled))
    _regex_new.clear()
