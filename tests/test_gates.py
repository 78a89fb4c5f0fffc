"""Gates: --fail-on, --fail-under and --exit-zero decide exit code 1, apart from what is shown."""

from __future__ import annotations

import pytest

from privcheck.checklist import load_checklist
from privcheck.document.model import Document
from privcheck.engine import check_document
from privcheck.gates import FailOn, FailUnder, GateError, Gates, evaluate
from privcheck.results import Report

from ci_helpers import ABROAD, GOOD, HOUSE, NO_COOKIES, NO_EMAIL, SLOW


def report_for(text: str) -> Report:
    document = Document.from_text(text, "policy.md", "markdown")
    return Report("0", [check_document(document, [load_checklist(HOUSE)])])


def failing_ids(text: str, gates: Gates = Gates()) -> list[str]:
    return [f.item.id if f.item else f"floor:{f.checklist.id}" for f in evaluate(report_for(text), gates).failures]


def test_default_gate_is_a_failed_required_or_triggered_conditional_item():
    assert failing_ids(GOOD) == []
    assert failing_ids(NO_EMAIL) == ["HOUSE-CONTACT"]
    assert failing_ids(ABROAD) == ["HOUSE-ABROAD"]
    assert failing_ids(SLOW) == []  # partial does not fail by default
    assert failing_ids(NO_COOKIES) == []  # recommended does not fail by default


@pytest.mark.parametrize("rule,text,expected", [
    ("partial", SLOW, ["HOUSE-REPLY"]),
    ("partial:required", NO_EMAIL, ["HOUSE-CONTACT"]),
    ("fail:recommended", NO_COOKIES, ["HOUSE-COOKIES"]),
    ("fail:required", NO_COOKIES, []),
    ("none", NO_EMAIL, []),
])
def test_fail_on(rule, text, expected):
    assert failing_ids(text, Gates(fail_on=FailOn.parse(rule))) == expected


@pytest.mark.parametrize("bad", ["pass", "fail:optional", "partial:", "", "fail:required:x"])
def test_fail_on_rejects_what_it_cannot_read(bad):
    with pytest.raises(GateError, match="STATUS"):
        FailOn.parse(bad)


def test_fail_under_score_and_grade():
    # SLOW: HOUSE-REPLY partial: (3 + 1.5 + 1) / 7 = 78.6, grade C.
    report = report_for(SLOW)
    assert report.documents[0].checklists[0].score == 78.6
    assert failing_ids(SLOW, Gates(fail_under=FailUnder.parse("80"))) == ["floor:house"]
    assert failing_ids(SLOW, Gates(fail_under=FailUnder.parse("78"))) == []
    assert failing_ids(SLOW, Gates(fail_under=FailUnder.parse("B"))) == ["floor:house"]
    assert failing_ids(SLOW, Gates(fail_under=FailUnder.parse("c"))) == []
    assert failing_ids(GOOD, Gates(fail_under=FailUnder.parse("A"))) == []


@pytest.mark.parametrize("bad", ["101", "-1", "E", "eighty", "nan"])
def test_fail_under_rejects_what_it_cannot_read(bad):
    with pytest.raises(GateError, match="score from 0 to 100"):
        FailUnder.parse(bad)


def test_cli_fail_on_partial(run, write):
    policy = write("policy.md", SLOW)
    code, _, err = run("check", policy, "-c", HOUSE, "--no-color")
    assert code == 0 and err == ""
    code, out, err = run("check", policy, "-c", HOUSE, "--fail-on", "partial", "--no-color")
    assert code == 1
    assert "HOUSE-REPLY (required) is partial" in err and "gate failed" in err
    assert "PARTIAL" in out  # the report itself is unchanged by the gate


def test_cli_fail_under_and_exit_zero(run, write):
    policy = write("policy.md", SLOW)
    code, _, err = run("check", policy, "-c", HOUSE, "--fail-under", "B")
    assert code == 1 and "under the grade B floor" in err
    code, _, err = run("check", policy, "-c", HOUSE, "--fail-under", "B", "--exit-zero")
    assert code == 0 and "--exit-zero" in err
    code, _, _ = run("check", policy, "-c", HOUSE, "--fail-under", "70")
    assert code == 0


def test_cli_bad_gate_is_exit_2(run, write):
    policy = write("policy.md", GOOD)
    code, out, err = run("check", policy, "-c", HOUSE, "--fail-under", "excellent")
    assert code == 2 and out == "" and "privcheck: error: --fail-under" in err and "Traceback" not in err
    code, _, err = run("check", policy, "-c", HOUSE, "--fail-on", "sometimes")
    assert code == 2 and "--fail-on" in err
