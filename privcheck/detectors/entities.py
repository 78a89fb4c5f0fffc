"""Legal entity names in a policy: "Example Trading Co., Ltd.", "示例网络科技有限公司".

A general mechanism, not a list of companies: an entity is a name followed by a legal-form
suffix. English names are runs of capitalised words (with "and", "of", "&" and a parenthesised
part such as "(China)"); Chinese names have no word boundaries, so a name is the run of Chinese
characters before the suffix, cut after the last function word or phrase that cannot be part of
a name ("由", "是", "本政策", "我们" ...).
"""

from __future__ import annotations

import bisect
import re
import string
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from privcheck.textsearch.pattern_cache import compile_pattern
from privcheck.textsearch.regex_windows import finditer_at_openings, lowered_as_re, matches_at


@dataclass(frozen=True)
class LegalEntity:
    """An organisation's name found in a text, with its span."""

    name: str
    start: int
    end: int


_EN_SUFFIX = (
    r"(?:Co\.,?\s*Ltd\.?|Co\.\s*Limited|Company\s+Limited|Limited|Ltd\.?|Inc\.?|Incorporated|LLC|L\.L\.C\."
    r"|GmbH|AG|S\.A\.|S\.A\.S\.|S\.r\.l\.|B\.V\.|N\.V\.|PLC|plc|Pte\.?\s+Ltd\.?|Pty\.?\s+Ltd\.?|Corporation|Corp\.)"
)
_EN_WORD = r"(?:[A-Z][A-Za-z0-9&'’\-]*|[0-9]+[A-Za-z]*)"
_EN_CONNECTOR = r"(?:and|of|&|de|du|la|für)"
# The name's first word is `_EN_WORD` read from its first character, which the pattern opens with
# (no letter before it): the engine then skips to capitals and digits instead of trying every position.
_EN_FIRST_WORD = r"[A-Z0-9](?<![A-Za-z].)(?:(?<=[A-Z])[A-Za-z0-9&'’\-]*|(?<=[0-9])[0-9]*[A-Za-z]*)"


def _whole_words(source: str) -> str:
    """`source` with its runs of a class taken whole (possessive `*+`, `++`): for runs that what
    follows cannot start with (a word followed by a separator or white space, a separator by a
    word), so that no shorter run would let the pattern match. When the rest fails, the engine
    then does not try each run shorter, character by character."""
    return source.replace("]*", "]*+").replace("]+", "]++")


# A name is tried at every capital and number: most are not followed by a legal form, and the
# engine would give back each word of the run character by character (tests compare the
# pattern with plain words).
_EN_ENTITY = compile_pattern(
    rf"({_whole_words(_EN_FIRST_WORD)}(?:[ \t]+(?:{_whole_words(_EN_WORD)}|{_EN_CONNECTOR}(?=[ \t]+[A-Z0-9])"
    rf"|\([A-Z][A-Za-z .]*\)))*),?[ \t]+({_EN_SUFFIX})(?![A-Za-z])"
)
# A legal form as `_EN_ENTITY` ends with it: every company name holds one.
_EN_SUFFIX_RE = compile_pattern(rf"{_EN_SUFFIX}(?![A-Za-z])")
_EN_LEADING = compile_pattern(r"^(?:(?:The|This|That|These|Our|By|And|Or|Of|With|From|To|For|At|In|On|Dear|We|Its|Their|Your|Any|Such|All|Each)\s+)+")
# Capitalised words that begin a sentence or heading rather than a name.
_EN_NOT_NAMES = {"Policy", "Privacy", "Section", "Article", "Chapter", "Part", "Contact", "Company", "Limited"}

_ZH_SUFFIX = r"(?:股份有限公司|有限责任公司|集团有限公司|有限公司)"
_ZH_NAME_CHAR = r"[\u4e00-\u9fffA-Za-z0-9（）()·]"
_ZH_ENTITY_NAME_LONGEST = 40
_ZH_ENTITY = compile_pattern(rf"({_ZH_NAME_CHAR}{{2,{_ZH_ENTITY_NAME_LONGEST}}}?){_ZH_SUFFIX}")
# Every legal form ends in "公司", at most this many characters after the start of a name.
_ZH_ENTITY_REACH = _ZH_ENTITY_NAME_LONGEST + len("股份有限公司") - len("公司")
# Words that end the text before a name ("本政策由X有限公司提供", "我们是X有限公司", "控制X有限公司",
# "传输给X有限公司").
_ZH_BREAKS = compile_pattern(
    r".*(?:本政策|本指引|本协议|本声明|我们|您|由|是|为|指|即|系(?!统)|与|和|及|或|向|在|对|将|经|把|被|请|以下简称|简称|称|包括|例如|等|的|其"
    r"|控制|受|给|从)"
)
_ZH_GENERIC = {"关联", "第三方", "合作", "子", "母", "分", "其他", "相关", "我们的", "上述", "该"}


# Every match of a Chinese pattern here holds a Chinese word: a text without Chinese has none.
_CHINESE = compile_pattern(r"[\u4e00-\u9fff]")


def _zh_entity_matches(text: str) -> Iterator[re.Match[str]]:
    """`_ZH_ENTITY.finditer(text)`, searched only in the stretch before each "公司" that a match
    ending there can start in (stretches that overlap joined): one `str.find` pass instead of the
    whole Chinese text, and no index of every detector's literals built for the raw text."""
    windows: list[list[int]] = []
    at = text.find("公司")
    while at != -1:
        low, high = max(0, at - _ZH_ENTITY_REACH), at + len("公司")
        if windows and low <= windows[-1][1]:
            windows[-1][1] = high
        else:
            windows.append([low, high])
        at = text.find("公司", at + 1)
    for low, high in windows:
        yield from _ZH_ENTITY.finditer(text, low, high)


def _en_entity_matches(text: str) -> Iterator[re.Match[str]]:
    """`_EN_ENTITY.finditer(text)`, searched only on the lines of the legal forms in the text.

    A name is words and spaces on one line, before its legal form; the form may run onto the next
    line ("Co.,\\nLtd."). So a match lies within the lines from the one where a legal form starts
    to the one where it ends; each place where one matches is looked for (a form may start inside
    another), and those stretches, joined where they overlap, are searched. Tried at every capital
    and number of a policy, the pattern cost more than finding the few legal forms.
    """
    windows: list[list[int]] = []
    form = _EN_SUFFIX_RE.search(text)
    while form is not None:
        low = text.rfind("\n", 0, form.start()) + 1
        high = text.find("\n", form.end())
        high = len(text) if high == -1 else high
        if windows and low <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], high)
        else:
            windows.append([low, high])
        form = _EN_SUFFIX_RE.search(text, form.start() + 1)
    for low, high in windows:
        yield from _EN_ENTITY.finditer(text, low, high)


def find_legal_entities(text: str, chinese: bool | None = None) -> list[LegalEntity]:
    """Every legal entity name in `text`, in order; offsets index into `text`. `chinese`: whether
    the text holds Chinese, when the caller has looked (else it is looked for here)."""
    found: list[LegalEntity] = []
    for match in _en_entity_matches(text):
        name_start = match.start(1)
        words = match.group(1)
        leading = _EN_LEADING.match(words)
        if leading:
            name_start += leading.end()
            words = words[leading.end():]
        if not words or words.split()[0] in _EN_NOT_NAMES and len(words.split()) == 1:
            continue
        found.append(LegalEntity(text[name_start:match.end()], name_start, match.end()))
    if chinese is None:
        chinese = _CHINESE.search(text) is not None
    for match in _zh_entity_matches(text) if chinese else ():
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
_SELF = compile_pattern(
    r"[\"“”'(（]\s*(?:we|us|our|the company)\b|\bwe are\b|\b(?:operated|provided|run|published|offered|owned) by\b"
    r"|\bcontroller\b|以下简称|我们是|“我们”|\"我们\"|本公司|运营者|运营方|控制者|经营者|提供者",
    re.IGNORECASE,
)
_SELF_WINDOW = 60
_SELF_STRICT = compile_pattern(
    r"[\"“”'(（]\s*(?:we|us|our|the company)\b|\bwe are\b|\bcontroller\b|以下简称|我们是|“我们”|\"我们\"|本公司|运营者|运营方|控制者|经营者",
    re.IGNORECASE,
)


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


# Who the policy speaks for ----------------------------------------------------------------------
#
# A controller (processor, operator) is named in a frame that says the policy speaks for it: "This
# SERVICE is provided by X", "X built the Y app", "X (“we”, “us”)", "“we” means X", "We are X",
# "X is the data controller", "Developer: X", "运营者为X", "X（以下简称“我们”）", "本应用由X开发".
# The name may be a company with its legal form, a public body, a person or a trading name.

LEGAL_FORM = "legal entity"
PUBLIC_BODY = "public body"
NAMED = "person or trading name"


@dataclass(frozen=True)
class Controller:
    """A name the policy introduces as itself; `start`/`end` span the frame and the name."""

    name: str
    kind: str  # LEGAL_FORM, PUBLIC_BODY or NAMED
    start: int
    end: int


_EN_FORM = compile_pattern(
    r"(?<![A-Za-z])(?:Co\.?,?\s*Ltd|Ltd|Limited|Inc|Incorporated|LLC|L\.L\.C|LLP|L\.P|LP|PLC|plc|GmbH|gGmbH|mbH|AG|KG|UG|e\.V"
    r"|S\.A|SA|S\.A\.S|SAS|SARL|S\.à r\.l|S\.r\.l|Srl|SRL|S\.L|S\.p\.A|SpA|B\.V|BV|N\.V|NV|A/S|ApS|AS|ASA|AB|Oy|Oyj|Pty|Pte"
    r"|Pvt|Private Limited|Corp|Corporation|Company|Kft|Sp\. z o\.o|Limitada|Ltda|K\.K|GK|Bhd|Sdn)\.?(?![A-Za-z])"
)
_EN_PUBLIC = compile_pattern(
    r"(?<![A-Za-z])(?:University|Ministry|Department|Council|Agency|Authority|Commission|Institute|Foundation|Association"
    r"|Government|County|Municipality|School|College|Hospital|Trust|Society|Charity|Office of|Bank)(?![A-Za-z])"
)
_ZH_FORM = compile_pattern(r"(?:有限责任公司|股份有限公司|有限公司|合伙企业|经营部|个体工商户|工作室|商行|事务所|分公司|商店|网店)$")
_ZH_PUBLIC = compile_pattern(r"(?:大学|学院|学校|医院|研究院|研究所|委员会|政府|局|厅|中心|协会|基金会|银行)$")

_NAME_WORD = r"(?:[A-Z][\w&'’.\-]*|[0-9][\w&'’.\-]*|e\.\s?V\.?|mbH|gGmbH)"
_NAME_LINK = r"(?:of|and|&|de|du|la|der|für|for|the|y|e)"
_EN_NAME = rf"(?P<name>{_NAME_WORD}(?:(?:,? |[ \t]+){_NAME_WORD}|[ \t]+{_NAME_LINK}(?=[ \t]+[A-Z0-9])){{0,7}})"
# The same name with each word taken whole, for frames in which only a separator or white space
# can follow a word: tried at every sentence start, a frame that fails there no longer gives back
# each of up to eight words character by character (tests compare it with the plain name).
_EN_NAME_WHOLE_WORDS = _whole_words(_EN_NAME)
_ZH_NAME = r"(?P<name>[\u4e00-\u9fffA-Za-z0-9（）()·&]{2,40}?)"
_QUOTE_OPEN = "[\"“‘'「『]"
_SELF_WORDS = (r"(?:we|us|our|i|me|company|the company|developer|the developer|owner|operator|controller|provider|service provider"
               r"|publisher|app owner|website owner)")

# Frames that open with a name, searched only in the stretch before their anchor words (see
# _ANCHORED): "X (“we”, “us”)", "X (hereinafter “Developer”)", "X (doing business as Y) (“Y,” “we”)".
_NAME_BEFORE_QUOTED_WE = compile_pattern(
    _EN_NAME + r",?\s*(?:\([^()\n]{0,60}\)\s*)?(?i:and\s+(?:its\s+|their\s+)?(?:affiliates|affiliated\s+companies"
    r"|related\s+companies|subsidiaries)\s*)?\((?i:[^()\n]{0,40}?)" + _QUOTE_OPEN + r"(?i:(?:the\s+)?" + _SELF_WORDS + r")\b")
# "Welcome to www.example.com (“us”, “we”)": a website that speaks for itself.
_WEBSITE_BEFORE_QUOTED_WE = compile_pattern(r"(?P<name>(?:https?://)?(?:www\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[a-z]{2,6})\s*\((?i:[^()\n]{0,40}?)"
    + _QUOTE_OPEN + r"(?i:(?:the\s+)?" + _SELF_WORDS + r")\b")
_QUOTED_WE = compile_pattern(r"\((?i:[^()\n]{0,40}?)" + _QUOTE_OPEN + r"(?i:(?:the\s+)?" + _SELF_WORDS + r")\b")
# "Acme Outdoor Supply, Inc. (“Acme”) respects your privacy": the company named at the start of the
# policy with its own short name. Only near the start (see _ANCHOR_LIMIT): further on, "provided by
# Google LLC (“Google”)" names a third party the same way, and so may an intro (hence not after "by").
_NAME_BEFORE_QUOTED_ALIAS = compile_pattern(
    # Not the object of a preposition: "provided by Google LLC (“Google”)", "partners such as X".
    r"(?<!\bby )(?<!\bfrom )(?<!\bwith )(?<!\bto )(?<!\bas )(?<!\bof )(?<!\band )(?<!\bor )(?<!\bvia )(?<!\blike )(?<!\bincluding )"
    r"(?P<name>(?P<first>[A-Z][\w&'’\-]*)(?:(?:,? |[ \t]+)" + _NAME_WORD + r"|[ \t]+" + _NAME_LINK + r"(?=[ \t]+[A-Z0-9])){1,7})"
    r",?\s*\(\s*(?:hereinafter\s+)?" + _QUOTE_OPEN + r"(?P=first)[\"”’'」』]\s*\)")
_QUOTED_ALIAS = compile_pattern(r"\(\s*(?:hereinafter\s+)?" + _QUOTE_OPEN + r"[A-Z][\w&'’\-]*[\"”’'」』]\s*\)")
_INTRO_REACH = 1500
# "X ... is the data controller": searched only in the stretch before those words (see _ANCHORED).
_NAME_BEFORE_CONTROLLER = compile_pattern(
    _EN_NAME + r",?(?:[^.\n]|\.(?! )){0,60}?\s+(?i:is\s+the\s+(?:data\s+)?controller|acts?\s+as\s+(?:the\s+|a\s+)?(?:data\s+)?controller"
    r"|is\s+responsible\s+for\s+(?:the\s+)?processing)")

# "X built the Plump app as a free app." (at the start of a line or sentence)
_NAME_BUILT_AT_SENTENCE_START = compile_pattern(
    r"(?:^|(?<=[.!?]\s))" + _EN_NAME_WHOLE_WORDS + r"\s+(?i:built|developed|created|made|publishes|published|operates|owns|provides)"
    r"\s+(?i:the|this|our)\s+")
_NAME_BUILT_AT_LINE_START = compile_pattern(
    _whole_words(r"(?m:^)(?P<name>[^\s,.;()]+(?:[ \t][^\s,.;()]+){0,5}?)") + r"\s+built\s+the\s+")
# "Developer: X", "Company name: X"
_LABELLED_NAME = compile_pattern(
    r"(?im:^[ \t]*(?:company|company name|developer|operator|owner|publisher|controller|data controller|provider"
    r"|service provider|business name|legal name|entity|app developer)\s*[:：][ \t]*)" + _EN_NAME)

# "This SERVICE is provided by X", "The app is owned and operated by X".
_PARTICIPLES = ("provided", "operated", "owned", "run", "developed", "published", "offered", "managed", "maintained", "created",
                "made", "built", "designed", "produced", "issued")
_PROVIDED_BY = compile_pattern(
    r"(?i:(?=[to])\b(?:this|the|our|these)\s+(?:[a-z]+\s+){0,2}?(?:service|app|application|website|web site|site|platform|game|software"
    r"|product|extension|tool|program|policy)s?\s+(?:is|are|has been|have been)\s+(?:" + "|".join(_PARTICIPLES) + r")"
    r"(?:\s+and\s+(?:operated|owned|run|maintained|provided|managed|published|developed))?\s+by)\s+(?:the\s+)?" + _EN_NAME)
_BY = compile_pattern("[bB][yY]")
# What `(?i:[a-z])` reads besides white space: the ASCII letters and the four letters `re` folds onto them.
_RUN_CHARACTERS = frozenset(string.ascii_letters + "\u0130\u0131\u017f\u212a")
_LONGEST_PARTICIPLE = max(map(len, _PARTICIPLES))


def _provided_by_starts(text: str) -> list[int]:
    """Where `_PROVIDED_BY` can start: at a "t" or an "o" in the run of letters and white space that
    ends in a participle before "by" (the frame reads nothing else up to "by").

    Tried at its opening words instead, it would be tried at every "the" and "our" of a policy;
    "provided by" and the like are rare.
    """
    starts: set[int] = set()
    for by in _BY.finditer(text):
        end = by.start()
        if end == 0 or not text[end - 1].isspace():
            continue
        while end > 0 and text[end - 1].isspace():
            end -= 1
        if not lowered_as_re(text[max(0, end - _LONGEST_PARTICIPLE):end]).endswith(_PARTICIPLES):
            continue
        start = end
        while start > 0 and (text[start - 1] in _RUN_CHARACTERS or text[start - 1].isspace()):
            start -= 1
        starts.update(i for i in range(start, end) if text[i] in "tToO")
    return sorted(starts)


# A frame that opens with words in any case starts with a look-ahead of their first letters (read
# case-insensitively, as the words are): the engine then passes over other positions at once.
_EN_FRAMES = [
    _PROVIDED_BY,
    _NAME_BUILT_AT_SENTENCE_START,
    # The generator template's "This SERVICE is provided by nichgames at no cost": any spelling.
    compile_pattern(r"(?i:(?=t)\bthis\s+service\s+is\s+provided\s+by)\s+(?P<name>[^\s,.;()]+(?:[ \t][^\s,.;()]+){0,5}?)"
               r"\s+(?i:at\s+no\s+cost|free\s+of\s+charge|and\s+is\s+intended)"),
    _NAME_BUILT_AT_LINE_START,
    # "an open source app developed by X"
    compile_pattern(r"(?i:(?=[agwsep])\b(?:app|application|game|website|web site|software|extension|plugin|plug-in)\b[^.\n]{0,40}?\s(?:developed|created"
               r"|made|built|published|designed|operated|owned|maintained)\s+by)\s+(?:the\s+)?" + _EN_NAME),
    _NAME_BEFORE_QUOTED_WE,
    # "The operators of Keep webpages and apps are X", "the provider of this service is X"
    compile_pattern(r"(?i:(?=[opd])\b(?:operators?|providers?|owners?|publishers?|developers?)\s+of\s+[^.\n]{0,50}?\s+(?:is|are))\s+(?:the\s+)?"
               + _EN_NAME),
    _WEBSITE_BEFORE_QUOTED_WE,
    # "“we” means X", "Company (referred to as ...) refers to X"
    compile_pattern(r"(?i:(?=[\"“‘'「『wuct])" + _QUOTE_OPEN + r"?\b(?:we|us|company|the company)\b[\"”’']?[^.\n]{0,120}?\b(?:refers to|means|shall mean)\s+)"
               r"(?:the\s+)?" + _EN_NAME),
    # The generator template's 'Company (referred to as either "the Company", "We", ...) refers to
    # burn care.': any spelling, as in "This SERVICE is provided by nichgames".
    compile_pattern(r"(?i:\bcompany\s+\(referred\s+to\s+as[^()\n]{0,80}\)\s+refers\s+to)\s+(?:the\s+)?"
               r"(?P<name>[^\s,.;()\"“”]+(?:[ \t][^\s,.;()\"“”]+){0,5}?)\s*(?=[.,;]|$)"),
    # "We are X", "We, X,"
    compile_pattern(r"(?i:(?=w)(?:\bwe\s+are|\bwe,))\s+(?:the\s+)?" + _EN_NAME),
    # "the data controller is X", "X is the controller", "X acts as data controller"
    compile_pattern(r"(?i:(?=[dc])(?:\b(?:data\s+)?controller\s+(?:is|will be|shall be|of your [a-z ]{0,20}?is|responsible[^.\n]{0,40}?is)"
               r"|\bcontrolled by))\s+"
               r"(?:the\s+)?" + _EN_NAME),
    _NAME_BEFORE_CONTROLLER,
    _LABELLED_NAME,
    _NAME_BEFORE_QUOTED_ALIAS,
]
# "X（以下简称“我们”）": the name is the 2 to 40 characters before the words in brackets, and is
# tried only there (see _ZH_MATCHES): tried at every character of a Chinese text, each attempt
# would read up to 40 characters on.
_ZH_QUOTED_WE = compile_pattern(r"[（(]\s*(?:以下|下文)?(?:简称|称|或)?\s*[“\"「『]?(?:我们|我方|本公司|开发者|运营者|本平台)")
_ZH_NAME_BEFORE_QUOTED_WE = compile_pattern(_ZH_NAME + _ZH_QUOTED_WE.pattern)
_ZH_FRAMES = [
    compile_pattern(r"(?:运营者|开发者|经营者|提供者|运营方|运营主体|控制者|个人信息处理者|软件开发者|开发商|开发方|发布者|公司名称|主体名称"
               r"|企业名称|服务提供者|服务提供方|APP运营者|App运营者|应用运营者)\s*(?:为|是|：|:|系)\s*" + _ZH_NAME
               + r"(?=[（(，,。;；：:\s]|$)"),
    _ZH_NAME_BEFORE_QUOTED_WE,
    # "本应用由X开发", "本隐私政策适用的产品和服务由X提供"
    compile_pattern(r"本(?:应用|软件|产品|服务|平台|App|APP|app|游戏|网站|小程序|政策|指引"
               r"|(?:隐私)?(?:政策|指引)(?:所)?适用的(?:产品|服务)(?:(?:和|与|及)(?:产品|服务))?)(?:是|均)?由" + _ZH_NAME
               + r"(?:开发|运营|提供|发布|制作|负责|制定|所有)"),
    compile_pattern(r"我们是" + _ZH_NAME + r"(?=[（(，,。;；\s]|$)"),
]
# Words that begin a sentence or a generic mention, not a name.
_NOT_NAMES = {"we", "our", "us", "this", "the", "it", "you", "your", "app", "application", "service", "services",
              "website", "site", "company", "privacy", "policy", "platform", "developer", "owner", "operator", "a", "an",
              "third", "google", "apple", "facebook", "personal", "information", "data", "if", "in", "by", "any",
              "all", "user", "users", "these", "such"}
_ZH_NOT_NAMES = ("我们", "本", "您", "第三方", "合作", "关联", "相关", "上述", "该", "其", "用户")


_PROVIDER_DEFINITION = compile_pattern(
    r"(?im:^[^\n]{0,40}?\b(?:service providers?|operators?|controllers?|the company|platform operators?)\s*[:：]\s*(?:refers? to|means|is)?)"
    r"|(?m:^[^\n]{0,20}?(?:服务提供者|服务提供方|运营者|运营方|控制者|个人信息处理者)\s*[:：]\s*(?:指|是)?)"
)
_DEFINITION_REACH = 120
# A title: a short line that begins with the name and ends with what the document is.
_TITLE = compile_pattern(r"(?i:privacy\s+(?:policy|notice|statement)|data\s+protection\s+(?:policy|notice))[ \t*#\]”\"']*$"
                    r"|(?:隐私政策|隐私保护政策|隐私权政策|个人信息保护政策|隐私保护指引)[ \t*#\]”\"》]*$")
_TITLE_LONGEST = 120
_TITLE_REACH = 2000
_TITLE_LINES = 8

# A template's blank: "[Developer/Company name]", "<Company>", "Your Company Name", "Insert name".
_PLACEHOLDER = compile_pattern(r"[\[\]<>{}]|(?i:\byour company\b|\bcompany name\b|\bdeveloper name\b|\binsert\b|\bxxx)")


# A frame that opens with a name ("X ... is the controller") would be tried at every capitalised
# word of a policy: it is searched only in the stretch before its anchor words.
_CONTROLLER_WORDS = compile_pattern(
    r"(?i)\bis\s+the\s+(?:data\s+)?controller|\bacts?\s+as\s+(?:the\s+|a\s+)?(?:data\s+)?controller"
    r"|\bis\s+responsible\s+for\s+(?:the\s+)?processing")
_ANCHORED = {_NAME_BEFORE_QUOTED_WE: _QUOTED_WE, _WEBSITE_BEFORE_QUOTED_WE: _QUOTED_WE, _NAME_BEFORE_CONTROLLER: _CONTROLLER_WORDS,
             _NAME_BEFORE_QUOTED_ALIAS: _QUOTED_ALIAS}
_ANCHOR_LIMIT = {_NAME_BEFORE_QUOTED_ALIAS: _INTRO_REACH}  # anchors searched for only this far into the text
_ANCHOR_REACH = 300


_SENTENCE_BREAK = compile_pattern(r"[.!?]\s")
def _sentence_starts(text: str) -> list[int]:
    """Where `(?:^|(?<=[.!?]\\s))` holds: the start of the text and after a full stop, "!" or "?" and a space."""
    return [0, *(m.end() for m in _SENTENCE_BREAK.finditer(text))]


def _line_starts_before(text: str, words: tuple[str, ...]) -> list[int]:
    """The starts of the lines on which the text before an occurrence of one of `words` ends, white
    space (line breaks too) left out: in order, each once.

    For a pattern that opens a line with something that holds no line break, then white space and
    one of `words` ("Developer:", "运营者：", "X built the"): it can start only at these line starts,
    far fewer than a policy's lines (most have no colon, hardly any "built").
    """
    starts: set[int] = set()
    for word in words:
        at = text.find(word)
        while at != -1:
            end = at
            while end > 0 and text[end - 1].isspace():
                end -= 1
            starts.add(text.rfind("\n", 0, end) + 1)
            at = text.find(word, at + 1)
    return sorted(starts)


def _labelled_line_starts(text: str) -> list[int]:
    """Where a line can open with a label and a colon ("Developer: X", "运营者：指X")."""
    return _line_starts_before(text, (":", "："))


def _built_line_starts(text: str) -> list[int]:
    """Where a line can open with "X built the"."""
    return _line_starts_before(text, ("built",))


# A frame that can start only where a line or a sentence starts (or before "provided by") is tried
# there alone: the engine would otherwise try it at every position of the text.
_STARTS: dict[re.Pattern[str], Callable[[str], list[int]]] = {
    _PROVIDED_BY: _provided_by_starts, _NAME_BUILT_AT_SENTENCE_START: _sentence_starts, _NAME_BUILT_AT_LINE_START: _built_line_starts,
    _LABELLED_NAME: _labelled_line_starts,
}


def _frame_matches(text: str) -> Iterator[re.Match[str]]:
    """The matches of every English frame in `text`."""
    for frame in _EN_FRAMES:
        anchor = _ANCHORED.get(frame)
        if anchor is None:
            starts = _STARTS.get(frame)
            yield from finditer_at_openings(frame, text) if starts is None else matches_at(frame, text, starts(text))
            continue
        searched_to = 0
        limit = _ANCHOR_LIMIT.get(frame)
        for hit in finditer_at_openings(anchor, text if limit is None else text[:limit]):
            start = max(searched_to, hit.start() - _ANCHOR_REACH)
            yield from frame.finditer(text, start, hit.end())
            searched_to = hit.end()


def _zh_frame_matches(frame: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """The matches of a Chinese frame in `text`."""
    if frame is not _ZH_NAME_BEFORE_QUOTED_WE:
        return frame.finditer(text)
    return matches_at(frame, text, _starts_before(_ZH_QUOTED_WE.finditer(text), 2, _ZH_NAME_LONGEST))


_ZH_NAME_LONGEST = 40  # as `_ZH_NAME` reads it


def _starts_before(hits: Iterator[re.Match[str]], shortest: int, longest: int) -> list[int]:
    """The offsets from `longest` to `shortest` characters before each hit (in order, each once)."""
    starts: list[int] = []
    after_previous = 0
    for hit in hits:
        at = hit.start()
        starts.extend(range(max(after_previous, at - longest), at - shortest + 1))
        after_previous = max(after_previous, at - shortest + 1)
    return starts


def _trim_name(name: str) -> str:
    name = name.strip(" \t,.;:’'")
    while True:
        words = name.split()
        if len(words) > 1 and words[-1].lower() in ("of", "and", "&", "de", "for", "the", "y", "e", "du", "la", "der", "für"):
            name = " ".join(words[:-1])
            continue
        return name


def _classify(name: str) -> str:
    if _EN_FORM.search(name) or _ZH_FORM.search(name):
        return LEGAL_FORM
    if _EN_PUBLIC.search(name) or _ZH_PUBLIC.search(name):
        return PUBLIC_BODY
    return NAMED


# An aside right after a name ("X Ltd. (registered address: ...) (“we”)") does not count against the
# window: an address or a registration number is as long as the language makes it.
_ASIDE = compile_pattern(r"\s*[(（][^()（）\n]{0,250}[)）]")


def _self_reach(text: str, end: int) -> int:
    """Where the search for "(“we”)" after a name that ends at `end` stops."""
    aside = _ASIDE.match(text, end)
    return (aside.end() if aside else end) + 2 * _SELF_WINDOW


def find_controllers(text: str) -> list[Controller]:
    """Every name `text` introduces as the one the policy speaks for, in order of position."""
    found: dict[tuple[int, int], Controller] = {}
    for match in _frame_matches(text):
        name = _trim_name(match.group("name"))
        words = name.split()
        if not words or all(w.lower().strip(".,") in _NOT_NAMES for w in words):
            continue
        if words[0].lower() in ("we", "our", "this", "the", "if", "you", "your", "at", "and", "us", "me", "is") or _PLACEHOLDER.search(name):
            continue
        found[(match.start(), match.end())] = Controller(name, _classify(name), match.start(), match.start("name") + len(name))
    chinese = _CHINESE.search(text) is not None  # looked for once: the Chinese frames need it
    for frame in _ZH_FRAMES if chinese else ():
        for match in _zh_frame_matches(frame, text):
            name = match.group("name").strip("（）()·")
            cut = _ZH_BREAKS.match(name) if frame is _ZH_NAME_BEFORE_QUOTED_WE else None
            if cut:
                name = name[cut.end():]
            if len(name) < 2 or name.startswith(_ZH_NOT_NAMES) or name in _ZH_GENERIC:
                continue
            end = match.end("name")
            found[(match.start(), end)] = Controller(name, _classify(name), match.start(), end)
    # A definition of the provider: "Service provider: refers to ... X Co., Ltd.", "运营者：指X有限公司".
    entities = find_legal_entities(text, chinese)
    starts = [e.start for e in entities]
    # Both alternatives open a line with words and a colon.
    for match in matches_at(_PROVIDER_DEFINITION, text, _labelled_line_starts(text)):
        index = bisect.bisect_left(starts, match.end())
        if index < len(entities) and entities[index].start - match.end() <= _DEFINITION_REACH:
            entity = entities[index]
            found.setdefault((match.start(), entity.end), Controller(entity.name, LEGAL_FORM, match.start(), entity.end))
    # A company named in the policy's title, among its first lines: "Example Ltd. T/A Ruby Privacy
    # Policy", "示例科技有限公司隐私政策" (not a list of other companies' policies further down).
    for entity in entities:
        if entity.start > _TITLE_REACH or text.count("\n", 0, entity.start) >= _TITLE_LINES:
            break
        line_start = text.rfind("\n", 0, entity.start) + 1
        line_end = text.find("\n", entity.end)
        line_end = len(text) if line_end == -1 else line_end
        if line_end - line_start <= _TITLE_LONGEST and _TITLE.search(text, entity.end, line_end) \
                and not text[line_start:entity.start].strip(" \t#*[“\"'"):
            found.setdefault((entity.start, entity.end), Controller(entity.name, LEGAL_FORM, entity.start, entity.end))
    # A company named next to words that say the policy speaks for it ("Example Ltd. (“we”)",
    # "以下简称“我们”", "运营者") is a controller even outside the frames above. "provided by" alone
    # is left to the frames: "a service provided by Google, Inc." names a vendor.
    for entity in entities:
        if _SELF_STRICT.search(text, max(0, entity.start - _SELF_WINDOW), entity.start) or _SELF_STRICT.search(
                text, entity.end, _self_reach(text, entity.end)):
            found.setdefault((entity.start, entity.end), Controller(entity.name, LEGAL_FORM, entity.start, entity.end))
    return sorted(found.values(), key=lambda c: (c.start, c.end))
