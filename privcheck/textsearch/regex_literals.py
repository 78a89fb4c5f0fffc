r"""What every match of a regular expression must contain, and how far from it a match can reach.

`required_literals(pattern)` returns literals of which every match of the pattern contains one, or
() when it cannot tell. A `regex` matcher skips a document containing none of them: the pattern
cannot match there. `analyse(pattern)` says more: where, relative to such a literal, a match can
start and end and how far the engine may read (look-aheads, `\b`, `$`), so that a matcher can
search only windows around the literal's occurrences (see `regex_windows`).

The answer is conservative: the pattern is read with Python's own parser, and anything that
parser reads differently from the `regex` module (POSIX classes, fuzzy matching, version flags,
...) or cannot read at all gets no analysis. A Unicode property (`\p{Han}`) counts as one
character of a class this module cannot name.

Sizes are upper bounds. A repetition without an upper bound (`\s*`, `[a-z]+`) of a single
character class is bounded per document by the longest run of that class in the text: the size
is kept as a sum `constant + Σ coefficient × run(class)` and evaluated once the runs are known.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from re import _constants as _sre, _parser as _parse  # type: ignore[attr-defined]  # Python 3.11+, as required

from privcheck.textsearch import pattern_cache

# Syntax the `regex` module reads otherwise than `re`: POSIX classes, fuzzy constraints such as
# `{e<=1}`, set operations, version and other inline flags (named groups read the same).
_DIVERGENT = re.compile(r"\[:|\{(?!\d*(?:,\d*)?\})|\(\?[imsx\-]*(?![imsx\-])(?!P[<=])[a-zA-Z]|&&|--|\|\||~~")

_PROPERTY = re.compile(r"\\[pP]\{[^{}\\]*\}")
# A Unicode property is parsed as this private-use character: one character of a class whose
# members this module does not know.
_UNKNOWN = "\ue000"
_UNKNOWN_CODE = ord(_UNKNOWN)

_REPEATS = tuple(
    getattr(_sre, name) for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") if hasattr(_sre, name)
)
_ATOMIC = getattr(_sre, "ATOMIC_GROUP", None)
_ONE_CHAR = (_sre.LITERAL, _sre.NOT_LITERAL, _sre.IN, _sre.ANY)


# --- sizes ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Size:
    """`constant + Σ coefficient × run(class)`: a length bound that may depend on the document.

    `runs` holds (class source, coefficient) pairs, the class source being a regular expression
    for one character (e.g. `[\\s]`); run(class) is the longest run of such characters in a text.
    """

    constant: int = 0
    runs: tuple[tuple[str, int], ...] = ()

    def __add__(self, other: "Size") -> "Size":
        if not self.runs and not other.runs:
            return _constant(self.constant + other.constant)
        return _size(self.constant + other.constant, _merge(self.runs, other.runs, lambda a, b: a + b))

    def times(self, factor: int) -> "Size":
        if not self.runs:
            return _constant(self.constant * factor)
        return _size(self.constant * factor, tuple((c, k * factor) for c, k in self.runs))

    def at_least(self, other: "Size") -> "Size":
        """A bound on both: the larger constant and coefficients (all terms are non-negative)."""
        if not self.runs and not other.runs:
            return self if self.constant >= other.constant else other
        return _size(max(self.constant, other.constant), _merge(self.runs, other.runs, max))

    def value(self, runs: dict[str, int]) -> int:
        return self.constant + sum(k * runs[c] for c, k in self.runs)


@functools.lru_cache(maxsize=4096)
def _constant(value: int) -> Size:
    return Size(value)


def _size(constant: int, runs: tuple[tuple[str, int], ...]) -> Size:
    return Size(constant, tuple(sorted((c, k) for c, k in runs if k)))


def _merge(a, b, combine) -> tuple[tuple[str, int], ...]:
    out = dict(a)
    for c, k in b:
        out[c] = combine(out[c], k) if c in out else k
    return tuple(out.items())


ZERO = Size()
ONE = Size(1)

# Bounds that grow with no limit a document could set (a repeated group, a back-reference).
Unbounded = None


def _add(a: Size | None, b: Size | None) -> Size | None:
    return None if a is None or b is None else a + b


def _max(a: Size | None, b: Size | None) -> Size | None:
    return None if a is None or b is None else a.at_least(b)


# --- analysis ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Requirement:
    """Literals of which every match contains one, with where that literal sits in a match.

    `classes`: character classes (regular expressions for one character, such as `[\\d]`) that
    count as such literals too: every match contains one of the literals or one character of
    one of the classes. `before`: the most characters a match has before the literal; `after`:
    after it.
    """

    literals: frozenset[str]
    before: Size | None
    after: Size | None
    classes: frozenset[str] = frozenset()


# Characters that fill ordinary text: a class holding one of them occurs everywhere.
_LETTERS = "etaoinsrhldcu的一是了我"
_COMMON = _LETTERS + " .,"


@functools.lru_cache(maxsize=None)
def _commonness(char_class: str, common: str = _COMMON) -> int:
    # `re` reads these classes (code points, \\d, \\s, \\w) as `regex` does for these characters,
    # and compiles them faster.
    probe = re.compile(char_class, re.IGNORECASE)
    return sum(1 for ch in common if probe.match(ch))


def wordy(size: Size | None) -> bool:
    """Whether a size counts runs of a class holding letters (as long as words or sentences): too
    costly to measure over a whole document, so such a size is measured near each window, where
    that is possible, or taken as unbounded."""
    return size is not None and any(_commonness(c, _LETTERS) for c, _ in size.runs)


def bounded(size: Size | None) -> bool:
    """Whether a size has a bound that can be measured over a whole document."""
    return size is not None and not wordy(size)


def _ranking(reverse: bool, reach: Size | None, max_width: Size | None, ahead: Size | None):
    """How useful a requirement is: windows possible, literals only, longer or rarer literals.

    Windows around a literal need the literal's distance from the start of a match and the
    pattern's reach; searching backwards, its distance from the end of a match, how far past
    that end look-aheads read, and the pattern's width (measured near each window).
    """

    def rank(requirement: Requirement) -> tuple:
        if reverse:
            usable = int(bounded(requirement.after) and bounded(ahead) and max_width is not None)
        else:
            # Best: matched at each occurrence, or searched in windows; else tried at each offset
            # of a window (see regex_windows).
            before = requirement.before
            usable = 2 if before == ZERO or (bounded(before) and bounded(reach)) else int(bounded(before))
        # How rare the things found are: a literal by its length; a class of characters rare in
        # ordinary text (digits) counts as more than one letter, a common one as less.
        if requirement.classes:
            rare = max(map(_commonness, requirement.classes)) == 0
            shortest = min(map(len, requirement.literals), default=2)
            return (usable, min(1.5 if rare else 0.5, shortest), False)
        return (usable, min(map(len, requirement.literals)), True)

    return rank


@dataclass(frozen=True)
class Analysis:
    """What a pattern's matches must contain and how long they are."""

    requirement: Requirement | None
    min_width: int           # the fewest characters a match has
    max_width: Size | None   # the most
    reach: Size | None       # the most characters the engine reads from where a match starts
    # Searching backwards: the most characters look-aheads read past where a match ends.
    ahead: Size | None = None


def _prepared(pattern: str):
    if "\\\\" in pattern or _UNKNOWN in pattern:
        return None
    pattern = _PROPERTY.sub(_UNKNOWN, pattern)
    # Searching backwards changes where the search starts, not what a match must contain.
    pattern = pattern.removeprefix("(?r)")
    if _DIVERGENT.search(pattern):
        return None
    try:
        return list(_parse.parse(pattern))
    except Exception:  # noqa: BLE001 - anything the `re` parser rejects simply gets no analysis
        return None


@functools.lru_cache(maxsize=1024)
def analyse(pattern: str) -> Analysis | None:
    """The requirement and sizes of `pattern`, or None when it cannot be read safely."""
    return _analysis_of(_kept("analyse", pattern, lambda: _analysis_data(_fresh_analysis(pattern))))


def _fresh_analysis(pattern: str) -> Analysis | None:
    items = _prepared(pattern)
    if items is None:
        return None
    with _memo():
        return _analyse(pattern, items)


def _analyse(pattern: str, items: list) -> Analysis:
    low, high = _widths(items)
    reach = _reach(items)
    ahead = _ahead(items)
    rank = _ranking(pattern.startswith("(?r)"), reach, high, ahead)
    requirements = _required(items, ZERO, ZERO, rank)
    # Of the requirements found, the one whose shortest literal is longest is the most selective.
    best = max(requirements, key=rank, default=None)
    return Analysis(best, low, high, reach, ahead)


def requirements(pattern: str) -> list[Requirement]:
    """Every requirement found in `pattern` (each holds for every match), or [] when unreadable."""
    kept = _kept("requirements", pattern, lambda: [_requirement_data(r) for r in _fresh_requirements(pattern)])
    return [_requirement_of(data) for data in kept]


def _fresh_requirements(pattern: str) -> list[Requirement]:
    items = _prepared(pattern)
    if items is None:
        return []
    with _memo():
        low, high = _widths(items)
        rank = _ranking(pattern.startswith("(?r)"), _reach(items), high, _ahead(items))
        return _required(items, ZERO, ZERO, rank)


# --- kept between processes -------------------------------------------------------------------
# Reading a pattern takes milliseconds of Python (the `re` parser, then the walks below), and each
# process of a batch reads the detectors' patterns again. What was read is kept in the user's cache
# beside the compiled patterns (`pattern_cache.read_kept`), as plain data, in a file named after
# this module's code: a change to how patterns are read starts a new file.

_KEPT: list[Any] = [None, {}]  # the storage read from, and what was kept there
_KEPT_NEW: dict[tuple[str, str], Any] = {}
_KEPT_USED: set[tuple[str, str]] = set()  # what this process read, kept or new


@functools.lru_cache(maxsize=1)
def _kept_file() -> str | None:
    try:
        code = Path(__file__).read_bytes()
    except OSError:
        return None
    return "read-" + hashlib.sha256(code).hexdigest()[:24] + ".bin"


def _kept(kind: str, pattern: str, compute: Callable[[], Any]) -> Any:
    """`compute()`, the reading of `pattern` as plain data, kept by an earlier process if one did."""
    storage = pattern_cache.storage()
    name = _kept_file()
    if storage is None or name is None:
        return compute()
    if _KEPT[0] is not storage:
        _KEPT[:] = [storage, pattern_cache.read_kept(name)]
    key = (kind, pattern)
    _KEPT_USED.add(key)
    if key not in _KEPT[1]:
        if not _KEPT_NEW:
            atexit.register(_write_kept)
        _KEPT[1][key] = _KEPT_NEW[key] = compute()
    return _KEPT[1][key]


def _write_kept() -> None:
    """Add this process's readings to the file (at exit)."""
    name = _kept_file()
    if _KEPT_NEW and name is not None:
        pattern_cache.write_kept(name, pattern_cache.recent({**pattern_cache.read_kept(name), **_KEPT_NEW}, _KEPT_USED))
        _KEPT_NEW.clear()


def _size_data(size: Size | None) -> tuple[int, tuple[tuple[str, int], ...]] | None:
    return None if size is None else (size.constant, size.runs)


def _size_of(data: Any) -> Size | None:
    return None if data is None else Size(data[0], data[1])


def _requirement_data(requirement: Requirement) -> tuple[Any, ...]:
    return (requirement.literals, _size_data(requirement.before), _size_data(requirement.after), requirement.classes)


def _requirement_of(data: Any) -> Requirement:
    return Requirement(data[0], _size_of(data[1]), _size_of(data[2]), data[3])


def _analysis_data(analysis: Analysis | None) -> tuple[Any, ...] | None:
    if analysis is None:
        return None
    requirement = None if analysis.requirement is None else _requirement_data(analysis.requirement)
    return (requirement, analysis.min_width, _size_data(analysis.max_width), _size_data(analysis.reach),
            _size_data(analysis.ahead))


def _analysis_of(data: Any) -> Analysis | None:
    if data is None:
        return None
    requirement = None if data[0] is None else _requirement_of(data[0])
    return Analysis(requirement, data[1], _size_of(data[2]), _size_of(data[3]), _size_of(data[4]))


@contextlib.contextmanager
def _memo():
    _MEMO.clear()
    try:
        yield
    finally:
        _MEMO.clear()


def required_literals(pattern: str) -> tuple[str, ...]:
    """Literals of which every match of `pattern` contains at least one, or () (no prefilter)."""
    analysis = analyse(pattern)
    if analysis is None or analysis.requirement is None or analysis.requirement.classes:
        return ()
    return tuple(sorted(analysis.requirement.literals))


def _is_literal(op, value) -> bool:
    return op is _sre.LITERAL and value != _UNKNOWN_CODE


# A run of items that each match one of a few fixed strings ("(?:do|will) not ") gives the
# strings it can match, as long as there are at most this many.
_MAX_STRINGS = 64
# A class of at most this many listed characters counts as a choice of strings ("[ -]").
_MAX_CLASS_STRINGS = 4


def _strings(op, value) -> frozenset[str] | None:
    """The strings one parsed item can match, if they are few and fixed, else None."""
    if _is_literal(op, value):
        return frozenset([chr(value)])
    if op is _sre.IN:
        if len(value) > _MAX_CLASS_STRINGS or not all(_is_literal(kind, item) for kind, item in value):
            return None
        return frozenset(chr(item) for _, item in value)
    if op is _sre.SUBPATTERN:
        return _sequence_strings(list(value[-1]))
    if op is _sre.BRANCH:
        found: set[str] = set()
        for branch in value[1]:
            strings = _sequence_strings(list(branch))
            if strings is None:
                return None
            found |= strings
            if len(found) > _MAX_STRINGS:
                return None
        return frozenset(found)
    return None


def _sequence_strings(items: list) -> frozenset[str] | None:
    """The strings a sequence of parsed items can match, if few and fixed, else None."""
    found = frozenset([""])
    for op, value in items:
        strings = _strings(op, value)
        if strings is None or len(found) * len(strings) > _MAX_STRINGS:
            return None
        found = frozenset(a + b for a in found for b in strings)
    return found


def _joined(items: list, before: Size | None, after: Size | None,
            prefix: list[Size | None], suffix: list[Size | None]) -> list[Requirement]:
    """Requirements of runs of items with few fixed strings, joined into longer literals.

    In `(?:do|will|does) not (?:share|sell)`, every match holds "do not ", "will not " or
    "does not ": rarer than "do" or " not " alone, and still at the start of the match.
    """
    found: list[Requirement] = []
    index = 0
    while index < len(items):
        strings = _strings(*items[index])
        if strings is None:
            index += 1
            continue
        start = index
        joined = strings
        index += 1
        while index < len(items):
            more = _strings(*items[index])
            if more is None or len(joined) * len(more) > _MAX_STRINGS:
                break
            joined = frozenset(a + b for a in joined for b in more)
            index += 1
        # Only what a single item or a run of literal characters would not already give.
        if index - start > 1 and "" not in joined and not all(_is_literal(*item) for item in items[start:index]):
            found.append(Requirement(joined, _add(before, prefix[start]), _add(after, suffix[index])))
    return found


def _required(items: list, before: Size | None, after: Size | None, rank) -> list[Requirement]:
    """Requirements of a sequence of parsed items, with their place given what surrounds it."""
    found: list[Requirement] = []
    widths = [_item_widths(op, value)[1] for op, value in items]
    # prefix[i]: the most characters items[:i] consume; suffix[i]: items[i:].
    prefix: list[Size | None] = [ZERO]
    for w in widths:
        prefix.append(_add(prefix[-1], w))
    suffix: list[Size | None] = [ZERO]
    for w in reversed(widths):
        suffix.append(_add(suffix[-1], w))
    suffix.reverse()

    run: list[str] = []
    run_start = 0
    for index, (op, value) in enumerate(items + [(None, None)]):
        if op is not None and _is_literal(op, value):
            if not run:
                run_start = index
            run.append(chr(value))
            continue
        if run:
            found.append(Requirement(
                frozenset(["".join(run)]),
                _add(before, prefix[run_start]),
                _add(after, suffix[index]),
            ))
            run = []
        if op is None:
            break
        here_before = _add(before, prefix[index])
        here_after = _add(after, suffix[index + 1])
        if op is _sre.IN:
            char_class = _class_source(op, value)
            if char_class is not None:
                found.append(Requirement(frozenset(), here_before, here_after, frozenset([char_class])))
        elif op is _sre.SUBPATTERN:
            found.extend(_required(list(value[-1]), here_before, here_after, rank))
        elif _ATOMIC is not None and op is _ATOMIC:
            found.extend(_required(list(value), here_before, here_after, rank))
        elif op in _REPEATS and value[0] >= 1:
            # The literal is in one of the repetitions: any of the others may come before or after.
            others = _repeat_width(value[1] if value[1] >= _sre.MAXREPEAT else value[1] - 1, list(value[2]))
            found.extend(_required(list(value[2]), _add(here_before, others), _add(here_after, others), rank))
        elif op is _sre.BRANCH:
            literals: set[str] = set()
            classes: set[str] = set()
            branch_before: Size | None = ZERO
            branch_after: Size | None = ZERO
            for branch in value[1]:
                requirements = _required(list(branch), here_before, here_after, rank)
                if not requirements:
                    break
                chosen = max(requirements, key=rank)
                literals |= chosen.literals
                classes |= chosen.classes
                branch_before = _max(branch_before, chosen.before)
                branch_after = _max(branch_after, chosen.after)
            else:
                found.append(Requirement(frozenset(literals), branch_before, branch_after, frozenset(classes)))
    found.extend(_joined(items, before, after, prefix, suffix))
    return found


def _class_source(op, value) -> str | None:
    """A regular expression for the one character a parsed item matches, or None."""
    if op is _sre.LITERAL:
        return None if value == _UNKNOWN_CODE else f"[{_escape(value)}]"
    if op is _sre.NOT_LITERAL:
        return None if value == _UNKNOWN_CODE else f"[^{_escape(value)}]"
    if op is _sre.ANY:
        return "(?s:.)"
    if op is not _sre.IN:
        return None
    parts = []
    negate = ""
    for kind, item in value:
        if kind is _sre.NEGATE:
            negate = "^"
        elif kind is _sre.LITERAL:
            if item == _UNKNOWN_CODE:
                return None
            parts.append(_escape(item))
        elif kind is _sre.RANGE:
            parts.append(f"{_escape(item[0])}-{_escape(item[1])}")
        elif kind is _sre.CATEGORY and item in _CATEGORIES:
            parts.append(_CATEGORIES[item])
        else:
            return None
    return f"[{negate}{''.join(parts)}]" if parts else None


def _escape(code: int) -> str:
    return f"\\U{code:08x}"


_CATEGORIES = {
    _sre.CATEGORY_DIGIT: r"\d", _sre.CATEGORY_NOT_DIGIT: r"\D",
    _sre.CATEGORY_SPACE: r"\s", _sre.CATEGORY_NOT_SPACE: r"\S",
    _sre.CATEGORY_WORD: r"\w", _sre.CATEGORY_NOT_WORD: r"\W",
}


def _repeat_width(times: int, body: list) -> Size | None:
    """Width of `times` repetitions of `body` (times may be MAXREPEAT: no upper bound)."""
    if times == 0:
        return ZERO
    if times >= _sre.MAXREPEAT:
        if len(body) == 1 and body[0][0] in _ONE_CHAR:
            source = _class_source(*body[0])
            return None if source is None else Size(0, ((source, 1),))
        return None
    high = _widths(body)[1]
    return None if high is None else high.times(times)


def _widths(items) -> tuple[int, Size | None]:
    """Fewest and most characters a sequence consumes."""
    low = 0
    high: Size | None = ZERO
    for op, value in items:
        a, b = _item_widths(op, value)
        low, high = low + a, _add(high, b)
    return low, high


# Widths and reaches of the parsed items of the pattern being analysed, by item: a pattern's
# parts are shared by several questions. Cleared before and after each analysis (see _memo).
_MEMO: dict[tuple[str, Any, int], Any] = {}


def _item_widths(op, value) -> tuple[int, Size | None]:
    key = ("widths", op, id(value))
    if key in _MEMO:
        return _MEMO[key]
    if op in _ONE_CHAR:
        result: tuple[int, Size | None] = (1, ONE)
    elif op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
        result = (0, ZERO)
    elif op is _sre.SUBPATTERN:
        result = _widths(value[-1])
    elif _ATOMIC is not None and op is _ATOMIC:
        result = _widths(value)
    elif op in _REPEATS:
        body = value[2]
        result = (value[0] * _widths(body)[0], _repeat_width(value[1], body))
    elif op is _sre.BRANCH:
        options = [_widths(branch) for branch in value[1]]
        most: Size | None = ZERO
        for _, b in options:
            most = _max(most, b)
        result = (min(a for a, _ in options), most)
    else:  # a back-reference or a conditional group: no bound known
        result = (0, None)
    _MEMO[key] = result
    return result


def _reach(items) -> Size | None:
    """The most characters the engine may read from the start of a sequence (look-arounds too)."""
    reach: Size | None = ZERO
    consumed: Size | None = ZERO
    for op, value in items:
        reach = _max(reach, _add(consumed, _item_reach(op, value)))
        consumed = _add(consumed, _item_widths(op, value)[1])
    return reach


def _item_reach(op, value) -> Size | None:
    key = ("reach", op, id(value))
    if key in _MEMO:
        return _MEMO[key]
    here: Size | None
    if op in _ONE_CHAR:
        here = ONE
    elif op is _sre.AT:
        here = ONE  # `\b`, `$` look at the next character
    elif op in (_sre.ASSERT, _sre.ASSERT_NOT):
        body = value[1]
        here = _reach(body)
        if value[0] < 0 and here is not None:
            # A look-behind ends here: it reads past here only what it reads past its end.
            here = _size(max(0, here.constant - _widths(body)[0]), here.runs)
    elif op is _sre.SUBPATTERN:
        here = _reach(value[-1])
    elif _ATOMIC is not None and op is _ATOMIC:
        here = _reach(value)
    elif op in _REPEATS:
        body = value[2]
        if value[1] == 0:
            here = ZERO
        elif value[1] >= _sre.MAXREPEAT:
            # A run of one character class, read up to the first character outside it.
            here = _add(_repeat_width(value[1], body), ONE)
        else:
            here = _add(_repeat_width(value[1] - 1, body), _reach(body))
    elif op is _sre.BRANCH:
        here = ZERO
        for branch in value[1]:
            here = _max(here, _reach(branch))
    else:
        here = None
    _MEMO[key] = here
    return here


def _ahead(items) -> Size | None:
    """Searching backwards, the most characters look-arounds read past the end of a sequence.

    Backwards, the engine consumes leftwards from where a match ends: only look-aheads (and `\\b`,
    `$`) read to the right of it, each from where it stands, at least the fewest characters the
    items to its right consume before the end.
    """
    over: Size | None = ZERO
    following = 0  # the fewest characters the items to the right consume
    for op, value in reversed(list(items)):
        here = _item_ahead(op, value)
        if here is None:
            return None
        over = _max(over, _size(max(0, here.constant - following), here.runs))
        following += _item_widths(op, value)[0]
    return over


def _item_ahead(op, value) -> Size | None:
    key = ("ahead", op, id(value))
    if key in _MEMO:
        return _MEMO[key]
    here: Size | None
    if op in _ONE_CHAR:
        here = ZERO
    elif op is _sre.AT:
        here = ONE
    elif op in (_sre.ASSERT, _sre.ASSERT_NOT):
        here = _reach(value[1])  # a look-ahead reads from here; a look-behind's body, read forwards, no further
    elif op is _sre.SUBPATTERN:
        here = _ahead(value[-1])
    elif _ATOMIC is not None and op is _ATOMIC:
        here = _ahead(value)
    elif op in _REPEATS:
        here = ZERO if value[1] == 0 else _ahead(value[2])
    elif op is _sre.BRANCH:
        here = ZERO
        for branch in value[1]:
            here = _max(here, _ahead(branch))
    else:
        here = None
    _MEMO[key] = here
    return here
