"""`privcheck diff`: what an edit changed, exit 1 on a regression; and the end-to-end git case."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from ci_helpers import GOOD, HOUSE, NO_COOKIES, NO_EMAIL, SLOW

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

# A Markdown policy of our own that passes every bundled pipl item this test names.
COMPLIANT_POLICY = """\
# Privacy Policy of Lantern Books Ltd.

## Contacting us
Write to our privacy team at privacy@lanternbooks.cn or call 400-820-5566.

## Your requests
We will answer every request about your personal information within 15 working days.

## Children
Children under 14 may only use the service with a guardian's consent; our Children's Personal
Information Protection Rules explain how we handle their data.

## Where data is stored
We do not transfer your personal information outside of the People's Republic of China.
"""


def git(repo, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@lanternbooks.cn", "-c", "commit.gpgsign=false",
                    *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A throw-away git repository with the compliant policy committed."""
    git(tmp_path, "init", "-q")
    (tmp_path / "policy.md").write_text(COMPLIANT_POLICY, encoding="utf-8")
    git(tmp_path, "add", "policy.md")
    git(tmp_path, "commit", "-q", "-m", "Add the privacy policy")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@needs_git
def test_removing_the_contact_email_is_a_regression(run, repo):
    code, out, err = run("diff", "--git-ref", "HEAD", "policy.md", "-c", "pipl")
    assert code == 0, out + err  # nothing changed yet
    edited = COMPLIANT_POLICY.replace(" at privacy@lanternbooks.cn or call 400-820-5566", " through our customer service team")
    (repo / "policy.md").write_text(edited, encoding="utf-8")
    code, out, err = run("diff", "--git-ref", "HEAD", "policy.md", "-c", "pipl")
    assert code == 1 and err == ""
    # Other items may lean on the contact channel as the bundled checklists grow; PIPL-CONTACT must be named.
    regressed = [line.split() for line in out.splitlines() if line.strip().startswith("REGRESSED")]
    assert ["REGRESSED", "PIPL-CONTACT", "required", "pass", "->", "fail"] in regressed
    verdict = out.strip().splitlines()[-1]
    assert verdict.startswith("Regression:") and "PIPL-CONTACT" in verdict
    assert (repo / "policy.md").read_text(encoding="utf-8") == edited  # the policy is only read


@needs_git
def test_adding_a_sentence_is_not_a_regression(run, repo):
    (repo / "policy.md").write_text(COMPLIANT_POLICY + "\nWe publish a short transparency report every year.\n", encoding="utf-8")
    code, out, _ = run("diff", "--git-ref", "HEAD", "policy.md", "-c", "pipl")
    assert code == 0 and "No regression" in out and "REGRESSED" not in out


@needs_git
def test_git_ref_in_a_subfolder_and_markdown_output(run, repo, monkeypatch):
    (repo / "docs").mkdir()
    (repo / "docs" / "privacy.md").write_text(GOOD, encoding="utf-8")
    git(repo, "add", "docs")
    git(repo, "commit", "-q", "-m", "House policy")
    (repo / "docs" / "privacy.md").write_text(SLOW, encoding="utf-8")
    monkeypatch.chdir(repo / "docs")
    code, out, _ = run("diff", "--git-ref", "HEAD", "privacy.md", "-c", HOUSE, "-f", "markdown")
    assert code == 1
    assert "# privcheck diff: `privacy.md@HEAD` → `privacy.md`" in out
    assert "| ❌ regressed | `HOUSE-REPLY` Reply within 15 working days | required | pass | partial |" in out


@needs_git
@pytest.mark.parametrize("args,message", [
    (("--git-ref", "no-such-branch", "policy.md"), "unknown git revision 'no-such-branch'"),
    (("--git-ref", "HEAD", "new.md"), "new.md: does not exist at HEAD"),
    (("--git-ref", "HEAD", "missing.md"), "missing.md: no such file"),
    (("--git-ref", "HEAD", "policy.md", "policy.md"), "exactly one POLICY"),
    (("policy.md",), "give OLD and NEW"),
])
def test_git_errors_are_exit_2(run, repo, args, message):
    (repo / "new.md").write_text(GOOD, encoding="utf-8")
    code, out, err = run("diff", *args, "-c", HOUSE)
    assert code == 2 and out == "" and message in err and "Traceback" not in err


@needs_git
def test_outside_a_repository_is_exit_2(run, tmp_path, monkeypatch):
    folder = tmp_path / "plain"
    folder.mkdir()
    (folder / "p.md").write_text(GOOD, encoding="utf-8")
    monkeypatch.chdir(folder)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    code, _, err = run("diff", "--git-ref", "HEAD", "p.md", "-c", HOUSE)
    assert code == 2 and "not inside a git repository" in err


def test_two_files_json(run, write):
    old, new = write("old.md", NO_EMAIL.replace("within 15 working days", "within 30 days")), write("new.md", NO_COOKIES)
    code, out, _ = run("diff", old, new, "-c", HOUSE, "-f", "json")
    result = json.loads(out)
    changes = {i["id"]: (i["change"], i["old_status"], i["new_status"]) for i in result["checklists"][0]["items"]}
    assert changes == {
        "HOUSE-CONTACT": ("improved", "fail", "pass"), "HOUSE-REPLY": ("improved", "partial", "pass"),
        "HOUSE-COOKIES": ("regressed", "pass", "fail"), "HOUSE-ABROAD": ("unchanged", "not_applicable", "not_applicable"),
    }
    assert result["regressed"] is True and code == 1
    checklist = result["checklists"][0]
    assert checklist["score_change"] == round(checklist["new_score"] - checklist["old_score"], 1) > 0
    code, _, _ = run("diff", old, new, "-c", HOUSE, "--exit-zero")
    assert code == 0


def test_lower_grade_alone_is_a_regression():
    from privcheck.diff import ChecklistChange, DiffResult

    result = DiffResult("a", "b", [ChecklistChange("x", "X", 95.0, 85.0, "A", "B")])
    assert result.regressed and not result.changes("regressed")


def test_improvement_exits_0(run, write):
    code, out, _ = run("diff", write("old.md", NO_EMAIL), write("new.md", GOOD), "-c", HOUSE)
    assert code == 0 and "improved" in out and "No regression (1 item(s) improved)" in out


@needs_git
def test_dropping_an_inline_suppression_is_a_regression(run, repo):
    suppressed = NO_EMAIL + "\n<!-- privcheck-disable HOUSE-CONTACT: the help centre is the channel -->\n"
    (repo / "house.md").write_text(suppressed, encoding="utf-8")
    git(repo, "add", "house.md")
    git(repo, "commit", "-q", "-m", "House policy with a suppression")
    code, out, _ = run("diff", "--git-ref", "HEAD", "house.md", "-c", HOUSE, "--all")
    assert code == 0 and "suppressed -> suppressed" in out
    (repo / "house.md").write_text(NO_EMAIL, encoding="utf-8")
    code, out, _ = run("diff", "--git-ref", "HEAD", "house.md", "-c", HOUSE)
    assert code == 1 and "suppressed -> fail" in out


def _commit_policy(repo, text: str, message: str) -> None:
    (repo / "policy.md").write_text(text, encoding="utf-8")
    git(repo, "add", "policy.md")
    git(repo, "commit", "-q", "-m", message)


@needs_git
def test_from_to_compares_two_revisions_and_lists_only_changed_rows(run, repo):
    git(repo, "tag", "v1")
    edited = COMPLIANT_POLICY.replace(" at privacy@lanternbooks.cn or call 400-820-5566", " through our customer service team")
    _commit_policy(repo, edited, "Drop the contact channels")
    git(repo, "tag", "v2")
    (repo / "policy.md").write_text("The working file is something else entirely.\n", encoding="utf-8")
    code, out, err = run("diff", "--from", "v1", "--to", "v2", "policy.md", "-c", "pipl")
    assert code == 1 and err == ""
    assert out.startswith("privcheck diff: policy.md@v1 -> policy.md@v2\n")
    rows = [line.split() for line in out.splitlines() if line.startswith("  ") and "->" in line]
    assert ["REGRESSED", "PIPL-CONTACT", "required", "pass", "->", "fail"] in rows
    assert all(row[0] in ("REGRESSED", "improved", "note", "added", "removed") for row in rows), rows
    assert "unchanged" not in out.split("->", 1)[1].split("unchanged item(s) not listed")[0]
    _, data, _ = run("diff", "--from", "v1", "--to", "v2", "policy.md", "-c", "pipl", "-f", "json")
    total = len(json.loads(data)["checklists"][0]["items"])  # the JSON always holds every item
    hidden = int(next(line for line in out.splitlines() if "not listed (--all lists them)" in line).split()[0])
    assert hidden > 0 and hidden + len(rows) == total  # every item is either listed or counted
    _, everything, _ = run("diff", "--from", "v1", "--to", "v2", "policy.md", "-c", "pipl", "--all")
    assert sum(1 for line in everything.splitlines() if line.startswith("  ") and "->" in line) == total
    # --from alone compares with the working file; --git-ref is the same as --from.
    (repo / "policy.md").write_text(edited, encoding="utf-8")
    code, out, _ = run("diff", "--from", "v2", "policy.md", "-c", "pipl")
    assert code == 0 and "No item changed." in out and f"{total} unchanged item(s) not listed" in out
    assert run("diff", "--git-ref", "v1", "policy.md", "-c", "pipl")[1] == run("diff", "--from", "v1", "policy.md", "-c", "pipl")[1]


@needs_git
def test_markdown_lists_only_changed_rows(run, repo):
    edited = COMPLIANT_POLICY.replace(" at privacy@lanternbooks.cn or call 400-820-5566", " through our customer service team")
    (repo / "policy.md").write_text(edited, encoding="utf-8")
    _, out, _ = run("diff", "--from", "HEAD", "policy.md", "-c", "pipl", "-f", "markdown")
    rows = [line for line in out.splitlines() if line.startswith("| ") and "`" in line]
    assert any("`PIPL-CONTACT`" in row and "❌ regressed" in row for row in rows)
    assert not any("| unchanged |" in row for row in rows)
    assert "unchanged item(s) not listed." in out


@needs_git
@pytest.mark.parametrize("args,message", [
    (("--to", "HEAD", "policy.md"), "--to needs --from"),
    (("--from", "HEAD", "--to", "nope", "policy.md"), "unknown git revision 'nope'"),
    (("--from", "HEAD", "--git-ref", "HEAD~1", "policy.md"), "another name for --from"),
])
def test_from_to_errors_are_exit_2(run, repo, args, message):
    code, out, err = run("diff", *args, "-c", "pipl")
    assert code == 2 and out == "" and message in err


@needs_git
def test_a_change_of_evidence_with_the_same_status_is_a_note(run, repo):
    """One contact channel removed while another remains: the item still passes; a note, not a regression."""
    two_emails = GOOD.replace("privacy@lanternbooks.cn.", "privacy@lanternbooks.cn or dpo@lanternbooks.cn.")
    _commit_policy(repo, two_emails, "Two addresses")
    (repo / "policy.md").write_text(GOOD, encoding="utf-8")
    code, out, _ = run("diff", "--from", "HEAD", "policy.md", "-c", HOUSE)
    assert code == 0 and "REGRESSED" not in out
    lines = out.splitlines()
    at = next(n for n, line in enumerate(lines) if line.split()[:2] == ["note", "HOUSE-CONTACT"])
    assert "pass -> pass" in lines[at]
    assert lines[at + 1].strip() == "status pass unchanged; no longer in the policy: “dpo@lanternbooks.cn”"
    assert lines[-1] == "No regression (0 item(s) improved; 1 note(s) on changed evidence)."
    _, data, _ = run("diff", "--from", "HEAD", "policy.md", "-c", HOUSE, "-f", "json")
    contact = next(i for i in json.loads(data)["checklists"][0]["items"] if i["id"] == "HOUSE-CONTACT")
    assert contact["change"] == "unchanged" and contact["evidence_removed"] == ["dpo@lanternbooks.cn"]
    assert contact["evidence_added"] == [] and contact["note"].startswith("status pass unchanged")
    # The same passage quoted over a different stretch is no change: adding a sentence gives no note.
    (repo / "policy.md").write_text(two_emails + "We publish a yearly report.\n", encoding="utf-8")
    _, out, _ = run("diff", "--from", "HEAD", "policy.md", "-c", HOUSE)
    assert "note" not in out and "No item changed." in out
    _, markdown, _ = run("diff", "--from", "HEAD", "policy.md", "-c", HOUSE, "-f", "markdown")
    assert "No item changed." in markdown and "4 unchanged item(s) not listed." in markdown
