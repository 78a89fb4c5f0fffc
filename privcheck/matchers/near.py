"""`near`: two things close together.

    near:
      terms: [withdraw*, 撤回]          # phrases, or any matcher
      with: [consent, 授权, 同意]        # phrases, or any matcher
      within: sentence                  # sentence | paragraph | passage | N (characters) | "N words"
      ordered: true                     # optional: `with` after `terms` (this before that)
      apart: true                       # optional: the two hits must not overlap
      unless: [cookie*]                 # optional: hits in a sentence holding one of these do not count

Holds where a match of `terms` and a match of `with` fall in the same sentence or paragraph, or
no more than N characters (or N words) apart. The evidence is the span covering both. `passage`
is the same paragraph or at most two sentences apart: it reads the same whether a policy keeps
its paragraphs or puts each sentence on a line of its own (as many converted and translated
policies do). A passage does not run on into the heading of the next numbered section ("……不会
影响此前的处理。" and "（五）有关敏感个人信息" are not one passage); a heading and the sentences under it are.

With `ordered: true`, only a `with` hit that starts after the `terms` hit ends counts ("if you do
not provide ... we cannot", not "we cannot ... if you do not provide"). With `unless`, a hit in a
sentence holding an `unless` phrase does not count (for a hit spanning sentences: in any of them).
With `apart: true`, a `terms` hit and a `with` hit that share text do not count as two: in
"deleted ... when your account is deleted", the second "deleted" belongs to the event, and alone it
is no retention rule.
"""

from __future__ import annotations

import bisect
import itertools
import operator
from typing import TYPE_CHECKING, Any

import regex

from privcheck.matchers.base import (
    CompileContext, Hit, Matcher, MatcherKind, Outcome, SpecError, TextView, with_unless,
)
from privcheck.matchers.phrases import PhrasesMatcher, check_phrase_list

if TYPE_CHECKING:
    from privcheck.matchers.options import NearSpec

_WORDS = regex.compile(r"^\s*(\d+)\s*words?\s*$")
PASSAGE_SENTENCES = 2  # `within: passage`: how many sentences apart, outside one paragraph
_start = operator.attrgetter("start")
_end = operator.attrgetter("end")


def parse_within(value: Any, ctx: CompileContext, default: Any = "sentence") -> tuple[str, int]:
    """`within` as (scope, size): ('sentence', 0), ('paragraph', 0), ('chars', N) or ('words', N)."""
    if value is None:
        value = default
    if isinstance(value, bool):
        raise SpecError(ctx.path, "expected sentence, paragraph, passage, a number of characters or 'N words'")
    if isinstance(value, int) and value > 0:
        return "chars", value
    if isinstance(value, str):
        if value in ("sentence", "paragraph"):
            return value, 0
        if value == "passage":
            return "passage", PASSAGE_SENTENCES
        words = _WORDS.match(value)
        if words:
            return "words", int(words.group(1))
    raise SpecError(ctx.path, "expected sentence, paragraph, passage, a number of characters or 'N words'")


def close(view: TextView, a: Hit, b: Hit, scope: str, size: int) -> bool:
    """Whether two hits are within the given proximity of each other."""
    if scope == "sentence":
        return view.sentence(a.start) == view.sentence(b.start)
    if scope == "paragraph":
        return view.paragraph(a.start) == view.paragraph(b.start)
    if scope == "passage":
        if view.paragraph(a.start) == view.paragraph(b.start):
            return True
        return abs(view.sentence_index(a.start) - view.sentence_index(b.start)) <= size \
            and not view.crosses_a_section(a.start, b.start)
    gap_start, gap_end = (a.end, b.start) if a.start <= b.start else (b.end, a.start)
    if gap_end <= gap_start:
        return True
    if scope == "chars":
        return gap_end - gap_start <= size
    return len(view.text[gap_start:gap_end].split()) <= size


def window(view: TextView, hit: Hit, scope: str, size: int) -> tuple[int, int]:
    """The span of text around `hit` that another hit must start in to be close to it."""
    if scope == "sentence":
        return view.sentence(hit.start)
    if scope == "paragraph":
        return view.paragraph(hit.start)
    if scope == "passage":
        lo, hi = view.paragraph(hit.start)
        first, last = view.sentences_around(hit.start, size)
        return min(lo, first), max(hi, last)
    reach = size if scope == "chars" else size * 12 + 12
    return max(0, hit.start - reach - 200), hit.end + reach


class HitIndex:
    """Hits sorted by start, to find those close to another hit without comparing with all."""

    def __init__(self, hits: list[Hit]) -> None:
        self.hits = sorted(hits, key=lambda h: h.start)
        self.starts = [h.start for h in self.hits]
        self.longest = max((h.end - h.start for h in self.hits), default=0)

    def close_to(self, view: TextView, hit: Hit, scope: str, size: int) -> list[Hit]:
        """The hits within the given proximity of `hit`, in order of position."""
        lo, hi = window(view, hit, scope, size)
        if scope not in ("sentence", "paragraph", "passage"):
            lo -= self.longest  # a long hit may start well before `hit` and still reach it
        first = bisect.bisect_left(self.starts, lo)
        last = bisect.bisect_right(self.starts, hi)
        return [b for b in self.hits[first:last] if close(view, hit, b, scope, size)]


def operand(spec: Any, ctx: CompileContext) -> Matcher:
    from privcheck.matchers import compile_matcher

    if isinstance(spec, dict):
        return compile_matcher(spec, ctx)
    return PhrasesMatcher(check_phrase_list(spec, ctx))


class NearMatcher(Matcher):
    kind = "near"

    def __init__(self, terms: Matcher, other: Matcher, scope: str, size: int, ordered: bool = False,
                 apart: bool = False) -> None:
        self.terms = terms
        self.other = other
        self.scope = scope
        self.size = size
        self.ordered = ordered
        self.apart = apart

    def cache_key(self) -> Any:
        return ("near", self.terms.cache_key(), self.other.cache_key(), self.scope, self.size, self.ordered, self.apart)

    def evaluate(self, view: TextView) -> Outcome:
        first = view.outcome(self.terms)
        if not first.matched:
            return Outcome.none()
        second = view.outcome(self.other)
        if not second.matched:
            return Outcome.none()
        others = sorted(second.hits, key=_start)
        starts = list(map(_start, others))
        hits: list[Hit] = []
        if self.scope in ("sentence", "paragraph") and not self.apart:
            # The window is a's own sentence (paragraph) [lo, hi): a hit is close exactly when it
            # starts inside it. The partner quoted is the nearest one starting at or after a, else
            # the nearest one before it. The numbers of the sentences holding the hits are found in
            # C, and with them the hits of `terms` whose sentence holds a hit of `with` (most hold
            # none): only those are read in Python.
            ends, bounds = view.numbered_spans(self.scope)
            numbers = list(map(bisect.bisect_right, itertools.repeat(ends), map(_start, first.hits)))
            partnered = set(map(bisect.bisect_right, itertools.repeat(ends), starts))
            for a, number in itertools.compress(zip(first.hits, numbers), map(partnered.__contains__, numbers)):
                hi = bounds[number + 1]
                first_in = bisect.bisect_left(starts, a.end if self.ordered else bounds[number])
                at = bisect.bisect_left(starts, a.start)
                after = first_in if first_in > at else at
                before = after - 1
                b = None
                if before >= first_in and (after >= len(starts) or starts[after] >= hi
                                            or a.start - others[before].end < starts[after] - a.end):
                    b = others[before]
                elif after < len(starts) and starts[after] < hi:
                    b = others[after]
                if b is not None:
                    hits.append(Hit(min(a.start, b.start), max(a.end, b.end)))
            return Outcome(bool(hits), hits)
        # The partner quoted with each hit is the closest one in its sentence, else the closest one;
        # at the same distance, the one after it: "... Austin, TX, USA. Our EU representative is Rep
        # Ltd, 4 Quay Street, Dublin" quotes the representative's address, not the one above.
        for a in first.hits:
            lo, hi = window(view, a, self.scope, self.size)
            if self.ordered:
                lo = max(lo, a.end)
            sentence = view.sentence(a.start)
            best: Hit | None = None
            best_rank = (0, 0)
            for index in range(bisect.bisect_left(starts, lo), bisect.bisect_right(starts, hi)):
                b = others[index]  # indexing, not slicing: one huge sentence must not copy the list per hit
                if self.apart and b.start < a.end and a.start < b.end:
                    continue
                gap = b.start - a.end if b.start >= a.start else a.start - b.end + 1
                rank = (0 if sentence[0] <= b.start < sentence[1] else 1, gap)
                if (best is None or rank < best_rank) and close(view, a, b, self.scope, self.size):
                    best, best_rank = b, rank
                if best is not None and b.start >= max(a.start, sentence[1]):
                    break  # the later ones are further away, and outside the sentence
            if best is not None:
                hits.append(Hit(min(a.start, best.start), max(a.end, best.end)))
        return Outcome(bool(hits), hits)


def build(options: NearSpec, ctx: CompileContext) -> Matcher:
    scope, size = parse_within(options.within, ctx.at("within"))
    near = NearMatcher(operand(options.terms, ctx.at("terms")), operand(options.with_, ctx.at("with")), scope, size,
                       options.ordered, options.apart)
    return with_unless(near, PhrasesMatcher(list(options.unless)) if options.unless is not None else None)


KINDS = (MatcherKind("near", build, __doc__, "NearSpec"),)
