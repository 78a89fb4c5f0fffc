"""One pipeline (privcheck.run): a suppression, a configuration file and a gate give the same
outcome under every command that reports items (check, scan, diff, fix-draft) and from Python."""

from __future__ import annotations

import json

import pytest

from privcheck.run import Pipeline, Settings, check_paths
from privcheck.scan import BatchScan, ScanOptions

from ci_helpers import HOUSE as HOUSE_FILE, SLOW

HOUSE = "house.yaml"  # the CI tests' checklist with a model clause for every item, beside the policy
# HOUSE-CONTACT (required) fails: no email; HOUSE-REPLY (required) is partial: 30 days;
# HOUSE-ABROAD (conditional) is triggered and fails, and the policy suppresses it inline.
POLICY = (SLOW.replace(" at privacy@lanternbooks.cn", " through the help centre")
          + "Some of your data is stored overseas.\n"
          + "<!-- privcheck-disable HOUSE-ABROAD: the overseas copy is an encrypted backup -->\n")
SUPPRESSED = {"HOUSE-CONTACT": "suppressed", "HOUSE-REPLY": "partial", "HOUSE-COOKIES": "pass",
              "HOUSE-ABROAD": "suppressed"}
AUDITED = {**SUPPRESSED, "HOUSE-CONTACT": "fail", "HOUSE-ABROAD": "fail"}  # with --no-suppressions


def setup(folder, fail_on: str) -> None:
    """The policy, the checklist and a configuration (with `fail-on`) in `folder`, the working directory."""
    checklist = open(HOUSE_FILE, encoding="utf-8").read()
    for number, clause in ((2, "We reply within [15 working days]."), (3, "We use [cookies]."),
                           (4, "We sign the [standard contract].")):
        checklist = checklist.replace(f"    reference: House rule {number}\n",
                                      f"    reference: House rule {number}\n    remediation: {{en: \"{clause}\"}}\n")
    (folder / HOUSE).write_text(checklist, encoding="utf-8")
    (folder / "policy.md").write_text(POLICY, encoding="utf-8")
    (folder / ".privcheck.yaml").write_text(config(fail_on), encoding="utf-8")


def config(fail_on: str) -> str:
    return (f"checklists: ['{HOUSE}']\n"
            f"fail-on: {fail_on}\n"
            "ignore:\n"
            "  - id: HOUSE-CONTACT\n"
            "    reason: the help centre form is our contact point\n")


def outcomes(run, tmp_path, *extra: str) -> dict[str, tuple[int | None, dict[str, str]]]:
    """(exit code, item statuses) of the policy under each command; None where the command has no gate."""
    out: dict[str, tuple[int | None, dict[str, str]]] = {}
    code, stdout, stderr = run("check", "policy.md", "-f", "json", *extra)
    assert code in (0, 1), stderr
    report = json.loads(stdout)
    out["check"] = (code, {i["id"]: i["status"] for i in report["documents"][0]["checklists"][0]["items"]})

    code, stdout, stderr = run("scan", "policy.md", "-j", "1", "--no-progress", "-o", "records.jsonl", *extra)
    assert code in (0, 1), stderr
    record = json.loads((tmp_path / "records.jsonl").read_text(encoding="utf-8"))
    assert record["status"] == "ok"
    out["scan"] = (code, {i["id"]: i["status"] for i in record["checklists"][0]["items"]})

    code, stdout, stderr = run("diff", "policy.md", "policy.md", "--all", "-f", "json", *extra)
    assert code == 0, stderr  # nothing regressed: diff's gate is a regression, whatever the statuses
    compared = json.loads(stdout)
    out["diff"] = (None, {i["id"]: i["new_status"] for i in compared["checklists"][0]["items"]})

    code, stdout, stderr = run("fix-draft", "policy.md", *extra)
    assert code == 0, stderr
    drafted = {line.split(":")[0].removeprefix("## ") for line in stdout.splitlines() if line.startswith("## ")}
    out["fix-draft"] = (None, {i: ("drafted" if i in drafted else "not drafted") for i in SUPPRESSED})
    return out


def drafts(statuses: dict[str, str]) -> dict[str, str]:
    return {i: "drafted" if s in ("fail", "partial") else "not drafted" for i, s in statuses.items()}


@pytest.mark.parametrize(("fail_on", "extra", "statuses", "gate"), [
    ("fail:required", (), SUPPRESSED, 0),  # both failures suppressed: the gate passes
    ("partial:recommended", (), SUPPRESSED, 1),  # the configuration's gate catches the partial one
    ("fail:required", ("--no-suppressions",), AUDITED, 1),
])
def test_every_command_reports_the_same_outcome(run, tmp_path, monkeypatch, fail_on, extra, statuses, gate):
    monkeypatch.chdir(tmp_path)
    setup(tmp_path, fail_on)
    found = outcomes(run, tmp_path, *extra)
    assert found["check"] == (gate, statuses)
    assert found["scan"] == (gate, statuses)
    assert found["diff"] == (None, statuses)
    assert found["fix-draft"] == (None, drafts(statuses))


def test_isolated_ignores_the_configuration_everywhere(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    setup(tmp_path, "partial:recommended")
    found = outcomes(run, tmp_path, "--isolated", "-c", HOUSE)
    statuses = {**SUPPRESSED, "HOUSE-CONTACT": "fail"}  # the inline suppression still applies
    assert found["check"] == found["scan"] == (1, statuses)  # the default gate: a required item fails
    assert found["diff"] == (None, statuses)
    assert found["fix-draft"] == (None, drafts(statuses))


def test_the_library_entry_point_and_a_scan_agree(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    setup(tmp_path, "partial:recommended")
    result = check_paths(["policy.md"])
    items = {i.id: i.status.value for i in result.report.documents[0].checklists[0].items}
    assert items == SUPPRESSED
    assert not result.outcome.passed and [f.item.id for f in result.outcome.failures if f.item] == ["HOUSE-REPLY"]
    pipeline = Pipeline(Settings())
    options = ScanOptions(checklists=tuple(pipeline.references), suppressions=tuple(pipeline.suppressions.from_config),
                          gates=pipeline.gates)
    with BatchScan(options, jobs=2) as batch:
        (record,) = list(batch.run(["policy.md"]))
    assert {i["id"]: i["status"] for i in record["checklists"][0]["items"]} == items
    assert record.gate_failures == len(result.outcome.failures) == 1  # survives the trip from a worker process


def test_a_scan_honours_a_suppression_written_in_the_policy(tmp_path):
    policy = tmp_path / "policy.md"
    policy.write_text(POLICY, encoding="utf-8")
    with BatchScan(ScanOptions(checklists=(HOUSE_FILE,)), jobs=1) as batch:
        (record,) = list(batch.run([str(policy)]))
    item = next(i for i in record["checklists"][0]["items"] if i["id"] == "HOUSE-ABROAD")
    assert item["status"] == "suppressed" and item["suppression_reason"] == "the overseas copy is an encrypted backup"
    with BatchScan(ScanOptions(checklists=(HOUSE_FILE,), suppress=False), jobs=1) as batch:
        (record,) = list(batch.run([str(policy)]))
    assert next(i for i in record["checklists"][0]["items"] if i["id"] == "HOUSE-ABROAD")["status"] == "fail"
