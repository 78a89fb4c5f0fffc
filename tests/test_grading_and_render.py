"""Scores, grades, and the two core renderers."""

from __future__ import annotations

import json

from privcheck.checklist.schema import Grading
from privcheck.grading import grade_for, score_items
from privcheck.render import get_renderer
from privcheck.results import ChecklistResult, DocumentResult, Evidence, ItemResult, Report, Status


def item(status: str, severity: str = "required", weight: float = 3.0, **extra) -> ItemResult:
    return ItemResult(id=extra.pop("id", f"X-{status}"), title="T", severity=severity, status=Status(status),
                      found=status in ("pass", "partial"), reference="Art 1", message="m", weight=weight, **extra)


def test_score_is_weighted_credit_over_applicable_items():
    items = [item("pass"), item("partial"), item("fail", "recommended", 1.0), item("not_applicable", "conditional")]
    assert score_items(items) == round(100 * (3 + 1.5) / 7, 1)


def test_all_not_applicable_scores_100():
    assert score_items([item("not_applicable", "conditional")]) == 100.0


def test_grade_bands_and_required_cap():
    grading = Grading()
    passing = [item("pass")] * 9
    assert grade_for(95.0, passing, grading) == "A"
    assert grade_for(85.0, passing, grading) == "B"
    assert grade_for(55.0, passing, grading) == "F"
    # Many passed recommended items cannot hide a failed required one.
    mixed = [item("fail")] + [item("pass", "recommended", 1.0)] * 50
    assert grade_for(score_items(mixed), mixed, grading) == "C"


def report() -> Report:
    items = [
        item("pass", id="PIPL-CONTACT", evidence=[Evidence(3, 5, 3, 22, "privacy@shop.cn")]),
        item("fail", id="PIPL-MINORS", remediation={"en": "Say how under-14s are protected."}),
        item("not_applicable", "conditional", id="PIPL-CROSS-BORDER", triggered=False),
    ]
    checklist = ChecklistResult("pipl", "PIPL", "1", score_items(items), "C", items)
    return Report("0.1.0", [DocumentResult("policy.txt", "zh", "text", [checklist])])


def test_text_report_without_colour_in_a_narrow_terminal():
    text = get_renderer("text", color=False, width=60).render(report())
    assert "\x1b[" not in text
    assert "PASS" in text and "FAIL" in text and "PIPL-MINORS" in text
    assert "Fix: Say how under-14s are protected." in text.replace("\n", " ").replace("│", " ").replace("  ", " ") or "Fix:" in text
    assert "Grade" in text and "C" in text
    assert max(len(line) for line in text.splitlines()) <= 60
    assert "PIPL-CROSS-BORDER" not in text and "not-applicable item(s) hidden" in text


def test_text_report_verbose_shows_not_applicable():
    text = get_renderer("text", color=False, width=100, verbose=True).render(report())
    assert "PIPL-CROSS-BORDER" in text and "N/A" in text


def test_text_report_with_colour_has_codes():
    assert "\x1b[" in get_renderer("text", color=True, width=100).render(report())


def test_json_report_contract():
    data = json.loads(get_renderer("json").render(report()))
    item0 = data["documents"][0]["checklists"][0]["items"][0]
    assert item0["evidence"] == [{"line": 3, "column": 5, "end_line": 3, "end_column": 22, "text": "privacy@shop.cn"}]
    assert data["documents"][0]["checklists"][0]["counts"]["not_applicable"] == 1
