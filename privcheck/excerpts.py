"""The sentence around a piece of evidence, for reports a person reads.

Evidence is the span a matcher found: sometimes a whole clause ("you have the right to request a
copy of your personal data"), sometimes one word ("anonymized", "Portability"). A reviewer trusts a
pass when they see the sentence that word stands in, without opening the policy.
"""

from __future__ import annotations

import re

# Where a sentence ends: a line break, Chinese or full-width end punctuation, or an English full
# stop, question or exclamation mark followed by white space.
_SENTENCE_END = re.compile(r"\n|[。！？；!?;]|[.](?=\s)")
CONTEXT = 220  # characters of sentence shown around the evidence at most, all told


def sentence_around(text: str, start: int, end: int, room: int = CONTEXT) -> tuple[str, str, str]:
    """(before, evidence, after): the sentence holding text[start:end], cut to about `room`
    characters with "…" where it is cut, white space collapsed."""
    begin = start
    while begin > 0 and not _SENTENCE_END.match(text, begin - 1):
        begin -= 1
        if start - begin > room:
            break
    found = _SENTENCE_END.search(text, end)
    finish = found.end() if found and found.group() != "\n" else (found.start() if found else len(text))
    finish = min(finish, end + room)
    before = " ".join(text[begin:start].split())
    middle = " ".join(text[start:end].split())
    after = " ".join(text[end:finish].split())
    spare = max(room - len(middle), 0)
    if len(before) + len(after) > spare:
        keep_before = min(len(before), spare // 2 if len(after) > spare // 2 else spare - len(after))
        keep_after = spare - keep_before
        if keep_before < len(before):
            kept = before[len(before) - keep_before:]
            if " " in kept[:-1] and not before[len(before) - keep_before - 1].isspace():
                kept = kept[kept.index(" ") + 1:]  # no word cut in two
            before = "…" + kept.lstrip()
        if keep_after < len(after):
            kept = after[:keep_after]
            if " " in kept[1:] and not after[keep_after:keep_after + 1].isspace():
                kept = kept[:kept.rindex(" ")]
            after = kept.rstrip() + "…"
    if before and text[start - 1:start].isspace():
        before += " "
    if after and text[end:end + 1].isspace():
        after = " " + after
    return before, middle, after
