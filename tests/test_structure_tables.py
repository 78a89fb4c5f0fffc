"""Headings and list lead-ins read from the per-document tables of lines as the walk up the lines read them."""

from __future__ import annotations

from privcheck.document.model import Document
from privcheck.matchers import TextView
from privcheck.matchers.base import HEADING_REACH, LIST_LINES, _is_heading, _list_item


def view_of(*lines: str) -> TextView:
    return TextView(Document.from_text("\n".join(lines) + "\n"))


def test_the_nearest_heading_within_reach_is_the_heading():
    view = view_of("Your rights", *["You may ask us for a copy of your data."] * (HEADING_REACH - 1), "Access.")
    assert view.heading(view.text.index("access.")).split("\n")[1] == "your rights"
    too_far = view_of("Your rights", *["You may ask us for a copy of your data."] * HEADING_REACH, "Access.")
    assert too_far.heading(too_far.text.index("access.")).split("\n")[1] == ""


def test_a_lead_in_within_reach_and_not_past_a_long_paragraph():
    view = view_of("You have the right to:", *["- access your data;"] * (LIST_LINES - 1), "- erase it.")
    assert view.text[slice(*view.list_lead_in(view.text.index("- erase")))].strip() == "you have the right to:"
    too_far = view_of("You have the right to:", *["- access your data;"] * LIST_LINES, "- erase it.")
    assert too_far.list_lead_in(too_far.text.index("- erase")) is None
    prose = "We keep your data for as long as the law asks us to keep it. " * 15
    blocked = view_of("You have the right to:", prose, "- erase it.")
    assert blocked.list_lead_in(blocked.text.index("- erase")) is None
    assert blocked.list_lead_in(blocked.text.index("- erase"), item_longest=2000) is not None


def test_line_ends_are_read_at_the_end_of_the_line():
    assert _list_item("we share it with our partners and \t")
    assert not _list_item("we share it with our partners who keep it on their own servers in the cloud " * 6 + "band")
    assert _list_item("restrict processing", tight=True)
    assert not _list_item("restrict processing.  ", tight=True)
    assert _is_heading("  5. what data do we collect?  \n")
    assert not _is_heading("we collect your name, \n")


GRANTING = (
    "if you would like to review your data, you may request a copy; users of the app can ask us to delete it. "
    "we allow you, as a parent, to access it. 您有权查阅您的个人信息，如您需要更正，可以要求我们更正。"
)


def test_grants_are_tried_where_they_can_start_and_found_as_a_search_finds_them():
    from privcheck.matchers.right import _GRANT_BEFORE, _grant_spans

    for lo in range(0, len(GRANTING), 7):
        for hi in (lo + 40, lo + 120, len(GRANTING)):
            spans = [m.span() for m in _GRANT_BEFORE.finditer(GRANTING, lo, hi)]
            assert list(zip(*_grant_spans(GRANTING, lo, hi))) == spans
    assert len(_grant_spans(GRANTING, 0, len(GRANTING))[0]) >= 6
