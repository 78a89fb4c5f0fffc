""""Did you mean" hints for a misspelled item ID, option value or key."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(word: str, known: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The known word closest to `word` (compared without case), as it is written, or None."""
    by_folded: dict[str, str] = {}
    for name in known:
        by_folded.setdefault(name.casefold(), name)
    close = difflib.get_close_matches(word.casefold(), list(by_folded), n=1, cutoff=cutoff)
    return by_folded[close[0]] if close else None


def did_you_mean(word: str, known: Iterable[str]) -> str:
    """"; did you mean 'X'?" for the closest known word, or '' when none is close."""
    match = closest(word, known)
    return f"; did you mean {match!r}?" if match else ""
