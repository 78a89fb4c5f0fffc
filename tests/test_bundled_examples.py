"""Every item of every bundled checklist carries examples, and they all behave."""

from __future__ import annotations

import pytest

from privcheck.checklist import bundled_ids, load_checklist
from privcheck.checklist.selftest import run_examples

CHECKLISTS = bundled_ids()


@pytest.mark.parametrize("checklist_id", CHECKLISTS)
def test_every_item_has_two_pass_and_two_fail_examples_and_a_remediation(checklist_id):
    checklist = load_checklist(checklist_id)
    for item in checklist.items:
        spec = item.spec
        assert len(spec.examples.pass_) >= 2, f"{spec.id}: needs two passing examples"
        assert len(spec.examples.fail) >= 2, f"{spec.id}: needs two failing examples"
        assert spec.remediation.en and spec.remediation.zh, f"{spec.id}: needs remediation in English and Chinese"
        assert spec.reference.strip(), f"{spec.id}: needs a legal reference"


@pytest.mark.parametrize("checklist_id", CHECKLISTS)
def test_every_example_gives_the_expected_result(checklist_id):
    failures = [r for r in run_examples(load_checklist(checklist_id)) if not r.ok]
    assert not failures, "\n".join(f"{r.item_id}: expected {r.expected}, got {r.status.value}: {r.sentence}" for r in failures)


def test_bundled_checklists_are_there():
    assert {"pipl", "gdpr"} <= set(CHECKLISTS)
