"""The matcher registry: every kind a checklist may use, in one visible table.

A matcher in YAML is a mapping with exactly one key, the kind, e.g. `{phrases: [...]}`. Each
kind lives in its own module whose docstring is its user documentation (shown by
`privcheck matchers`). To add a kind, write a module with a `build(spec, ctx)` function and
register it here.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from typing import Any

from privcheck.matchers import age, contact, controller, date, duration, logic, near, pattern, phrases, right
from privcheck.matchers.base import CompileContext, Hit, Matcher, Outcome, SpecError, TextView

Builder = Callable[[Any, CompileContext], Matcher]

MATCHERS: dict[str, Builder] = {
    "phrases": phrases.build,
    "regex": pattern.build,
    "all": logic.build_all,
    "any": logic.build_any,
    "not": logic.build_not,
    "near": near.build,
    "duration": duration.build,
    "contact": contact.build,
    "age": age.build,
    "right": right.build,
    "controller": controller.build,
    "date": date.build,
}

DOCS: dict[str, str | None] = {
    "phrases": phrases.__doc__,
    "regex": pattern.__doc__,
    "all": logic.__doc__,
    "any": logic.__doc__,
    "not": logic.__doc__,
    "near": near.__doc__,
    "duration": duration.__doc__,
    "contact": contact.__doc__,
    "age": age.__doc__,
    "right": right.__doc__,
    "controller": controller.__doc__,
    "date": date.__doc__,
}


def did_you_mean(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(str(word), choices, n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def compile_matcher(spec: Any, ctx: CompileContext) -> Matcher:
    """Build a matcher from its YAML; raises SpecError (with a path) on anything malformed."""
    if not isinstance(spec, dict) or len(spec) != 1:
        raise SpecError(
            ctx.path,
            "expected a matcher: a mapping with exactly one key, one of " + ", ".join(MATCHERS)
            + " (e.g. {phrases: [contact us]})",
        )
    kind = next(iter(spec))
    if kind not in MATCHERS:
        raise SpecError(
            ctx.path + (kind,),
            f"unknown matcher {kind!r}{did_you_mean(kind, list(MATCHERS))} (known: {', '.join(MATCHERS)})",
        )
    return MATCHERS[kind](spec[kind], ctx.at(kind))


__all__ = ["CompileContext", "Hit", "MATCHERS", "Matcher", "Outcome", "SpecError", "TextView", "compile_matcher"]
