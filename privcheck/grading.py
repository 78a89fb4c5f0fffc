"""Scores and grades.

Score: 100 × Σ(weight × credit) / Σ(weight) over the items that apply (not `not_applicable`,
not `suppressed`), with credit 1 for pass, 0.5 for partial and 0 for fail. Grade: the highest of A,
B, C, D whose floor the score reaches (defaults 90/80/70/60), else F. While any required item (or
triggered conditional item) fails, the grade is at most the checklist's `cap_on_required_fail`
(default C), so a missing required disclosure is never hidden by many passed recommended ones.
"""

from __future__ import annotations

from privcheck.checklist.specs import GradingSpec
from privcheck.results import ChecklistResult, ItemResult, Status

CREDIT = {Status.PASS: 1.0, Status.PARTIAL: 0.5, Status.FAIL: 0.0}
GRADE_ORDER = ["A", "B", "C", "D", "F"]


def score_items(items: list[ItemResult]) -> float:
    applicable = [i for i in items if i.status in CREDIT]
    total = sum(i.weight for i in applicable)
    if total == 0:
        return 100.0
    earned = sum(i.weight * CREDIT[i.status] for i in applicable)
    return round(100.0 * earned / total, 1)


def score_grade(score: float, grading: GradingSpec) -> str:
    """The grade the score alone earns, before any cap."""
    for name in ("A", "B", "C", "D"):
        floor = grading.grades.get(name)
        if floor is not None and score >= floor:
            return name
    return "F"


def grade_for(score: float, items: list[ItemResult], grading: GradingSpec) -> str:
    grade = score_grade(score, grading)
    if any(i.gates for i in items):
        cap = grading.cap_on_required_fail
        if GRADE_ORDER.index(grade) < GRADE_ORDER.index(cap):
            grade = cap
    return grade


def grade_cap_note(checklist: ChecklistResult) -> str | None:
    """'grade capped at C: a required item failed (the score alone earns B)', when it was."""
    if not checklist.grade_capped:
        return None
    return (f"grade capped at {checklist.grade}: a required item failed "
            f"(the score alone earns {checklist.score_grade})")
