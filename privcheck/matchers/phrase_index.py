"""One pass over a document for every `phrases` matcher of a set of checklists.

A checklist of many items holds many `phrases` matchers; searching the text once per matcher makes
the cost grow with the number of items. Instead, the literal token each phrase starts with (see
`phrases.anchor_token`) goes into one Aho-Corasick automaton, which finds every occurrence of every
token in one pass. Each `phrases` matcher then tries its own patterns only where one of its tokens
occurs, which gives exactly the hits its regular expression would find on the whole text.

A common token ("to", "we") starts many phrases and occurs thousands of times. So the phrases
sharing a token are first tried together, as one alternation, at each occurrence; each phrase is
then tried on its own only where the alternation matched (where no phrase matches, none of them
can). Each phrase is matched once per document, and its hits are shared by every matcher that
holds it.
"""

from __future__ import annotations

import functools
import itertools
import operator
from collections.abc import Iterable
from typing import Any

import ahocorasick

from privcheck.matchers.base import Hit, Matcher, TextView
from privcheck.matchers.phrases import AnchorPlan, PhrasesMatcher, back_pattern, spans_at, starts_matching

_VIEW_KEY = "phrase-index"
# Phrases sharing an anchor are tried together (one compiled alternation) where the anchor occurs
# at least this often; below, each is tried on its own at those few places.
_TOGETHER_FROM = 24


def phrase_matchers(matchers: Iterable[Matcher | None]) -> list[PhrasesMatcher]:
    """Every `phrases` matcher in the given matcher trees, whatever kind holds it."""
    found: list[PhrasesMatcher] = []
    seen: set[int] = set()

    def walk(value: Any) -> None:
        if isinstance(value, (list, tuple)):
            for part in value:
                walk(part)
        elif isinstance(value, Matcher) and id(value) not in seen:
            seen.add(id(value))
            if isinstance(value, PhrasesMatcher):
                found.append(value)
            else:
                for attribute in vars(value).values():
                    walk(attribute)

    for matcher in matchers:
        walk(matcher)
    return found


class PhraseIndex:
    """The tokens of a set of `phrases` matchers, searchable in one pass."""

    def __init__(self, matchers: Iterable[PhrasesMatcher]) -> None:
        covered = [m for m in matchers if m.tokens and all(m.tokens)]
        self.keys = frozenset(m.cache_key() for m in covered)
        tokens = {plan.anchor for m in covered for plan in m.plans}
        # The phrases (their patterns) found from the same anchor, tried together first.
        sources: dict[AnchorPlan, set[str]] = {}
        # One phrase of each pattern, per plan (phrases of the same pattern match alike).
        phrases: dict[AnchorPlan, dict[str, str]] = {}
        for m in covered:
            for plan, source, phrase in zip(m.plans, m.phrase_sources, m.ordered):
                sources.setdefault(plan, set()).add(source)
                phrases.setdefault(plan, {}).setdefault(source, phrase)
        # The alternation of each plan of several patterns (tried together only where their anchor
        # occurs often); a plan of one pattern is tried by that pattern alone.
        self._together = {plan: "|".join(f"(?:{s})" for s in sorted(group))
                          for plan, group in sources.items() if len(group) > 1}
        self._groups = frozenset(self._together)
        self._phrases = {plan: tuple(by_source.values()) for plan, by_source in phrases.items() if plan in self._groups}
        # Each distinct phrase: its pattern, its plan and the plan's number (a document's starts are
        # kept by number: a plan is a tuple of tuples, hashed anew at every look-up).
        numbers: dict[AnchorPlan, int] = {}
        self._entries: dict[str, tuple[str, AnchorPlan, int]] = {}
        for m in covered:
            for plan, source, phrase in zip(m.plans, m.phrase_sources, m.ordered):
                self._entries.setdefault(phrase, (source, plan, numbers.setdefault(plan, len(numbers))))
        self._automaton: Any = None
        if tokens:
            self._automaton = ahocorasick.Automaton()
            for token in tokens:
                self._automaton.add_word(token, (len(token) - 1, token))
            self._automaton.make_automaton()

    def __len__(self) -> int:
        return len(self.keys)

    def positions(self, text: str) -> dict[str, list[int]]:
        """Start offsets of every occurrence of every token, in increasing order per token."""
        out: dict[str, list[int]] = {}
        if self._automaton is None:
            return out
        for end, (back, token) in self._automaton.iter(text):
            start = end - back
            bucket = out.get(token)
            if bucket is None:
                out[token] = [start]
            else:
                bucket.append(start)
        return out

    def attach(self, view: TextView) -> None:
        """Search `view` once; its `phrases` matchers covered here then use the result."""
        view.cache[_VIEW_KEY] = Candidates(self.keys, self.positions(view.text), view.text, self._together,
                                           self._groups, self._phrases, self._entries)


class Candidates:
    """The matches of each phrase in one text (`hits`), found on first request from the places its
    anchor plan gives.

    The places are the starts the plan gives from its anchor's occurrences. Where several phrases
    share a plan and its anchor occurs often, only the starts where the alternation of those
    phrases matches are tried (those phrases match nowhere else); a plan of one pattern is tried
    by that pattern directly.
    """

    def __init__(self, keys: frozenset[Any], positions: dict[str, list[int]], text: str,
                 together: dict[AnchorPlan, str], groups: frozenset[AnchorPlan],
                 phrases: dict[AnchorPlan, tuple[str, ...]], entries: dict[str, tuple[str, AnchorPlan, int]]) -> None:
        self.keys = keys
        self.positions = positions
        self._text = text
        self._together = together
        self._groups = groups
        self._phrases = phrases
        self._entries = entries
        self.found: dict[str, list[Hit]] = {}  # phrase -> its hits, as `hits` found them
        self._places: dict[int, list[int]] = {}  # plan number -> the starts to try
        self._reversed: str | None = None  # the text backwards, made when a plan first steps back

    def hits(self, view: TextView, phrase: str) -> list[Hit]:
        """The matches of `phrase` (one of the index's) outside web addresses, in order of start:
        what its pattern's `match` finds at each place it may start. Found once per document (the
        caller looks in `found` first), however many matchers hold the phrase.

        None of them is empty: an indexed phrase opens with its anchor plan's literal words.
        """
        source, plan, number = self._entries[phrase]
        starts = self._places.get(number)
        if starts is None:
            starts = self._places[number] = self._starts(plan)
        spans = spans_at(phrase, source, self._text, starts) if starts else None
        # Most phrases tried match nowhere: they are done without a call more.
        found = list(map(_make_hit, map(operator.add, view.outside_web_addresses(spans), _NO_DETAIL))) if spans else []
        self.found[phrase] = found
        return found

    def _starts(self, plan: AnchorPlan) -> list[int]:
        starts = self.positions.get(plan.anchor, [])
        if starts and plan.before:
            starts = self._stepped(starts, plan.before)
        if starts and plan in self._groups and len(starts) >= _TOGETHER_FROM:
            # Many places: the plan's phrases are tried together first, and each on its own only
            # where one of them matches. At few places, compiling their alternation would cost
            # more than the attempts it saves.
            return starts_matching(self._phrases[plan], self._together[plan], self._text, list(starts))
        return starts

    def _stepped(self, anchors: list[int], before: tuple[tuple[str, bool], ...]) -> list[int]:
        """Where matches with their anchor at one of `anchors` start, after stepping back over
        `before` (on the reversed text, see `back_pattern`), in increasing order."""
        if self._reversed is None:
            self._reversed = self._text[::-1]
        size = len(self._text)
        matches = filter(None, map(back_pattern(before).match, itertools.repeat(self._reversed),
                                   map(operator.sub, itertools.repeat(size), anchors)))
        return sorted(set(map(operator.sub, itertools.repeat(size), map(_end, matches))))


_NO_DETAIL = itertools.repeat(("", 0))  # a span plus this is a Hit's fields
_make_hit = functools.partial(tuple.__new__, Hit)
_end = operator.methodcaller("end")


def indexed_positions(view: TextView, matcher: PhrasesMatcher) -> Candidates | None:
    """Where `matcher`'s phrases may match, if an index covering it was attached to `view`, else None."""
    attached = view.cache.get(_VIEW_KEY)
    if attached is None or matcher.cache_key() not in attached.keys:
        return None
    return attached
