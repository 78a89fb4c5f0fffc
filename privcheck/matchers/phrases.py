"""`phrases`: any of a list of phrases, case-insensitive.

    phrases: ["withdraw* consent", "撤回...同意", "right to object"]

Phrases are normalised like the document (full-width to ASCII, lower case). English phrases match
whole words only (`consent` does not match `consented`); a trailing `*` on a word allows any ending
(`withdraw*` matches withdraws, withdrawal). Chinese needs no word boundaries. `...` (or `…`) stands
for a gap of up to 30 characters within one sentence. A space matches any run of spaces or hyphens
between English words and optional space elsewhere. Words inside a web address or the domain of an
email address are not words of the policy: `usa` does not match in "www.usa.gov" (see
`TextView.outside_web_addresses`).

`$name` in a list stands for the phrases of the checklist's vocabulary `name` (see
`vocabularies` in the README). With the mapping form, hits in a sentence that holds an `unless`
phrase do not count:

    phrases:
      terms: [$automated-decisions]
      unless: [recommend*, 推荐]
"""

from __future__ import annotations

import functools
import itertools
import operator
import re
import unicodedata
from typing import TYPE_CHECKING, Any, NamedTuple

from privcheck.matchers.base import (
    CompileContext, Hit, Matcher, MatcherKind, Outcome, TextView, with_unless,
)
from privcheck.textsearch.pattern_cache import compile_pattern, is_cheap

GAP = r"[^。.!?;\n]{0,30}?"
_span = operator.methodcaller("span")
_SPACE_OR_STAR = re.compile(r"[ *]")
_WORD_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")  # what `[a-z0-9]` matches


@functools.lru_cache(maxsize=None)
def normalize_phrase(phrase: str) -> str:
    """NFKC, case-folded, runs of white space as one space. Kept per phrase: a phrase is
    normalised for its pattern, its anchor and its place in the list, in every matcher that holds it."""
    text = unicodedata.normalize("NFKC", phrase).casefold()
    return " ".join(text.split())


@functools.lru_cache(maxsize=None)
def phrase_pattern(phrase: str) -> str:
    """Regular-expression source for one phrase (see the module docstring for the syntax)."""
    text = normalize_phrase(phrase).replace("…", "...")
    parts = [p.strip() for p in text.split("...")]
    return GAP.join(_literal_pattern(p) for p in parts if p)


def _literal_pattern(text: str) -> str:
    # Only a space and a `*` after a word character are not literal; the text between them is
    # escaped a run at a time (re.escape works character by character, so this is the same).
    # Word characters are looked up in a set, not matched: thousands of phrases are read on a first run.
    if " " not in text and "*" not in text:
        pattern = re.escape(text)
    else:
        out: list[str] = []
        literal_from = 0
        for found in _SPACE_OR_STAR.finditer(text):
            i = found.start()
            if text[i] == "*":
                if not (i > 0 and text[i - 1] in _WORD_CHARACTERS):
                    continue
                replacement = r"[a-z0-9]*"
            else:
                before, after = text[i - 1 : i], text[i + 1 : i + 2]
                replacement = r"[\s\-]+" if before in _WORD_CHARACTERS and after in _WORD_CHARACTERS else r"\s*"
            out.append(re.escape(text[literal_from:i]))
            out.append(replacement)
            literal_from = i + 1
        out.append(re.escape(text[literal_from:]))
        pattern = "".join(out)
    if text and text[0] in _WORD_CHARACTERS:
        pattern = r"(?<![a-z0-9])" + pattern
    # An abbreviation ends a word too: "u.s." is not the start of "u.s.c." (the U.S. Code).
    if text and (text[-1] in _WORD_CHARACTERS or text.endswith("*")
                 or (text.endswith(".") and text[-2:-1] in _WORD_CHARACTERS)):
        pattern += r"(?![a-z0-9])"
    return pattern


# A phrase is matched by its `PlainPhrase` instead of by compiling its regular expression until
# this many places have been tried in this process: a compilation (50 µs, 200 µs with a gap)
# costs as much as dozens of attempts in Python, and a pattern compiled once serves every document.
_COMPILE_FROM = 48
_tried_in_python: dict[str, int] = {}  # pattern -> places tried by its PlainPhrase
# pattern -> its compiled `match`, once `spans_at` has compiled it (it is never tried in Python again)
_compiled_match: dict[str, Any] = {}
_GAP_STOP = re.compile(r"[。.!?;\n]")  # what GAP cannot cross
_GAP_LENGTH = 30


class PlainPart(NamedTuple):
    """A part of a phrase (between `...`) whose only `*` ends it, matched as its pattern would be.

    Its pattern is literal runs (`runs`) joined by one or more spaces or hyphens (`plus` True) or
    any spaces (False), then `[a-z0-9]*` (`any_ending`), within word boundaries at either end
    where `_literal_pattern` puts them. Every repetition in it is followed by a character it
    cannot match, so from a given start there is one way to match and no backtracking to emulate.
    """

    runs: tuple[str, ...]
    plus: tuple[bool, ...]
    word_start: bool
    any_ending: bool
    word_end: bool

    def end_at(self, text: str, start: int) -> int | None:
        """Where the match starting at `start` ends, or None where there is none."""
        if self.word_start and start > 0 and text[start - 1] in _WORD_CHARACTERS:
            return None
        size = len(text)
        q = start
        for index, run in enumerate(self.runs):
            if index:
                j = q
                if self.plus[index - 1]:
                    while j < size and (text[j].isspace() or text[j] == "-"):
                        j += 1
                    if j == q:
                        return None
                else:
                    while j < size and text[j].isspace():
                        j += 1
                q = j
            if not text.startswith(run, q):
                return None
            q += len(run)
        if self.any_ending:
            while q < size and text[q] in _WORD_CHARACTERS:
                q += 1
        if self.word_end and q < size and text[q] in _WORD_CHARACTERS:
            return None
        return q


class PlainPhrase(NamedTuple):
    """A phrase of `PlainPart`s joined by gaps (GAP), matched in Python as its pattern would be.

    A gap takes as few characters as lets the rest match, so the next part is tried where its
    first run occurs, nearest first, up to 30 characters on and before a sentence ends.
    """

    parts: tuple[PlainPart, ...]

    def end_at(self, text: str, start: int, index: int = 0) -> int | None:
        """Where the match starting at `start` ends (of the parts from `index` on), or None."""
        end = self.parts[index].end_at(text, start)
        if end is None or index + 1 == len(self.parts):
            return end
        stop = _GAP_STOP.search(text, end, end + _GAP_LENGTH)
        first_run = self.parts[index + 1].runs[0]
        limit = (stop.start() if stop else end + _GAP_LENGTH) + len(first_run)
        at = text.find(first_run, end, limit)
        while at != -1:
            found = self.end_at(text, at, index + 1)
            if found is not None:
                return found
            at = text.find(first_run, at + 1, limit)
        return None


@functools.lru_cache(maxsize=None)
def plain_phrase(phrase: str) -> PlainPhrase | None:
    """`phrase` as a `PlainPhrase`, or None when a `*` inside a part makes it one (see `_literal_pattern`)."""
    text = normalize_phrase(phrase).replace("…", "...")
    parts = [_plain_part(p) for p in (p.strip() for p in text.split("...")) if p]
    if not parts or None in parts:
        return None
    return PlainPhrase(tuple(p for p in parts if p is not None))


def _plain_part(part: str) -> PlainPart | None:
    runs: list[str] = []
    plus: list[bool] = []
    any_ending = False
    literal_from = 0
    for found in _SPACE_OR_STAR.finditer(part):
        i = found.start()
        if part[i] == "*":
            if not (i > 0 and part[i - 1] in _WORD_CHARACTERS):
                continue
            if i != len(part) - 1:
                return None
            any_ending = True
        else:
            plus.append(part[i - 1 : i] in _WORD_CHARACTERS and part[i + 1 : i + 2] in _WORD_CHARACTERS)
        runs.append(part[literal_from:i])
        literal_from = i + 1
    if not any_ending:
        runs.append(part[literal_from:])
    word_end = part[-1] in _WORD_CHARACTERS or part.endswith("*") or (part.endswith(".") and part[-2:-1] in _WORD_CHARACTERS)
    return PlainPart(tuple(runs), tuple(plus), part[0] in _WORD_CHARACTERS, any_ending, word_end)


def spans_at(phrase: str, source: str, text: str, starts: list[int]) -> list[tuple[int, int]]:
    """The matches of `phrase` (its pattern is `source`) that begin at one of `starts`, in their
    order, empty ones included: what the pattern's `match` at each start finds.

    A plain phrase is matched in Python while that is cheaper than compiling (see `_in_python`);
    otherwise the attempts run in C (map/filter), and only the matches come back to Python.
    """
    match = _compiled_match.get(source)
    if match is None:
        plain = plain_phrase(phrase) if _in_python(source, len(starts)) else None
        if plain is not None:
            return [(start, end) for start, end in zip(starts, map(plain.end_at, itertools.repeat(text), starts))
                    if end is not None]
        match = _compiled_match[source] = _compiled(source).match
    return list(map(_span, filter(None, map(match, itertools.repeat(text, len(starts)), starts))))


def _in_python(source: str, count: int) -> bool:
    """Whether to try a pattern at `count` more places in Python (if its phrases are plain): while
    the places tried in this process stay under _COMPILE_FROM and compiling it is not cheap (see
    `pattern_cache.is_cheap`)."""
    tried = _tried_in_python.get(source, 0) + count
    if tried >= _COMPILE_FROM or is_cheap(source):
        return False
    _tried_in_python[source] = tried
    return True


@functools.lru_cache(maxsize=None)
def _plain_phrases(phrases: tuple[str, ...]) -> tuple[PlainPhrase, ...] | None:
    plains = tuple(plain for plain in map(plain_phrase, phrases) if plain is not None)
    return plains if len(plains) == len(phrases) else None


def starts_matching(phrases: tuple[str, ...], source: str, text: str, starts: list[int]) -> list[int]:
    """The `starts` at which one of `phrases` matches (their alternation is `source`), as
    `spans_at` tries them."""
    plains = _plain_phrases(phrases) if _in_python(source, len(starts)) else None
    if plains is not None:
        return [start for start in starts if any(plain.end_at(text, start) is not None for plain in plains)]
    match = _compiled(source).match
    return [m.start() for m in filter(None, map(match, itertools.repeat(text, len(starts)), starts))]


def ordered_phrases(phrases: list[str]) -> list[str]:
    """The distinct normalised phrases, longest first so the longest reading wins."""
    return sorted(sorted({normalize_phrase(p) for p in phrases}), key=len, reverse=True)


def _compiled(source: str) -> re.Pattern[str]:
    return compile_pattern(source)


@functools.lru_cache(maxsize=None)
def anchor_token(phrase: str) -> str:
    """The literal text every match of `phrase` starts with ('' when there is none).

    It is the start of the first part, up to the first space or `*`: a space may match hyphens or
    nothing and `*` any ending, but what comes before them is matched literally.
    """
    text = normalize_phrase(phrase).replace("…", "...")
    parts = [p.strip() for p in text.split("...") if p.strip()]
    if not parts:
        return ""
    return _leading_literal(parts[0])


# Words too common in any policy to anchor a search on: a phrase opening with one is found from a
# rarer word of its opening instead (its start is then found by stepping back).
_COMMON_WORDS = frozenset(
    "a an the to of and or in on at for with by as from into about is are be been it its this that these those "
    "we us our you your they their he she any all no not if may will can must such other more "
    "personal information data use used".split()
)


class AnchorPlan(NamedTuple):
    """How the one-pass search finds where a phrase can start.

    `anchor` is a literal word of the phrase's opening words: the first, unless it is a very
    common word ("to", "we") and a rarer one follows (then the longest of those), and `before` the
    words before it, nearest first. Each word before is followed by a run of
    separator characters: one or more spaces or hyphens (`True`) between two word characters,
    any spaces (`False`) otherwise. As neither word touching a run can belong to it, the start of
    a match whose anchor word sits at offset q is found by stepping back from q over each run and
    word (`back_pattern`): one candidate start per occurrence of the anchor. A named tuple: the
    one-pass search looks plans up in dictionaries hundreds of thousands of times, and a tuple
    hashes in C.
    """

    anchor: str
    before: tuple[tuple[str, bool], ...] = ()


@functools.lru_cache(maxsize=None)
def back_pattern(before: tuple[tuple[str, bool], ...]) -> re.Pattern[str]:
    """The runs and words of `before` (see `AnchorPlan`) spelt backwards, as a pattern for the
    reversed text: matched there at `len(text) - q`, it ends at `len(text) - start` for the start
    of a match whose anchor is at q.

    Stepping back is then one `match` in C per occurrence of the anchor, not a loop in Python. A
    run is matched greedily, and no more is needed: the word before it does not end in a
    character the run can take.
    """
    return compile_pattern("".join((r"[\s\-]+" if plus else r"\s*") + re.escape(word[::-1]) for word, plus in before))


@functools.lru_cache(maxsize=None)
def anchor_plan(phrase: str) -> AnchorPlan:
    """The anchor word of `phrase` and the words before it (see `AnchorPlan`)."""
    first = anchor_token(phrase)
    if first not in _COMMON_WORDS:  # most phrases: nothing more to read
        return AnchorPlan(first)
    text = normalize_phrase(phrase).replace("…", "...")
    parts = [p.strip() for p in text.split("...") if p.strip()]
    if not parts:
        return AnchorPlan(first)
    star = parts[0].find("*")
    words = (parts[0] if star == -1 else parts[0][:star]).split(" ")
    if any(not w for w in words) or words[0] != first:
        return AnchorPlan(first)
    rare = [i for i in range(len(words)) if words[i] not in _COMMON_WORDS]
    if not rare:
        return AnchorPlan(first)
    best = max(rare, key=lambda i: (len(words[i]), -i))
    before = []
    for i in range(best - 1, -1, -1):
        plus = words[i][-1] in _WORD_CHARACTERS and words[i + 1][0] in _WORD_CHARACTERS
        if words[i][-1].isspace() or words[i + 1][0].isspace() or (plus and "-" in (words[i][-1], words[i + 1][0])):
            return AnchorPlan(first)
        before.append((words[i], plus))
    return AnchorPlan(words[best], tuple(before))


def _leading_literal(part: str) -> str:
    end = len(part)
    for stop in (" ", "*"):
        found = part.find(stop)
        if found != -1:
            end = min(end, found)
    return part[:end]


def check_phrase_list(value: Any, ctx: CompileContext) -> list[str]:
    """The phrases of a list, validated as the phrases of `phrases` are (a single phrase is a list of
    one; a list inside the list, such as a YAML alias `[*personal-data, more]`, is spliced in, and
    `$name` stands for the phrases of a vocabulary)."""
    from privcheck.matchers.options import phrase_list

    return phrase_list(value, ctx)


class PhrasesMatcher(Matcher):
    kind = "phrases"

    def __init__(self, phrases: list[str]) -> None:
        self.phrases = phrases
        ordered = ordered_phrases(phrases)
        # Regular expressions are compiled on first use and shared between matchers: a check
        # compiles only the phrases whose leading word occurs in the document, and of those not
        # the plain phrases tried at few places (see `spans_at`).
        self.phrase_sources = [phrase_pattern(p) for p in ordered]
        self._source = "|".join(f"(?:{source})" for source in self.phrase_sources)
        self._key = ("phrases", self._source)
        # For the one-pass search (privcheck.matchers.phrase_index): each phrase in the
        # alternation's order and the literal token its matches start with.
        self.ordered = ordered
        self.tokens = [anchor_token(p) for p in ordered]
        self.plans = [anchor_plan(p) for p in ordered]
        # The phrases (with their place in the alternation) by anchor word: a document holds the
        # anchors of about a quarter of a list's phrases, and those of a word that does not occur
        # are not looked at.
        by_anchor: dict[str, list[tuple[int, str]]] = {}
        for index, (plan, phrase) in enumerate(zip(self.plans, ordered)):
            by_anchor.setdefault(plan.anchor, []).append((index, phrase))
        self._by_anchor = {anchor: tuple(entries) for anchor, entries in by_anchor.items()}
        self._anchors = frozenset(by_anchor)

    @property
    def pattern(self) -> re.Pattern[str]:
        """The whole list as one alternation (the plain search, without the phrase index)."""
        return _compiled(self._source)

    def cache_key(self) -> Any:
        return self._key

    def evaluate(self, view: TextView) -> Outcome:
        from privcheck.matchers.phrase_index import indexed_positions

        positions = indexed_positions(view, self)
        if positions is None:
            hits = [Hit(*span) for span in view.outside_web_addresses([m.span() for m in self.pattern.finditer(view.text)])]
        else:
            hits = self._hits_at(view, positions)
        return Outcome(bool(hits), hits)

    def _hits_at(self, view: TextView, candidates: Any) -> list[Hit]:
        """The same hits as `self.pattern.finditer(view.text)`, from each phrase's own matches.

        A match of the alternation starts where one of its phrases matches; at one position the
        first phrase in the alternation's order wins, and the search goes on after its match.
        Each phrase is matched once per document (where its anchor word says it can start),
        however many matchers hold it, and its hits are shared by them.
        """
        per_phrase: list[tuple[int, list[Hit]]] = []
        found = candidates.found
        # The anchors that occur in the document, found in C (the set is the smaller: it is iterated);
        # the phrases of the others cannot match.
        for anchor in candidates.positions.keys() & self._anchors:
            for index, phrase in self._by_anchor[anchor]:
                hits = found.get(phrase)
                if hits is None:
                    hits = candidates.hits(view, phrase)
                if hits:
                    per_phrase.append((index, hits))
        if not per_phrase:
            return []
        if len(per_phrase) == 1:
            hits = per_phrase[0][1]
        else:
            # Sorted by start, then by the phrase's place in the alternation (the first wins): the
            # phrases' hits in that place's order, sorted by start alone (a stable sort, which
            # merges the runs of sorted hits in C).
            per_phrase.sort(key=_first)
            hits = sorted(itertools.chain.from_iterable(map(_second, per_phrase)), key=_first)
        if all(map(operator.le, map(_second, hits), map(_first, itertools.islice(hits, 1, None)))):
            return list(hits)  # no two overlap: every one is kept (in a list of the matcher's own)
        kept: list[Hit] = []
        append = kept.append
        resume = 0
        for hit in hits:
            if hit[0] >= resume:
                append(hit)
                resume = hit[1]
        return kept


_first = operator.itemgetter(0)
_second = operator.itemgetter(1)


if TYPE_CHECKING:
    from privcheck.matchers.options import PhrasesSpec


def build(options: PhrasesSpec, ctx: CompileContext) -> Matcher:
    unless = PhrasesMatcher(list(options.unless)) if options.unless is not None else None
    return with_unless(PhrasesMatcher(list(options.terms)), unless)


KINDS = (MatcherKind("phrases", build, __doc__, "PhrasesSpec"),)
