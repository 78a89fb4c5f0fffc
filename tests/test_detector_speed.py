"""The contact, duration and age detectors do no work a result does not need (their results are
pinned by tests/test_contacts.py, tests/test_durations.py and the checklists' examples)."""

from __future__ import annotations

import re
import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SAMPLES
from privcheck.detectors import contacts, durations
from privcheck.detectors.contacts import ChannelKind, find_contact_channels
from privcheck.document.model import Document
from privcheck.matchers import age


def _loaded_after(code: str) -> set[str]:
    """The validator modules loaded once `code` has run in a fresh interpreter."""
    done = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys\nprint(' '.join(m for m in ('phonenumbers', 'email_validator') if m in sys.modules))"],
        capture_output=True, text=True, check=True,
    )
    return set(done.stdout.split())


def test_the_validators_are_imported_only_for_a_candidate():
    setup = "from privcheck.detectors.contacts import find_contact_channels as find\n"
    assert _loaded_after(setup + "find('we keep your data safe. 我们保护你的信息。')") == set()
    assert _loaded_after(setup + "find('write to privacy@shop.de')") == {"email_validator"}
    assert _loaded_after(setup + "find('call 010-62345678')") == {"phonenumbers"}


def test_channels_found_after_the_validators_load_lazily():
    text = "email privacy@shop.de or call 010-62345678 (设置 > 隐私 > 联系我们)"
    kinds = [c.kind for c in find_contact_channels(text)]
    assert ChannelKind.EMAIL in kinds and ChannelKind.PHONE in kinds


LABEL_PIECES = ["地址", "通讯", "注册", "公司", "address", "postal ", "registered ", "mailing ", "write to us", " at",
                "mail to", "send ", "a ", "your ", "letter", "correspondence", " to", ":", "：", " ", "为", "是", "邮寄至",
                "来信寄至", "信函至", "寄至", "ip ", "email ", "e-", "web ", "x", "1号", "\n", "is", "收货", "家庭"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(LABEL_PIECES), max_size=25).map("".join))
def test_address_labels_found_from_their_words_in_lower_case_text_are_those_of_the_full_search(text):
    fast = [(m.span(), m.groups()) for m in contacts._address_label_matches(text)]
    assert fast == [(m.span(), m.groups()) for m in contacts._ADDR_LABEL_RE.finditer(text)]


def test_address_labels_in_the_samples_are_those_of_the_full_search():
    for sample in sorted(SAMPLES.glob("*.txt")):
        text = Document.from_text(sample.read_text(encoding="utf-8")).normalized.text
        fast = [(m.span(), m.groups()) for m in contacts._address_label_matches(text)]
        assert fast == [(m.span(), m.groups()) for m in contacts._ADDR_LABEL_RE.finditer(text)], sample.name


def test_every_character_a_to_z_matches_under_ignore_case_is_one_that_sends_a_text_to_the_full_search():
    others = {chr(c) for c in range(0x110000) if re.fullmatch("[a-z]", chr(c), re.I) and not "a" <= chr(c) <= "z"}
    assert all(contacts._CASED_OTHER_RE.fullmatch(c) for c in others)


def _usual_cn_numerals() -> list[str]:
    """Every numeral of the tens and hundreds in the usual forms, and some beside them."""
    digits, ones = "一二两三四五六七八九", "一二三四五六七八九"
    numerals = [a + "十" + b for a in ["", *digits] for b in ["", *ones]]
    for h in digits:
        numerals += [h + "百", *(h + "百零" + o for o in ones)]
        numerals += [h + "百" + t + "十" + o for t in digits for o in ["", *ones]]
    return numerals + ["十两", "十十", "零十", "十零", "一百零", "一百十", "一百五", "一零五", "二〇", "百", "九百九十九"]


def test_usual_chinese_numerals_are_read_as_cn2an_reads_them():
    import cn2an

    def by_cn2an(numeral: str) -> float | None:
        try:
            return float(cn2an.cn2an(numeral, "normal"))
        except Exception:  # noqa: BLE001 - cn2an raises several kinds on numerals it cannot read
            return None

    for numeral in _usual_cn_numerals():
        value = durations._plain_cn_numeral_value(numeral)
        assert value is None or value == by_cn2an(numeral), numeral
        if "十" in numeral or "百" in numeral:  # the numerals that were read by cn2an alone
            expected = by_cn2an("一" + numeral if numeral.startswith("百") else numeral)
            assert durations._cn_numeral_value.__wrapped__(numeral) == expected, numeral


def imports_cn2an(code: str) -> bool:
    """Whether running `code` in a fresh interpreter imports cn2an."""
    done = subprocess.run([sys.executable, "-c", code + "\nimport sys\nprint('cn2an' in sys.modules)"],
                          capture_output=True, text=True, check=True)
    return done.stdout.strip() == "True"


def test_a_usual_chinese_period_does_not_import_cn2an():
    assert not imports_cn2an("from privcheck.detectors.durations import find_durations\n"
                             "assert [d.value for d in find_durations('我们将在十五个工作日内答复,保存三十天,最长两百天')] == [15, 30, 200]")


def test_every_numeral_an_age_can_hold_is_read_as_cn2an_reads_it():
    import itertools

    import cn2an

    def by_cn2an(numeral: str) -> int | None:
        try:
            return int(cn2an.cn2an(numeral, "smart"))
        except (ValueError, KeyError, TypeError):
            return None

    for length in (1, 2, 3):
        for characters in itertools.product("一二三四五六七八九十", repeat=length):
            numeral = "".join(characters)
            assert age._value(numeral) == by_cn2an(numeral), numeral


def test_a_usual_chinese_age_does_not_import_cn2an():
    assert not imports_cn2an("from privcheck.matchers.age import find_ages\n"
                             "assert [a[0] for a in find_ages('不满十四周岁的未成年人,十八岁以下')] == [14, 18]")
