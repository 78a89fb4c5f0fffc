"""One pass over a document for every `phrases` matcher of a set of checklists.

A checklist of many items holds many `phrases` matchers; searching the text once per matcher makes
the cost grow with the number of items. Instead, the literal token each phrase starts with (see
`phrases.anchor_token`) goes into one Aho-Corasick automaton, which finds every occurrence of every
token in one pass. Each `phrases` matcher then tries its own patterns only where one of its tokens
occurs, which gives exactly the hits its regular expression would find on the whole text.

A common token ("to", "we") starts many phrases and occurs thousands of times. So the phrases
sharing a token are first tried together, as one alternation, at each occurrence; each phrase is
then tried on its own only where the alternation matched (where no phrase matches, none of them
can).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from typing import Any

import ahocorasick

from privcheck.matchers.base import Matcher, TextView
from privcheck.matchers.phrases import AnchorPlan, PhrasesMatcher, starts_matching, step_back

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
        # (A plan of one phrase uses that phrase's own pattern: one compilation for both.)
        self._together = {
            plan: next(iter(group)) if len(group) == 1 else "|".join(f"(?:{s})" for s in sorted(group))
            for plan, group in sources.items()
        }
        # The plans of several phrases (tried together only where their anchor occurs often).
        self._groups = frozenset(plan for plan, group in sources.items() if len(group) > 1)
        self._phrases = {plan: tuple(by_source.values()) for plan, by_source in phrases.items()}
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
                                           self._groups, self._phrases)


class Candidates:
    """Where the phrases of each anchor plan may match in one text: `get(plan)`.

    The starts the plan gives from its anchor's occurrences where the alternation of the plan's
    phrases matches (or all of them, when they are few), found on first request. Those phrases
    match nowhere else.
    """

    def __init__(self, keys: frozenset[Any], positions: dict[str, list[int]], text: str,
                 together: dict[AnchorPlan, str], groups: frozenset[AnchorPlan],
                 phrases: dict[AnchorPlan, tuple[str, ...]]) -> None:
        self.keys = keys
        self.positions = positions
        self._text = text
        self._together = together
        self._groups = groups
        self._phrases = phrases
        self._found: dict[AnchorPlan, list[int]] = {}
        self._steps: dict[tuple[str, tuple[tuple[str, bool], ...]], list[int]] = {}

    def _stepped(self, anchor: str, before: tuple[tuple[str, bool], ...]) -> list[int]:
        """Where the anchor's occurrences lead after stepping back over `before` (shared by plans
        whose words before the anchor begin alike)."""
        key = (anchor, before)
        found = self._steps.get(key)
        if found is None:
            if not before:
                found = list(self.positions.get(anchor, ()))
            else:
                previous = self._stepped(anchor, before[:-1])
                word, plus = before[-1]
                found = [q for q in map(step_back, itertools.repeat(self._text), previous,
                                        itertools.repeat(word), itertools.repeat(plus)) if q is not None]
            self._steps[key] = found
        return found

    def get(self, plan: AnchorPlan, default: Any = ()) -> list[int]:
        found = self._found.get(plan)
        if found is None:
            starts = self.positions.get(plan.anchor, ())
            if starts and plan.before:
                starts = sorted(set(self._stepped(plan.anchor, plan.before)))
            if len(starts) < _TOGETHER_FROM and plan in self._groups:
                # Few places: each phrase is tried there on its own, without compiling the group
                # (compiling costs more than the attempts it would save).
                found = list(starts)
            elif starts:
                found = starts_matching(self._phrases[plan], self._together[plan], self._text, list(starts))
            else:
                found = []
            self._found[plan] = found
        return found or default


def indexed_positions(view: TextView, matcher: PhrasesMatcher) -> Candidates | None:
    """Where `matcher`'s phrases may match, if an index covering it was attached to `view`, else None."""
    attached = view.cache.get(_VIEW_KEY)
    if attached is None or matcher.cache_key() not in attached.keys:
        return None
    return attached
