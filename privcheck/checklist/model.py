"""Compiled checklists: specs with their matchers built, ready for the engine."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import regex

from privcheck.checklist.specs import GradingSpec, ItemSpec, Severity
from privcheck.errors import SourceMark
from privcheck.matchers import Matcher
from privcheck.textsearch.regex_windows import exact_in_normalized_text

_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")


class HeadingWords:
    """The words of a section heading that fits an item, found in normalised text as the pattern
    `(?<![a-z])(?:word|...)(?![a-z])` finds them, case-insensitively.

    Words in lower-case ASCII and CJK (all of the bundled checklists' headings) are found with
    `str.find`: in normalised text that finds what the case-insensitive pattern does (see
    `exact_in_normalized_text`), and compiling a pattern per item cost a tenth of loading the
    bundled checklists. Other words are searched with the pattern.
    """

    def __init__(self, words: list[str]) -> None:
        self.words = tuple(words)
        self.pattern = None
        if not all(map(exact_in_normalized_text, self.words)):
            alternation = "|".join(regex.escape(w) for w in sorted(self.words, key=len, reverse=True))
            self.pattern = regex.compile(rf"(?<![a-z])(?:{alternation})(?![a-z])", regex.IGNORECASE)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> bool:
        """Whether a word occurs in `text[pos:endpos]` as a whole word (the characters before `pos`
        count as the pattern's look-behind sees them)."""
        end = len(text) if endpos is None else min(endpos, len(text))
        if self.pattern is not None:
            return self.pattern.search(text, pos, end) is not None
        # Most texts searched (a heading, a lead-in) hold none of the words, which `in` tells in C;
        # only the words they hold are looked for as whole words.
        segment = text if pos == 0 and end == len(text) else text[pos:end]
        return any(self._occurs(text, word, pos, end) for word in filter(segment.__contains__, self.words))

    @staticmethod
    def _occurs(text: str, word: str, pos: int, end: int) -> bool:
        at = text.find(word, pos, end)
        while at != -1:
            after = at + len(word)
            if (at == 0 or text[at - 1] not in _LETTERS) and (after == end or text[after] not in _LETTERS):
                return True
            at = text.find(word, at + 1, end)
        return False


@dataclass(frozen=True)
class CompiledElement:
    """One element of a compiled item, with its matcher."""

    id: str
    title: str
    matcher: Matcher
    essential: bool


@dataclass
class CompiledItem:
    """One item of a compiled checklist, with its matchers."""

    spec: ItemSpec
    weight: float
    trigger: Matcher | None
    pass_if: Matcher | None
    topic: Matcher | None
    elements: list[CompiledElement]
    source: SourceMark | None = None
    # Words of a section heading that fits the item: evidence under one is quoted first.
    headings: HeadingWords | None = None

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def severity(self) -> Severity:
        return self.spec.severity

    @property
    def is_conditional(self) -> bool:
        return self.spec.trigger is not None

    @cached_property
    def remediation(self) -> dict[str, str]:
        """The item's model clauses by language, the empty ones left out: made once, not for every
        document (each result gets its own copy)."""
        return {language: clause for language, clause in self.spec.remediation.model_dump().items() if clause}


@dataclass
class Checklist:
    """A checklist ready to run: validated, inheritance applied, matchers compiled."""

    id: str
    title: str
    version: str
    description: str | None
    grading: GradingSpec
    items: list[CompiledItem]
    path: str
    bundled: bool = False
    extends: list[str] = field(default_factory=list)
    # The vocabularies the items use (name -> phrases, inherited ones included), for `explain`.
    vocabularies: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def item(self, item_id: str) -> CompiledItem | None:
        return next((i for i in self.items if i.id == item_id), None)
