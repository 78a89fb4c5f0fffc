"""One pass over a document for every `phrases` matcher of a set of checklists.

A checklist of many items holds many `phrases` matchers; searching the text once per matcher makes
the cost grow with the number of items. Instead, the literal token each phrase starts with (see
`phrases.anchor_token`) goes into one Aho-Corasick automaton, which finds every occurrence of every
token in one pass. Each `phrases` matcher then tries its own patterns only where one of its tokens
occurs, which gives exactly the hits its regular expression would find on the whole text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import ahocorasick

from privcheck.matchers.base import Matcher, TextView
from privcheck.matchers.phrases import PhrasesMatcher

_VIEW_KEY = "phrase-index"


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
        tokens = {token for m in covered for token in m.tokens}
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
        view.cache[_VIEW_KEY] = _Attached(self.keys, self.positions(view.text))


@dataclass
class _Attached:
    keys: frozenset[Any]
    positions: dict[str, list[int]]


def indexed_positions(view: TextView, matcher: PhrasesMatcher) -> dict[str, list[int]] | None:
    """Token positions for `matcher` if an index covering it was attached to `view`, else None."""
    attached = view.cache.get(_VIEW_KEY)
    if attached is None or matcher.cache_key() not in attached.keys:
        return None
    return attached.positions
