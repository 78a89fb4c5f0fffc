"""Which list a paragraph belongs to: the lead-in of its list, and where a list ends."""

from __future__ import annotations

import unicodedata

import pytest

from privcheck.document.model import Document
from privcheck.matchers import TextView

POLICY = (
    "3.5 我们如何保存和保护您的信息\n"
    "我们通过以下措施保护您的信息：\n"
    "3.5.1 数据安全技术措施。我们使用加密技术。\n"
    "3.5.2 其他安全措施。我们建立了数据分类分级制度。\n"
    "四、如何管理您的信息\n"
    "4.1 信息查询。您可以在设置中查询您的信息。\n"
    "您享有以下权利：\n"
    "一、访问权\n"
    "二、更正权\n"
)


def lead_in_of(text: str, paragraph: str) -> str | None:
    """The lead-in, as the matchers read it (normalised: "：" is ":", lower case)."""
    view = TextView(Document.from_text(text))
    found = view.list_item_lead_in(view.text.index(normal(paragraph)))
    return view.text[slice(*found)].strip() if found else None


def normal(text: str | None) -> str | None:
    return unicodedata.normalize("NFKC", text).casefold() if text else text


@pytest.mark.parametrize("paragraph, lead_in", [
    ("3.5.2 其他安全措施", "我们通过以下措施保护您的信息："),
    # A heading marked in another way ends the list: 4.1 is in section 四, not in 3.5's list.
    ("4.1 信息查询", None),
    # Items marked alike stay in one list, short as they are.
    ("二、更正权", "您享有以下权利："),
])
def test_a_heading_marked_in_another_way_ends_a_list(paragraph, lead_in):
    assert lead_in_of(POLICY, paragraph) == normal(lead_in)


def test_an_english_section_heading_ends_a_bulleted_list():
    text = ("We will use your data as follows:\n• to deliver orders;\n• to answer questions;\n"
            "3. Your rights\n• You may ask for a copy of your data.\n")
    assert lead_in_of(text, "• to answer") == normal("We will use your data as follows:")
    assert lead_in_of(text, "• You may ask") is None


def test_a_heading_that_asks_a_question_ends_a_list_of_unmarked_lines():
    text = ("We rely on several legal bases, including:\n"
            "4. When do we collect your data?\n"
            "When you open an account.\n"
            "When you place an order.\n")
    assert lead_in_of(text, "When you place") is None
    assert lead_in_of(text.replace("4. When do we collect your data?\n", ""), "When you place") == \
        normal("We rely on several legal bases, including:")
