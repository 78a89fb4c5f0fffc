"""The fast paths give exactly what the plain ones give: one-pass phrases, bulk normalisation."""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata

import pytest
import regex
from hypothesis import example, given, settings
from hypothesis import strategies as st

from conftest import SAMPLES
from privcheck.checklist import load_checklist
from privcheck.document import textmap
from privcheck.document.model import Document
from privcheck.engine import phrase_index
from privcheck.matchers import TextView
from privcheck.matchers.phrase_index import PhraseIndex, indexed_positions, phrase_matchers
from privcheck.matchers.phrases import PhrasesMatcher, PlainPart, PlainPhrase, phrase_pattern, plain_phrase


def plain_hits(matcher: PhrasesMatcher, text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in matcher.pattern.finditer(text)]


def indexed_hits(matcher: PhrasesMatcher, view: TextView) -> list[tuple[int, int]]:
    return [(h.start, h.end) for h in matcher.evaluate(view).hits]


@pytest.mark.parametrize("together_from", [0, None, 10**9])  # phrase groups always, as set, never
@pytest.mark.parametrize("plain", [False, True])  # plain phrases by their pattern, or in Python
def test_every_bundled_phrase_matcher_finds_the_same_hits_in_one_pass(monkeypatch, together_from, plain):
    from privcheck.matchers import phrase_index as module
    from privcheck.matchers import phrases

    if together_from is not None:
        monkeypatch.setattr(module, "_TOGETHER_FROM", together_from)
    monkeypatch.setattr(phrases, "_COMPILE_FROM", 10**9 if plain else 0)
    monkeypatch.setattr(phrases, "is_cheap", lambda source: False)
    monkeypatch.setattr(phrases, "_tried_in_python", {})
    monkeypatch.setattr(phrases, "_compiled_match", {})
    checklists = [load_checklist("pipl"), load_checklist("gdpr")]
    index = phrase_index(checklists)
    assert len(index) > 10
    for sample in sorted(SAMPLES.glob("*.txt")):
        view = TextView(Document.from_text(sample.read_text(encoding="utf-8")))
        index.attach(view)
        for item in (i for c in checklists for i in c.items):
            for matcher in phrase_matchers([item.trigger, item.pass_if, item.topic, *(e.matcher for e in item.elements)]):
                assert indexed_positions(view, matcher) is not None
                assert indexed_hits(matcher, view) == plain_hits(matcher, view.text), (sample.name, matcher.phrases)


def test_a_matcher_outside_the_index_searches_on_its_own():
    view = TextView(Document.from_text("We may withdraw consent."))
    PhraseIndex([PhrasesMatcher(["cookies"])]).attach(view)
    other = PhrasesMatcher(["withdraw* consent"])
    assert indexed_positions(view, other) is None and other.evaluate(view).matched


WORDS = ["consent", "con", "we", "a", "to", "a-b", "withdraw", "share", "同意", "撤回", "个人信息", "信息", "e.g.", "data-protection"]
phrase = st.lists(st.sampled_from(WORDS + ["*", " ", "...", "-"]), min_size=1, max_size=5).map("".join).filter(
    lambda p: p.strip(". …*-") != "" and p.strip()[:1] not in ("*",)
)
text = st.lists(st.sampled_from(WORDS + [" ", "  ", "s", "ed", ".", "。", "\n", "-", "我们", "x"]), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(phrases=st.lists(phrase, min_size=1, max_size=4), body=text, together=st.booleans())
def test_one_pass_phrases_agree_with_the_regular_expression(phrases, body, together):
    from privcheck.matchers import phrase_index as module

    module._TOGETHER_FROM, saved = (0 if together else 10**9), module._TOGETHER_FROM
    try:
        check_one_pass(phrases, body)
    finally:
        module._TOGETHER_FROM = saved


def check_one_pass(phrases, body):
    matcher = PhrasesMatcher(phrases)
    view = TextView(Document.from_text(body or "x"))
    PhraseIndex([matcher]).attach(view)
    if indexed_positions(view, matcher) is not None:
        assert indexed_hits(matcher, view) == plain_hits(matcher, view.text)


PLAIN_WORDS = ["consent", "a", "b", "ab", "a-b", "同意", "个人", "0", "e.g.", "'s", "ü", "*", " ", "-", "...", "…"]


@settings(max_examples=500, deadline=None)
@given(phrase=st.lists(st.sampled_from(PLAIN_WORDS), min_size=1, max_size=6).map("".join),
       body=st.lists(st.sampled_from([*PLAIN_WORDS, "  ", "\n", "\u3000", "\x1c", "\xa0", " - ", "x", "s", "ing", ".",
                                            "。", ";", "x" * 12]),
                     max_size=30).map("".join))
def test_a_plain_phrase_ends_where_its_pattern_ends(phrase, body):
    plain = plain_phrase(phrase)
    if plain is None:
        return
    pattern = re.compile(phrase_pattern(phrase))
    for start in range(len(body) + 1):
        found = pattern.match(body, start)
        assert plain.end_at(body, start) == (found.end() if found else None), (body, start)


def test_only_phrases_with_a_wildcard_inside_a_part_are_not_plain():
    assert plain_phrase("withdraw* consent") is None
    assert plain_phrase("withdraw consent*") == PlainPhrase((PlainPart(("withdraw", "consent"), (True,), True, True, True),))
    assert plain_phrase("撤回…同意") == PlainPhrase((PlainPart(("撤回",), (), False, False, False),
                                                   PlainPart(("同意",), (), False, False, False)))


def test_a_gap_takes_as_few_characters_as_it_can_and_stops_at_a_sentence_end():
    plain = plain_phrase("withdraw ... consent")
    assert plain is not None
    assert plain.end_at("withdraw your consent, consent", 0) == len("withdraw your consent")
    assert plain.end_at("withdraw. consent", 0) is None
    assert plain.end_at("withdraw " + "x" * 30 + " consent", 0) is None


OLD_SPECIAL = regex.compile(r"[^\x21-\x7e\u4e00-\u9fff]+")
source_text = st.lists(
    st.sampled_from(["Word", "word", " ", "  ", "\n", "\n\n", " \n ", "\t", "，", "。", "（", "１５", "ＡＢＣ", "个人信息", "ß", "é", "\u200b", "a b", "-",
                     "、", "“", "’ ", "”", "【", "】", "…", "\xa0", "™", "ＡＢ", "！", "–", "\u3000", "º", "µ"]),
    max_size=30,
).map("".join)


def test_special_runs_opening_with_a_class_are_those_of_the_look_ahead_form():
    normal = textmap._NORMAL
    look_ahead = re.compile(rf"(?=[^{normal}])(?:[^{normal} ]|(?<![{normal}]) | (?![{normal}]))+")
    alphabet = ["a", " ", "\n", "，", "中", "é", "\t", "\u3000", "!", "\x1c", "、"]
    for length in range(6):
        for letters in itertools.product(alphabet, repeat=length):
            text = "".join(letters)
            assert [m.span() for m in textmap._SPECIAL.finditer(text)] == [m.span() for m in look_ahead.finditer(text)]


def test_characters_copied_through_are_those_normalisation_leaves_as_lowered():
    """Every character of the fast path is, alone, normalised to what `str.lower` makes of it."""
    fast = re.compile(f"[{textmap._NORMAL}]")
    copied = [chr(code) for code in range(0x110000) if fast.match(chr(code))]
    assert len(copied) > 20_000
    for ch in copied:
        assert unicodedata.normalize("NFKC", ch).casefold() == ch.lower() and len(ch.lower()) == 1, hex(ord(ch))
        assert not ch.isspace()


@settings(max_examples=300, deadline=None)
@given(source=source_text)
def test_bulk_normalisation_maps_exactly_like_character_by_character(source):
    fast = textmap.normalize_text(source)
    saved = textmap._SPECIAL, textmap._FAST_RUNS
    try:
        textmap._SPECIAL, textmap._FAST_RUNS = OLD_SPECIAL, False
        slow = textmap.normalize_text(source)
    finally:
        textmap._SPECIAL, textmap._FAST_RUNS = saved
    assert fast.text == slow.text
    n = len(fast.text)
    for start in range(n + 1):
        assert fast.to_source(start) == slow.to_source(start)
        for end in range(start, min(n, start + 6) + 1):
            assert fast.span_to_source(start, end) == slow.span_to_source(start, end)


# --- contact and age patterns behind a first-character look-ahead --------------------------------

from privcheck.detectors import contacts  # noqa: E402
from privcheck.matchers import age  # noqa: E402

PREFILTER = re.compile(r"^\(\?=\[(?P<chars>.+?)\]\)\(\?:(?P<body>.*)\)$", re.S)


def unfiltered(pattern: re.Pattern[str]) -> re.Pattern[str]:
    m = PREFILTER.match(pattern.pattern)
    assert m, pattern.pattern[:40]
    return re.compile(m.group("body"), pattern.flags)


FILTERED = [contacts._ADDR_LABEL_RE, contacts._EN_ADDR_RE, contacts._PHONE_RE, contacts._BARE_DOMAIN_RE,
            contacts._URL_RE, contacts._SERVICE_NUMBER_RE, contacts._EN_UNITS_ONLY_RE, age._AGE]
CONTACTY = (
    "Write to us at: Room 1203, Building 8, 969 Wenyi West Road, Hangzhou. 通讯地址：浙江省杭州市余杭区文一西路969号。"
    " Call 400-820-1234 or +86 571 8502 2088, tel: 95188; hotline 10086. 邮寄至：北京市朝阳区建国路1号。"
    " Visit www.lumenbooks.cn or https://help.lumenbooks.cn/privacy. Unit 5, Floor 3. 不满十四周岁, under 14,"
    " aged 13 or under, 16 years or younger. 我们的网站为lumen.cn。 send a letter to 1 Main Street. "
)


def test_prefiltered_patterns_find_exactly_what_the_plain_ones_find():
    texts = [CONTACTY, CONTACTY.upper()]
    texts += [Document.from_text(p.read_text(encoding="utf-8")).normalized.text for p in sorted(SAMPLES.glob("*.txt"))]
    for pattern in FILTERED:
        plain = unfiltered(pattern)
        for text in texts:
            assert [(m.span(), m.groups()) for m in pattern.finditer(text)] == [
                (m.span(), m.groups()) for m in plain.finditer(text)
            ], plain.pattern[:60]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["a", "Z", "9", ".", "-", "_", "+", "%", "@", " ", "x.cn", "@b.com", "中", "...", "--"]), max_size=40).map("".join))
def test_emails_found_from_each_at_sign_are_those_of_the_full_search(text):
    assert [m.span() for m in contacts._email_matches(text)] == [m.span() for m in contacts._EMAIL_RE.finditer(text)]
    long_local = "a" * 70 + "@lumen.cn " + text
    assert [m.span() for m in contacts._email_matches(long_local)] == [m.span() for m in contacts._EMAIL_RE.finditer(long_local)]


PATH_PIECES = ["me", "settings", "help & feedback", "我的", "设置", "帮助与反馈", " ", "\n", "\n\n", "-", " > ", ">", "->",
               "→", "/", "|", "—", "【隐私】", "“", "”", "[privacy]", "opt", "out", "and", "x9", "&"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PATH_PIECES), max_size=30).map("".join))
def test_menu_paths_found_line_by_line_are_those_of_the_full_search(text):
    fast = [(m.span(), m.group("sep")) for m in contacts._app_path_matches(text)]
    assert fast == [(m.span(), m.group("sep")) for m in contacts._APP_PATH_RE.finditer(text)]


def test_menu_paths_across_lines_in_a_real_text():
    text = "依次点击\n我的\n-设置-\n帮助与反馈。\nopt-out\nme >\nsettings > privacy\n\nplain line\n" * 3
    fast = [m.span() for m in contacts._app_path_matches(text)]
    assert fast == [m.span() for m in contacts._APP_PATH_RE.finditer(text)] and fast


LABEL_PIECES = ["地址", "通讯", "注册", "address", "ADDRESS", "postal ", "registered ", "write to us", " at", "mail to", "send ",
                "a ", "your ", "letter", "correspondence", " to", ":", "：", " ", "为", "邮寄至", "来信寄至", "信函至", "ip ",
                "email ", "x", "1号", "\n", "is"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(LABEL_PIECES), max_size=25).map("".join))
def test_address_labels_found_from_their_words_are_those_of_the_full_search(text):
    fast = [(m.span(), m.groups()) for m in contacts._address_label_matches(text)]
    assert fast == [(m.span(), m.groups()) for m in contacts._ADDR_LABEL_RE.finditer(text)]


from privcheck.detectors import durations  # noqa: E402

DURATION_PIECES = ["fifteen", "twenty", "-", "one", "seventy-seven", " ", "  ", "(15)", " (fifteen) ", "15", "3h", "h",
                   " to ", " or ", "through", "between", " and ", "a", "an", " and a half", "days", "day", "working", "work",
                   "business days", "weeks", "months", "year", "yrs", "hour", "hrs", "often", "x", "half", "net", "thr", ".", "\n", "天", "十五"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(DURATION_PIECES), max_size=30).map("".join))
def test_number_word_periods_found_from_their_units_are_those_of_the_full_search(text):
    units = durations._unit_starts(text)
    for pattern in (p for p in durations._PATTERNS if p.unit_anchored):
        fast = [(m.span(), m.groups()) for m in durations._unit_anchored_matches(pattern.regex, text, units)]
        assert fast == [(m.span(), m.groups()) for m in pattern.regex.finditer(text)]


def test_number_word_periods_in_the_samples_are_unchanged():
    for sample in sorted(SAMPLES.glob("*.txt")):
        text = Document.from_text(sample.read_text(encoding="utf-8")).normalized.text
        units = durations._unit_starts(text)
        for pattern in (p for p in durations._PATTERNS if p.unit_anchored):
            assert [m.span() for m in durations._unit_anchored_matches(pattern.regex, text, units)] == [
                m.span() for m in pattern.regex.finditer(text)
            ]


from privcheck.detectors import dates  # noqa: E402

date_text = st.lists(
    st.sampled_from(["2025", "12", "7", "-", "/", ".", " ", "\n", ", ", "th ", "of ", "december", "dec.", "sept",
                     "may", "mayor", "amay", "a", "1.2.", "二〇二五", "年", "十二", "月", "十七", "日", "١٢", "x9"]),
    max_size=16,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(text=date_text)
def test_dates_found_from_where_they_can_start_are_those_of_the_full_search(text):
    assert [m.span() for m in dates._date_matches(text)] == [m.span() for m in dates._DATE.finditer(text)]


def test_dates_in_the_samples_are_those_of_the_full_search():
    for sample in sorted(SAMPLES.glob("*.txt")):
        text = Document.from_text(sample.read_text(encoding="utf-8")).normalized.text
        assert [m.span() for m in dates._date_matches(text)] == [m.span() for m in dates._DATE.finditer(text)]


# --- regular expressions searched in windows around their literals --------------------------------

import sys  # noqa: E402

from privcheck.textsearch import regex_windows  # noqa: E402
from privcheck.textsearch.regex_literals import analyse  # noqa: E402
from privcheck.textsearch.regex_windows import WindowedSearch, exact_in_normalized_text, longest_run  # noqa: E402

pytestmark = pytest.mark.slow  # the whole module takes seconds

REGEX_PIECES = ["ab", "b", "c", "我们", "信息", " ", "\\s*", "\\s+", "\\d", "\\d{2}", "[ab]", "(?:ab|c)", "(?:b|)", "x?",
                "(?:ab)+", "(?:c)*", "[^.]{0,3}", "(?=b)", "(?<!a)", "\\b", "(?:我们|c)", "\\p{Han}", "(?:a|b|信)", "a{2}",
                "[a-z]*", "(?![a-z])", "$", "^", "[-/.]+", "(?:ab|abc)", "(?<=c )", "\\d+", "(?:\\d|ab)", "[^\\n]{0,4}?",
                "(?![^.]*c)", "(?:(?:ab|c) ){0,2}"]
REGEX_TEXT = ["a", "b", "c", "ab", "abc", "ab ", "c ", "我们", "信息", " ", "  ", ".", "1", "12", "x", "\n", "-", "/", " \n"]


def windowed(pattern: str) -> WindowedSearch | None:
    try:
        compiled = regex.compile(pattern, regex.IGNORECASE | regex.MULTILINE | regex.V0)
    except regex.error:
        return None
    analysis = analyse(pattern)
    if analysis is None or analysis.requirement is None or analysis.min_width < 1:
        return None
    return WindowedSearch(compiled, analysis)


def whole_text_spans(search: WindowedSearch, text: str) -> list[tuple[int, int]]:
    return sorted(m.span() for m in search.compiled.finditer(text) if m.end() > m.start())


@settings(max_examples=1500, deadline=None)
@given(pieces=st.lists(st.sampled_from(REGEX_PIECES), min_size=1, max_size=6), alternative=st.booleans(),
       backwards=st.booleans(), apart=st.booleans(), indexed=st.booleans(),
       text=st.lists(st.sampled_from(REGEX_TEXT), max_size=40).map("".join))
def test_windowed_search_finds_what_the_whole_text_search_finds(pieces, alternative, backwards, apart, indexed, text):
    pattern = "".join(pieces)
    if alternative:
        pattern = f"{pattern}|{pieces[-1]}c"
    if backwards:
        pattern = "(?r)" + pattern
    search = windowed(pattern)
    if search is None:
        return
    saved = regex_windows._MAX_COVER, regex_windows._MAX_RANGE_COVER, regex_windows._JOIN
    regex_windows._MAX_COVER = regex_windows._MAX_RANGE_COVER = float("inf")
    regex_windows._JOIN = -10**6 if apart else 64
    try:
        spans = search.spans(text, lambda char_class: longest_run(text, char_class), 2.0, {} if indexed else None)
    finally:
        regex_windows._MAX_COVER, regex_windows._MAX_RANGE_COVER, regex_windows._JOIN = saved
    if spans is not None:
        assert sorted(spans) == whole_text_spans(search, text), pattern


def test_windowed_search_of_every_bundled_pattern_on_long_texts():
    from test_regex_prefilter import bundled_regex_matchers

    matchers = bundled_regex_matchers()
    assert sum(m.windows is not None and m.windows.usable for m in matchers) > 20
    texts = [Document.from_text(p.read_text(encoding="utf-8")).normalized.text for p in sorted(SAMPLES.glob("*.txt"))]
    own = ("本政策生效日期：2025年3月1日，更新日期 2025 年 1 月。last updated 3 may 2024. effective as of 2024-05-01. "
           "lumen books co., ltd. and lumen gmbh (incorporated in ireland) are controllers. 杭州鲁门书局有限公司。"
           "we receive your data from our partners. we do not rely on legitimate interests for this. ")
    texts += [own * 40, (texts[0] + own) * 3]
    for text in texts:
        view = TextView(Document.from_text("x"))
        view.text, view.cache = text, {}
        for matcher in matchers:
            assert [(h.start, h.end) for h in matcher.evaluate(view).hits] == sorted(matcher.plain_spans(text)), matcher.source


def test_literal_index_is_exact_on_normalised_text():
    """Every character normalisation can produce that folds to a lower-case ASCII letter is that letter."""
    produced: set[str] = set()
    # Past plane 2 only tags, variation selectors and private use: none has case.
    for code in [*range(0x30000), *range(0xE0000, 0xE1000)]:
        if 0xD800 <= code <= 0xDFFF:
            continue
        produced.update(unicodedata.normalize("NFKC", chr(code)).casefold())
    produced.update(chr(c).lower() for c in range(0x21, 0x7F))
    safe = [ch for ch in map(chr, range(0x10000)) if exact_in_normalized_text(ch)]
    assert "a" in safe and "我" in safe and "A" not in safe
    others = "".join(sorted(produced - set(safe)))
    assert "é" in others and "ı" in others
    # No produced character outside the safe set matches a safe one case-insensitively.
    any_safe = regex.compile("[" + "".join(map(regex.escape, safe)) + "]", regex.IGNORECASE | regex.V0)
    assert any_safe.findall(others) == []
    assert any_safe.findall("AK\u212a\u017f") == ["A", "K", "\u212a", "\u017f"]  # what it would catch


def test_longest_run_bounds_every_run():
    text = "a  b\n\n\n c" + " " * 9 + "d"
    assert longest_run(text, "[\\s]") >= 9
    assert longest_run("abc", "[\\s]") == 1
    assert longest_run("x" + " " * 300, "[\\s]") is None


def test_chinese_duration_patterns_need_a_chinese_word():
    """find_durations skips the patterns for Chinese units on a text without CJK ideographs."""
    from privcheck.textsearch.regex_literals import requirements

    def needs_cjk(pattern: str) -> bool:
        return any(r.literals and not r.classes and all(durations._CJK_IDEOGRAPH.search(x) for x in r.literals)
                   for r in requirements(pattern))

    assert any(p.chinese for p in durations._PATTERNS)
    for pattern in durations._PATTERNS:
        if pattern.chinese:
            assert needs_cjk(pattern.regex.pattern), pattern.regex.pattern[:60]
    assert [d.value for d in durations.find_durations("within 15 days (15天)")] == [15, 15]


RE_PIECES = ["ab", "b", "c", "我们", " ", "\\s*", "\\s+", "\\d", "\\d{2}", "[ab]", "(?:ab|c)", "x?", "(?:ab)+", "\\b",
             "[^.]{0,3}", "(?=b)", "(?<!a)", "(?:我们|c)", "[a-z]*", "(?![a-z])", "$", "^", "(?:\\d|ab)", "[a-z]{0,4}?",
             "(?:k|s|i)", "(?P<x>ab|c)", "(?:(?:ab|c) ){0,2}", "abc", "(?:abc|kab)"]
RE_TEXT = ["a", "b", "c", "ab", "AB", "abc", "我们", " ", "  ", ".", "1", "12", "x", "\n", "k", "K", "\u212a", "ı", "ſ", "İ", "S"]


@settings(max_examples=800, deadline=None)
@given(pieces=st.lists(st.sampled_from(RE_PIECES), min_size=1, max_size=6), alternative=st.booleans(),
       ignore_case=st.booleans(), text=st.lists(st.sampled_from(RE_TEXT), max_size=40).map("".join))
def test_windowed_re_patterns_find_what_finditer_finds(pieces, alternative, ignore_case, text):
    _same_matches(regex_windows.windowed_finditer, pieces, alternative, ignore_case, text)


def _same_matches(search, pieces, alternative, ignore_case, text):
    """`search(compiled, text)` finds what `compiled.finditer(text)` finds, with the fast paths taken
    whatever the sizes, for the pattern made of `pieces` (one that does not compile is skipped)."""
    pattern = "".join(pieces)
    if alternative:
        pattern = f"{pattern}|{pieces[-1]}c"
    try:
        compiled = re.compile(pattern, re.IGNORECASE if ignore_case else 0)
    except re.error:
        return
    saved = regex_windows._MAX_COVER, regex_windows._MAX_RANGE_COVER, regex_windows._SHORT, regex_windows._ANALYSE_FROM
    regex_windows._MAX_COVER = regex_windows._MAX_RANGE_COVER = float("inf")
    regex_windows._SHORT = regex_windows._ANALYSE_FROM = 0
    try:
        fast = [(m.span(), m.groups()) for m in search(compiled, text)]
    finally:
        (regex_windows._MAX_COVER, regex_windows._MAX_RANGE_COVER, regex_windows._SHORT,
         regex_windows._ANALYSE_FROM) = saved
    assert fast == [(m.span(), m.groups()) for m in compiled.finditer(text)], pattern


def test_detector_patterns_searched_in_windows_find_what_finditer_finds():
    texts = [CONTACTY, CONTACTY.upper(), "Under 14, aged 13 or under, 不满十四周岁, 14周岁以下, younger than sixteen. " * 5,
             "Suite 4, Floor 12, Building 3, No. 18 Harbour Road, Kowloon; unit 7b 22 queen street; 12 34 56 road " * 3,
             "within 15 days, 3-5 working days, between 10 and 20 business days, 2h, half a year, 十五个工作日内, 3至5天, "
             "(15) 天, 一个半月, 半年 " * 3]
    texts += [Document.from_text(p.read_text(encoding="utf-8")).normalized.text for p in sorted(SAMPLES.glob("*.txt"))]
    patterns = [contacts._URL_RE, contacts._BARE_DOMAIN_RE, contacts._PHONE_RE, contacts._SERVICE_NUMBER_RE,
                contacts._LABELLED_NATIONAL_RE, contacts._EN_UNITS_ONLY_RE, contacts._EN_ADDR_RE, age._AGE,
                *(p.regex for p in durations._PATTERNS if not p.unit_anchored)]
    assert sum(regex_windows._search_for(p) is not None for p in patterns) >= 6
    # A class opening with "[:" would leave it unread (a POSIX class to `regex`), searched whole.
    assert regex_windows._search_for(contacts._LABELLED_NATIONAL_RE) is not None
    saved = regex_windows._SHORT, regex_windows._ANALYSE_FROM
    regex_windows._SHORT = regex_windows._ANALYSE_FROM = 0
    try:
        check_detector_patterns(patterns, texts)
    finally:
        regex_windows._SHORT, regex_windows._ANALYSE_FROM = saved


def check_detector_patterns(patterns, texts):
    for pattern in patterns:
        for text in texts:
            assert [(m.span(), m.groups()) for m in regex_windows.windowed_finditer(pattern, text)] == [
                (m.span(), m.groups()) for m in pattern.finditer(text)
            ], pattern.pattern[:60]


def test_a_check_leaves_the_cycle_collector_as_it_found_it():
    import gc

    from privcheck.engine import check_document

    checklists = [load_checklist("pipl")]
    document = Document.from_text("We collect your email address. Contact privacy@lumen.cn.")
    assert gc.isenabled()
    check_document(document, checklists)
    assert gc.isenabled()
    gc.disable()
    try:
        check_document(document, checklists)
        assert not gc.isenabled()
    finally:
        gc.enable()


CASE_PATH_PIECES = PATH_PIECES + ["Settings", "ME", "K", "\u212a", "ı", "ſ", "İ", "a'b", "'", "\t", "x" * 300 + " ", "设置帮助与反馈中心页"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(CASE_PATH_PIECES), max_size=30).map("".join))
def test_menu_paths_found_from_their_separators_are_those_of_the_full_search(text):
    fast = [(m.span(), m.group("sep")) for m in contacts._app_path_matches(text)]
    assert fast == [(m.span(), m.group("sep")) for m in contacts._APP_PATH_RE.finditer(text)]


def test_menu_paths_in_the_samples_are_those_of_the_full_search():
    own = ["我的账户中心个人资料页面设置-隐私", "点击我的账户中心个人资料页设-隐私", "【我的】 > 【设置】", "go to Me & Settings > Help",
           "a" * 400 + " > settings", "x-y-z and/or me > my > more"]
    texts = own + [Document.from_text(p.read_text(encoding="utf-8")).normalized.text for p in sorted(SAMPLES.glob("*.txt"))]
    for text in texts:
        fast = [m.span() for m in contacts._app_path_matches(text)]
        assert fast == [m.span() for m in contacts._APP_PATH_RE.finditer(text)], text[:40]
    assert [m.span() for m in contacts._app_path_matches(own[0])] == [(2, 17)]  # twelve CJK before the separator


ADDRESS_PIECES = ["building", "Building", "bldg.", "unit", "suite", "floor", "fl", "room", "rm", "no.", "no", " ", ", ", ".",
                  "12", "3", "7b", "-", "99999", "123456", "a", "queen", "road", "street", "st", "rd.", "ave", "the",
                  "\n", "x", "ste", "tower", "block", "K", "ı"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(ADDRESS_PIECES), max_size=30).map("".join))
def test_street_addresses_tried_before_digits_are_those_of_the_full_search(text):
    fast = [(m.span(), m.groups()) for m in contacts._en_address_matches(text)]
    assert fast == [(m.span(), m.groups()) for m in contacts._EN_ADDR_RE.finditer(text)]


def test_street_addresses_in_the_samples_are_those_of_the_full_search():
    texts = [CONTACTY, "Suite 4, Floor 12, Building 3, No. 18 Harbour Road, Kowloon; building. no. 12 7 queen street"]
    texts += [Document.from_text(p.read_text(encoding="utf-8")).normalized.text for p in sorted(SAMPLES.glob("*.txt"))]
    for text in texts:
        assert [m.span() for m in contacts._en_address_matches(text)] == [m.span() for m in contacts._EN_ADDR_RE.finditer(text)]


def test_a_class_of_spaces_alone_is_bounded_by_the_runs_of_all_white_space():
    from privcheck.textsearch.regex_windows import SPACE_CLASS, run_bound, spaces_only

    assert spaces_only("[\\U00000020\\U00000009]") and not spaces_only("[\\U00000020\\U00000061]")
    assert not spaces_only("[^\\U00000020]") and not spaces_only(SPACE_CLASS)
    text = "a b\u3000\u3000c\x1c\x1d\x1e d"  # four spaces as `re` reads them, two as `regex` does
    cache: dict = {}
    for char_class in ("[\\U00000020\\U00000009]", SPACE_CLASS):
        for module in (regex, re):
            assert run_bound(text, char_class, module, cache) == longest_run(text, SPACE_CLASS, re) >= 4
            assert run_bound(text, char_class, module, cache) >= longest_run(text, char_class, module)
    assert list(cache) == [("longest-run", SPACE_CLASS, "re")]  # measured once


def test_re_reads_every_space_regex_reads():
    every = "".join(map(chr, range(0x110000))).encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    by_re = set(re.findall(r"\s", every))
    assert set(regex.findall(r"\s", every, flags=regex.V0 | regex.IGNORECASE)) <= by_re


def test_regex_reads_digits_at_least_as_widely_as_re():
    """The windowed search lets `regex` scan for `\\d` on behalf of `re` patterns (not `\\s`)."""
    every = "".join(map(chr, range(0x110000))).encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    by_re = set(re.findall(r"\d", every))
    assert by_re and by_re <= set(regex.findall(r"\d", every, flags=regex.V0))
    assert not set(re.findall(r"\s", every)) <= set(regex.findall(r"\s", every, flags=regex.V0))


def test_class_positions_scanned_by_regex_are_those_re_finds():
    from privcheck.textsearch.regex_windows import _class_positions, regex_reads_wider

    text = "Ab 12 ٣٤ \u00a0x\u2003k\u212a 中文，3-4—五 ſ ı İ"
    lowered = text.lower()
    classes = ["[\\d]", "[\\s]", "[\\U00000030-\\U00000039]", "[\\U0000002d\\U00002014\\U00004e2d]",
               "[\\U0000006b\\U00000073]", "[\\U00000061-\\U0000007a\\d]", "[^\\U00000030]", "[\\w]"]
    for sample in (text, lowered, "plain ascii text 123 - x"):
        for char_class in classes:
            for flags in (0, re.IGNORECASE):
                probe = re.compile(char_class, flags)
                expected = [m.start() for m in probe.finditer(sample)]
                assert _class_positions(sample, char_class, {}, re, flags) == expected, (sample, char_class, flags)
    assert regex_reads_wider("[\\d]", text, {}) and not regex_reads_wider("[\\w]", text, {})
    assert not regex_reads_wider("[\\s]", text, {})
    assert not regex_reads_wider("[\\U0000006b]", text, {})  # the text holds the Kelvin sign
    assert regex_reads_wider("[\\U0000006b]", "plain text", {})
    assert not regex_reads_wider("[\\U000000e9]", "plain text", {})  # é has a case


def test_a_document_checked_after_another_compiles_no_regular_expression_again(monkeypatch):
    """Regular expressions are compiled once per process: once policies have been checked, checking
    them again compiles nothing. (The first repeat may refill Python's own cache of `re.search(...)`
    patterns, which the checklists' patterns flush while they are first compiled.)"""
    import re._compiler

    from privcheck.engine import check_document

    checklists = [load_checklist("pipl"), load_checklist("gdpr")]
    documents = [Document.from_text(p.read_text(encoding="utf-8")) for p in sorted(SAMPLES.glob("*.txt"))]
    for _ in range(2):
        for document in documents:
            check_document(Document.from_text(document.text), checklists)
    compiled = []
    original = re._compiler.compile
    monkeypatch.setattr(re._compiler, "compile", lambda *a, **k: compiled.append(a[0]) or original(*a, **k))
    for document in documents:
        check_document(Document.from_text(document.text), checklists)
    assert compiled == []


def test_scoped_case_insensitive_literals_are_found_in_any_case():
    """A literal inside `(?i:...)` is looked for in any case, as the pattern matches it."""
    pattern = re.compile(r"(?i:\bthis\s+service\s+is\s+provided\s+by)\s+(?P<name>[A-Z]\w+)")
    text = ("Some filler words without the phrase. " * 200) + "THIS Service is Provided by Example today. " * 3
    saved = regex_windows._SHORT, regex_windows._ANALYSE_FROM
    regex_windows._SHORT = regex_windows._ANALYSE_FROM = 0
    try:
        found = [m.span() for m in regex_windows.windowed_finditer(pattern, text)]
    finally:
        regex_windows._SHORT, regex_windows._ANALYSE_FROM = saved
    assert found == [m.span() for m in pattern.finditer(text)] and len(found) == 3


def test_controller_frame_look_aheads_change_no_match():
    """A frame's leading look-ahead of first letters only turns away places where it cannot match."""
    from privcheck.detectors import entities

    look_ahead = re.compile(r"^\(\?i:\(\?=(?:\[[^\]]*\]|\w)\)")
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    texts.append("THE APP IS PROVIDED BY Example Labs. This ſoftware was developed by Sample Works. “WE” MEANS Example "
                 "Ltd. We are Example Group. The data controller is Example GmbH. Operators of this site are Sample Inc. "
                 "Our Service has been offered by Sample LLC. An open-source Plug-in built by Example Team. " * 3)
    frames = [frame for frame in entities._EN_FRAMES if look_ahead.match(frame.pattern)]
    assert len(frames) >= 6
    matching = 0
    for frame in frames:
        plain = re.compile("(?i:" + frame.pattern[look_ahead.match(frame.pattern).end():])
        for text in texts:
            assert [m.span() for m in frame.finditer(text)] == [m.span() for m in plain.finditer(text)], frame.pattern[:60]
        matching += plain.search(texts[-1]) is not None
    assert matching >= 5


def test_controller_frames_tried_at_line_and_sentence_starts_find_what_finditer_finds():
    """A frame that can start only where a line or a sentence starts, tried there alone, finds the
    matches of the search over the whole text."""
    from privcheck.detectors import entities

    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    texts.append("Example Labs built the Sample app. Sample Works developed the game!\tExample Team made this app.\n"
                 "Developer: Example GmbH\n  company name: Sample Ltd\nSample Works built the app\n" * 3)
    frames = list(entities._STARTS)
    assert len(frames) >= 3 and all(frame in entities._EN_FRAMES for frame in frames)
    for frame in frames:
        for text in texts:
            found = [(m.span(), m.group("name")) for m in regex_windows.matches_at(frame, text, entities._STARTS[frame](text))]
            assert found == [(m.span(), m.group("name")) for m in frame.finditer(text)], frame.pattern[:60]
    assert any(frame.search(texts[-1]) for frame in frames)


_ZH_NAME_PIECES = ["示例", "科技", "有限公司", "（", "(", "）", "以下简称", "“", "我们", "本公司", "，", "。", " ", "A1", "·",
                   "网络技术服务与信息咨询平台", "由"]


@settings(max_examples=400, deadline=None)
@given(text=st.lists(st.sampled_from(_ZH_NAME_PIECES), max_size=40).map("".join))
@example(text="，" + "示" * 38 + "（以下简称“我们”）")
@example(text="，" + "示" * 39 + "（以下简称“我们”）" + "例" * 41 + "(我们)")
@example(text="示例（我们）科技（本公司）" + "网" * 45 + "（以下简称“我们”）。A（我们）")
def test_chinese_names_before_quoted_we_tried_before_those_words_are_those_of_the_full_search(text):
    """"X（以下简称“我们”）" tried only in the 40 characters before the words in brackets finds the
    matches of the search over the whole text (names with brackets, names near the start, hits
    close together)."""
    from privcheck.detectors import entities

    frame = entities._ZH_NAME_BEFORE_QUOTED_WE
    assert [(m.span(), m.group("name")) for m in entities._zh_frame_matches(frame, text)] == [
        (m.span(), m.group("name")) for m in frame.finditer(text)]


_BUILT_PIECES = ["Example", "Labs", "Built", "built", "the", "The", "this", "app", "Sample", "Works", "e. V.", "e.V",
                 "3M", "and", "of", " ", "  ", "\t", ", ", ". ", "! ", "\n", "Exampleand", "Inc.", "Co.,", "mbH", "(", "’s",
                 "developed", "Provides", "our", "x"]


@settings(max_examples=600, deadline=None)
@given(text=st.lists(st.sampled_from(_BUILT_PIECES), max_size=30).map("".join))
@example(text="Example Labs Built The App.\nSample Works built the app\nSample e. V. built the x")
def test_controller_frames_with_whole_words_are_those_with_plain_words(text):
    """The frames that take a name's words whole (possessive) find what they find with plain
    words, which the engine may try shorter."""
    from privcheck.detectors import entities

    sentence = entities._NAME_BUILT_AT_SENTENCE_START
    assert entities._EN_NAME_WHOLE_WORDS in sentence.pattern
    line = entities._NAME_BUILT_AT_LINE_START
    assert "]++" in line.pattern
    for frame, plain in ((sentence, sentence.pattern.replace(entities._EN_NAME_WHOLE_WORDS, entities._EN_NAME)),
                         (line, line.pattern.replace("]++", "]+"))):
        assert [(m.span(), m.group("name")) for m in frame.finditer(text)] == [
            (m.span(), m.group("name")) for m in re.finditer(plain, text, frame.flags)]


@settings(max_examples=800, deadline=None)
@given(pieces=st.lists(st.sampled_from(RE_PIECES), min_size=1, max_size=6), alternative=st.booleans(),
       ignore_case=st.booleans(), text=st.lists(st.sampled_from(RE_TEXT), max_size=40).map("".join))
def test_re_patterns_tried_at_their_openings_find_what_finditer_finds(pieces, alternative, ignore_case, text):
    _same_matches(regex_windows.finditer_at_openings, pieces, alternative, ignore_case, text)


def test_lowered_text_holds_every_ascii_letter_a_case_insensitive_re_reads():
    """Offset for offset, every character that `(?i)x` matches for an ASCII letter x is x."""
    letter = re.compile("(?i)[a-z]")
    for code in range(sys.maxunicode + 1):
        character = chr(code)
        lowered = regex_windows.lowered_as_re(character)
        assert len(lowered) == 1, hex(code)
        if letter.fullmatch(character):
            assert lowered in "abcdefghijklmnopqrstuvwxyz" and re.fullmatch("(?i)" + lowered, character), hex(code)


def test_controller_frames_tried_at_their_openings_find_what_finditer_finds():
    from privcheck.detectors import entities

    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    texts.append("THE APP IS PROVIDED BY Example Labs. This ſoftware was developed by Sample Works. “WE” MEANS Example "
                 "Ltd. We are Example Group. The data controller is Example GmbH. Operators of this site are Sample Inc. "
                 "Our Service has been offered by Sample LLC. An open-source Plug-in built by Example Team. "
                 "Company (referred to as “the Company”) refers to Sample Apps. İs the controller: ACME Ltd. " * 3)
    patterns = [*entities._EN_FRAMES, entities._CONTROLLER_WORDS, entities._QUOTED_WE]
    assert sum(regex_windows._openings(p) is not None for p in patterns) >= 8
    saved = regex_windows._SHORT, regex_windows._ANALYSE_FROM
    regex_windows._SHORT = regex_windows._ANALYSE_FROM = 0
    try:
        for pattern in patterns:
            for text in texts:
                assert [(m.span(), m.groupdict()) for m in regex_windows.finditer_at_openings(pattern, text)] == [
                    (m.span(), m.groupdict()) for m in pattern.finditer(text)], pattern.pattern[:60]
    finally:
        regex_windows._SHORT, regex_windows._ANALYSE_FROM = saved


_COMPANY_PIECES = ["Example", "Trading", "Co.,", "Co.", " Ltd", "Ltd.", "Limited", " Inc", "3M", "42nd", "and", "of",
                   " ", "  ", "\t", ", ", ".", "\n", "(UK)", "(China", "x", "Holdings", "AG", "GmbH", "S.A.", "Corp."]


@settings(max_examples=600, deadline=None)
@given(text=st.lists(st.sampled_from(_COMPANY_PIECES), max_size=30).map("".join))
def test_company_names_with_whole_words_are_those_of_the_plain_pattern(text):
    """`_EN_ENTITY` takes the words of a name whole: the matches of plain words."""
    from privcheck.detectors import entities

    plain = re.compile(
        rf"(?<![A-Za-z])({entities._EN_WORD}(?:[ \t]+(?:{entities._EN_WORD}|{entities._EN_CONNECTOR}(?=[ \t]+[A-Z0-9])"
        rf"|\([A-Z][A-Za-z .]*\)))*),?[ \t]+({entities._EN_SUFFIX})(?![A-Za-z])")
    assert [(m.span(), m.groups()) for m in entities._EN_ENTITY.finditer(text)] == [
        (m.span(), m.groups()) for m in plain.finditer(text)]


def test_company_names_read_from_their_first_character_are_those_of_the_plain_pattern():
    """`_EN_ENTITY` opens with the first character of the name's first word instead of a look-behind:
    the same matches as the pattern written plainly; and provider definitions are found at the starts
    of the lines with a colon."""
    from privcheck.detectors import entities

    plain = re.compile(
        rf"(?<![A-Za-z])({entities._EN_WORD}(?:[ \t]+(?:{entities._EN_WORD}|{entities._EN_CONNECTOR}(?=[ \t]+[A-Z0-9])"
        rf"|\([A-Z][A-Za-z .]*\)))*),?[ \t]+({entities._EN_SUFFIX})(?![A-Za-z])")
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    texts.append("Example Trading Co., Ltd. and 3M Sample Inc; xExample Ltd, 42nd Street Holdings (UK) Limited, "
                 "Ü Works GmbH, Sample of Things AG.\nService provider: refers to Example Labs Inc.\n运营者：指示例有限公司\n" * 3)
    for text in texts:
        assert [(m.span(), m.groups()) for m in entities._EN_ENTITY.finditer(text)] == [
            (m.span(), m.groups()) for m in plain.finditer(text)]
        assert [m.span() for m in regex_windows.matches_at(entities._PROVIDER_DEFINITION, text, entities._labelled_line_starts(text))] \
            == [m.span() for m in entities._PROVIDER_DEFINITION.finditer(text)]
    assert len(list(plain.finditer(texts[-1]))) >= 9


def test_a_plain_phrase_is_compiled_once_python_has_tried_it_at_enough_places(monkeypatch):
    from privcheck.matchers import phrases

    monkeypatch.setattr(phrases, "_tried_in_python", {})
    monkeypatch.setattr(phrases, "is_cheap", lambda source: False)
    source = phrase_pattern("consent")
    assert phrases._in_python(source, phrases._COMPILE_FROM - 1)
    assert not phrases._in_python(source, 1)
    assert not phrases._in_python(phrase_pattern("withdraw"), phrases._COMPILE_FROM)


def _bounds_by_test(ends: list[int], offset: int, length: int) -> tuple[int, int]:
    """The span holding `offset`, as TextView found it before its bounds were padded."""
    i = bisect.bisect_right(ends, offset)
    return (ends[i - 1] if i > 0 else 0), (ends[i] if i < len(ends) else length)


@pytest.mark.parametrize("body", ["x", "One.", "One. Two!\nThree\n", "\n\n第一句。第二句；\nlast line without an end",
                                  "Trailing line break.\n"])
def test_sentences_and_paragraphs_of_many_offsets_are_those_of_each_offset(body):
    view = TextView(Document.from_text(body))
    offsets = list(range(-1, len(view.text) + 2))
    for ends, one, many in ((view._sentence_ends, view.sentence, view.sentences),
                            (view._paragraph_ends, view.paragraph, view.paragraphs)):
        expected = [_bounds_by_test(ends, offset, len(view.text)) for offset in offsets]
        assert [one(offset) for offset in offsets] == expected
        assert list(zip(*many(offsets))) == expected


def test_spans_outside_web_addresses_are_those_the_bisection_keeps():
    view = TextView(Document.from_text("See www.usa.gov/privacy or mail dpo@keep.com; usa rules. https://a.io/x\nUSA.gov"))
    starts, ends = view._web_addresses()
    every = [(start, end) for start in range(len(view.text) + 1) for end in range(start, min(start + 12, len(view.text)) + 1)]

    def kept_by_bisection(span: tuple[int, int]) -> bool:
        i = bisect.bisect_right(starts, span[0]) - 1
        return i < 0 or span[1] > ends[i]

    assert view.outside_web_addresses(every) == [span for span in every if kept_by_bisection(span)]
    outside = [(0, 3)]
    assert view.outside_web_addresses(outside) is outside  # nothing to leave out: the list itself
