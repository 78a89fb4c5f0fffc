"""The command line as a user meets it: exit codes, stdout, stderr, files."""

from __future__ import annotations

import json
import os

import pytest

from privcheck import __version__

from conftest import SAMPLES

COMPLIANT = (
    "Privacy Policy of ShopCo Ltd.\n"
    "Contact us at privacy@shopco.cn or call 400-820-1234.\n"
    "We will reply to your request within 15 working days.\n"
    "If you are a child under 14, you need your guardian's consent and must read our Children's Personal Information Protection Rules.\n"
    "We do not transfer your personal information outside of the People's Republic of China.\n"
    "This app is operated by ShopCo Network Technology Co., Ltd.\n"
    "We collect your phone number and delivery address in order to deliver your orders.\n"
    "We retain order records for 3 years and delete or anonymize them after that period expires.\n"
    "You may access your personal information and request a copy, correct inaccurate personal information and request deletion of your personal information.\n"
    "To exercise these rights, go to Settings > Privacy in the app; we may need to verify your identity first.\n"
    "You may withdraw your consent at any time.\n"
    "You can apply to cancel your account under Settings > Account, and we will complete the cancellation within 15 working days.\n"
    "Complaints can be submitted through our complaint channel, and we will handle them within 15 working days.\n"
    "We use TLS encryption and strict access controls.\n"
    "We will notify you of material changes to this policy by email.\n"
)


def test_version(run):
    code, out, _ = run("--version")
    assert code == 0 and out.strip() == f"privcheck {__version__}"


def test_compliant_policy_exits_0(run, write):
    code, out, err = run("check", write("p.txt", COMPLIANT), "-c", "pipl", "--no-color")
    assert code == 0, out + err
    assert "No required item failed" in out and err == ""


def test_failing_policy_exits_1_and_names_the_item(run, write):
    code, out, _ = run("check", write("p.txt", COMPLIANT.replace("privacy@shopco.cn or call 400-820-1234", "customer service")), "-c", "pipl")
    assert code == 1
    assert "PIPL-CONTACT" in out and "FAIL" in out


def test_exit_zero(run, write):
    code, _, _ = run("check", write("p.txt", "We care about privacy."), "-c", "pipl", "--exit-zero")
    assert code == 0


def test_json_is_the_only_thing_on_stdout(run):
    code, out, _ = run("check", str(SAMPLES / "taobao-2024.txt"), "-c", "pipl", "-c", "gdpr", "--format", "json")
    assert code in (0, 1)
    report = json.loads(out)
    assert report["schema_version"] == 2 and report["tool"] == {"name": "privcheck", "version": __version__}
    document = report["documents"][0]
    assert document["path"].endswith("taobao-2024.txt") and document["language"] == "en"
    assert [c["id"] for c in document["checklists"]] == ["pipl", "gdpr"]
    item = next(i for i in document["checklists"][0]["items"] if i["id"] == "PIPL-RESPONSE-TIME")
    assert {"id", "severity", "status", "found", "message", "evidence"} <= set(item)
    # What is the same for every document is in the top-level section, by checklist and item ID.
    assert "title" not in item and "reference" not in item and "remediation" not in item
    static = report["checklists"]["pipl"]["items"]["PIPL-RESPONSE-TIME"]
    assert static["title"] == "Commitment to answer requests within 15 working days"
    assert static["reference"] and static["remediation"]["zh"] and static["severity"] == "required"
    assert report["checklists"]["gdpr"]["title"] and report["checklists"]["pipl"]["version"]
    assert item["status"] == "pass" and item["found"] is True
    assert {"line", "column", "end_line", "end_column", "text"} <= set(item["evidence"][0])
    for checklist in document["checklists"]:
        assert 0 <= checklist["score"] <= 100 and checklist["grade"] in "ABCDF"


def test_json_is_compact_unless_pretty(run, write):
    policy = write("p.txt", COMPLIANT)
    code, compact, _ = run("check", policy, "-c", "pipl", "-f", "json")
    assert code == 0 and compact.count("\n") == 1 and '", "' not in compact
    code, pretty, _ = run("check", policy, "-c", "pipl", "-f", "json", "--pretty")
    assert code == 0 and pretty.startswith('{\n  "schema_version": 2,') and pretty.count("\n") > 50
    assert json.loads(compact) == json.loads(pretty)


def test_json_report_of_many_policies_holds_the_checklist_text_once(run, write):
    policies = [write(f"p{n}.txt", COMPLIANT) for n in range(3)]
    code, out, _ = run("check", *policies, "-c", "pipl", "-f", "json")
    assert code == 0
    static = json.loads(out)["checklists"]["pipl"]["items"]["PIPL-CONTACT"]
    for text in (static["reference"], static["remediation"]["zh"]):
        assert out.count(json.dumps(text, ensure_ascii=False)) == 1
    assert len(json.loads(out)["documents"]) == 3


def test_output_file(run, write, tmp_path):
    target = tmp_path / "report.json"
    code, out, _ = run("check", write("p.txt", COMPLIANT), "-c", "pipl", "-f", "json", "-o", str(target))
    assert code == 0 and out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["documents"]


def test_output_into_missing_folder_is_a_clean_error(run, write, tmp_path):
    code, _, err = run("check", write("p.txt", COMPLIANT), "-o", str(tmp_path / "no" / "such" / "r.json"))
    assert code == 2 and "cannot write the output" in err and "Traceback" not in err


def test_stdin(run):
    code, out, _ = run("check", "-", "-c", "pipl", "-f", "json", input=COMPLIANT.encode())
    assert code == 0 and json.loads(out)["documents"][0]["path"] == "<stdin>"


@pytest.mark.parametrize("content,message", [(b"", "is empty"), (b"\x00\x01\x02" * 100, "binary")])
def test_bad_policy_exits_2_with_one_message(run, write, content, message):
    code, out, err = run("check", write("bad.txt", content))
    assert code == 2 and message in err and "Traceback" not in err and out == ""
    assert err.startswith("privcheck: error: ")


def test_missing_policy(run, tmp_path):
    code, _, err = run("check", str(tmp_path / "missing.txt"))
    assert code == 2 and "no such file" in err


def test_several_policies_one_bad(run, write):
    good = write("good.txt", COMPLIANT)
    code, out, err = run("check", good, write("empty.txt", b""), "-c", "pipl", "-f", "json")
    assert code == 2 and "empty.txt: is empty" in err
    assert [d["path"] for d in json.loads(out)["documents"]] == [good]


def test_invalid_checklist_exits_2_with_position(run, write):
    checklist = write("c.yaml", "id: c\ntitle: C\nitems:\n  - id: X\n    titel: t\n")
    code, _, err = run("check", write("p.txt", COMPLIANT), "-c", checklist)
    assert code == 2 and "c.yaml:5:5" in err and "did you mean 'title'" in err


def test_unknown_bundled_checklist(run, write):
    code, _, err = run("check", write("p.txt", COMPLIANT), "-c", "pipI")
    assert code == 2 and "no bundled checklist 'pipI'" in err


def test_bad_usage_exits_2(run):
    code, _, _ = run("check", "--format", "yaml", "x.txt")
    assert code == 2


def test_checklists_and_explain(run):
    code, out, _ = run("checklists")
    assert code == 0 and "pipl" in out and "gdpr" in out
    code, out, _ = run("checklists", "pipl")
    assert code == 0 and "PIPL-RESPONSE-TIME" in out
    code, out, _ = run("explain", "pipl-response-time")
    assert code == 0 and "15 working days" in out and "Model clause (Chinese)" in out and "2019 Method" in out
    code, _, err = run("explain", "NO-SUCH-ITEM")
    assert code == 2 and "no item" in err


def test_validate_and_test_commands(run, write):
    code, out, _ = run("validate", "pipl", "gdpr")
    assert code == 0 and "pipl: ok" in out
    code, out, _ = run("test", "pipl", "gdpr")
    assert code == 0, out
    broken = write("c.yaml", (
        "id: c\ntitle: C\nitems:\n  - id: X\n    title: t\n    severity: required\n    reference: r\n"
        "    match: {phrases: [cookies]}\n    examples: {pass: [We use no trackers.], fail: [We use cookies.]}\n"
    ))
    code, out, _ = run("test", broken)
    assert code == 1 and "FAIL X: expected pass, got fail" in out and "expected fail, got pass" in out


def test_schema_and_matchers(run):
    code, out, _ = run("schema")
    assert code == 0 and json.loads(out)["title"] == "privcheck checklist"
    code, out, _ = run("matchers", "duration")
    assert code == 0 and "15个工作日" in out


def test_policy_file_untouched_by_check(run, write):
    path = write("p.txt", COMPLIANT)
    before = os.stat(path).st_mtime_ns
    run("check", path)
    assert os.stat(path).st_mtime_ns == before


def test_output_file_has_ordinary_permissions(run, write, tmp_path):
    target = tmp_path / "report.json"
    umask = os.umask(0o022)
    try:
        run("check", write("p.txt", COMPLIANT), "-c", "pipl", "-f", "json", "-o", str(target))
    finally:
        os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o644
