"""`all`, `any`, `not`: combine matchers.

    all: [{phrases: [transfer*]}, {phrases: [outside the eea, third countr*]}]
    any: [{contact: {}}, {phrases: [在线客服]}]
    not: {phrases: [we do not knowingly]}

`all` holds when every part holds and reports the evidence of all; `any` when one part holds
(a weak part, such as a deadline over the limit, makes `any` weak if no part holds), and the
evidence of an earlier part is quoted first; `not` holds when its part does not, and has no
evidence of its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from privcheck.matchers.base import CompileContext, Matcher, MatcherKind, Outcome, TextView

if TYPE_CHECKING:
    from privcheck.matchers.options import AllSpec, AnySpec, NotSpec


class AllMatcher(Matcher):
    kind = "all"

    def __init__(self, parts: list[Matcher]) -> None:
        self.parts = parts

    def evaluate(self, view: TextView) -> Outcome:
        outcomes = [view.outcome(part) for part in self.parts]
        hits = [hit for outcome in outcomes for hit in outcome.hits]
        details = "; ".join(o.detail for o in outcomes if o.detail)
        if all(o.matched for o in outcomes):
            return Outcome(True, hits, detail=details)
        weak = all(o.matched or o.weak for o in outcomes) and any(o.weak for o in outcomes)
        return Outcome(False, hits if weak else [], weak=weak, detail=details if weak else "")


class AnyMatcher(Matcher):
    kind = "any"

    def __init__(self, parts: list[Matcher]) -> None:
        self.parts = parts

    def evaluate(self, view: TextView) -> Outcome:
        weak: Outcome | None = None
        matched = [o for o in (view.outcome(part) for part in self.parts) if o.matched or o.weak]
        good = [o for o in matched if o.matched]
        if good:
            # The parts are in the author's order of preference: the hits of an earlier part are quoted first.
            hits = [h._replace(rank=h.rank + index) if index else h for index, o in enumerate(good) for h in o.hits]
            return Outcome(True, hits, detail="; ".join(o.detail for o in good if o.detail))
        if matched:
            weak = matched[0]
            return Outcome(False, weak.hits, weak=True, detail=weak.detail)
        return Outcome.none()


class NotMatcher(Matcher):
    kind = "not"

    def __init__(self, part: Matcher) -> None:
        self.part = part

    def evaluate(self, view: TextView) -> Outcome:
        return Outcome(not view.outcome(self.part).matched)


def _parts(specs: list[Any], ctx: CompileContext) -> list[Matcher]:
    from privcheck.matchers import compile_matcher

    return [compile_matcher(part, ctx.at(i)) for i, part in enumerate(specs)]


def build_all(options: AllSpec, ctx: CompileContext) -> Matcher:
    return AllMatcher(_parts(options.root, ctx))


def build_any(options: AnySpec, ctx: CompileContext) -> Matcher:
    return AnyMatcher(_parts(options.root, ctx))


def build_not(options: NotSpec, ctx: CompileContext) -> Matcher:
    from privcheck.matchers import compile_matcher

    return NotMatcher(compile_matcher(options.root, ctx))


KINDS = (
    MatcherKind("all", build_all, __doc__, "AllSpec"),
    MatcherKind("any", build_any, __doc__, "AnySpec"),
    MatcherKind("not", build_not, __doc__, "NotSpec"),
)
