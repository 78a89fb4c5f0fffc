"""Detect concrete contact channels in privacy-policy text.

A policy only gives data subjects a usable way to reach the company when it
states a *real* channel: an e-mail address, a phone number, a web address, a
postal address or an in-app menu path.  Templates ("privacy@example.com",
"400-XXX-XXXX", "【公司注册地址】") and empty labels ("email:" followed by
nothing) are not channels.

The entry point is :func:`find_contact_channels`.  It expects *normalised*
text (Unicode NFKC, case-folded, whitespace runs collapsed to one space) and
returns the channels it finds, sorted by position and non-overlapping, with
character offsets into the string it was given.

Design notes
------------
* Every regular expression is compiled once (at import time, or once per
  menu-path separator), never through ``re``'s small cache of patterns, which
  the checklists' many patterns flush; a later process makes it from the code
  kept in the user's cache (``privcheck.textsearch.pattern_cache``).  Patterns use bounded or possessive
  repetition and anchor on cheap characters (``@``, digits,
  administrative-division characters, separators), so the run time is linear
  in the length of the text; expensive validators (``email-validator``,
  ``phonenumbers``) only ever see short candidates, and are imported only when
  a text first has a candidate for them.
* All kinds are detected, overlaps are resolved by priority
  (blocked placeholder spans > e-mail > URL > phone > address > app path),
  and only then is the ``kinds`` filter applied, so asking for one kind gives
  exactly the subset of the full answer.
"""

from __future__ import annotations

import bisect
import enum
import functools
import re
import typing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import regex

from privcheck.textsearch.pattern_cache import compile_pattern, compile_regex
from privcheck.textsearch.regex_windows import matches_at, text_cache, windowed_finditer

if typing.TYPE_CHECKING:  # imported where a candidate number is checked: see _valid_number
    import phonenumbers

__all__ = ["ChannelKind", "ContactChannel", "find_contact_channels"]


class ChannelKind(str, enum.Enum):
    """The kind of a contact channel."""

    EMAIL = "email"
    PHONE = "phone"
    URL = "url"
    ADDRESS = "address"
    APP_PATH = "app_path"


@dataclass(frozen=True)
class ContactChannel:
    """One contact channel found in a text.

    ``value`` is the channel exactly as written, i.e. ``text[start:end]``.
    """

    kind: ChannelKind
    value: str
    start: int
    end: int


_Span = tuple[int, int]

# CJK unified ideographs (extension A, basic block, compatibility block).
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_CHAR_RE = compile_pattern(f"[{_CJK}]")
# The same class in a pattern that ignores case. An ideograph has no case, so ignoring it changes
# nothing (a test checks every code point), and `re` compiles the class without case-folding its
# 27,000 code points one at a time (3 ms of a first run for each such pattern).
_CJK_ANY_CASE = f"(?-i:[{_CJK}])"


def _is_cjk(ch: str) -> bool:
    """True when ``ch`` is a single CJK ideograph."""
    return bool(_CJK_CHAR_RE.match(ch))


def _starting_with(first: str, source: str, flags: int = 0) -> re.Pattern[str]:
    """The pattern `source` behind a look-ahead for the characters a match can start with.

    Patterns that open with look-behinds give the engine nothing to skip ahead with, so it runs
    the whole pattern at every position; the look-ahead turns most positions away at once. `first`
    must hold every character a match can start with (it is matched with the pattern's flags).
    """
    return compile_pattern(f"(?=[{first}])(?:{source})", flags)


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


# Generic "this is a template" markers: xx / ×× / ** / 某 / ___ / ellipses.
_PLACEHOLDER_TEXT_RE = compile_pattern(r"(?<![a-z])x{2,}(?![a-z])|×{2,}|\*{2,}|某|_{2,}|…|\.{3}", re.I)

# ---------------------------------------------------------------------------
# Placeholders in brackets: "[email]", "<email>", "【公司注册地址】", "(地址)" ...
# ---------------------------------------------------------------------------

_BRACKET_RE = compile_pattern(r"[\[【〔<(「『{〈][^\[\]【】〔〕<>()「」『』{}〈〉\n]{0,30}[\]】〕>)」』}〉]")
_PLACEHOLDER_WORD_RE = compile_pattern(
    r"地址|邮箱|邮件|电话|手机号|号码|网址|链接|联系方式|"
    r"(?<![a-z])(?:e-?mail|mail|phone|tel|telephone|address|url|website|link|contact|number)(?![a-z])",
    re.I,
)


def _placeholder_spans(text: str) -> list[_Span]:
    """Spans of bracketed template slots such as "[company address]" or "【邮箱】"."""
    spans: list[_Span] = []
    for m in _BRACKET_RE.finditer(text):
        inner = m.group()[1:-1]
        if not _PLACEHOLDER_WORD_RE.search(inner):
            continue
        if any(ch.isdigit() for ch in inner) or "@" in inner or "www." in inner or "http" in inner:
            continue  # "(电话:010-12345678)" is a real channel in brackets
        spans.append(m.span())
    return spans


# ---------------------------------------------------------------------------
# E-mail
# ---------------------------------------------------------------------------

# The parts of an address: a local part that does not continue a word, and a domain label.
_LOCAL = r"(?<![a-z0-9._%+\-])(?P<local>[a-z0-9._%+\-]{1,64})"
_LABEL = r"[a-z0-9\-]{1,63}"
_EMAIL_RE = compile_pattern(_LOCAL + "@" + rf"(?P<domain>{_LABEL}(?:\.{_LABEL}){{1,8}})", re.I)
# Addresses written to fool harvesters: "dpo @ example.com", "dpo [at] example [dot] com",
# "dpo(at)example.com". Read as the address they spell.
# " @ ", or "at" in brackets: two searches, as one scanning for every space is slower.
_OBFUSCATED_AT_RE = compile_pattern(r"[\[(]at[\])]", re.I)
_OBFUSCATED_EMAIL_RE = compile_pattern(
    _LOCAL + r"(?: @ | ?[\[(]at[\])] ?)" + rf"(?P<domain>{_LABEL}(?:(?:\.| ?[\[(]dot[\])] ?){_LABEL}){{1,8}})", re.I
)
_OBFUSCATED_DOT_RE = compile_pattern(r" ?[\[(]dot[\])] ?|(?<=[a-z0-9]) dot (?=[a-z0-9])", re.I)
# Spelled out: "dpo at brightfield dot eu". Only with " dot " in the domain: "the team at acme.com"
# is prose, not an address.
_SPELLED_EMAIL_RE = compile_pattern(
    _LOCAL + " at " + rf"(?P<domain>{_LABEL}(?:(?:\.| dot ){_LABEL}){{0,7}} dot [a-z]{{2,24}})(?![a-z0-9])", re.I
)
# "privacy#example.cn（请将#替换为@）": a "#" for the "@", with the instruction to swap them after it.
_HASH_EMAIL_RE = compile_pattern(_LOCAL + "#" + rf"(?P<domain>{_LABEL}(?:\.{_LABEL}){{1,8}})", re.I)
_HASH_SWAP_RE = compile_pattern(r"#[^。\n]{0,12}?(?:替换|换成|改为|改成|replace|with|→|->|=)[^。\n]{0,6}?@|@[^。\n]{0,12}?(?:替换|代替|instead)", re.I)
_PLACEHOLDER_DOMAINS = frozenset(
    {
        "test.com",
        "domain.com",
        "company.com",
        "email.com",
        "sample.com",
        "yoursite.com",
        "website.com",
    }
)
_PLACEHOLDER_DOMAIN_LABEL_RE = compile_pattern(
    r"^(?:example|your-?(?:company|domain|site|website|email)|company-?name|domain-?name|x{3,})$"
)
_RESERVED_TLDS = frozenset({"test", "example", "invalid", "localhost", "local"})
_PLACEHOLDER_LOCALS = frozenset(
    {
        "name",
        "yourname",
        "your.name",
        "your_name",
        "username",
        "user.name",
        "youremail",
        "your.email",
        "your_email",
        "someone",
        "somebody",
        "firstname.lastname",
        "first.last",
        "john.doe",
        "jane.doe",
        "johndoe",
    }
)


def _domain_is_placeholder(domain: str) -> bool:
    """True for template hosts: example.*, test.com, yourcompany.*, xxx.*, *.test, localhost."""
    domain = domain.lower().strip(".")
    labels = domain.split(".")
    if domain in _PLACEHOLDER_DOMAINS or labels[-1] in _RESERVED_TLDS or "localhost" in labels:
        return True
    return any(_PLACEHOLDER_DOMAIN_LABEL_RE.match(label) for label in labels)


def _email_is_placeholder(local: str, domain: str) -> bool:
    """True for template addresses such as xxx@..., name@..., ...@example.com."""
    local = local.lower()
    if local in _PLACEHOLDER_LOCALS or set(local) <= {"x", "."}:
        return True
    return _domain_is_placeholder(domain)


_EMAIL_LOCAL_CHAR_RE = compile_pattern(r"[a-z0-9._%+\-]", re.I)


def _email_matches(text: str) -> Iterator[re.Match[str]]:
    """The matches of `_EMAIL_RE.finditer(text)`, found from each "@" instead of at every position.

    A match's local part is the whole run of local-part characters before its "@" (the
    look-behind forbids starting inside the run), so the only place to try is that run's start.
    """
    resume = 0
    at = text.find("@")
    while at != -1:
        start = at
        limit = max(0, at - 65)
        while start > limit and _EMAIL_LOCAL_CHAR_RE.match(text, start - 1):
            start -= 1
        if resume <= start < at:
            m = _EMAIL_RE.match(text, start)
            if m is not None:
                yield m
                resume = m.end()
        at = text.find("@", max(at + 1, resume))


@functools.lru_cache(maxsize=256)
def _real_address(local: str, domain: str) -> bool:
    """Whether local@domain is a well-formed address that is not a template placeholder.

    Kept for the last few hundred addresses: a policy gives its address several times, and the
    validator is the costliest step of reading one.
    """
    if not local or _email_is_placeholder(local, domain):
        return False
    # Imported here, when a text first has a candidate address: most of a check never needs it.
    from email_validator import EmailNotValidError, validate_email

    try:
        validate_email(f"{local}@{domain}", check_deliverability=False)
    except (EmailNotValidError, ValueError, UnicodeError):
        return False
    return True


def _address_span(m: re.Match[str]) -> tuple[str, str, _Span]:
    """Local part, domain and span of a match, without leading dots and trailing hyphens."""
    local, domain = m.group("local"), m.group("domain")
    start = m.start() + len(local) - len(local.lstrip("."))
    end = m.end() - (len(domain) - len(domain.rstrip("-")))
    return local.lstrip("."), domain.rstrip("-"), (start, end)


def _find_emails(text: str) -> tuple[list[_Span], list[_Span]]:
    """Real e-mail addresses, plus the spans of rejected address-like tokens."""
    found: list[_Span] = []
    rejected: list[_Span] = []
    for m in _email_matches(text):
        local, domain, span = _address_span(m)
        if _real_address(local, domain):
            found.append(span)
        else:
            rejected.append(m.span())
    if " @ " in text or _OBFUSCATED_AT_RE.search(text):
        for m in _OBFUSCATED_EMAIL_RE.finditer(text):
            local, domain, span = _address_span(m)
            if _real_address(local, _OBFUSCATED_DOT_RE.sub(".", domain)):
                found.append(span)
    if " dot " in text:
        for m in windowed_finditer(_SPELLED_EMAIL_RE, text):
            local, domain, span = _address_span(m)
            domain = _OBFUSCATED_DOT_RE.sub(".", domain)
            if domain.rsplit(".", 1)[-1].lower() in _KNOWN_TLDS and _real_address(local, domain):
                found.append(span)
    if "#" in text and "@" in text:
        for m in windowed_finditer(_HASH_EMAIL_RE, text):
            local, domain, span = _address_span(m)
            if _HASH_SWAP_RE.search(text, m.end(), m.end() + 40) and _real_address(local, domain):
                found.append(span)
    found.sort()  # the found spans, in order of position
    return found, rejected


# ---------------------------------------------------------------------------
# URL
# ---------------------------------------------------------------------------

_URL_RE = _starting_with(
    'hw',
    r"(?<![a-z0-9@._\-/])(?:https?://|www\.)[a-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]{1,2048}+",
    re.I,
)
_BARE_DOMAIN_RE = _starting_with(
    '网官主访登浏wsvauh',
    r"(?:网址|网站|官网|主页|访问|登录|登陆|浏览|"
    r"(?<![a-z])(?:website|web site|site|visit|at|url|homepage)(?![a-z]))"
    r"(?:\s?(?:为|是|:))?\s?"
    r"(?P<dom>[a-z0-9][a-z0-9\-]{0,62}(?:\.[a-z0-9\-]{1,63}){1,6})"
    r"(?P<path>/[a-z0-9\-._~/?#%&=+]{0,512}+)?",
    re.I,
)
_KNOWN_TLDS = frozenset(
    """com cn net org io co gov edu info biz me tv cc hk tw mo jp kr sg uk us eu de fr ie nl
    it es ch se au ca in ru br app dev tech ai top xyz site online shop store cloud mobi asia
    ltd group link int""".split()
)
_HOST_LABEL_RE = compile_pattern(r"^[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?$")
_IPV4_RE = compile_pattern(r"^\d{1,3}(?:\.\d{1,3}){3}$")


def _trim_trailing_punct(value: str) -> str:
    """Drop trailing sentence punctuation and unbalanced closing brackets from a URL."""
    while value:
        ch = value[-1]
        if ch in ".,;:!?'\"*":
            value = value[:-1]
        elif ch == ")" and value.count("(") < value.count(")"):
            value = value[:-1]
        elif ch == "]" and value.count("[") < value.count("]"):
            value = value[:-1]
        else:
            break
    return value


def _host_ok(host: str, known_tld_only: bool) -> bool:
    """True when ``host`` is a syntactically valid, non-placeholder host name."""
    host = host.lower()
    if _IPV4_RE.match(host):
        return not host.startswith(("127.", "0.")) and all(int(p) < 256 for p in host.split("."))
    labels = host.split(".")
    if len(labels) < 2 or not all(_HOST_LABEL_RE.match(label) for label in labels):
        return False
    tld = labels[-1]
    if not tld.isalpha() or len(tld) < 2:
        return False
    if known_tld_only and tld not in _KNOWN_TLDS:
        return False
    return not _domain_is_placeholder(host)


_HOST_END_RE = compile_pattern(r"[/?#]")
# A domain that names a company ("Write us at Overstock.com, Inc., 799 W. Coliseum Way") is not a link.
_COMPANY_AFTER_RE = compile_pattern(r",? (?:inc|llc|ltd|limited|corp|corporation|gmbh|plc|s\.a|s\.l|b\.v|ag)(?![a-z])", re.I)


def _find_urls(text: str) -> tuple[list[_Span], list[_Span]]:
    """Real web addresses, plus the spans of rejected URL-like tokens."""
    found: list[_Span] = []
    rejected: list[_Span] = []
    for m in windowed_finditer(_URL_RE, text):
        value = _trim_trailing_punct(m.group())
        rest = value.split("://", 1)[1] if "://" in value else value
        host = _HOST_END_RE.split(rest, maxsplit=1)[0]
        if "@" in host:
            host = host.rsplit("@", 1)[1]
        host = host.split(":", 1)[0]
        if _host_ok(host, known_tld_only=False):
            found.append((m.start(), m.start() + len(value)))
        else:
            rejected.append(m.span())
    for m in windowed_finditer(_BARE_DOMAIN_RE, text):
        dom_end = m.end("dom")
        if dom_end < len(text) and text[dom_end] in "@-":
            continue  # the local part of an e-mail address, or a hyphenated word
        if not _host_ok(m.group("dom"), known_tld_only=True) or (
                m.group("path") is None and _COMPANY_AFTER_RE.match(text, dom_end)):
            continue
        value = _trim_trailing_punct(text[m.start("dom") : m.end()])
        found.append((m.start("dom"), m.start("dom") + len(value)))
    return found, rejected


# ---------------------------------------------------------------------------
# Phone
# ---------------------------------------------------------------------------

_PHONE_RE = _starting_with(
    '+148(0',
    r"(?<![0-9a-z_/*#@+])(?<!\d[.\-])"
    r"(?:"
    r"(?P<intl>\+\d{1,15}(?:[ \-]?\(\d{1,5}\)[ \-]?\d{1,12})?(?:[ \-]\d{1,12}){0,6})"
    r"|(?P<mobile>1[3-9]\d(?:[ \-]?\d{4}){2})"
    r"|(?P<hotline>[48]00(?:[ \-]?\d){7})"
    r"|(?P<landline>(?:\(0\d{2,3}\)|0\d{2,3})[ \-]?\d{3,4}[ \-]?\d{4})"
    r")"
    r"(?P<ext>\s?(?:转|分机|ext\.?|x)\s?\d{1,6})?"
    r"(?![0-9a-z_*#]|[.\-]\d)",
    re.I,
)
_SERVICE_NUMBER_RE = _starting_with(
    '电热致拨htpc',
    r"(?:电话|热线|致电|拨打|(?<![a-z])(?:hotline|telephone|phone|tel|call)(?![a-z]))"
    r"(?:\s?(?:号码|为|是|:|us|at|on|number|no\.)){0,3}\s?"
    r"(?P<num>[1-9]\d{4})(?![0-9a-z_*#]|[.\-]\d)",
    re.I,
)
# A national number after a phone label, as US and European policies write them: "Tel:
# 1.800.561.5161", "call us at (858) 555-0100", "phone: 020 7946 0958". The country is not written,
# so the number must be valid in one of the regions policies most often give numbers for.
# (The colon class opens with the full-width one: a class opening with "[:" reads as a POSIX class
# to the `regex` module, and regex_literals then leaves the pattern unread, searched whole.)
_LABELLED_NATIONAL_RE = _starting_with(
    'tpcf',
    r"(?<![a-z])(?:tel|telephone|phone|phone number|call(?: us)?(?: at| on)?|toll[- ]free|fax)\.?(?:\s?(?:number|no\.?))?"
    r"\s?[：:]?\s?(?P<num>\(?\d[\d ().\-]{5,18}\d)(?![\d])",
    re.I,
)
_NATIONAL_REGIONS = ("US", "GB", "DE", "FR", "IE", "NL", "IT", "ES", "CA", "AU", "IN", "SG", "CN")
_NON_DIGIT_RE = compile_pattern(r"\D")
_CN_SERVICE_RANGE_RE = compile_pattern(r"12[0-9]{3}$|9[56][0-9]{3}$")
_QUANTITY_BEFORE_RE = compile_pattern(r"(?:[¥$€£]|rmb|usd|cny|eur|人民币)\s?$", re.I)
_QUANTITY_AFTER_RE = compile_pattern(
    r"^\s?(?:元|万|亿|%|年|月|日|天|小时|分钟|秒|岁|次|个|条|人|"
    r"(?:kb|mb|gb|days?|hours?|years?|months?|yuan|dollars?|euros?)(?![a-z]))",
    re.I,
)
_ASCENDING = "0123456789" * 2
_DESCENDING = "9876543210" * 2


def _is_dummy_number(digits: str) -> bool:
    """True for obviously fake numbers: 0000, 1234567890, 98765, 13800000000."""
    if len(set(digits)) <= 1:
        return True
    if len(digits) >= 5 and (digits in _ASCENDING or digits in _DESCENDING):
        return True
    return len(digits) >= 7 and set(digits[3:]) == {"0"}


def _looks_like_quantity(text: str, start: int, end: int) -> bool:
    """True when the digits are an amount or a duration (¥13800000000, 4008001234 元)."""
    return bool(
        _QUANTITY_BEFORE_RE.search(text[max(0, start - 6) : start])
        or _QUANTITY_AFTER_RE.match(text[end : end + 8])
    )


def _valid_number(candidate: str, region: str | None) -> phonenumbers.PhoneNumber | None:
    """Parse and validate with phonenumbers; None when not a valid number."""
    import phonenumbers  # imported here, when a text first has a candidate number

    try:
        number = phonenumbers.parse(candidate, region)
    except phonenumbers.NumberParseException:
        return None
    return number if phonenumbers.is_valid_number(number) else None


def _validate_international(candidate: str) -> int | None:
    """Length of the longest prefix of ``candidate`` (whole digit groups) that is a valid number."""
    cuts = [len(candidate)] + [i for i in range(len(candidate) - 1, 1, -1) if candidate[i] in " -"]
    for cut in cuts:
        sub = candidate[:cut].rstrip(" -(")
        if sum(ch.isdigit() for ch in sub) < 7:
            break
        number = _valid_number(sub, None)
        if number is not None:
            return None if _is_dummy_number(str(number.national_number)) else len(sub)
    return None


def _find_phones(text: str) -> list[_Span]:
    """Real phone numbers (mainland mobile/landline/hotline, international, labelled short numbers)."""
    found: list[_Span] = []
    for m in _phone_matches(text):
        if m.group("intl") is not None:
            start = m.start("intl")
            length = _validate_international(m.group("intl"))
            if length is None:
                continue
            end = start + length
            if end == m.end("intl") and m.group("ext"):
                end = m.end()
        else:
            name = "mobile" if m.group("mobile") else "hotline" if m.group("hotline") else "landline"
            base = m.group(name)
            start = m.start(name)
            digits = _NON_DIGIT_RE.sub("", base)
            if _is_dummy_number(digits):
                continue
            if name != "hotline" and _valid_number(base, "CN") is None:
                continue  # 400/800 numbers are accepted on their pattern
            end = m.end()
        if _looks_like_quantity(text, start, end):
            continue
        found.append((start, end))
    for m in windowed_finditer(_LABELLED_NATIONAL_RE, text):
        start, end = m.span("num")
        if any(s <= start < e for s, e in found):
            continue
        digits = _NON_DIGIT_RE.sub("", m.group("num"))
        if _is_dummy_number(digits) or _looks_like_quantity(text, start, end):
            continue
        if any(_valid_number(m.group("num"), region) is not None for region in _NATIONAL_REGIONS):
            found.append((start, end))
    for m in windowed_finditer(_SERVICE_NUMBER_RE, text):
        num = m.group("num")
        # 123xx and 95xxx/96xxx are China's public-service and enterprise hotline ranges, where
        # 12345 (the municipal service hotline) is real, not a dummy.
        if _CN_SERVICE_RANGE_RE.match(num) or not _is_dummy_number(num):
            found.append(m.span("num"))
    return found


# ---------------------------------------------------------------------------
# Address
# ---------------------------------------------------------------------------

# Chinese: a chain of >= 2 administrative divisions, then street-level tokens.
_ZH_ADMIN_RE = compile_pattern("特别行政区|自治区|自治州|省|市|区|县|镇")
_ZH_STREET_TOKEN_RE = compile_pattern("号楼|大厦|大楼|园区|广场|中心|单元|路|街|道|巷|弄|号|楼|室|院|座|层|栋|幢")
_ZH_GAZETTEER = frozenset(
    """北京 天津 上海 重庆 河北 山西 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南
    广东 海南 四川 贵州 云南 陕西 甘肃 青海 台湾 内蒙古 广西 广西壮族 西藏 宁夏 宁夏回族 新疆
    新疆维吾尔 香港 澳门 深圳 广州 杭州 南京 苏州 成都 武汉 西安 厦门 青岛 大连 宁波 长沙 郑州
    济南 合肥 福州 沈阳 哈尔滨 长春 石家庄 太原 昆明 贵阳 南宁 海口 三亚 兰州 西宁 银川 乌鲁木齐
    呼和浩特 拉萨 南昌 无锡 东莞 佛山 珠海 温州 绍兴 嘉兴 湖州 金华 台州 常州 南通 徐州 烟台
    潍坊 泉州 中山 惠州 汕头 保定 唐山 张家口 秦皇岛 连云港 驻马店 平顶山 马鞍山 攀枝花 鄂尔多斯""".split()
)
# Characters that end a place name when walking backwards / inside a chain.
_ZH_CHAIN_STOP = frozenset("的是为您我们请如若或及等将会也并但址在")
_ZH_NAME_STOP = _ZH_CHAIN_STOP | frozenset("于和与向至到寄往位地司处点住所设册讯办公系联自来即")
_ZH_STREET_STOP_RE = compile_pattern(
    "[的是为您我们请如若或及等将会也并但在向与可以]|联系|电话|邮编|邮政|邮箱|网址|传真|收件|办公|注册|邮寄"
)
_ZH_MAX_ADMIN_TOKENS = 6  # province, city, district, town, sub-district: never more
_ZH_STRETCH_RE = compile_pattern(f"(?:{_CJK_ANY_CASE}|[0-9a-z\\-#]){{1,48}}+", re.I)
# After a single division ("苏州市"), a road and a house number make it an address: 三香路998号.
_ZH_ROAD_NUMBER_RE = compile_pattern(f"[{_CJK}]{{1,10}}?(?:大道|路|街|巷|弄)\\d{{1,5}}(?:-\\d{{1,5}})?号")


def _zh_name_start(text: str, pos: int) -> int | None:
    """Start of the place name that ends at ``pos`` (just before an admin token), or None."""
    start: int | None = None
    for k in (5, 4, 3, 2):
        if pos - k >= 0 and text[pos - k : pos] in _ZH_GAZETTEER:
            start = pos - k
            break
    if start is None:
        i = pos
        while i > 0 and pos - i < 2 and _is_cjk(text[i - 1]) and text[i - 1] not in _ZH_NAME_STOP:
            i -= 1
        if pos - i < 2:
            return None
        start = i
    if start >= 2 and text[start - 2 : start] == "中国":
        start -= 2
    return start


def _zh_chain_segment_ok(segment: str) -> bool:
    """True when ``segment`` can be the name between two administrative tokens."""
    return 1 <= len(segment) <= 6 and all(_is_cjk(ch) and ch not in _ZH_CHAIN_STOP for ch in segment)


def _find_zh_addresses(text: str) -> list[_Span]:
    """Chinese postal addresses: >= 2 administrative divisions followed by a street-level part."""
    found: list[_Span] = []
    covered = 0
    for m in _ZH_ADMIN_RE.finditer(text):
        if m.start() < covered:
            continue
        start = _zh_name_start(text, m.start())
        if start is None:
            continue
        tokens = 1
        chain_end = m.end()
        while tokens < _ZH_MAX_ADMIN_TOKENS:
            nxt = _ZH_ADMIN_RE.search(text, chain_end + 1, chain_end + 9)
            if nxt is None or not _zh_chain_segment_ok(text[chain_end : nxt.start()]):
                break
            tokens += 1
            chain_end = nxt.end()
        if tokens < 2 and not _ZH_ROAD_NUMBER_RE.match(text, chain_end):
            continue  # one division is enough only before a road and house number
        covered = chain_end  # a later anchor inside this chain would only find a sub-chain
        stretch = _ZH_STRETCH_RE.match(text, chain_end)
        if stretch is None:
            continue
        stretch_end = stretch.end()
        stop = _ZH_STREET_STOP_RE.search(text, chain_end, stretch_end)
        if stop is not None:
            stretch_end = stop.start()
        end = None
        prev = chain_end
        for tok in _ZH_STREET_TOKEN_RE.finditer(text, chain_end, stretch_end):
            if tok.start() - prev > 15:
                break
            end = prev = tok.end()
        if end is None:
            continue
        found.append((start, end))
        covered = end
    return found


# English: house number + street word, or unit/floor/building parts.
_EN_UNIT = r"(?:unit|suite|ste|floor|fl|room|rm|flat|apt|building|bldg|tower|block)"
_EN_UNIT_PART = _EN_UNIT + r"\.?\s?(?:no\.?\s?)?\d{1,5}[a-z]?"
_EN_STREET_STRONG = frozenset(
    "road rd street st avenue ave boulevard blvd lane ln drive dr parkway pkwy highway hwy".split()
)
_EN_STREET_WEAK = frozenset(
    "way place pl square sq plaza district building floor suite court terrace tower centre center".split()
)
_EN_WORD_STOP = frozenset(
    """the a an of in to and or for by with on at as is are be we you your our us its their this that
    these those will can may shall please if which who where when days day hours hour months month
    years year weeks week working business calendar times time within after before from per than
    such any all not data information personal""".split()
)
_EN_ADDR_RE = _starting_with(
    'usfrabtn\\d',
    r"(?<![a-z0-9])"
    r"(?P<units>(?:" + _EN_UNIT_PART + r",?\s){0,3})"
    r"(?P<no>no\.?\s?)?"
    r"\d{1,5}[a-z]?(?:-\d{1,5})?"
    r"(?:\s(?!(?:" + _alternation(_EN_WORD_STOP) + r")(?![a-z]))[a-z][a-z'\-]*\.?){1,4}?"
    r"\s(?P<street>" + _alternation(_EN_STREET_STRONG | _EN_STREET_WEAK) + r")(?![a-z])",
    re.I,
)
_EN_UNITS_ONLY_RE = _starting_with(
    'usfrabt',
    r"(?<![a-z0-9])" + _EN_UNIT_PART + r"(?:,?\s" + _EN_UNIT_PART + r")+(?![a-z0-9])", re.I
)
_EN_SEGMENT_END_RE = compile_pattern(r"[,;。；\n()]|\.(?=\s|$)")
_EN_CONT_WORD_RE = compile_pattern(r"[a-z0-9][a-z0-9'.\-]*", re.I)
_WORD_RE = compile_pattern(r"\S+")  # a run of non-space characters
_EN_CONT_STOP = _EN_WORD_STOP | frozenset(
    "it they he she i if then also attn contact email e-mail phone tel fax website".split()
)


def _en_continuation(text: str, pos: int) -> tuple[int, int]:
    """Extend an English address over ", city, region 12345, country" parts.

    Returns the new end offset and the number of parts taken.
    """
    end = pos
    count = 0
    while count < 6 and end < len(text) and text[end] == ",":
        seg_start = end + 1
        limit = min(len(text), seg_start + 48)
        stop = _EN_SEGMENT_END_RE.search(text, seg_start, limit)
        if stop is not None:
            seg_end = stop.start()
        elif limit == len(text):
            seg_end = limit
        else:
            break
        words = list(_WORD_RE.finditer(text[seg_start:seg_end]))
        taken = 0
        for w in words:
            if taken >= 4 or w.group().lower() in _EN_CONT_STOP or not _EN_CONT_WORD_RE.fullmatch(w.group()):
                break
            taken += 1
        if taken == 0:
            break
        end = seg_start + words[taken - 1].end()
        count += 1
        if taken < len(words):
            break
    return end, count


# A street address's first digit is at most this far from its start: "building" (the longest
# unit word), ".", " ", "no. " before the unit number; or "no. " before the house number.
_EN_ADDR_FIRST_DIGIT = len("building") + 2 + len("no. ")
_NUMBER_RE = compile_pattern(r"\d+")
# `regex` scans a text for digits several times faster than `re`, and reads as digits every
# character `re` does (it knows a newer Unicode; tests/test_speed_equivalence.py checks this).
_NUMBER_FAST = compile_regex(r"\d+", regex.V0)


def _numbers(text: str) -> list[_Span]:
    """The spans of `_NUMBER_RE.finditer(text)`: runs of digits, found once per text."""
    cache = text_cache(text)
    found = cache.get("number-runs")
    if found is None:
        found = []
        for run in _NUMBER_FAST.finditer(text):
            start, end = run.span()
            if text[start:end].isascii():
                found.append((start, end))  # ASCII digits: the same run for `re`
            else:
                found.extend(m.span() for m in _NUMBER_RE.finditer(text, start, end))
        cache["number-runs"] = found
    return found


# Where a match can start: as the pattern itself says (its look-behind and its first characters).
_EN_ADDR_START_RE = compile_pattern(r"(?<![a-z0-9])[usfrabtn\d]", re.I)


def _en_address_matches(text: str) -> list[re.Match[str]]:
    """The matches of `_EN_ADDR_RE.finditer(text)`, tried only shortly before each digit.

    A match's first digit is at most `_EN_ADDR_FIRST_DIGIT` characters from its start, and it
    is the first of a run of digits (a match cannot start inside a number: its start follows no
    digit and no letter). So the pattern is tried only where `_EN_ADDR_START_RE`, which holds
    the pattern's own first condition, finds a start that close before a run of digits.
    """
    reach = _EN_ADDR_FIRST_DIGIT
    candidates = _EN_ADDR_START_RE.finditer
    starts = sorted({
        m.start()
        for digit, _ in _numbers(text)
        for m in candidates(text, max(0, digit - reach), digit + 1)
    })
    return list(matches_at(_EN_ADDR_RE, text, starts))


def _phone_matches(text: str) -> list[re.Match[str]]:
    """`list(_PHONE_RE.finditer(text))`, tried only at the numbers of the text.

    Every match opens with a number, at its first digit or at the "+" or "(" just before it; its
    look-behind forbids an ASCII digit before it, so inside a run of digits it can start only
    after another kind of digit (every place of such a run is tried).
    """
    starts: set[int] = set()
    for start, end in _numbers(text):
        starts.update((start - 1, start) if start else (start,))
        if not text[start:end].isascii():
            starts.update(range(start + 1, end))
    return list(matches_at(_PHONE_RE, text, sorted(starts)))


def _find_en_addresses(text: str) -> list[_Span]:
    """English postal addresses ("969 Wenyi West Road, Hangzhou", "Floor 3, Building 8")."""
    found: list[_Span] = []
    for m in _en_address_matches(text):
        end, parts = _en_continuation(text, m.end())
        weak = m.group("street").lower() in _EN_STREET_WEAK
        if weak and not (parts or m.group("units") or m.group("no")):
            continue
        found.append((m.start(), end))
    for m in windowed_finditer(_EN_UNITS_ONLY_RE, text):
        end, _ = _en_continuation(text, m.end())
        found.append((m.start(), end))
    return found


# Labelled addresses: "地址：...", "address: ...", "write to us at ...".
_ADDR_LABEL_RE = _starting_with(
    '通信联注办邮经营公地pmrobaws寄来',
    r"(?P<zh>(?<!邮件)(?<!邮箱)(?<!ip)(?<!mac)(?<!网页)(?<!网络)(?<!服务器)(?<!网站)(?<!收货)(?<!配送)"
    r"(?<!家庭)(?<!居住)(?<!ip )(?<!mac )(?:通讯|通信|联系|注册|办公|邮寄|经营|营业|公司)?地址)"
    r"(?P<zhsep>\s?(?:为|是|:)\s?)?"
    r"|(?P<en>(?<![a-z])(?<!email )(?<!e-mail )(?<!ip )(?<!mac )(?<!web )(?<!your )(?<!shipping )"
    r"(?<!billing )(?<!delivery )(?<!home )(?:postal |mailing |registered |office |business )?address)"
    r"(?P<ensep>\s?:\s?|\s(?:is|is at):?\s)?"
    r"|(?P<direct>(?<![a-z])(?:write to us at|write to us|mail to|send (?:a |your )?(?:letter|mail|"
    r"correspondence) to|by (?:postal |regular |physical )?(?:mail|post)(?=\s?:))(?![a-z])\s?:?\s?|(?:邮寄至|寄至|信函至|来信寄至)\s?:?\s?)",
    re.I,
)
_LABEL_STOP_WORDS = (
    r"邮箱|电子邮件|电话|手机|热线|传真|网址|网站|邮编|邮政编码|联系人|收件人|@|https?://|www\.|"
    r"(?<![a-z])(?:e-?mail|phone|tel|telephone|fax|website|url|postcode|post code|zip code)(?![a-z])"
)
_ZH_VALUE_STOP_RE = compile_pattern(r"[。；;\n!?！？,，、]|" + _LABEL_STOP_WORDS, re.I)
_EN_VALUE_STOP_RE = compile_pattern(r"[。；;\n!?！？]|" + _LABEL_STOP_WORDS, re.I)
_EN_ABBREVIATIONS = frozenset(
    "no st rd ave blvd dr ste apt fl bldg co ltd inc corp mt ft n s e w p.o po rm".split()
)
_ADDR_TOKEN_RE = compile_pattern(
    "[省市区县镇路街道巷弄号楼室]|大厦|大楼|园区|(?<![a-z])(?:"
    + _alternation(_EN_STREET_STRONG | _EN_STREET_WEAK)
    + ")(?![a-z])",
    re.I,
)
_ZH_VALUE_ELEMENT_RE = compile_pattern(
    "[省市区县镇0-9a-z]|" + _ZH_STREET_TOKEN_RE.pattern, re.I
)
_TRAILING_JUNK_RE = compile_pattern(r"(?:[\s,.;:、，\-]|(?<![a-z])(?:or|and)|或|及|和)+$", re.I)
_OPEN_BRACKETS = "[【〔<(「『{〈"


_WORD_BEFORE_DOT_RE = compile_pattern(r"[a-z.]*$", re.I)


def _sentence_end(text: str, start: int, end: int) -> int:
    """First English sentence end ('.' + space) in [start, end) that is not after an abbreviation."""
    i = text.find(".", start, end)
    while i != -1:
        if i + 1 >= len(text) or text[i + 1].isspace():
            word = _WORD_BEFORE_DOT_RE.search(text[max(start, i - 6) : i])
            if not (word and word.group().lower() in _EN_ABBREVIATIONS):
                return i
        i = text.find(".", i + 1, end)
    return end


def _trim_address(text: str, start: int, end: int) -> int:
    """New end after dropping trailing punctuation and dangling 'or'/'and'."""
    m = _TRAILING_JUNK_RE.search(text, start, end)
    return m.start() if m else end


def _address_value_ok(value: str) -> bool:
    """A labelled address value is real: long enough, has a digit or token, no template markers."""
    if len(value) < 6 or value[0] in _OPEN_BRACKETS or _PLACEHOLDER_TEXT_RE.search(value):
        return False
    return any(ch.isdigit() for ch in value) or bool(_ADDR_TOKEN_RE.search(value))


# Every match of _ADDR_LABEL_RE holds one of these words, and starts at most this many characters
# before it ("registered address", "通讯地址", "来信寄至").
_ADDR_LABEL_WORDS = (("address", len("registered ")), ("地址", 2), ("write to us", 0), ("mail to", 0),
                     ("send ", 0), ("寄至", 2), ("信函至", 0), ("by ", 0))
# The characters other than a-z that a-z matches under re.I: where a text has none (as normalised,
# case-folded text never does), the words are found by plain `str.find`.
_CASED_OTHER_RE = compile_pattern("[A-Z\u0130\u0131\u017f\u212a]")


def _address_label_matches(text: str) -> Iterator[re.Match[str]]:
    """The matches of `_ADDR_LABEL_RE.finditer(text)`, tried only near the words of a label."""
    if _CASED_OTHER_RE.search(text):
        yield from windowed_finditer(_ADDR_LABEL_RE, text)
        return
    starts: set[int] = set()
    for word, reach in _ADDR_LABEL_WORDS:
        at = text.find(word)
        while at != -1:
            starts.update(range(max(0, at - reach), at + 1))
            at = text.find(word, at + 1)
    resume = 0
    for start in sorted(starts):
        if start >= resume:
            m = _ADDR_LABEL_RE.match(text, start)
            if m is not None:
                yield m
                resume = m.end()


def _find_labelled_addresses(text: str) -> list[_Span]:
    """Addresses introduced by a label: "通讯地址：...", "address: ...", "write to us at ..."."""
    found: list[_Span] = []
    for m in _address_label_matches(text):
        if m.group("zh") is not None:
            if m.group("zhsep") is None:
                continue
            stop_re = _ZH_VALUE_STOP_RE
        elif m.group("en") is not None:
            if m.group("ensep") is None:
                continue
            stop_re = _EN_VALUE_STOP_RE
        else:
            stop_re = _EN_VALUE_STOP_RE
        start = m.end()
        limit = min(len(text), start + 160)
        stop = stop_re.search(text, start, limit)
        end = stop.start() if stop else limit
        end = _sentence_end(text, start, end)
        if m.group("en") is None and _CJK_CHAR_RE.search(text, start, end):
            # Chinese values end at their last address element: drop "法务部 收".
            elements = list(_ZH_VALUE_ELEMENT_RE.finditer(text, start, end))
            if elements:
                end = elements[-1].end()
        end = _trim_address(text, start, end)
        if _address_value_ok(text[start:end]):
            found.append((start, end))
    return found


# Continental European addresses put the number after the street: "Bergstrasse 12, 10115 Berlin",
# "Keizersgracht 100, 1015 AA Amsterdam"; French ones use a street word after the number: "12 rue
# de Rivoli, 75001 Paris". Found from the street word, then the street name is read backwards.
_EU_STREET_WORDS = ("strasse", "str.", "weg", "platz", "allee", "gasse", "damm", "ufer", "straat", "laan", "plein",
                    "gracht", "kade", "vej", "gade", "gatan", "vägen", "veien")
_FR_STREET_WORDS = r"(?: ?(?:bis|ter))?,? (?:rue|boulevard|bd|quai|allée|chemin|place|impasse) "
_EU_STREET_RE = compile_pattern("(?:" + _alternation(_EU_STREET_WORDS) + r") ?(?P<no>\d{1,4}[a-z]?)(?![0-9])")
_FR_STREET_WORD_RE = compile_pattern(_FR_STREET_WORDS)
_FR_STREET_RE = compile_pattern(
    r"(?<![0-9a-z])\d{1,4}" + _FR_STREET_WORDS + r"(?:de la |de l'|des |du |de |d')?"
    r"[a-zà-ÿ'\-]{2,30}(?: [a-zà-ÿ'\-]{2,30}){0,3}"
)
# Numbers are rare in a policy, street words are not: each number of at most four digits is
# checked for a street word just before it (or, French, a street word just after it).
_EU_STREET_REACH = max(map(len, _EU_STREET_WORDS)) + 2  # the street word, a space, the first digit
_EU_STREET_NAME_CHAR_RE = compile_pattern(r"[a-zäöüåæøéèàçñ\-]")
_EU_POSTCODE_RE = compile_pattern(r",? ?(?:[a-z]{1,2}-)?\d{4,5}(?: [a-z]{2})? [a-zäöüåæøéèàçñ][a-zäöüåæøéèàçñ\-]{1,30}")


def _find_eu_addresses(text: str) -> list[_Span]:
    """European street-and-number addresses (see `_EU_STREET_RE`), with a postcode and town if given."""
    found: list[_Span] = []
    resume = 0
    for at, number_end in _numbers(text):
        if at < resume or number_end - at > 4:
            continue
        before = text[max(0, at - _EU_STREET_REACH):at]
        m = None
        if before.rstrip(" ").endswith(_EU_STREET_WORDS):
            m = _EU_STREET_RE.search(text, max(resume, at - _EU_STREET_REACH), number_end + 1)
        if m is not None and m.start("no") == at:
            start = m.start()
            while start > 0 and _EU_STREET_NAME_CHAR_RE.match(text, start - 1):
                start -= 1
            if m.start() - start >= 2:  # "weg 12" alone: not a street name
                resume = _with_postcode(text, m.end())
                found.append((start, resume))
            continue
        m = _FR_STREET_RE.match(text, at) if _FR_STREET_WORD_RE.match(text, number_end) else None
        if m is not None:
            resume = _with_postcode(text, m.end())
            found.append((m.start(), resume))
    return found


def _with_postcode(text: str, end: int) -> int:
    town = _EU_POSTCODE_RE.match(text, end)
    return _trim_address(text, end, town.end()) if town else end


# A British postcode ("MK9 1AN", "EC1A 1BB", "SW1W 0NY") or an Irish Eircode ("D02 HX96", "A65F4E2")
# ends an address whose street needs no street word: "201 Grafton Gate East, Milton Keynes, MK9 1AN",
# "1 Grant's Row, Dublin 2, D02 HX96". The address is read back from the postcode to its house
# number, over words, commas and a Dublin district number only.
_UK_POSTCODE_RE = compile_pattern(r"(?<![a-z0-9])[a-z]{1,2}\d[a-z\d]? \d[a-z]{2}(?![a-z0-9])", re.I)
_EIRCODE_RE = compile_pattern(r"(?<![a-z0-9])[acdefhknprtvwxy]\d[\dw] ?[\dacdefhknprtvwxy]{4}(?![a-z0-9])", re.I)
_UK_ADDRESS_BEFORE_RE = compile_pattern(
    r"(?<![a-z0-9])\d{1,4}[a-z]?(?:[-–]\d{1,4}[a-z]?)? [a-z][a-z'.\-]*(?: [a-z][a-z'.\-]*){0,4}"
    r"(?:, ?[a-z][a-z'.\-]*(?: [a-z][a-z'.\-]*){0,3}){0,3}(?: \d{1,2})?,? $", re.I)
_UK_REACH = 120


# A postcode's first digit opens a number, this many characters after the postcode's start (its
# letters before it): the postcodes are looked for there alone.
_POSTCODE_FIRST_DIGIT = ((_UK_POSTCODE_RE, (1, 2)), (_EIRCODE_RE, (1,)))


def _find_uk_addresses(text: str) -> list[_Span]:
    """British and Irish addresses ending in a postcode (see `_UK_POSTCODE_RE`, `_EIRCODE_RE`)."""
    found: list[_Span] = []
    for postcode, offsets in _POSTCODE_FIRST_DIGIT:
        starts = sorted({digit - offset for digit, _ in _numbers(text) for offset in offsets if digit >= offset})
        for m in matches_at(postcode, text, starts):
            lo = max(0, m.start() - _UK_REACH, text.rfind("\n", 0, m.start()) + 1)
            street = _UK_ADDRESS_BEFORE_RE.search(text, lo, m.start())
            if street is not None:
                found.append((street.start(), m.end()))
    return found


def _find_addresses(text: str) -> list[_Span]:
    """All postal-address candidates (Chinese, English, European, British, labelled), without placeholders."""
    candidates = (_find_zh_addresses(text) + _find_en_addresses(text) + _find_eu_addresses(text)
                  + _find_uk_addresses(text) + _find_labelled_addresses(text))
    return [(s, e) for s, e in candidates if not _PLACEHOLDER_TEXT_RE.search(text, s, e)]


# ---------------------------------------------------------------------------
# In-app menu path
# ---------------------------------------------------------------------------

_BRACKET_PAIRS = {"【": "】", "「": "」", "“": "”", "『": "』", "[": "]"}
_PATH_BR_SEG = r"(?:【[^【】\n]{1,24}】|「[^「」\n]{1,24}」|“[^“”\n]{1,24}”|『[^『』\n]{1,24}』|\[[^\[\]\n]{1,24}\])"
_PATH_ZH_SEG = f"{_CJK_ANY_CASE}{{1,12}}+"
_PATH_EN_SEG = r"(?<![a-z0-9&'])[a-z][a-z']*+(?: (?:&|[a-z][a-z']*+)){0,3}"
_PATH_SEG = f"(?:{_PATH_BR_SEG}|{_PATH_ZH_SEG}|{_PATH_EN_SEG})"
_PATH_SEPS = ("-->", "->", "=>", "—>", ">>", ">", "→", "»", "—", "–", "-", "/", "|")
_PATH_MAX_SEGMENTS = 10
_WEAK_SEPS = frozenset({"—", "–", "-", "/", "|"})
_APP_PATH_RE = compile_pattern(
    _PATH_SEG
    + r"\s?(?P<sep>"
    + "|".join(re.escape(s) for s in _PATH_SEPS)
    + r")\s?"
    + _PATH_SEG
    + r"(?:\s?(?P=sep)\s?"
    + _PATH_SEG
    + r"){0,%d}" % (_PATH_MAX_SEGMENTS - 2),
    re.I,
)
_PATH_KEYWORD_RE = compile_pattern(
    "我的|设置|个人中心|个人主页|个人资料|帮助|反馈|客服|更多|关于|首页|管理|中心|菜单|安全|隐私|账号|账户|帐号|帐户|"
    "权限|通知|消息|(?<![a-z])(?:me|my|settings|setting|preferences|help|feedback|support|more|about|menu|"
    "options|privacy|account|profile|security|notifications|permissions|ads)(?![a-z])",
    re.I,
)
_ZH_LEAD_IN_RE = compile_pattern("通过|进入|点击|前往|打开|选择|依次|登录|登陆|访问|路径|经由|在(?!线)|[于至到为是即从可并或请:：]")
_ZH_TRAIL_RE = compile_pattern(
    "联系|进行|页面|界面|中(?!心)|里|内(?!容)|提交|查看|操作|关闭|开启|即可|申请|找到|选项|按钮|后|以|来|并|等|的|向|处|栏"
)
_EN_PATH_STOP = frozenset(
    """go to tap click open select choose navigate visit via under in on at the your then through from
    and or please you we can may by enter find access page where which if for of is are be this that
    it turn off""".split()
)
_PATH_KEYWORDS_STRICT = (
    "我的", "设置", "个人中心", "个人主页", "个人资料", "帮助", "反馈", "客服", "更多", "关于", "首页",
    "管理", "中心", "菜单", "安全", "me", "my", "settings", "setting", "preferences", "help",
    "feedback", "support", "more", "about", "menu", "options",
)
_PATH_KEYWORDS_BROAD = _PATH_KEYWORDS_STRICT + (
    "隐私", "账号", "账户", "帐号", "帐户", "权限", "通知", "消息", "privacy", "account", "profile",
    "security", "notifications", "permissions", "ads",
)


@dataclass
class _Segment:
    """One segment of a menu path, as absolute offsets."""

    start: int
    end: int
    bracketed: bool


_SEGMENT_WORD_RE = compile_pattern(r"&|[a-z][a-z']*", re.I)
_LETTERS_RE = compile_pattern(r"[a-z]+")


def _segment_core_ok(core: str) -> bool:
    """1-12 CJK characters, or 1-4 English words."""
    core = core.strip()
    if not core:
        return False
    if all(_is_cjk(ch) for ch in core):
        return len(core) <= 12
    words = core.split()
    return len(words) <= 4 and all(_SEGMENT_WORD_RE.fullmatch(w) for w in words)


def _path_keyword(text: str, segments: list[_Segment], keywords: tuple[str, ...]) -> bool:
    """True when some segment contains one of ``keywords`` (whole words for English)."""
    for seg in segments:
        value = text[seg.start : seg.end].lower()
        words = set(_LETTERS_RE.findall(value))
        for kw in keywords:
            if (kw in words) if kw.isascii() else (kw in value):
                return True
    return False


def _trim_first_segment(text: str, seg: _Segment) -> None:
    """Drop lead-in words ("通过", "go to") glued to the first unbracketed segment."""
    value = text[seg.start : seg.end]
    if _is_cjk(value[0]):
        cut = 0
        for m in _ZH_LEAD_IN_RE.finditer(value):
            cut = max(cut, m.end())
        seg.start += cut
    else:
        for m in _WORD_RE.finditer(value):
            if m.group().lower() not in _EN_PATH_STOP:
                seg.start += m.start()
                return
        seg.start = seg.end


def _trim_last_segment(text: str, seg: _Segment) -> None:
    """Drop trailing words ("联系我们", "to turn off") glued to the last unbracketed segment."""
    value = text[seg.start : seg.end]
    if _is_cjk(value[0]):
        m = _ZH_TRAIL_RE.search(value)
        if m is not None:
            seg.end = seg.start + m.start()
    else:
        end = 0
        for m in _WORD_RE.finditer(value):
            if m.group().lower() in _EN_PATH_STOP:
                break
            end = m.end()
        seg.end = seg.start + end


@functools.lru_cache(maxsize=None)
def _separator_re(sep: str) -> re.Pattern[str]:
    """A menu-path separator with the one space it may have on each side (compiled once per separator)."""
    return compile_pattern(r"\s?" + re.escape(sep) + r"\s?")


def _weak_pair(text: str, m: re.Match[str], matched: str, sep: str) -> bool:
    """Whether a match of two parts joined by one weak separator opens neither part with a bracket
    or an opening quotation mark, and holds none nor follows one: read from the match alone (the
    second part opens after the separator and the one white-space character it may take)."""
    second = matched.index(sep) + len(sep)
    if matched[second].isspace():
        second += 1
    return (matched[0] not in _BRACKET_PAIRS and matched[second] not in _BRACKET_PAIRS
            and "“" not in text[max(0, m.start() - 1) : m.end()])


def _path_from_match(text: str, m: re.Match[str]) -> _Span | None:
    """Validate and trim one regex match of a menu path; None when it is not a real path."""
    matched = m.group()
    sep = m.group("sep")
    if sep in _WEAK_SEPS and matched.count(sep) == 1 and _weak_pair(text, m, matched, sep):
        # Two parts joined by "-", "/" or "|" ("opt-out", "and/or") are a path only when
        # bracketed or quoted, which none is here: the checks below would reject it anyway.
        # The commonest match of all, told first from the match alone.
        return None
    if not _PATH_KEYWORD_RE.search(matched):
        return None  # cheap early exit: no menu word anywhere
    segments: list[_Segment] = []
    pos = m.start()
    for sm in _separator_re(sep).finditer(matched):
        segments.append(_Segment(pos, m.start() + sm.start(), False))
        pos = m.start() + sm.end()
    segments.append(_Segment(pos, m.end(), False))
    for seg in segments:
        value = text[seg.start : seg.end]
        closing = _BRACKET_PAIRS.get(value[:1])
        if closing is not None and value.endswith(closing) and len(value) >= 2:
            seg.bracketed = True
            if not _segment_core_ok(value[1:-1]):
                return None
        elif not _segment_core_ok(value):
            return None
    if not segments[0].bracketed:
        _trim_first_segment(text, segments[0])
    if not segments[-1].bracketed:
        _trim_last_segment(text, segments[-1])
    segments = [s for s in segments if s.end > s.start]
    if len(segments) < 2:
        return None
    for seg in segments[1:-1]:
        if not seg.bracketed:
            words = _LETTERS_RE.findall(text[seg.start : seg.end].lower())
            if any(w in _EN_PATH_STOP for w in words):
                return None
    start, end = segments[0].start, segments[-1].end
    quoted = start > 0 and end < len(text) and text[start - 1] == "“" and text[end] == "”"
    if quoted:
        start, end = start - 1, end + 1
    bracketed = quoted or any(s.bracketed for s in segments)
    if sep in _WEAK_SEPS and not bracketed and len(segments) < 3:
        return None
    # Two quoted names joined by "/" are as often two names of one thing (以下简称“本政策”/“本隐私政策”)
    # as a path: they need a menu word such as 我的, 设置 or 帮助, not only 隐私 or 账号.
    strict = sep in _WEAK_SEPS and (not bracketed or len(segments) < 3)
    if not _path_keyword(text, segments, _PATH_KEYWORDS_STRICT if strict else _PATH_KEYWORDS_BROAD):
        return None
    return (start, end)


# Every separator starts with one of these characters.
_PATH_SEP_FIRST = frozenset(s[0] for s in _PATH_SEPS)
_PATH_SEP_CHAR_RE = compile_pattern("[" + re.escape("".join(sorted(_PATH_SEP_FIRST))) + "]")


# Where the first part of a menu path can start, found backwards from the separator after it:
# up to four English words (the class holds every character `[a-z']` matches case-insensitively in
# `re`), up to twelve CJK characters, or an opening bracket at most 26 characters back. The words
# are read backwards from the separator by the `regex` module (`(?r)`, anchored where it starts).
_PATH_WORDS_BACK = compile_regex(
    r"(?r)(?:(?:[a-zA-Z'\u0130\u0131\u017f\u212a]+|&) ){0,3}(?:[a-zA-Z'\u0130\u0131\u017f\u212a]+|&)"
)
_PATH_OPENER_RE = compile_pattern("[" + re.escape("".join(_BRACKET_PAIRS)) + "]")
# The CJK characters just before a separator, up to as many as a part holds: read backwards in one call.
_PATH_CJK_LONGEST = 12
_PATH_CJK_BACK = compile_regex(f"(?r)[{_CJK}]{{1,{_PATH_CJK_LONGEST}}}")
_PATH_WORDS_REACH = 256


def _path_part_starts(text: str, end: int, found: set[int]) -> None:
    """Add every offset where a first part ending at `end` could start (a superset)."""
    low = max(0, end - _PATH_WORDS_REACH)
    words = _PATH_WORDS_BACK.match(text, low, end)
    if words is not None and words.start() == low > 0:
        words = _PATH_WORDS_BACK.match(text, 0, end)  # words longer than the reach: read them all
    if words is not None:
        offset = words.start()
        for word in words.group().split(" "):
            found.add(offset)
            offset += len(word) + 1
    cjk = _PATH_CJK_BACK.match(text, max(0, end - _PATH_CJK_LONGEST), end)
    if cjk is not None:
        found.update(range(cjk.start(), end))
    found.update(m.start() for m in _PATH_OPENER_RE.finditer(text, max(0, end - 26), end))


def _app_path_matches(text: str) -> Iterator[re.Match[str]]:
    """The matches of `_APP_PATH_RE.finditer(text)`, tried only where one can start.

    A match is a first part, an optional space and a separator, and more. So it starts where a
    first part ending at a separator (or at a space before one) starts; those places are found
    backwards from each separator, and the pattern is tried there in order, skipping places inside
    a match already taken, as the whole-text search would.
    """
    starts: set[int] = set()
    for sep in _PATH_SEP_CHAR_RE.finditer(text):
        q = sep.start()
        _path_part_starts(text, q, starts)
        if q > 0 and text[q - 1].isspace():
            _path_part_starts(text, q - 1, starts)
    resume = 0
    match = _APP_PATH_RE.match
    for start in sorted(starts):
        if start < resume:
            continue
        m = match(text, start)
        if m is not None and m.end() > start:
            yield m
            resume = m.end()


def _find_app_paths(text: str) -> list[_Span]:
    """In-app menu paths such as "我的-设置-帮助与反馈" or "me > settings > help & feedback"."""
    found: list[_Span] = []
    for m in _app_path_matches(text):
        span = _path_from_match(text, m)
        if span is not None:
            found.append(span)
    return found


# ---------------------------------------------------------------------------
# Overlap resolution and the public entry point
# ---------------------------------------------------------------------------


class _Taken:
    """A set of non-overlapping spans with overlap queries in O(log n)."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def first_overlap(self, start: int, end: int) -> int | None:
        """Start of the earliest taken span overlapping [start, end), or None."""
        i = bisect.bisect_right(self._ends, start)
        if i < len(self._starts) and self._starts[i] < end:
            return self._starts[i]
        return None

    def add(self, start: int, end: int) -> None:
        """Record a span; the caller guarantees it overlaps nothing taken."""
        i = bisect.bisect_left(self._starts, start)
        self._starts.insert(i, start)
        self._ends.insert(i, end)


def _address_still_ok(text: str, start: int, end: int) -> bool:
    """A truncated address is still an address: long enough and has a token or digit."""
    value = text[start:end]
    return len(value) >= 6 and (any(ch.isdigit() for ch in value) or bool(_ADDR_TOKEN_RE.search(value)))


def find_contact_channels(text: str, kinds: Iterable[ChannelKind] | None = None) -> list[ContactChannel]:
    """Find the real contact channels in ``text``.

    ``text`` should be normalised (NFKC, case-folded, whitespace collapsed);
    offsets in the result index into ``text`` itself, so
    ``text[c.start:c.end] == c.value`` for every channel ``c``.

    ``kinds`` restricts the result to the given kinds (default: all).  The
    filter is applied after overlaps between kinds are resolved, so the result
    is always the corresponding subset of the unfiltered result.

    The result is sorted by position and contains no overlapping channels.
    Placeholders ("privacy@example.com", "400-XXX-XXXX", "[公司地址]") and
    empty labels ("email:" with nothing after it) yield nothing.
    """
    wanted = set(ChannelKind) if kinds is None else {ChannelKind(k) for k in kinds}
    if not text or not wanted:
        return []
    return [c for c in _all_channels(text) if c.kind in wanted]


@functools.lru_cache(maxsize=4)
def _all_channels(text: str) -> tuple[ContactChannel, ...]:
    """Every channel of a text, by position; kept for the last few texts read, as a report looks
    for a document's email, phone and address (`privcheck.drafts.policy_facts`) in the same
    normalised text the check searched for its contact matchers."""
    taken = _Taken()
    result: list[ContactChannel] = []

    def block(spans: Iterable[_Span]) -> None:
        for start, end in sorted(spans):
            if end > start and taken.first_overlap(start, end) is None:
                taken.add(start, end)

    def accept(kind: ChannelKind, spans: Iterable[_Span], truncate: bool = False) -> None:
        for start, end in sorted(spans, key=lambda s: (s[0], s[0] - s[1])):
            if end <= start:
                continue
            hit = taken.first_overlap(start, end)
            if hit is not None:
                if not truncate or hit <= start:
                    continue
                end = _trim_address(text, start, hit)
                if not _address_still_ok(text, start, end) or taken.first_overlap(start, end) is not None:
                    continue
            taken.add(start, end)
            result.append(ContactChannel(kind, text[start:end], start, end))

    emails, bad_emails = _find_emails(text)
    urls, bad_urls = _find_urls(text)
    block(_placeholder_spans(text))
    block(bad_emails)
    block(bad_urls)
    accept(ChannelKind.EMAIL, emails)
    accept(ChannelKind.URL, urls)
    accept(ChannelKind.PHONE, _find_phones(text))
    accept(ChannelKind.ADDRESS, _find_addresses(text), truncate=True)
    accept(ChannelKind.APP_PATH, _find_app_paths(text))

    result.sort(key=lambda c: c.start)
    return tuple(result)
