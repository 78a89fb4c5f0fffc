"""What a reader and a shell see: the default text report, --show passes, IDs kept whole,
"did you mean", a closed pipe, and fixes filled from the policy."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import ROOT, SAMPLES

TAOBAO = str(SAMPLES / "taobao-2024.txt")


def _items_listed(text: str) -> list[tuple[str, str]]:
    """(status, ID) of every item block of a text report."""
    out = []
    for line in text.splitlines():
        words = line.split()
        if len(words) >= 2 and words[0] in ("PASS", "PARTIAL", "FAIL", "N/A", "SUPPRESSED") and "-" in words[1]:
            out.append((words[0], words[1]))
    return out


def test_default_report_lists_what_needs_work_and_one_line_of_passes(run):
    code, out, _ = run("check", TAOBAO, "-c", "pipl", "-c", "gdpr", "--width", "100")
    assert code == 1
    _, data, _ = run("check", TAOBAO, "-c", "pipl", "-c", "gdpr", "-f", "json")
    results = json.loads(data)["documents"][0]["checklists"]
    needs_work = [(i["status"].upper(), i["id"]) for c in results for i in c["items"] if i["status"] in ("fail", "partial")]
    assert sorted(_items_listed(out)) == sorted(needs_work)
    for checklist in results:
        passed = sum(1 for i in checklist["items"] if i["status"] == "pass")
        na = sum(1 for i in checklist["items"] if i["status"] == "not_applicable")
        assert out.count(f"{passed} passed and {na} not applicable: not listed (--show passes lists them).") == 1
    assert out.count("Fix: ") == len(needs_work)
    # A few lines per item needing work and a header per checklist: the report fits on a screen
    # (75 lines for the Taobao sample's 16 such items at 100 columns; 666 when every pass was listed).
    assert len(out.splitlines()) <= 5 * len(needs_work) + 8 * len(results)


@pytest.mark.parametrize("option", [["--show", "passes"], ["-v"], ["--verbose"]])
def test_show_passes_lists_every_item(run, option):
    code, out, _ = run("check", TAOBAO, "-c", "pipl", "--width", "100", *option)
    assert code in (0, 1)
    _, data, _ = run("check", TAOBAO, "-c", "pipl", "-f", "json")
    items = json.loads(data)["documents"][0]["checklists"][0]["items"]
    label = {"pass": "PASS", "partial": "PARTIAL", "fail": "FAIL", "not_applicable": "N/A"}
    assert sorted(_items_listed(out)) == sorted((label[i["status"]], i["id"]) for i in items)
    assert "not listed" not in out


def test_show_with_a_misspelled_value(run):
    code, _, err = run("check", TAOBAO, "--show", "pases")
    assert code == 2 and "did you mean 'passes'?" in err


def test_fix_fills_the_email_the_policy_states(run, write):
    policy = write("policy.md", "# Privacy\n\nExample Trading Co., Ltd. (\"we\") runs this shop. "
                                "Write to privacy@example-trading-demo.com with any question.\n")
    code, out, _ = run("check", policy, "-c", "pipl", "--width", "400", "--show", "passes")
    assert code == 1
    fixes = [line.split("Fix: ", 1)[1].strip() for line in out.splitlines() if "Fix: " in line]
    with_email = [fix for fix in fixes if "privacy@example-trading-demo.com" in fix]
    assert with_email
    assert not any("[privacy@company.com]" in fix for fix in fixes)
    # The same clauses as `fix-draft` writes, through the same filling.
    _, drafts, _ = run("fix-draft", policy, "-c", "pipl")
    clauses = {line[2:] for line in drafts.splitlines() if line.startswith("> ")}
    assert all(fix in clauses for fix in with_email)


def test_checklist_ids_are_whole_at_width_60():
    out = subprocess.run([sys.executable, "-m", "privcheck", "checklists", "pipl"], capture_output=True, text=True,
                         env={"COLUMNS": "60", "PATH": "/usr/bin:/bin", "PRIVCHECK_NO_CACHE": "1"}, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    from privcheck.checklist import load_checklist

    words = out.stdout.split()
    for item in load_checklist("pipl").items:
        assert item.id in words, item.id
    assert "…" not in out.stdout
    assert max(len(line) for line in out.stdout.splitlines()) <= 60


def test_explain_suggests_the_closest_id(run):
    code, out, err = run("explain", "PIPL-RESPONCE-TIME")
    assert code == 2 and out == ""
    assert "no item 'PIPL-RESPONCE-TIME'" in err and "did you mean 'PIPL-RESPONSE-TIME'?" in err
    code, _, err = run("explain", "NOTHING-LIKE-IT-AT-ALL")
    assert code == 2 and "did you mean" not in err


def test_fail_on_suggests_the_closest_value(run):
    code, _, err = run("check", TAOBAO, "--fail-on", "fial:required")
    assert code == 2 and "did you mean 'fail:required'?" in err


def test_unknown_suppression_id_suggests_the_closest(run, write):
    policy = write("policy.md", "# Privacy\n\nWrite to privacy@example-trading-demo.com.\n"
                                "<!-- privcheck-disable PIPL-CROSSBORDER: no overseas recipients -->\n")
    _, _, err = run("check", policy, "-c", "pipl")
    assert "unused suppression of PIPL-CROSSBORDER: no checked item has this ID; did you mean 'PIPL-CROSS-BORDER'?" in err


def test_write_baseline_prints_no_report(run, write, tmp_path):
    policy = write("policy.md", "# Privacy\n\nWrite to privacy@example-trading-demo.com.\n")
    code, out, err = run("check", policy, "-c", "pipl", "--write-baseline", str(tmp_path / "b.json"))
    assert code == 0 and out == ""
    assert "baseline with" in err and (tmp_path / "b.json").exists()
    code, out, _ = run("check", policy, "-c", "pipl", "--write-baseline", str(tmp_path / "c.json"),
                       "-f", "json", "-o", str(tmp_path / "r.json"))
    assert code == 0 and out == "" and json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["documents"]


@pytest.mark.slow
@pytest.mark.parametrize("args", [["matchers"], ["checklists", "pipl"], ["check", TAOBAO, "--show", "passes"]])
def test_a_closed_pipe_ends_quietly(args):
    """`privcheck matchers | head -1`: the reader goes away; no message, the shell's usual status 141."""
    process = subprocess.Popen([sys.executable, "-m", "privcheck", *args], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, cwd=ROOT)
    process.stdout.close()  # before privcheck writes anything
    err = process.stderr.read()
    assert process.wait() == 141
    assert err == b""


@pytest.mark.slow
def test_matchers_piped_to_head(tmp_path):
    result = subprocess.run(f"'{sys.executable}' -m privcheck matchers | head -1; echo \"status ${{PIPESTATUS[0]}}\"",
                            shell=True, executable="/bin/bash", capture_output=True, text=True, cwd=ROOT)
    assert result.stderr == ""
    assert result.stdout.splitlines()[0].startswith("`")
    assert result.stdout.splitlines()[-1] in ("status 0", "status 141")


def test_every_folder_of_the_package_is_declared():
    """setuptools warns ("Package would be ignored") of a folder with files that is not a declared package."""
    import tomllib

    declared = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    for folder in (ROOT / "privcheck").rglob("*"):
        if folder.is_dir() and folder.name != "__pycache__" and any(p.is_file() for p in folder.iterdir()):
            assert ".".join(folder.relative_to(ROOT).parts) in declared, folder


CAPPED_CHECKLIST = """\
id: capped
title: A checklist whose grade a required item caps
version: "1"
items:
  - id: CAP-CONTACT
    title: A privacy email address
    severity: required
    weight: 1
    reference: Rule 1
    match: {contact: {kinds: [email]}}
  - id: CAP-COOKIES
    title: A cookie notice
    severity: recommended
    weight: 9
    reference: Rule 2
    match: {phrases: [cookie*]}
"""


def test_the_grade_cap_note(run, write):
    """90 earns A, but the failed required item caps the grade at C: the header says so."""
    checklist = write("capped.yaml", CAPPED_CHECKLIST)
    policy = write("policy.md", "# Privacy\n\nWrite to us through the help centre. We use cookies.\n")
    code, out, _ = run("check", policy, "-c", checklist, "--width", "100")
    assert code == 1
    assert "Score 90.0/100   Grade C" in out
    assert "grade capped at C: a required item failed (the score alone earns A)" in out
    _, markdown, _ = run("check", policy, "-c", checklist, "-f", "markdown")
    assert "(grade capped at C: a required item failed (the score alone earns A))" in markdown
    fixed = write("fixed.md", "# Privacy\n\nWrite to privacy@lanternbooks.cn. We use cookies.\n")
    code, out, _ = run("check", fixed, "-c", checklist, "--width", "100")
    assert code == 0 and "Grade A" in out and "grade capped" not in out


def test_markdown_summary_fills_fixes(run, write):
    policy = write("policy.md", "# Privacy\n\nExample Trading Co., Ltd. (\"we\") runs this shop. "
                                "Write to privacy@example-trading-demo.com with any question.\n")
    _, out, _ = run("check", policy, "-c", "pipl", "-f", "markdown")
    rows = [line for line in out.splitlines() if "Fix:" in line]
    assert any("privacy@example-trading-demo.com" in row.split("Fix:", 1)[1] for row in rows)
    assert not any("[privacy@company.com]" in row for row in rows)


@pytest.mark.parametrize("fmt", ["github", "junit"])
def test_ci_formats_fill_fixes_too(run, write, fmt):
    policy = write("policy.md", "# Privacy\n\nExample Trading Co., Ltd. (\"we\") runs this shop. "
                                "Write to privacy@example-trading-demo.com with any question.\n")
    _, out, _ = run("check", policy, "-c", "pipl", "-f", fmt)
    fixes = out.split("Fix:")[1:]
    assert fixes and any("privacy@example-trading-demo.com" in fix.split("\n")[0].split("%0A")[0] for fix in fixes)
    assert "[privacy@company.com]" not in out
