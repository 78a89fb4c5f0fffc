"""`controller`: the organisation or person the policy speaks for, named in the policy.

    controller: {}                      # any name introduced as "we": company, public body, person, trading name
    controller: {legal_form: true}      # only a company with its legal form (Ltd, GmbH, 有限公司) or a public body

Finds names introduced as the one the policy speaks for: "This SERVICE is provided by X", "X
built the Y app", "X (“we”, “us”)", "“we” means X", "We are X", "X is the data controller",
"Developer: X", "运营者为X", "X（以下简称“我们”）", "本应用由X开发", and companies with a legal
form next to such words. A company named in passing ("we share data with Example Ltd", "a
service provided by Google, Inc.") is not the controller. Names are read from the policy as
written, so capitals count: "provided by Renato" names a person, "provided by us" does not.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING, Any

from privcheck.detectors.entities import LEGAL_FORM, NAMED, PUBLIC_BODY, Controller, find_controllers
from privcheck.matchers.base import CompileContext, Hit, Matcher, MatcherKind, Outcome, TextView

if TYPE_CHECKING:
    from privcheck.matchers.options import ControllerSpec


def document_controllers(view: TextView) -> list[Controller]:
    def compute() -> list[Controller]:
        document = view.document
        text = document.text
        if document.simplified_from_traditional:
            # Read as Simplified, character for character (the same offsets), as matchers do.
            from privcheck.document.hant import simplified

            text = simplified(text)
        return find_controllers(text)

    return view.memo("controllers", compute)


def _to_normalized(view: TextView, offset: int) -> int:
    """The offset in the normalised text of a source offset (the inverse of `to_source`)."""
    normalized = view.document.normalized
    i = bisect.bisect_right(normalized.source_starts, offset) - 1
    if i < 0:
        return 0
    if normalized.linear[i]:
        return min(normalized.norm_starts[i] + (offset - normalized.source_starts[i]), len(view.text))
    return normalized.norm_starts[i]


class ControllerMatcher(Matcher):
    kind = "controller"

    def __init__(self, legal_form: bool) -> None:
        self.legal_form = legal_form

    def cache_key(self) -> Any:
        return ("controller", self.legal_form)

    def evaluate(self, view: TextView) -> Outcome:
        kinds = (LEGAL_FORM, PUBLIC_BODY) if self.legal_form else (LEGAL_FORM, PUBLIC_BODY, NAMED)
        found = [c for c in document_controllers(view) if c.kind in kinds]
        hits = [Hit(_to_normalized(view, c.start), _to_normalized(view, c.end), f"{c.kind}: {c.name}") for c in found]
        hits = [h for h in hits if h.end > h.start]
        names = list(dict.fromkeys(c.name for c in found))
        return Outcome(bool(hits), hits, detail=f"names {names[0]}" if names else "")


def build(options: ControllerSpec, ctx: CompileContext) -> ControllerMatcher:
    return ControllerMatcher(options.legal_form)


KINDS = (MatcherKind("controller", build, __doc__, "ControllerSpec", empty_body=True),)
