"""Traditional Chinese read as Simplified, character for character.

Policies from Hong Kong, Macao and Taiwan, and some written for mainland users by companies based
there, are in Traditional characters (個人資料, 隱私權), while checklists are written in Simplified
(个人信息, 隐私). A document whose text is mostly Traditional is matched on a Simplified copy made
by OpenCC's `t2s` conversion, line by line, which reads characters in context (答覆 becomes 答复,
though 覆 alone is also a Simplified character). A line whose conversion would change its length
is converted character by character instead (each Traditional character with a one-character
Simplified form), so the copy is as long as the text and every offset (and every quoted line of
evidence) is still the document's own. Word-level differences (資料 for 信息, 軟體 for 软件) are
not translated: a checklist that should also accept them lists them.

OpenCC is loaded only for a document found to be Traditional; where it cannot be loaded, the
text is matched as it is.
"""

from __future__ import annotations

import functools
import re

# Very common characters written differently in Traditional and in Simplified Chinese, the same
# characters in the same order: a policy uses them on nearly every line, in one of the two forms
# (a Simplified policy naming a company in Traditional holds a few of the other).
_TRADITIONAL_FORMS = "個們資與護說這為會對時開關權處務應請網聯絡號碼訊體產業從點當機構費過還進選錄條變該圖場頁買賣區標寫確證讀經營隨際類據詢義較態"
_SIMPLIFIED_FORMS = "个们资与护说这为会对时开关权处务应请网联络号码讯体产业从点当机构费过还进选录条变该图场页买卖区标写确证读经营随际类据询义较态"
_TRADITIONAL = re.compile(f"[{_TRADITIONAL_FORMS}]")
_SIMPLIFIED = re.compile(f"[{_SIMPLIFIED_FORMS}]")
_SAMPLE = 50_000
# Traditional: at least this many such characters in the sample, and more than of the other form.
_MIN_COUNT = 10
# The characters converted: CJK Unified Ideographs, Extension A and the compatibility block.
_BLOCKS = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00))


def is_traditional(text: str) -> bool:
    """Whether `text` is written mostly in Traditional characters (read from its start)."""
    sample = text[:_SAMPLE]
    traditional = len(_TRADITIONAL.findall(sample))
    return traditional >= _MIN_COUNT and traditional > len(_SIMPLIFIED.findall(sample))


@functools.lru_cache(maxsize=1)
def _converter():
    """OpenCC's Traditional-to-Simplified converter, or None when OpenCC cannot be loaded."""
    try:
        import opencc

        return opencc.OpenCC("t2s")
    except Exception:  # noqa: BLE001  # pragma: no cover - opencc is a declared dependency; without it, no conversion
        return None


@functools.lru_cache(maxsize=1)
def simplifying_table() -> dict[int, str]:
    """`str.translate` table: each Traditional character with a one-character Simplified form.

    Empty when OpenCC cannot be loaded. Each character is converted on its own line, so no
    phrase rule joins neighbours.
    """
    converter = _converter()
    if converter is None:  # pragma: no cover
        return {}
    characters = [chr(code) for low, high in _BLOCKS for code in range(low, high)]
    converted = converter.convert("\n".join(characters)).split("\n")
    if len(converted) != len(characters):  # pragma: no cover - a rule joined two lines
        return {}
    return {ord(old): new for old, new in zip(characters, converted) if new != old and len(new) == 1}


def simplified(text: str) -> str:
    """`text` with its Traditional characters in Simplified form (same length, same offsets)."""
    converter = _converter()
    if converter is None:  # pragma: no cover
        return text
    table = simplifying_table()
    out = []
    for line in text.splitlines(keepends=True):
        converted = converter.convert(line)
        out.append(converted if len(converted) == len(line) else line.translate(table))
    return "".join(out)
