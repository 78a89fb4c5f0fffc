"""Hard-wrapped plain-text policies: wrapped lines join into sentences, positions stay the file's."""

from __future__ import annotations

import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from privcheck.checklist import load_checklist
from privcheck.document import load_bytes
from privcheck.document.plaintext import wrapped_breaks
from privcheck.engine import check_document

ENGLISH = (
    "We collect your name, email address and order history when you create an account and buy from "
    "us. You may withdraw your consent at any time by changing your settings or by writing to us; "
    "withdrawing consent does not affect processing carried out before. We keep order records for "
    "five years to meet our tax obligations and delete account data within thirty days after you "
    "close the account. If you have a question about this policy or want to exercise your rights, "
    "write to privacy@example.com and we will answer within fifteen working days."
)
CHINESE = (
    "我们非常重视您的个人信息保护。本政策说明我们如何收集、使用和保护您的个人信息，以及您享有的权利。"
    "您可以随时撤回同意，撤回同意不影响撤回前基于同意已进行的个人信息处理活动。我们会采取加密、访问控制"
    "等安全措施保护您的个人信息，防止信息泄露、损毁或丢失。如您对本政策有任何疑问，可以发送邮件至"
    "privacy@example.com与我们联系，我们将在十五个工作日内回复。"
)


def wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width)) + "\n"


def test_wrapped_english_lines_join_into_sentences() -> None:
    source = "Privacy Policy\n\n" + wrap(ENGLISH, 72) + "\n1. Account data\n2. Order data\n"
    document = load_bytes(source.encode(), "policy.txt")
    assert "You may withdraw your consent at any time by changing your settings" in document.text
    assert "\n1. Account data\n2. Order data\n" in document.text  # list items keep their lines
    assert document.text.startswith("Privacy Policy\n\n")  # a heading is not joined to the paragraph
    # Evidence positions are the file's own lines and columns.
    offset = document.text.index("privacy@example.com")
    line = source.count("\n", 0, source.index("privacy@example.com")) + 1
    column = source.index("privacy@example.com") - source.rfind("\n", 0, source.index("privacy@example.com"))
    position = document.positions.locate(offset)
    assert (position.line, position.column) == (line, column)


def test_wrapped_chinese_lines_join_without_a_space() -> None:
    source = wrap(CHINESE, 30) + "\n一、我们如何收集信息\n1. 账号信息\n2. 设备信息\n"
    document = load_bytes(source.encode("gbk"), "policy.txt")
    for sentence in CHINESE.split("。"):
        assert sentence in document.text
    assert "一、我们如何收集信息\n1. 账号信息\n2. 设备信息" in document.text


def test_one_paragraph_per_line_is_left_as_it_is() -> None:
    source = "Privacy Policy\n" + "\n".join([ENGLISH] * 4) + "\nContact\nprivacy@example.com\n"
    document = load_bytes(source.encode(), "policy.txt")
    assert document.text == source
    assert wrapped_breaks(source) == []


def test_a_file_wrapped_in_part_is_still_unwrapped() -> None:
    # Paragraphs wrapped at 72 columns, and between them short ones left on one line of 90-150.
    short = [sentence.strip() + "." for sentence in ENGLISH.split(".") if 90 <= len(sentence.strip()) < 150]
    assert len(short) >= 2
    source = "\n".join(wrap(ENGLISH, 72) + "\n".join(short) for _ in range(3)) + "\n"
    assert sum(len(line) > 72 for line in source.splitlines()) > 0.15 * len(source.splitlines())
    document = load_bytes(source.encode(), "policy.txt")
    assert document.text.count("You may withdraw your consent at any time by changing your settings") >= 3


def test_short_lines_that_are_not_wrapped_stay_apart() -> None:
    lines = ["Contact us", "Email: privacy@example.com", "Phone: +44 20 7946 0958", "Post: 1 Main Street",
             "Hours: 9 to 5", "Reply: within a month"]
    source = "\n".join(lines) + "\n"
    assert load_bytes(source.encode(), "contacts.txt").text == source
    # The same labelled lines inside a wrapped policy keep their own lines too.
    wrapped = wrap(ENGLISH, 72) + "\n".join(line + " (our main channel for privacy questions)" for line in lines) + "\n"
    text = load_bytes(wrapped.encode(), "policy.txt").text
    assert "\nEmail: privacy@example.com" in text and "\nPhone: +44" in text


def test_crlf_wrapped_text() -> None:
    source = wrap(ENGLISH, 64).replace("\n", "\r\n")
    document = load_bytes(source.encode(), "policy.txt")
    assert "at any time by changing your settings or by writing to us" in " ".join(document.text.split())


@pytest.mark.parametrize("width", [60, 72, 80])
def test_a_wrapped_policy_gets_the_statuses_of_the_unwrapped_one(width: int) -> None:
    checklists = [load_checklist("pipl"), load_checklist("gdpr")]
    paragraphs = [ENGLISH, CHINESE]
    plain = "\n\n".join(paragraphs) + "\n"
    wrapped = "\n\n".join(wrap(p, width if p is ENGLISH else width // 2).rstrip("\n") for p in paragraphs) + "\n"

    def statuses(text: str) -> dict[str, str]:
        report = check_document(load_bytes(text.encode(), "policy.txt"), checklists)
        return {item.id: item.status.value for result in report.checklists for item in result.items}

    assert statuses(wrapped) == statuses(plain)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet="ab 我们。.,\r", min_size=0, max_size=90), min_size=1, max_size=30))
def test_every_offset_of_an_unwrapped_text_maps_inside_the_file(lines: list[str]) -> None:
    source = "\n".join(lines)
    if not source.strip():
        return
    document = load_bytes(source.encode(), "policy.txt")
    line_count = source.count("\n") + 1
    for offset in range(0, len(document.text), 7):
        position = document.positions.locate(offset)
        assert 1 <= position.line <= line_count
