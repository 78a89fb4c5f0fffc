"""Searching a regular expression only near the literals its matches must contain.

A pattern such as `(?:do|does|will) not (?:rely|base)[^.;!?]{0,40}legitimate interests?` can only
match where "legitimate interest" occurs, and only starting at most 53 characters before it
(`regex_literals.analyse` works this out from the pattern). So instead of running the pattern over
the whole document, the search finds the literal's occurrences and runs the pattern in windows
around them, giving exactly the matches of the search over the whole text, in the same order:

- Forwards, when a match starts with the literal: the pattern is matched at each occurrence
  (with `pos`, so look-behinds see the text before it), skipping those inside a kept match.
- Forwards otherwise: a match containing an occurrence starting at `s` starts in
  `[s - before, s]`. Each window is searched with `pos` (so look-behinds, `^` and `\\b` still see
  the text before it) and an `endpos` past everything a match starting in the window can read; a
  window's search resumes where the previous window's last match ended, as the whole-text search
  would. When what a match can read has no bound but `before` is small, the pattern is matched at
  every offset of the windows instead.
- Backwards (`(?r)`): a match ends at most `after` characters after an occurrence. The match
  ending at each such position is found with an overlapped search, and the matches the whole-text
  search would keep are chosen from the right, each ending where the previous began.

Sizes that depend on the document (`\\s*`, `[-/.]+`) are bounded by the longest run of that class
in the text. Runs of a class holding letters are as long as words or sentences and cost too much
to measure over a whole document: backwards, they are measured near each window (a match cannot
reach further left than its width with the runs found there); forwards, a pattern whose start
depends on them is searched whole. Where the windows would cover much of the text, or a bound is
missing, the pattern is searched over the whole text as before.

`windowed_finditer` does the same for the detectors' own patterns, compiled by `re`.
"""

from __future__ import annotations

import functools
import itertools
import math
import operator
import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from typing import Any

import ahocorasick
import regex

from privcheck.textsearch.regex_literals import Analysis, Size, analyse, bounded, requirements, wordy

# A run at least this long counts as unbounded (the windows would be too wide to pay).
MAX_RUN = 256
# Windows closer than this are searched as one (one call instead of two).
_JOIN = 64
# Past this share of the text covered by windows, one whole-text search is cheaper.
_MAX_COVER = 0.5
# Texts shorter than this are searched whole by windowed_finditer, and a pattern is first read
# once the process has searched at least _ANALYSE_FROM characters of text in all (reading the
# detectors' patterns takes a few hundredths of a second, which windows repay from about this
# much text on, whether one large policy or a batch of small ones).
_SHORT = 4096
_ANALYSE_FROM = 128 * 1024
_SEARCHED = [0]  # characters of the texts windowed_finditer was given, each text counted once
# Searching backwards: how far left of a window the measured width may reach.
_MAX_LOCAL = 2048
# A pattern tried at every offset of its windows: only when they are this narrow and cover at
# most this share of the text.
_MAX_RANGE = 80
_MAX_RANGE_COVER = 0.2

# Other requirements tried where the chosen one's windows do not pay (see `alternatives`).
_MAX_ALTERNATIVES = 3

# An inline flag group turning case-insensitivity on, for the whole pattern or part of it.
_SCOPED_IGNORECASE = re.compile(r"\(\?[a-zA-Z]*i[a-zA-Z]*[:)\-]")

Span = tuple[int, int]
_first = operator.itemgetter(0)
_second = operator.itemgetter(1)


@functools.lru_cache(maxsize=None)
def _run_probe(char_class: str, length: int, module: Any = regex) -> Any:
    """`length` characters of the class; with length 0, a run of one or more."""
    repeat = f"{{{length}}}" if length else "+"
    if module is regex:
        return regex.compile(f"{char_class}{repeat}", regex.IGNORECASE | regex.MULTILINE | regex.V0)
    return re.compile(f"{char_class}{repeat}", re.IGNORECASE | re.MULTILINE)


def longest_run(text: str, char_class: str, module: Any = regex) -> int | None:
    """An upper bound on the longest run of `char_class` in `text`, or None if it reaches MAX_RUN.

    The class is read by `module` (`regex` or `re`: they differ on some characters, such as
    which count as spaces), case-insensitively: at least as wide as the pattern's own reading.
    Where `regex` reads a class at least as widely as `re` (see `regex_reads_wider`), it measures
    for both: it scans a text for a class several times faster.
    """
    if module is re and regex_reads_wider(char_class, text):
        module = regex
    length = 2
    while length <= MAX_RUN:
        if _run_probe(char_class, length, module).search(text) is None:
            return length - 1
        length *= 2
    return None


_EXPLICIT_CLASS = re.compile(r"\[((?:\\U[0-9a-f]{8})+)\]")
SPACE_CLASS = r"[\s]"


@functools.lru_cache(maxsize=None)
def spaces_only(char_class: str) -> bool:
    """Whether `char_class` (as `regex_literals` writes classes) lists only white space, such as
    `[ \\t]`: its runs are then no longer than those of `SPACE_CLASS`, measured once for all."""
    found = _EXPLICIT_CLASS.fullmatch(char_class)
    if found is None:
        return False
    members = [chr(int(code, 16)) for code in found.group(1).split("\\U")[1:]]
    return all(_run_probe(SPACE_CLASS, 1, module).fullmatch(ch) for ch in members for module in (regex, re))


def _safe_char(ch: str) -> bool:
    # ASCII but capitals, general punctuation (curly quotes, dashes), CJK punctuation and ideographs:
    # none of these has a case partner among the characters normalised text can hold.
    return ((ord(ch) < 128 and not ch.isupper()) or "\u2010" <= ch <= "\u205e" or "\u3000" <= ch <= "\u303f"
            or "\u4e00" <= ch <= "\u9fff")


def exact_in_normalized_text(literal: str) -> bool:
    """Whether finding `literal` as is in normalised text finds what a case-insensitive search does.

    Normalised text is case-folded, so for lower-case ASCII and CJK (which has no case) the two
    agree: no other character that normalisation can produce folds to one of these
    (tests/test_speed_equivalence.py checks this over every code point).
    """
    return bool(literal) and all(map(_safe_char, literal))


_NOT_FOUND: list[int] = []


class LiteralIndex:
    """Where the literals of a family of patterns occur: one Aho-Corasick pass per document.

    Process-wide: each pattern of the family adds its literals, and a text is searched once for all
    of them (those known at the time). `LITERALS` holds those of every windowed pattern and the
    words some detectors start from (month names for dates, units for durations), `OPENINGS` the
    opening words of the patterns tried at their openings. A literal added after a text was
    searched, or never added, is found in that text on its own (by `str.split`, in C), not by
    searching the text again for all of them.
    """

    def __init__(self, name: str = "literal-starts") -> None:
        self.name = name  # what the occurrences found in a text are cached under
        self.literals: set[str] = set()
        self._automaton: Any = None
        self._covered: frozenset[str] = frozenset()  # the literals of the automaton

    def add(self, literals: set[str] | frozenset[str]) -> None:
        if not literals <= self.literals:
            self.literals |= literals
            self._automaton = None

    def positions(self, text: str, cache: dict[Any, Any], literals: Iterable[str]) -> list[list[int]]:
        """For each literal, the start offsets of its occurrences in `text` (cached in `cache`);
        the lists are shared: do not change them."""
        entry = cache.get(self.name)
        if entry is None:
            entry = cache[self.name] = self._search(text)
        covered, found = entry
        out = []
        for literal in literals:
            if literal in covered:
                out.append(found.get(literal, _NOT_FOUND))
                continue
            key = (self.name, literal)
            alone = cache.get(key)
            if alone is None:
                alone = cache[key] = _find_all(text, literal)
            out.append(alone)
        return out

    def _search(self, text: str) -> tuple[frozenset[str], dict[str, list[int]]]:
        """The occurrences of the literals known now, with the set of those literals."""
        if self._automaton is None:
            self._covered = frozenset(self.literals)
            automaton = ahocorasick.Automaton()
            for literal in self._covered:
                automaton.add_word(literal, (len(literal) - 1, literal))
            automaton.make_automaton()
            self._automaton = automaton
        found: dict[str, list[int]] = {}
        for end, (back, literal) in self._automaton.iter(text):
            bucket = found.get(literal)
            if bucket is None:
                found[literal] = [end - back]
            else:
                bucket.append(end - back)
        return self._covered, found


def _find_all(text: str, literal: str) -> list[int]:
    """The start offsets of every occurrence of `literal` in `text`, overlapping ones too."""
    if any(literal[:k] == literal[-k:] for k in range(1, len(literal))):
        # Two occurrences may overlap ("aa" in "aaa"), which `str.split` would not see.
        starts = []
        at = text.find(literal)
        while at >= 0:
            starts.append(at)
            at = text.find(literal, at + 1)
        return starts
    # Each piece between occurrences adds its length and the literal's (in C).
    pieces = text.split(literal)
    del pieces[-1]
    width = len(literal)
    return list(map(width.__rsub__, itertools.accumulate(map(width.__add__, map(len, pieces)))))


LITERALS = LiteralIndex()


class WindowedSearch:
    """The windowed search of one compiled pattern (see the module docstring).

    The pattern may be compiled by the `regex` module (a checklist's patterns) or by `re` (the
    detectors' own patterns); for `re`, there is no time limit and no searching backwards.
    """

    def __init__(self, compiled: Any, analysis: Analysis, shared: bool = True) -> None:
        requirement = analysis.requirement
        assert requirement is not None and analysis.min_width >= 1
        self.compiled = compiled
        self.analysis = analysis
        self.shared = shared  # whether its literals go into the process-wide index
        self._bind()
        self.flags = compiled.flags & (re.IGNORECASE if self.module is re else regex.IGNORECASE)
        if self.module is re and _SCOPED_IGNORECASE.search(compiled.pattern):
            # Literals inside `(?i:...)` match in any case: they are found as in a case-insensitive
            # pattern (literals outside it too, which finds more places to look, never fewer).
            self.flags = re.IGNORECASE
        self.reverse = self.module is regex and bool(compiled.flags & regex.REVERSE)
        # Shortest first: at a position where several literals start, the overlapped search
        # reports the shortest, whose window holds those of the others.
        literals = sorted(requirement.literals, key=lambda literal: (len(literal), literal))
        self.classes_required = sorted(requirement.classes)
        self.literals = literals
        # The literal index finds literals as written. That is what a case-insensitive search
        # finds too: in normalised text for `regex` (see exact_in_normalized_text); for `re`,
        # in a text without the characters it folds onto lower-case ASCII (see _CASE_TRAPS).
        if self.module is regex:
            self.indexed = all(map(exact_in_normalized_text, literals))
        else:
            self.indexed = not self.flags or all(all(map(_safe_char, literal)) for literal in literals)
        self.longest_literal = max([1, *map(len, literals)])
        self.min_width = analysis.min_width
        self.max_width = analysis.max_width
        self.reach = analysis.reach
        self.ahead = analysis.ahead
        self.before = requirement.before
        self.after = requirement.after
        # A forward pattern whose matches start with the literal is matched at each occurrence:
        # nothing else about its length is needed. One whose reach has no bound but whose
        # matches start at most a few characters before the literal is matched at each of them.
        self.anchored = not self.reverse and self.before == Size()
        if self.anchored:
            sizes = []
        elif self.reverse:
            # The width, with runs of any class, is measured near each window (see _backwards).
            sizes = [self.ahead, self.after]
        elif not bounded(self.reach):
            sizes = [self.before]
        else:
            sizes = [self.reach, self.before]
        self.classes = sorted({c for size in sizes if size is not None for c, _ in size.runs})
        self.usable = all(map(bounded, sizes)) and not (self.reverse and self.max_width is None)
        self._register()

    def _bind(self) -> None:
        self.module: Any = re if isinstance(self.compiled, re.Pattern) else regex
        compiled = self.compiled
        # The same calls for both modules: `re` has no time limit, so it ignores `timeout`.
        if self.module is regex:
            self._match, self._finditer = compiled.match, compiled.finditer
        else:
            self._match = lambda text, pos, timeout=None: compiled.match(text, pos)
            self._finditer = lambda text, pos, endpos, timeout=None: compiled.finditer(text, pos, endpos)

    def _register(self) -> None:
        """Add the literals to the process-wide index (found with all the others in one pass)."""
        if self.shared and self.usable and self.indexed and self.literals:
            LITERALS.add(set(self.literals))

    # A compiled checklist is pickled into the per-user cache (privcheck/checklist/cache.py): the
    # module and bound methods are made again on loading, and the literals registered again in
    # this process's index (without them, each would be looked for in a text on its own).
    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        for name in ("module", "_match", "_finditer", "finder", "alternatives"):
            state.pop(name, None)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._bind()
        self._register()

    @functools.cached_property
    def finder(self) -> Any:
        """The literals and classes as one pattern (where the literal index cannot be used)."""
        escape = self.module.escape
        return self.module.compile("|".join([*self.classes_required, *map(escape, self.literals)]), self.flags)

    def spans(self, text: str, runs: Callable[[str], int | None], timeout: float,
              cache: dict[Any, Any] | None = None) -> list[Span] | None:
        """Every match's span, as `finditer` over the whole text gives them (non-empty ones).

        None when windows do not pay here (the caller then searches the whole text).
        `runs(char_class)` gives the longest run of a class in `text` (None: too long). With a
        `cache` for `text`, which must be normalised text, literals are found by `LITERALS`.
        """
        found = self.matches(text, runs, timeout, cache)
        return None if found is None else [m.span() for m in found]

    @functools.cached_property
    def alternatives(self) -> list[WindowedSearch]:
        """The same search around the literals of the pattern's other requirements (each holds for
        every match too): where the chosen literals are too common in a text for windows to pay
        ("个人信息" in a Chinese policy), others may be rare enough there ("不会"). Only literals
        the literal index finds as the pattern reads them; they are not added to it, as they are
        looked for (each on its own) only where the chosen ones failed."""
        out = []
        for requirement in requirements(self.compiled.pattern):
            if requirement == self.analysis.requirement or requirement.classes or not requirement.literals:
                continue
            search = WindowedSearch(self.compiled, replace(self.analysis, requirement=requirement), shared=False)
            if search.usable and search.indexed:
                out.append(search)
        return out[:_MAX_ALTERNATIVES]

    def matches(self, text: str, runs: Callable[[str], int | None], timeout: float = 0.0,
                cache: dict[Any, Any] | None = None) -> list[Any] | None:
        """Like `spans`, the match objects (in the order `finditer` gives them, forwards)."""
        if not self.usable:
            return None
        found = self._matches(text, runs, timeout, cache)
        if found is None and cache is not None and self._indexed_in(text, cache):
            for alternative in self.alternatives:
                found = alternative._matches(text, runs, timeout, cache)
                if found is not None:
                    break
        return found

    def _indexed_in(self, text: str, cache: dict[Any, Any]) -> bool:
        """Whether the literal index finds in `text` what the pattern's own search would find."""
        return self.indexed and (self.module is regex or not self.flags or not _case_traps(text, cache))

    def _matches(self, text: str, runs: Callable[[str], int | None], timeout: float,
                 cache: dict[Any, Any] | None) -> list[Any] | None:
        if cache is not None and self._indexed_in(text, cache):
            found = LITERALS.positions(text, cache, self.literals) if self.literals else []
            found += [_class_positions(text, char_class, cache, self.module, self.flags)
                      for char_class in self.classes_required]
            # Each list is in order already; several are merged in C.
            occurrences = found[0] if len(found) == 1 else sorted(set(itertools.chain.from_iterable(found)))
        elif self.module is regex:
            occurrences = [m.start() for m in self.finder.finditer(text, overlapped=True)]
        else:
            occurrences = _overlapping_starts(self.finder, text)
        if not occurrences:
            return []
        deadline = time.monotonic() + timeout if self.module is regex else math.inf
        if self.anchored:
            return self._anchored(text, occurrences, deadline)
        values: dict[str, int] = {}
        for char_class in self.classes:
            run = runs(char_class)
            if run is None:
                return None
            values[char_class] = run
        n = len(text)
        if self.reverse:
            after = _value(self.after, values)
            # Several literals may start where the reported (shortest) one does: allow the longest.
            longest = self.longest_literal
            windows = _join(occurrences, 1, longest + after)
        else:
            before = _value(self.before, values)
            if not bounded(self.reach):
                if before > _MAX_RANGE:
                    return None
                windows = _join(occurrences, -before, 0)
                if sum(map(operator.sub, map(_second, windows), map(_first, windows))) > _MAX_RANGE_COVER * n:
                    return None
                return self._ranged(text, windows, deadline)
            windows = _join(occurrences, -before, 0)
        if self.reverse:
            return self._backwards(text, windows, _value(self.ahead, values), deadline)
        reach = _value(self.reach, values)
        if sum(map(operator.sub, map(_second, windows), map(_first, windows))) + len(windows) * (reach + 2) > _MAX_COVER * n:
            return None
        return self._forwards(text, windows, reach, deadline)

    def _anchored(self, text: str, starts: list[int], deadline: float) -> list[Any]:
        """Matches starting at the given offsets, kept as a whole-text search keeps them."""
        found: list[Any] = []
        resume = 0
        if self.module is re:
            # No time limit: the attempts run in C (map/filter); those inside a kept match are
            # dropped afterwards.
            for m in filter(None, map(self.compiled.match, itertools.repeat(text), starts)):
                if m.start() >= resume and m.end() > m.start():
                    found.append(m)
                    resume = m.end()
            return found
        match = self._match
        for start in starts:
            if start < resume:
                continue
            m = match(text, start, timeout=_left(deadline))
            if m is not None and m.end() > start:
                found.append(m)
                resume = m.end()
        return found

    def _ranged(self, text: str, windows: list[Span], deadline: float) -> list[Any]:
        """Matches starting inside the windows, tried at every offset (the attempts run in C)."""
        n = len(text)
        found: list[Any] = []
        resume = 0
        match = self.compiled.match
        for first, last in windows:
            first = max(first, resume, 0)
            last = min(last, n - 1)
            if first > last:
                continue
            attempts: Iterable[Any]
            if self.module is re:
                attempts = map(match, itertools.repeat(text), range(first, last + 1))
            else:
                attempts = (match(text, p, timeout=_left(deadline)) for p in range(first, last + 1))
            for m in filter(None, attempts):
                if m.start() >= resume and m.end() > m.start():
                    found.append(m)
                    resume = m.end()
        return found

    def _forwards(self, text: str, windows: list[Span], reach: int, deadline: float) -> list[Any]:
        n = len(text)
        found: list[Any] = []
        resume = 0
        finditer = self._finditer
        for first, last in windows:
            pos = max(first, resume, 0)
            if pos > last or pos > n:
                continue
            for m in finditer(text, pos, min(n, last + reach + 1), timeout=_left(deadline)):
                if m.start() > last:
                    break
                if m.end() > m.start():
                    found.append(m)
                resume = m.end()
        return found

    def _backwards(self, text: str, windows: list[Span], ahead: int, deadline: float) -> list[Any] | None:
        """Matches ending in the windows, chosen from the right as a whole-text search chooses.

        Backwards, the engine consumes leftwards from where a match ends, so a window is searched
        from far enough to its left that nothing it could consume is cut off: the pattern's width
        with the runs measured there (a longer run would have to lie in that stretch). None when
        that stretch grows too long.
        """
        n = len(text)
        at_end: dict[int, Any] = {}
        finditer = self.compiled.finditer
        width = self.max_width
        assert width is not None
        local = [c for c, _ in width.runs]
        covered = 0
        for first, last in windows:
            if first > n:
                continue
            runs = dict.fromkeys(local, 0)
            while True:
                pos = max(0, first - width.value(runs) - 1)
                grown = False
                for char_class in local:
                    run = _longest_run_between(text, char_class, pos, last)
                    if run > runs[char_class]:
                        runs[char_class], grown = run, True
                if not grown:
                    break
                if first - pos > _MAX_LOCAL:
                    return None
            covered += last - pos
            if covered > _MAX_COVER * n:
                return None
            endpos = min(n, last + ahead + 1)
            for m in finditer(text, pos, endpos, overlapped=True, timeout=_left(deadline)):
                end = m.end()
                if end < first:
                    break
                if end <= last:
                    at_end[end] = m
        found: list[Any] = []
        resume = n
        for end in sorted(at_end, reverse=True):
            if end <= resume:
                found.append(at_end[end])
                resume = at_end[end].start()
        found.reverse()
        return found


# Characters `re` matches case-insensitively to a lower-case ASCII letter, besides the letter.
# (Searched by `regex`, which reads a list of characters without flags as `re` does, faster.)
_CASE_TRAPS = regex.compile("[A-Z\u0130\u0131\u017f\u212a]", regex.V0)


def _case_traps(text: str, cache: dict[Any, Any]) -> bool:
    key = "re-case-traps"
    if key not in cache:
        cache[key] = _CASE_TRAPS.search(text) is not None
    return cache[key]


_CLASS_PART = re.compile(r"\\U([0-9a-f]{8})(?:-\\U([0-9a-f]{8}))?|\\(d)")
# A range of characters longer than this is not read character by character (see _class_reading).
_MAX_CLASS_RANGE = 4096


@functools.lru_cache(maxsize=None)
def _class_reading(char_class: str) -> tuple[bool, bool] | None:
    """For a class as `regex_literals` writes it: (whether its characters other than ASCII letters
    have no case, whether it names ASCII letters); None unless it is a plain list of characters,
    ranges and `\\d`."""
    if not (char_class.startswith("[") and char_class.endswith("]")) or char_class.startswith("[^"):
        return None
    body = char_class[1:-1]
    caseless, letters = True, False
    position = 0
    for part in _CLASS_PART.finditer(body):
        if part.start() != position:
            return None
        position = part.end()
        if part.group(3):
            continue  # digits have no case
        low = int(part.group(1), 16)
        high = int(part.group(2), 16) if part.group(2) else low
        if high - low > _MAX_CLASS_RANGE:
            return None
        for code in range(low, high + 1):
            ch = chr(code)
            if ch.isascii() and ch.isalpha():
                letters = True
            elif ch.lower() != ch or ch.upper() != ch or ch.casefold() != ch:
                caseless = False
    return (caseless, letters) if position == len(body) and body else None


def regex_reads_wider(char_class: str, text: str, cache: dict[Any, Any] | None = None) -> bool:
    """Whether `regex` finds every character of `char_class` in `text` that `re` finds, read
    case-insensitively or not (it may find more).

    So for a plain list of characters and ranges that are caseless or ASCII letters, where the
    text holds nothing `re` folds onto an ASCII letter, and for `\\d`: `regex` knows a newer
    Unicode, which has every digit the older one has (a test checks this over every code point).
    Not for `\\s`: `re` counts the separators U+001C-U+001F as spaces, `regex` does not.
    """
    reading = _class_reading(char_class)
    if reading is None:
        return False
    caseless, letters = reading
    if not caseless:
        return False
    return not letters or not _case_traps(text, cache if cache is not None else text_cache(text))


def _overlapping_starts(finder: re.Pattern[str], text: str) -> list[int]:
    """Every offset where `finder` (an `re` alternation of literals and classes) matches."""
    starts = []
    pos = 0
    search = finder.search
    m = search(text, pos)
    while m is not None:
        starts.append(m.start())
        m = search(text, m.start() + 1)
    return starts


def _longest_run_between(text: str, char_class: str, start: int, end: int) -> int:
    """The longest run of `char_class` within text[start:end] (runs cut at its ends)."""
    return max(map(len, _run_probe(char_class, 0).findall(text, start, end)), default=0)


def _class_positions(text: str, char_class: str, cache: dict[Any, Any], module: Any = regex, flags: int = 0) -> list[int]:
    """Offsets of every character of a class in `text`, found once per text."""
    reading = _class_reading(char_class)
    if reading == (True, False):
        flags = 0  # no character of the class has a case: read case-insensitively or not, alike
    key = ("class-positions", char_class, module.__name__, flags)
    found = cache.get(key)
    if found is None:
        probe = module.compile(char_class, flags | (regex.V0 if module is regex else 0))
        if module is re and regex_reads_wider(char_class, text, cache):
            # `regex` scans faster; `re` then keeps what it reads as the class itself.
            wider = _class_positions(text, char_class, cache, regex, regex.IGNORECASE)
            match = probe.match
            found = cache[key] = [p for p in wider if match(text, p)]
        else:
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


_LAST_TEXT: list[Any] = [None, {}]


def text_cache(text: str) -> dict[Any, Any]:
    """A cache for work on one text (literal and class positions), kept for the latest text."""
    if _LAST_TEXT[0] is not text:
        _LAST_TEXT[:] = [text, {}]
    return _LAST_TEXT[1]


@functools.lru_cache(maxsize=None)
def _search_for(compiled: Any) -> WindowedSearch | None:
    analysis = analyse(compiled.pattern)
    if analysis is None or analysis.requirement is None or analysis.min_width < 1:
        return None
    search = WindowedSearch(compiled, analysis)
    return search if search.usable else None


def run_bound(text: str, char_class: str, module: Any, cache: dict[Any, Any]) -> int | None:
    """`longest_run(text, char_class, module)` found once per text (`cache` is the text's), or a
    bound shared with other classes: white space, whether `\\s` or a list of spaces such as
    `[ \\t]`, is measured once, as `re` reads `\\s` (every space `regex` knows, and U+001C-U+001F:
    tests check this over every code point)."""
    if char_class == SPACE_CLASS or spaces_only(char_class):
        char_class, module = SPACE_CLASS, re
    key = ("longest-run", char_class, module.__name__)
    if key not in cache:
        cache[key] = longest_run(text, char_class, module)
    return cache[key]


def windowed_finditer(compiled: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """`list(compiled.finditer(text))`, searching only near what every match must contain.

    For the detectors' own `re` patterns (contacts, ages); falls back to the plain search where
    windows do not pay or the pattern cannot be analysed.
    """
    # A short text is searched whole; a pattern is read (analysed) only once the process has
    # searched enough text to repay it, then used for any text that is not short.
    cache = text_cache(text)
    search = None
    if _worth_reading(text, cache):
        search = _search_for(compiled)
    if search is not None:
        found = search.matches(text, lambda char_class: run_bound(text, char_class, re, cache), cache=cache)
        if found is not None:
            return found
    return list(compiled.finditer(text))


def _worth_reading(text: str, cache: dict[Any, Any]) -> bool:
    """Whether reading a pattern pays for `text`: it is not short and the process has searched
    enough text (this one counted once)."""
    if "searched" not in cache:
        cache["searched"] = True
        _SEARCHED[0] += len(text)
    return len(text) >= _SHORT and _SEARCHED[0] >= _ANALYSE_FROM


# Characters a case-insensitive `re` pattern reads as an ASCII letter though `str.lower` does not
# make them one; "İ" is also the only character `str.lower` makes two of.
_AS_ASCII = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s"})
_NOT_LOWERED_AS_RE = re.compile("[\u0130\u0131\u017f]")


def lowered_as_re(text: str) -> str:
    """`text` in lower case, offset for offset, where every character a case-insensitive `re`
    pattern reads as an ASCII letter is that letter in lower case (tests check every code point)."""
    return (text.translate(_AS_ASCII) if _NOT_LOWERED_AS_RE.search(text) else text).lower()


# Places to try, as a share of the text, few enough not to look for rarer literals.
_FEW_PLACES = 1 / 64
# Literals shorter than this ("by", "we", "(") are not in the shared opening index: as common as
# they are, they would make most of its hits. A pattern that needs them looks for them on its own.
_SHARED_SHORTEST = 3

Opening = tuple[frozenset[str], Any, Size]


# Where the opening literals of the patterns searched by `finditer_at_openings` occur, in lower
# case: one pass per text for all of them (a pass per pattern and per set of literals cost as much
# as the attempts themselves). Each pattern adds its literals the first time it is read (see
# `_openings`).
OPENINGS = LiteralIndex("opening-starts")


@functools.lru_cache(maxsize=None)
def _openings(compiled: re.Pattern[str]) -> tuple[Opening, ...]:
    """For each set of literals (ASCII) one of which every match of `compiled` holds: the literals
    in lower case, an automaton of them where they are not in the shared index (else None), and
    how far after the start of a match one may start."""
    if compiled.flags & re.VERBOSE:
        return ()
    out: list[Opening] = []
    for requirement in requirements(compiled.pattern):
        literals, before = requirement.literals, requirement.before
        if (before is None or wordy(before) or requirement.classes or not literals or not all(literals)
                or not all(literal.isascii() for literal in literals)):
            continue
        lowered = frozenset(literal.lower() for literal in literals)
        automaton = None
        if min(map(len, lowered)) >= _SHARED_SHORTEST:
            OPENINGS.add(lowered)
        else:
            automaton = ahocorasick.Automaton()
            for literal in lowered:
                automaton.add_word(literal, len(literal) - 1)
            automaton.make_automaton()
        out.append((lowered, automaton, before))
    # Those of the shared index first (their places are known without another pass over the
    # text), then nearest the start of a match: the fewest places to try for each occurrence.
    return tuple(sorted(out, key=lambda option: (option[1] is not None, len(option[2].runs), option[2].constant)))


def finditer_at_openings(compiled: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """`compiled.finditer(text)`, trying the pattern only where a match can start: at most a few
    characters before a literal every match holds (found in any case). For a detector's `re`
    pattern that opens with one of a few words, such as "this service is provided by ...", which
    the engine would otherwise try at every position of the text.

    The attempts run in C (map/filter) and the matches come back in order; of those, the ones that
    begin after the previous match ends are what the whole-text search finds. Falls back to the
    plain search where reading the pattern does not pay, where there are no such literals or where
    the places to try would be too many.
    """
    cache = text_cache(text)
    starts = _opening_starts(compiled, text, cache) if _worth_reading(text, cache) else None
    if starts is None:
        yield from compiled.finditer(text)
        return
    yield from matches_at(compiled, text, starts)


def matches_at(compiled: Any, text: str, starts: list[int]) -> Iterator[Any]:
    """`compiled.finditer(text)` for a pattern that matches only at `starts` (sorted) and never an
    empty string: of its matches there (tried in C), those that begin past the previous match."""
    resume = 0
    for match in filter(None, map(compiled.match, itertools.repeat(text, len(starts)), starts)):
        if match.start() >= resume:
            yield match
            resume = match.end()


def _opening_starts(compiled: re.Pattern[str], text: str, cache: dict[Any, Any]) -> list[int] | None:
    """Every offset where a match of `compiled` may start, in order (None: search the whole text):
    from the literals that leave the fewest places to try (or few enough). None found of a set of
    literals every match holds: no place at all."""
    options = _openings(compiled)
    if not options:
        return None
    if "lowered" not in cache:
        lowered = lowered_as_re(text)
        cache["lowered"] = lowered if len(lowered) == len(text) else None
    if cache["lowered"] is None:
        return None
    best: tuple[int, list[int], int] | None = None
    for literals, automaton, before in options:
        # Short literals, each a pass of its own with many hits, are looked for only where no
        # longer ones bound the places, or while these are many.
        if automaton is not None and best is not None and (options[0][1] is None or best[0] <= len(text) * _FEW_PLACES):
            break
        if automaton is None:
            found = [starts for starts in OPENINGS.positions(cache["lowered"], cache, literals) if starts]
            occurrences = found[0] if len(found) == 1 else sorted(set(itertools.chain.from_iterable(found)))
        else:
            occurrences = sorted({end - back for end, back in automaton.iter(cache["lowered"])})
        if not occurrences:
            return []
        if best is not None and len(occurrences) * (before.constant + 1) >= best[0]:
            continue  # no fewer places, however long the runs: they need not be measured
        reach = _value_here(before, text, cache)
        if reach is None:
            continue
        places = len(occurrences) * (reach + 1)
        if best is None or places < best[0]:
            best = places, occurrences, reach
    if best is None or best[0] > len(text) * _MAX_RANGE_COVER:
        return None
    _, occurrences, reach = best
    if not reach:
        return occurrences
    # The offsets from `reach` before each occurrence up to it, each once, in order: the
    # occurrences are in order, so each range starts past the end of the one before.
    starts: list[int] = []
    after_previous = 0
    for at in occurrences:
        starts.extend(range(max(after_previous, at - reach), at + 1))
        after_previous = at + 1
    return starts


def _value_here(size: Size, text: str, cache: dict[Any, Any]) -> int | None:
    """`size` with the runs of its classes in `text` (None when one is too long to bound)."""
    value = size.constant
    for char_class, coefficient in size.runs:
        run = run_bound(text, char_class, re, cache)
        if run is None:
            return None
        value += coefficient * run
    return value
