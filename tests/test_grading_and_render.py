"""Scores, grades, and the two core renderers."""

from __future__ import annotations

import json

from privcheck.checklist.schema import Grading
from privcheck.grading import grade_for, score_items
from privcheck.render import get_renderer
from privcheck.results import ChecklistResult, DocumentResult, Evidence, ItemResult, Report, Status


def item(status: str, severity: str = "required", weight: float = 3.0, **extra) -> ItemResult:
    return ItemResult(id=extra.pop("id", f"X-{status}"), title="T", severity=severity, status=Status(status),
                      found=status in ("pass", "partial"), reference=extra.pop("reference", "Art 1"), message="m",
                      weight=weight, **extra)


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
    assert "FAIL" in text and "PIPL-MINORS" in text
    assert "Fix: Say how under-14s are protected." in text
    assert "Grade" in text and "C" in text
    assert max(len(line) for line in text.splitlines()) <= 60
    # By default what needs work is listed; passes and not-applicable items are summed up in one line.
    assert "PIPL-CONTACT" not in text and "PIPL-CROSS-BORDER" not in text
    assert "1 passed and 1 not applicable: not listed (--show passes" in " ".join(text.split("\n"))


def test_text_report_verbose_shows_every_item():
    text = get_renderer("text", color=False, width=100, verbose=True).render(report())
    assert "PIPL-CROSS-BORDER" in text and "N/A" in text
    assert "PASS       PIPL-CONTACT" in text and "line 3: “privacy@shop.cn”" in text
    assert "not listed" not in text


def _long_ids_report() -> Report:
    ids = ["PIPL-CONSEQUENCES-OF-REFUSAL", "PIPL-CN-REPRESENTATIVE", "GDPR-EU-REPRESENTATIVE-CONTACT"]
    items = [item(status, id=item_id, remediation={"en": "Write it down. " * 12},
                  reference="PIPL Art 16; GB/T 35273-2020 §5.5 a)6); CAC Provisions on Children's Personal Information Art 10")
             for item_id, status in zip(ids, ("fail", "partial", "pass"))]
    checklist = ChecklistResult("pipl", "PIPL", "1", score_items(items), "C", items)
    return Report("0.1.0", [DocumentResult("policy.txt", "en", "text", [checklist])])


def test_ids_are_never_cut_at_width_60():
    for verbose in (False, True):
        text = get_renderer("text", color=False, width=60, verbose=verbose).render(_long_ids_report())
        assert max(len(line) for line in text.splitlines()) <= 60
        for item_id in ("PIPL-CONSEQUENCES-OF-REFUSAL", "PIPL-CN-REPRESENTATIVE"):
            assert item_id in text.split(), (item_id, text)
        assert ("GDPR-EU-REPRESENTATIVE-CONTACT" in text.split()) is verbose
        # A reference that does not fit is cut between references, never inside one.
        assert "Art 1…" not in text and "§5…" not in text


def test_grade_cap_is_explained_in_the_header():
    items = [item("fail", id="PIPL-CONTACT")] + [item("pass", "recommended", 1.0, id=f"PIPL-X{n}") for n in range(60)]
    checklist = ChecklistResult("pipl", "PIPL", "1", score_items(items), "C", items, score_grade="B")
    assert checklist.grade_capped
    text = get_renderer("text", color=False, width=100).render(Report("0.1.0", [DocumentResult("p.txt", "en", "text", [checklist])]))
    assert "grade capped at C: a required item failed (the score alone earns B)" in text
    uncapped = ChecklistResult("pipl", "PIPL", "1", 75.0, "C", items, score_grade="C")
    text = get_renderer("text", color=False, width=100).render(Report("0.1.0", [DocumentResult("p.txt", "en", "text", [uncapped])]))
    assert "capped" not in text


def test_text_report_with_colour_has_codes():
    assert "\x1b[" in get_renderer("text", color=True, width=100).render(report())


def test_json_report_contract():
    data = json.loads(get_renderer("json").render(report()))
    item0 = data["documents"][0]["checklists"][0]["items"][0]
    assert item0["evidence"] == [{"line": 3, "column": 5, "end_line": 3, "end_column": 22, "text": "privacy@shop.cn"}]
    assert data["documents"][0]["checklists"][0]["counts"]["not_applicable"] == 1


def _one_fix_report(language: str) -> Report:
    fix = {"en": "Say how under-14s are protected.", "zh": "我们对不满十四周岁的未成年人的个人信息采取专门保护措施，并取得其监护人的同意。"}
    items = [item("fail", id="PIPL-MINORS", remediation=fix)]
    checklist = ChecklistResult("pipl", "PIPL", "1", score_items(items), "F", items)
    return Report("0.1.0", [DocumentResult("policy.txt", language, "text", [checklist])])


def _cells(text: str) -> str:
    """The table's text with borders and line breaks removed (a cell's lines joined)."""
    return "".join(part.strip() for line in text.splitlines() for part in line.split("│"))


def test_the_fix_is_given_in_the_policy_language_and_chinese_is_not_cut() -> None:
    chinese = get_renderer("text", color=False, width=70).render(_one_fix_report("zh"))
    assert "我们对不满十四周岁的未成年人的个人信息采取专门保护措施，并取得其监护人的同意。" in _cells(chinese)
    english = get_renderer("text", color=False, width=70).render(_one_fix_report("en"))
    assert "Sayhowunder-14sareprotected." in _cells(english).replace(" ", "") and "监护人" not in english
    for fmt in ("markdown", "github", "junit"):
        assert "监护人的同意" in get_renderer(fmt).render(_one_fix_report("zh")), fmt
