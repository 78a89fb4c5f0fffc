"""The matcher registry: every kind a checklist may use, in one visible table.

A matcher in YAML is a mapping with exactly one key, the kind, e.g. `{phrases: [...]}`. Each
kind lives in its own module whose docstring is its user documentation (shown by
`privcheck matchers`) and whose `KINDS` names it, its options model (in
`privcheck.matchers.options`, which also gives the JSON Schema) and its `build(options, ctx)`
function. To add a kind, write such a module and its model, and list the module here.
"""

from __future__ import annotations

import difflib
from typing import Any

from privcheck.matchers import age, contact, controller, date, duration, logic, near, pattern, phrases, right
from privcheck.matchers.base import CompileContext, Hit, Matcher, MatcherKind, Outcome, SpecError, TextView

# Every kind a checklist may use, from the `KINDS` of each matcher module, in this order.
REGISTRY: dict[str, MatcherKind] = {
    kind.name: kind
    for module in (phrases, pattern, logic, near, duration, contact, age, right, controller, date)
    for kind in module.KINDS
}


def did_you_mean(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(str(word), choices, n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def compile_matcher(spec: Any, ctx: CompileContext) -> Matcher:
    """Build a matcher from its YAML; raises SpecError (with a path) on anything malformed.

    The body is validated by the kind's options model (privcheck.matchers.options) first.
    """
    if not isinstance(spec, dict) or len(spec) != 1:
        raise SpecError(
            ctx.path,
            "expected a matcher: a mapping with exactly one key, one of " + ", ".join(REGISTRY)
            + " (e.g. {phrases: [contact us]})",
        )
    name = next(iter(spec))
    kind = REGISTRY.get(name)
    if kind is None:
        raise SpecError(
            ctx.path + (name,),
            f"unknown matcher {name!r}{did_you_mean(name, list(REGISTRY))} (known: {', '.join(REGISTRY)})",
        )
    from privcheck.matchers.options import validate

    where = ctx.at(name)
    return kind.build(validate(kind, spec[name], where), where)


__all__ = [
    "REGISTRY", "CompileContext", "Hit", "Matcher", "MatcherKind", "Outcome", "SpecError", "TextView",
    "compile_matcher",
]
