r"""Literal text that every match of a regular expression must contain (a prefilter).

`required_literal(pattern)` returns the longest run of literal characters that any match of the
pattern has to contain, or '' when it cannot tell. A `regex` matcher first looks for that literal
(with the pattern's own flags); where it does not occur, the pattern cannot match and the full
search is skipped. The answer is conservative: the pattern is read with Python's own parser, and
anything that parser reads differently from the `regex` module (POSIX classes, fuzzy matching,
version flags, ...) or cannot read at all gets no prefilter.
"""

from __future__ import annotations

import re

try:  # Python 3.11+
    from re import _constants as _sre, _parser as _parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants as _sre  # type: ignore[no-redef]
    import sre_parse as _parse  # type: ignore[no-redef]

# Syntax the `regex` module reads otherwise than `re`: POSIX classes, fuzzy constraints such as
# `{e<=1}`, set operations, version and other inline flags.
_DIVERGENT = re.compile(r"\[:|\{(?!\d*(?:,\d*)?\})|\(\?[imsx\-]*(?![imsx\-])[a-zA-Z]|&&|--|\|\||~~")

_PROPERTY = re.compile(r"\\[pP]\{[^{}\\]*\}")


def required_literals(pattern: str) -> tuple[str, ...]:
    """Literals of which every match of `pattern` contains at least one, or () (no prefilter)."""
    if "\\\\" in pattern:
        return ()
    # A Unicode property is a character class like any other for this purpose; `re` lacks them.
    pattern = _PROPERTY.sub(r"\\w", pattern)
    # Searching backwards changes where the search starts, not what a match must contain.
    pattern = pattern.removeprefix("(?r)")
    if _DIVERGENT.search(pattern):
        return ()
    try:
        parsed = _parse.parse(pattern)
    except Exception:  # anything the `re` parser rejects simply gets no prefilter
        return ()
    # Of the requirements found, the one whose shortest literal is longest is the most selective.
    best = max(_required(list(parsed)), key=lambda options: min(map(len, options)), default=())
    return tuple(sorted(best))


_REPEATS = tuple(
    getattr(_sre, name) for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") if hasattr(_sre, name)
)


def _required(items: list) -> list[frozenset[str]]:
    """Requirements of a sequence of parsed items: sets of literals, one of each set in every match."""
    found: list[frozenset[str]] = []
    run: list[str] = []
    for op, value in items:
        if op is _sre.LITERAL:
            run.append(chr(value))
            continue
        if run:
            found.append(frozenset(["".join(run)]))
            run = []
        if op is _sre.SUBPATTERN:
            found.extend(_required(list(value[-1])))
        elif op in _REPEATS and value[0] >= 1:
            found.extend(_required(list(value[2])))
        elif op is _sre.BRANCH:
            options: set[str] = set()
            for branch in value[1]:
                requirements = _required(list(branch))
                if not requirements:
                    break
                options |= max(requirements, key=lambda opts: min(map(len, opts)))
            else:
                found.append(frozenset(options))
    if run:
        found.append(frozenset(["".join(run)]))
    return found
