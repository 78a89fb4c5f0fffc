"""Detectors that search only where a match can be, find what the search over the whole text finds."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from privcheck.detectors import entities
from privcheck.textsearch import regex_windows

_LABEL_PIECES = ["Developer", "developer", "Company name", "Data Controller", "service provider", "Operator", "built",
                 "the", "Example", "Labs", "GmbH", "Sample Works", "运营者", "服务提供者", "指", "示例有限公司", ":", "：",
                 " ", "  ", "\t", "\n", "\n\n", " \n ", "x", ".", "refers to", "is", "\u2028", "\x1c"]


@settings(max_examples=600, deadline=None)
@given(text=st.lists(st.sampled_from(_LABEL_PIECES), max_size=30).map("".join))
@example(text="Developer\n:\nExample Labs\n  Operator \t\n ： Sample Works\nExample Labs\n\nbuilt the app\nbuilt the x")
@example(text="服务提供者\n：指示例有限公司\nservice provider  :\nrefers to Example Labs GmbH")
def test_frames_tried_at_the_lines_before_their_words_find_what_finditer_finds(text):
    """Lines that open with a label and a colon, or with "X built the" (the colon or the word on a
    later line too), are tried at those lines alone, and give the matches of the whole search."""
    for frame, starts in ((entities._LABELLED_NAME, entities._labelled_line_starts),
                          (entities._PROVIDER_DEFINITION, entities._labelled_line_starts),
                          (entities._NAME_BUILT_AT_LINE_START, entities._built_line_starts)):
        assert [m.span() for m in regex_windows.matches_at(frame, text, starts(text))] == [
            m.span() for m in frame.finditer(text)], frame.pattern[:60]


_ZH_ENTITY_PIECES = ["示例", "科技", "有限公司", "股份有限公司", "集团有限公司", "有限责任公司", "公司", "有限", "（", "）", "·",
                     "A1", "，", "由", " ", "网络技术服务与信息咨询平台运营", "公"]


@settings(max_examples=600, deadline=None)
@given(text=st.lists(st.sampled_from(_ZH_ENTITY_PIECES), max_size=40).map("".join))
@example(text="示" * 40 + "股份有限公司" + "例" * 41 + "有限公司")
@example(text="示" * 39 + "有限责任公司有限公司" + "，" + "示例" * 30 + "集团有限公司")
def test_chinese_company_names_searched_before_each_gongsi_are_those_of_the_whole_search(text):
    assert [(m.span(), m.group(1)) for m in entities._zh_entity_matches(text)] == [
        (m.span(), m.group(1)) for m in entities._ZH_ENTITY.finditer(text)]



_PROVIDED_PIECES = ["This", "the", "THE", "our", "these", "Our", "app", "service", "ſervice", "web site", "s", "is", "are",
                    "has been", "provided", "PROVIDED", "operated", "owned", "and", "outrun", "run", "by", "By", "bY", "maybe",
                    "Example", "Labs", "Inc.", " ", "  ", "\n", "\t", ", ", ". ", "\u2028", "İ", "K", "x", "thethe"]


@settings(max_examples=800, deadline=None)
@given(text=st.lists(st.sampled_from(_PROVIDED_PIECES), max_size=30).map("".join))
@example(text="This app is provided by Example Labs. The ſervice is owned and operated by Example Inc.")
@example(text="Our web site is\nmaintained  \n by Example. these games are run by Labs. the app is PROVIDED BY Example")
def test_provided_by_tried_before_participles_and_by_finds_what_finditer_finds(text):
    frame = entities._PROVIDED_BY
    assert frame in entities._EN_FRAMES
    assert [(m.span(), m.group("name")) for m in regex_windows.matches_at(frame, text, entities._provided_by_starts(text))] == [
        (m.span(), m.group("name")) for m in frame.finditer(text)]


_NUMBER_PIECES = ["+86", "+1", " ", "-", "(010)", "(0", ")", "138", "1380013", "8000", "400", "4008", "1234", "5678", "0571",
                  "٣", "١٣٨", "x", "ext.", "转", "a", "Sw1a", "sw1w", " 0ny", " 1aa", "ec1a", "d02", "hx96", "a65f4e2", "w",
                  "k", "K", "1", "0", ".", "#", "@", "电话"]


@settings(max_examples=800, deadline=None)
@given(text=st.lists(st.sampled_from(_NUMBER_PIECES), max_size=30).map("".join))
@example(text="call +86 138 0013 8000 or (010)12345678, ٣13800138000, 4008001234 转 12; sw1a 1aa, d02 hx96 a65f4e2")
def test_phones_and_postcodes_tried_at_numbers_are_those_of_the_whole_search(text):
    from privcheck.detectors import contacts

    contacts.text_cache(text).clear()
    assert [m.span() for m in contacts._phone_matches(text)] == [m.span() for m in contacts._PHONE_RE.finditer(text)]
    found = contacts._find_uk_addresses(text)
    plain = []
    for postcode in (contacts._UK_POSTCODE_RE, contacts._EIRCODE_RE):
        for m in postcode.finditer(text):
            low = max(0, m.start() - contacts._UK_REACH, text.rfind("\n", 0, m.start()) + 1)
            street = contacts._UK_ADDRESS_BEFORE_RE.search(text, low, m.start())
            if street is not None:
                plain.append((street.start(), m.end()))
    assert found == plain
    for postcode, offsets in contacts._POSTCODE_FIRST_DIGIT:
        starts = sorted({digit - offset for digit, _ in contacts._numbers(text) for offset in offsets if digit >= offset})
        assert [m.span() for m in regex_windows.matches_at(postcode, text, starts)] == [m.span() for m in postcode.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(text=st.lists(st.sampled_from(["address", "postal ", "registered ", "business ", "email ", "地址", "通讯", "公司",
                                      "邮寄至", "来信寄至", "寄至", "by ", "by mail", "post", ":", "：", " ", "write to us at ",
                                      "send a letter to ", "mail to", "10 downing street", "北京市", "x"]),
                max_size=25).map("".join))
@example(text="registered address: 1 main street. 通讯地址：北京市 来信寄至：上海 by post: x; write to us at 2 high street")
def test_address_labels_tried_after_their_words_are_those_of_the_whole_search(text):
    from privcheck.detectors import contacts

    assert [m.span() for m in contacts._address_label_matches(text)] == [
        m.span() for m in contacts._ADDR_LABEL_RE.finditer(text)]


@settings(max_examples=600, deadline=None)
@given(text=st.lists(st.sampled_from(["opt", "out", "and", "or", "我的", "设置", "【", "】", "“", "”", "[", "]", "-", "/", "|",
                                      "—", "–", " ", "  ", "\n", "settings", "help", "x1", "->"]), max_size=25).map("".join))
@example(text="opt-out and/or 【我的】-设置 “settings / help” me - [privacy]")
def test_weak_pairs_told_from_the_match_are_those_told_from_its_segments(text):
    """Two parts joined by one weak separator, neither bracketed nor quoted: read from the match as
    from the segments it is split into."""
    from privcheck.detectors import contacts

    for m in contacts._app_path_matches(text):
        sep = m.group("sep")
        if sep not in contacts._WEAK_SEPS:
            continue
        starts = [m.start()] + [m.start() + sm.end() for sm in contacts._separator_re(sep).finditer(m.group())]
        by_segments = (len(starts) < 3 and not any(text[start:start + 1] in contacts._BRACKET_PAIRS for start in starts)
                       and "“" not in text[max(0, m.start() - 1):m.end()])
        assert by_segments == (m.group().count(sep) == 1 and contacts._weak_pair(text, m, m.group(), sep))


_EN_ENTITY_PIECES = ["Example", "Trading", "Sample", "3M", "and", "of", "&", "(UK)", "Co.", "Co.,", "Ltd", "Ltd.", "Limited",
                     "Company", "Inc", "Inc.", "LLC", "L.L.C.", "GmbH", "AG", "S.A.", "Pte", "Pty", "Corp.", "Corporation",
                     "plc", "PLC", "B.V.", " ", "  ", "\t", ", ", ",", "\n", "\n\n", "x", "The", "Ü", "-", "LtdX"]


@settings(max_examples=800, deadline=None)
@given(text=st.lists(st.sampled_from(_EN_ENTITY_PIECES), max_size=30).map("".join))
@example(text="Example Trading Co.,\nLtd. and Sample Pte\n Ltd, The Example (UK) Limited\nSample Co. Limited Inc.")
@example(text="Example Co.,  \n\n  Ltd\nCo. Co.,\nLtd Sample Corp.Inc")
def test_company_names_searched_on_the_lines_of_legal_forms_are_those_of_the_whole_search(text):
    assert [(m.span(), m.groups()) for m in entities._en_entity_matches(text)] == [
        (m.span(), m.groups()) for m in entities._EN_ENTITY.finditer(text)]
