"""`phrases`: any of a list of phrases, case-insensitive.

    phrases: ["withdraw* consent", "撤回...同意", "right to object"]

Phrases are normalised like the document (full-width to ASCII, lower case). English phrases match
whole words only (`consent` does not match `consented`); a trailing `*` on a word allows any ending
(`withdraw*` matches withdraws, withdrawal). Chinese needs no word boundaries. `...` (or `…`) stands
for a gap of up to 30 characters within one sentence. A space matches any run of spaces or hyphens
between English words and optional space elsewhere.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from privcheck.matchers.base import CompileContext, Hit, Matcher, Outcome, SpecError, TextView

GAP = r"[^。.!?;\n]{0,30}?"
_WORD = re.compile(r"[a-z0-9]")


def normalize_phrase(phrase: str) -> str:
    text = unicodedata.normalize("NFKC", phrase).casefold()
    return " ".join(text.split())


def phrase_pattern(phrase: str) -> str:
    """Regular-expression source for one phrase (see the module docstring for the syntax)."""
    text = normalize_phrase(phrase).replace("…", "...")
    parts = [p.strip() for p in text.split("...")]
    return GAP.join(_literal_pattern(p) for p in parts if p)


def _literal_pattern(text: str) -> str:
    out: list[str] = []
    for i, ch in enumerate(text):
        if ch == "*" and i > 0 and _WORD.match(text[i - 1]):
            out.append(r"[a-z0-9]*")
        elif ch == " ":
            before, after = text[i - 1 : i], text[i + 1 : i + 2]
            out.append(r"[\s\-]+" if _WORD.match(before) and _WORD.match(after) else r"\s*")
        else:
            out.append(re.escape(ch))
    pattern = "".join(out)
    if text and _WORD.match(text[0]):
        pattern = r"(?<![a-z0-9])" + pattern
    if text and (_WORD.match(text[-1]) or text.endswith("*")):
        pattern += r"(?![a-z0-9])"
    return pattern


def compile_phrases(phrases: list[str]) -> re.Pattern[str]:
    """One alternation for a list of phrases, longest first so the longest reading wins."""
    ordered = sorted({normalize_phrase(p) for p in phrases}, key=len, reverse=True)
    return re.compile("|".join(f"(?:{phrase_pattern(p)})" for p in ordered))


def check_phrase_list(value: Any, ctx: CompileContext) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value:
        raise SpecError(ctx.path, "expected a non-empty list of phrases")
    for i, phrase in enumerate(value):
        if not isinstance(phrase, str) or not normalize_phrase(phrase).strip(". …*"):
            raise SpecError(ctx.path + (i,), "expected a phrase (a non-empty string)")
    return list(value)


class PhrasesMatcher(Matcher):
    kind = "phrases"

    def __init__(self, phrases: list[str]) -> None:
        self.phrases = phrases
        self.pattern = compile_phrases(phrases)

    def cache_key(self) -> Any:
        return ("phrases", self.pattern.pattern)

    def evaluate(self, view: TextView) -> Outcome:
        hits = [Hit(m.start(), m.end()) for m in self.pattern.finditer(view.text)]
        return Outcome(bool(hits), hits)


def build(spec: Any, ctx: CompileContext) -> PhrasesMatcher:
    return PhrasesMatcher(check_phrase_list(spec, ctx))
