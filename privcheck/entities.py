"""Legal entity names in a policy: "Example Trading Co., Ltd.", "示例网络科技有限公司".

A general mechanism, not a list of companies: an entity is a name followed by a legal-form
suffix. English names are runs of capitalised words (with "and", "of", "&" and a parenthesised
part such as "(China)"); Chinese names have no word boundaries, so a name is the run of Chinese
characters before the suffix, cut after the last function word or phrase that cannot be part of
a name ("由", "是", "本政策", "我们" ...).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass


@dataclass(frozen=True)
class LegalEntity:
    name: str
    start: int
    end: int


_EN_SUFFIX = (
    r"(?:Co\.,?\s*Ltd\.?|Co\.\s*Limited|Company\s+Limited|Limited|Ltd\.?|Inc\.?|Incorporated|LLC|L\.L\.C\."
    r"|GmbH|AG|S\.A\.|S\.A\.S\.|S\.r\.l\.|B\.V\.|N\.V\.|PLC|plc|Pte\.?\s+Ltd\.?|Pty\.?\s+Ltd\.?|Corporation|Corp\.)"
)
_EN_WORD = r"(?:[A-Z][A-Za-z0-9&'’\-]*|[0-9]+[A-Za-z]*)"
_EN_CONNECTOR = r"(?:and|of|&|de|du|la|für)"
_EN_ENTITY = re.compile(
    rf"(?<![A-Za-z])({_EN_WORD}(?:[ \t]+(?:{_EN_WORD}|{_EN_CONNECTOR}(?=[ \t]+[A-Z0-9])|\([A-Z][A-Za-z .]*\)))*)"
    rf",?[ \t]+({_EN_SUFFIX})(?![A-Za-z])"
)
_EN_LEADING = re.compile(r"^(?:(?:The|This|That|These|Our|By|And|Or|Of|With|From|To|For|At|In|On|Dear|We|Its|Their|Your|Any|Such|All|Each)\s+)+")
# Capitalised words that begin a sentence or heading rather than a name.
_EN_NOT_NAMES = {"Policy", "Privacy", "Section", "Article", "Chapter", "Part", "Contact", "Company", "Limited"}

_ZH_SUFFIX = r"(?:股份有限公司|有限责任公司|集团有限公司|有限公司)"
_ZH_NAME_CHAR = r"[\u4e00-\u9fffA-Za-z0-9（）()·]"
_ZH_ENTITY = re.compile(rf"({_ZH_NAME_CHAR}{{2,40}}?){_ZH_SUFFIX}")
# Words that end the text before a name ("本政策由X有限公司提供", "我们是X有限公司").
_ZH_BREAKS = re.compile(
    r".*(?:本政策|本指引|本协议|本声明|我们|您|由|是|为|指|即|系|与|和|及|或|向|在|对|将|经|把|被|请|以下简称|简称|称|包括|例如|等|的|其)"
)
_ZH_GENERIC = {"关联", "第三方", "合作", "子", "母", "分", "其他", "相关", "我们的", "上述", "该"}


def find_legal_entities(text: str) -> list[LegalEntity]:
    """Every legal entity name in `text`, in order; offsets index into `text`."""
    found: list[LegalEntity] = []
    for match in _EN_ENTITY.finditer(text):
        name_start = match.start(1)
        words = match.group(1)
        leading = _EN_LEADING.match(words)
        if leading:
            name_start += leading.end()
            words = words[leading.end():]
        if not words or words.split()[0] in _EN_NOT_NAMES and len(words.split()) == 1:
            continue
        found.append(LegalEntity(text[name_start:match.end()], name_start, match.end()))
    for match in _ZH_ENTITY.finditer(text):
        start = match.start(1)
        head = match.group(1)
        cut = _ZH_BREAKS.match(head)
        if cut:
            start += cut.end()
            head = head[cut.end():]
        head = head.lstrip("（）()·")
        if len(head) < 2 or head in _ZH_GENERIC:
            continue
        name_start = match.end(1) - len(head)
        found.append(LegalEntity(text[name_start:match.end()], name_start, match.end()))
    found.sort(key=lambda e: e.start)
    return found


# Words around a name that say the policy speaks for it: "Example Ltd. ("we")", "operated by",
# "以下简称“我们”", "我们是", "运营者". A third party named in passing ("we share it with X Ltd.") is not it.
_SELF = re.compile(
    r"[\"“”'(（]\s*(?:we|us|our|the company)\b|\bwe are\b|\b(?:operated|provided|run|published|offered|owned) by\b"
    r"|\bcontroller\b|以下简称|我们是|“我们”|\"我们\"|本公司|运营者|运营方|控制者|经营者|提供者",
    re.IGNORECASE,
)
_SELF_WINDOW = 60


def main_entity(text: str) -> str | None:
    """The entity a policy speaks for, or None when no name is introduced as "we".

    Among the names next to words such as "("we")", "operated by", "以下简称“我们”": the most
    frequently named, the earliest on a tie.
    """
    everything = find_legal_entities(text)
    entities = [
        e for e in everything
        if _SELF.search(text, max(0, e.start - _SELF_WINDOW), e.start) or _SELF.search(text, e.end, e.end + _SELF_WINDOW)
    ]
    if not entities:
        return None
    counts = Counter(_key(e.name) for e in everything)
    first: dict[str, LegalEntity] = {}
    for entity in entities:
        first.setdefault(_key(entity.name), entity)
    best = max(first, key=lambda key: (counts[key], -first[key].start))
    return " ".join(first[best].name.split())


def _key(name: str) -> str:
    return re.sub(r"[\s.,]", "", name).casefold()
