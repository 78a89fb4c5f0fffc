"""Suppressions: always with a reason, shown as `suppressed`, out of the score, unused ones reported."""

from __future__ import annotations

import json

import pytest

from privcheck.document import load_bytes
from privcheck.errors import SuppressionError
from privcheck.suppressions import inline_suppressions

from ci_helpers import ABROAD, GOOD, HOUSE, NO_EMAIL, statuses


def test_inline_suppression_in_markdown(run, write):
    text = ABROAD + "\n<!-- privcheck-disable HOUSE-ABROAD: the overseas copy is an encrypted backup we alone hold -->\n"
    code, out, err = run("check", write("policy.md", text), "-c", HOUSE, "-f", "json")
    assert code == 0, err
    report = json.loads(out)
    item = next(i for i in report["documents"][0]["checklists"][0]["items"] if i["id"] == "HOUSE-ABROAD")
    assert item["status"] == "suppressed"
    assert item["suppression_reason"] == "the overseas copy is an encrypted backup we alone hold"
    checklist = report["documents"][0]["checklists"][0]
    assert checklist["score"] == 100.0 and checklist["grade"] == "A"  # left out of the score
    assert checklist["counts"]["suppressed"] == 1
    assert "unused_suppressions" not in report


def test_no_suppressions_for_audits(run, write):
    text = ABROAD + "<!-- privcheck-disable HOUSE-ABROAD: backups only -->\n"
    code, out, _ = run("check", write("policy.md", text), "-c", HOUSE, "-f", "json", "--no-suppressions")
    assert code == 1 and statuses(out)["HOUSE-ABROAD"] == "fail"


def test_several_ids_and_chinese_reason():
    text = "联系邮箱：privacy@lanternbooks.cn\n<!--\n  privcheck-disable HOUSE-REPLY, HOUSE-COOKIES：我们不使用缓存 -->\n"
    # A full-width colon separates the reason as an ASCII one does.
    for variant in (text, text.replace("：我们", ": 我们")):
        found = inline_suppressions(load_bytes(variant.encode(), "p.md"))
        assert [(s.id, s.reason, s.source) for s in found] == [
            ("HOUSE-REPLY", "我们不使用缓存", "p.md:2:1"), ("HOUSE-COOKIES", "我们不使用缓存", "p.md:2:1")]
    with pytest.raises(SuppressionError, match="no reason"):
        inline_suppressions(load_bytes(text.replace("：我们不使用缓存", "：").encode(), "p.md"))


@pytest.mark.parametrize("comment", [
    "<!-- privcheck-disable HOUSE-ABROAD -->",
    "<!-- privcheck-disable HOUSE-ABROAD:   -->",
    "<!-- privcheck-disable : no id -->",
])
def test_suppression_without_reason_or_id_is_exit_2(run, write, comment):
    code, out, err = run("check", write("policy.md", ABROAD + comment + "\n"), "-c", HOUSE)
    assert code == 2 and out == ""
    assert err.startswith("privcheck: error: ") and "policy.md:7:1" in err and "Traceback" not in err


def test_unused_suppression_is_reported(run, write):
    text = GOOD + "<!-- privcheck-disable HOUSE-CONTACT: old exception -->\n"
    code, out, err = run("check", write("policy.md", text), "-c", HOUSE, "-f", "json")
    assert code == 0
    assert "warning" in err and "unused suppression of HOUSE-CONTACT" in err and "policy.md:6:1" in err
    assert json.loads(out)["unused_suppressions"] == [
        {"id": "HOUSE-CONTACT", "reason": "old exception", "source": json.loads(out)["documents"][0]["path"] + ":6:1"}]


def test_config_suppression_with_paths(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "cn.md").write_text(NO_EMAIL, encoding="utf-8")
    (tmp_path / "docs" / "eu.md").write_text(NO_EMAIL, encoding="utf-8")
    (tmp_path / ".privcheck.yaml").write_text(
        "checklists: [" + HOUSE + "]\n"
        "ignore:\n"
        "  - id: HOUSE-CONTACT\n"
        "    reason: The Chinese notice links to the contact page instead.\n"
        "    paths: [docs/cn.md]\n", encoding="utf-8")
    code, out, err = run("check", "docs/cn.md", "docs/eu.md", "-f", "json")
    report = json.loads(out)
    contact = {d["path"]: next(i for i in d["checklists"][0]["items"] if i["id"] == "HOUSE-CONTACT") for d in report["documents"]}
    assert contact["docs/cn.md"]["status"] == "suppressed"
    assert contact["docs/cn.md"]["suppression_reason"] == "The Chinese notice links to the contact page instead."
    assert contact["docs/eu.md"]["status"] == "fail"
    assert code == 1 and "docs/eu.md: HOUSE-CONTACT" in err and "docs/cn.md: HOUSE-CONTACT" not in err


def test_config_suppression_without_reason_is_exit_2(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "p.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / ".privcheck.yaml").write_text("ignore:\n  - id: HOUSE-CONTACT\n", encoding="utf-8")
    code, _, err = run("check", "p.md", "-c", HOUSE)
    assert code == 2 and ".privcheck.yaml:2:5" in err and "missing required key 'reason'" in err


def test_inline_suppressions_are_read_from_the_file_itself():
    """A loader may leave comments out of the text it extracts (HTML); the file's source still has them."""
    from privcheck.document.model import Document

    source = "<p>Our notice</p>\n<!-- privcheck-disable HOUSE-ABROAD: backups only -->\n<p>Kept overseas.</p>\n"
    document = Document.from_text("Our notice\n\nKept overseas.\n", "notice.html", "text")
    assert inline_suppressions(document) == []
    found = inline_suppressions(document, source)
    assert [(s.id, s.reason, s.source) for s in found] == [("HOUSE-ABROAD", "backups only", "notice.html:2:1")]
