"""Searching a regular expression only near the literals its matches must contain.

A pattern such as `(?:do|does|will) not (?:rely|base)[^.;!?]{0,40}legitimate interests?` can only
match where "legitimate interest" occurs, and only starting at most 53 characters before it
(`regex_literals.analyse` works this out from the pattern). So instead of running the pattern over
the whole document, the search finds the literal's occurrences and runs the pattern in windows
around them, giving exactly the matches of the search over the whole text, in the same order:

- Forwards, when a match starts with the literal: the pattern is matched at each occurrence
  (with `pos`, so look-behinds see the text before it), skipping those inside a kept match.
- Forwards otherwise: a match containing an occurrence starting at `s` starts in `[s - before, s]`. Each
  window is searched with `pos` (so look-behinds, `^` and `\\b` still see the text before it) and
  an `endpos` past everything a match starting in the window can read; a window's search resumes
  where the previous window's last match ended, as the whole-text search would.
- Backwards (`(?r)`): a match ends at most `after` characters after an occurrence. The
  match ending at each such position is found with an overlapped search, and the matches the
  whole-text search would keep are chosen from the right, each ending where the previous began.

Sizes that depend on the document (`\\s*`, `[-/.]+`) are bounded by the longest run of that class
in the text (not for classes holding letters, whose runs are as long as words). Where the windows would cover much of the text, or a bound is missing, the pattern
is searched over the whole text as before.
"""

from __future__ import annotations

import functools
import operator
import time
from collections.abc import Callable
from typing import Any

import ahocorasick
import regex

from privcheck.matchers.regex_literals import Analysis, Size

# A run at least this long counts as unbounded (the windows would be too wide to pay).
MAX_RUN = 256
# Windows closer than this are searched as one (one call instead of two).
_JOIN = 64
# Past this share of the text covered by windows, one whole-text search is cheaper.
_MAX_COVER = 0.5

Span = tuple[int, int]
_first = operator.itemgetter(0)
_second = operator.itemgetter(1)


@functools.lru_cache(maxsize=None)
def _run_probe(char_class: str, length: int) -> regex.Pattern[str]:
    return regex.compile(f"{char_class}{{{length}}}", regex.IGNORECASE | regex.MULTILINE | regex.V0)


def longest_run(text: str, char_class: str) -> int | None:
    """An upper bound on the longest run of `char_class` in `text`, or None if it reaches MAX_RUN."""
    length = 2
    while length <= MAX_RUN:
        if _run_probe(char_class, length).search(text) is None:
            return length - 1
        length *= 2
    return None


def _safe_char(ch: str) -> bool:
    return (ord(ch) < 128 and not ch.isupper()) or "\u3000" <= ch <= "\u303f" or "\u4e00" <= ch <= "\u9fff"


def exact_in_normalized_text(literal: str) -> bool:
    """Whether finding `literal` as is in normalised text finds what a case-insensitive search does.

    Normalised text is case-folded, so for lower-case ASCII and CJK (which has no case) the two
    agree: no other character that normalisation can produce folds to one of these
    (tests/test_speed_equivalence.py checks this over every code point).
    """
    return bool(literal) and all(map(_safe_char, literal))


class LiteralIndex:
    """Where the literals of every windowed pattern occur: one Aho-Corasick pass per document.

    Process-wide: every `regex` matcher built adds its literals, and a text is searched once for
    all of them (per set of literals known at the time).
    """

    def __init__(self) -> None:
        self.literals: set[str] = set()
        self.generation = 0
        self._automaton: Any = None

    def add(self, literals: set[str]) -> None:
        if not literals <= self.literals:
            self.literals |= literals
            self.generation += 1
            self._automaton = None

    def starts(self, text: str, cache: dict[Any, Any]) -> dict[str, list[int]]:
        """Start offsets of every occurrence of every literal in `text` (cached in `cache`)."""
        key = ("literal-starts", self.generation)
        found = cache.get(key)
        if found is None:
            if self._automaton is None:
                automaton = ahocorasick.Automaton()
                for literal in self.literals:
                    automaton.add_word(literal, (len(literal) - 1, literal))
                automaton.make_automaton()
                self._automaton = automaton
            found = {}
            for end, (back, literal) in self._automaton.iter(text):
                bucket = found.get(literal)
                if bucket is None:
                    found[literal] = [end - back]
                else:
                    bucket.append(end - back)
            cache[key] = found
        return found


LITERALS = LiteralIndex()


class WindowedSearch:
    """The windowed search of one compiled pattern (see the module docstring)."""

    @functools.cached_property
    def finder(self) -> regex.Pattern[str]:
        """The literals and classes as one pattern (where the literal index cannot be used)."""
        return regex.compile(
            "|".join([*self.classes_required, *map(regex.escape, self.literals)]), regex.IGNORECASE | regex.V0
        )

    def __init__(self, compiled: regex.Pattern[str], analysis: Analysis) -> None:
        requirement = analysis.requirement
        assert requirement is not None and analysis.min_width >= 1
        self.compiled = compiled
        self.reverse = bool(compiled.flags & regex.REVERSE)
        # Shortest first: at a position where several literals start, the overlapped search
        # reports the shortest, whose window holds those of the others.
        literals = sorted(requirement.literals, key=lambda literal: (len(literal), literal))
        self.classes_required = sorted(requirement.classes)
        self.literals = literals
        self.indexed = all(map(exact_in_normalized_text, literals))
        self.longest_literal = max([1, *map(len, literals)])
        self.min_width = analysis.min_width
        self.max_width = analysis.max_width
        self.reach = analysis.reach
        self.before = requirement.before
        self.after = requirement.after
        # A forward pattern whose matches start with the literal is matched at each occurrence:
        # nothing else about its length is needed.
        self.anchored = not self.reverse and self.before == Size()
        if self.anchored:
            sizes = []
        elif self.reverse:
            sizes = [self.max_width, self.reach, self.after]
        else:
            sizes = [self.reach, self.before]
        self.classes = sorted({c for size in sizes if size is not None for c, _ in size.runs})
        self.usable = all(size is not None for size in sizes)
        if self.usable and self.indexed and literals:
            LITERALS.add(set(literals))

    def spans(self, text: str, runs: Callable[[str], int | None], timeout: float,
              cache: dict[Any, Any] | None = None) -> list[Span] | None:
        """Every match's span, as `finditer` over the whole text gives them (non-empty ones).

        None when windows do not pay here (the caller then searches the whole text).
        `runs(char_class)` gives the longest run of a class in `text` (None: too long). With a
        `cache` for `text`, which must be normalised text, literals are found by `LITERALS`.
        """
        if not self.usable:
            return None
        if cache is not None and self.indexed:
            starts = LITERALS.starts(text, cache) if self.literals else {}
            found = {s for literal in self.literals for s in starts.get(literal, ())}
            for char_class in self.classes_required:
                found.update(_class_positions(text, char_class, cache))
            occurrences = sorted(found)
        else:
            occurrences = [m.start() for m in self.finder.finditer(text, overlapped=True)]
        if not occurrences:
            return []
        deadline = time.monotonic() + timeout
        if self.anchored:
            return self._anchored(text, occurrences, deadline)
        values: dict[str, int] = {}
        for char_class in self.classes:
            run = runs(char_class)
            if run is None:
                return None
            values[char_class] = run
        reach = _value(self.reach, values)
        n = len(text)
        if self.reverse:
            after = _value(self.after, values)
            # Several literals may start where the reported (shortest) one does: allow the longest.
            longest = self.longest_literal
            windows = _join(occurrences, 1, longest + after)
        else:
            windows = _join(occurrences, -_value(self.before, values), 0)
        if sum(map(operator.sub, map(_second, windows), map(_first, windows))) + len(windows) * (reach + 2) > _MAX_COVER * n:
            return None
        if self.reverse:
            return self._backwards(text, windows, _value(self.max_width, values), reach, deadline)
        return self._forwards(text, windows, reach, deadline)

    def _anchored(self, text: str, starts: list[int], deadline: float) -> list[Span]:
        """Matches starting at the given offsets, kept as a whole-text search keeps them."""
        found: list[Span] = []
        resume = 0
        match = self.compiled.match
        for start in starts:
            if start < resume:
                continue
            m = match(text, start, timeout=_left(deadline))
            if m is not None and m.end() > start:
                found.append((start, m.end()))
                resume = m.end()
        return found

    def _forwards(self, text: str, windows: list[Span], reach: int, deadline: float) -> list[Span]:
        n = len(text)
        found: list[Span] = []
        resume = 0
        finditer = self.compiled.finditer
        for first, last in windows:
            pos = max(first, resume, 0)
            if pos > last or pos > n:
                continue
            for m in finditer(text, pos, min(n, last + reach + 1), timeout=_left(deadline)):
                start, end = m.span()
                if start > last:
                    break
                found.append((start, end))
                resume = end
        return found

    def _backwards(self, text: str, windows: list[Span], max_width: int, reach: int, deadline: float) -> list[Span]:
        n = len(text)
        at_end: dict[int, Span] = {}
        finditer = self.compiled.finditer
        for first, last in windows:
            if first > n:
                continue
            pos = max(0, first - max_width)
            endpos = min(n, last + reach - self.min_width + 1)
            for m in finditer(text, pos, endpos, overlapped=True, timeout=_left(deadline)):
                end = m.end()
                if end < first:
                    break
                if end <= last:
                    at_end[end] = m.span()
        found: list[Span] = []
        resume = n
        for end in sorted(at_end, reverse=True):
            if end <= resume:
                found.append(at_end[end])
                resume = at_end[end][0]
        found.reverse()
        return found


def _class_positions(text: str, char_class: str, cache: dict[Any, Any]) -> list[int]:
    """Offsets of every character of a class in `text`, found once per text."""
    key = ("class-positions", char_class)
    found = cache.get(key)
    if found is None:
        probe = _run_probe(char_class, 1)
        found = cache[key] = [m.start() for m in probe.finditer(text)]
    return found


def _value(size: Size | None, runs: dict[str, int]) -> int:
    assert size is not None
    return size.value(runs)


def _join(starts: list[int], low: int, high: int) -> list[Span]:
    """The windows [s + low, s + high] of sorted offsets, those that overlap or nearly touch joined."""
    limit = high - low + _JOIN
    # Where the gap to the next offset is too wide, a window ends.
    breaks = [i for i, gap in enumerate(map(operator.sub, starts[1:], starts), 1) if gap > limit]
    firsts = [starts[0], *(starts[i] for i in breaks)]
    lasts = [*(starts[i - 1] for i in breaks), starts[-1]]
    return [(first + low, last + high) for first, last in zip(firsts, lasts)]


def _left(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError("regex timed out")
    return left
