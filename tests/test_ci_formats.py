"""The CI formats: SARIF (validated against the official 2.1.0 schema), JUnit, GitHub, Markdown."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import jsonschema
import pytest

from ci_helpers import ABROAD, DATA, GOOD, HOUSE, NO_EMAIL, SLOW

# The official OASIS SARIF 2.1.0 schema (errata01), vendored: see tests/data/README.md.
SARIF_SCHEMA = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))

MIXED = NO_EMAIL.replace("within 15 working days", "within 30 days") + "Backups are kept overseas.\n" \
    "<!-- privcheck-disable HOUSE-ABROAD: the overseas backup is encrypted and only we hold the key -->\n"


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A folder that looks like a repository root, as the working directory."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "docs").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def sarif_for(run, text: str, repo) -> dict:
    (repo / "docs" / "privacy.md").write_text(text, encoding="utf-8")
    code, out, err = run("check", str(repo / "docs" / "privacy.md"), "-c", HOUSE, "-f", "sarif")
    assert code in (0, 1) and "Traceback" not in err
    return json.loads(out)


def test_sarif_is_valid_against_the_official_schema(run, repo):
    for text in (GOOD, MIXED):
        log = sarif_for(run, text, repo)
        jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
        assert log["version"] == "2.1.0"
    broken = sarif_for(run, MIXED, repo)
    broken["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):  # the schema does catch a bad log
        jsonschema.Draft4Validator(SARIF_SCHEMA).validate(broken)


def test_sarif_rules_results_locations_and_suppressions(run, repo):
    log = sarif_for(run, MIXED, repo)
    run_ = log["runs"][0]
    rules = {r["id"]: r for r in run_["tool"]["driver"]["rules"]}
    assert set(rules) == {"HOUSE-CONTACT", "HOUSE-REPLY", "HOUSE-COOKIES", "HOUSE-ABROAD"}
    contact = rules["HOUSE-CONTACT"]
    assert "House rule 1" in contact["help"]["text"] and "[privacy@company.com]" in contact["help"]["text"]
    assert "helpUri" not in contact  # a checklist of one's own has no page to link to: the help travels in the rule
    assert contact["properties"]["reference"] == "House rule 1"
    results = {r["ruleId"]: r for r in run_["results"]}
    assert set(results) == {"HOUSE-CONTACT", "HOUSE-REPLY", "HOUSE-ABROAD"}  # passes are not results
    assert results["HOUSE-CONTACT"]["level"] == "error" and results["HOUSE-REPLY"]["level"] == "warning"
    location = results["HOUSE-REPLY"]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "docs/privacy.md"  # repository-relative
    assert location["region"]["startLine"] == 4
    assert results["HOUSE-CONTACT"]["locations"][0]["physicalLocation"]["region"] == {"startLine": 1}
    assert results["HOUSE-ABROAD"]["suppressions"] == [
        {"kind": "external", "justification": "the overseas backup is encrypted and only we hold the key"}]
    assert rules[run_["results"][0]["ruleId"]] is run_["tool"]["driver"]["rules"][run_["results"][0]["ruleIndex"]]


def test_sarif_fingerprints_do_not_move_with_the_text(run, repo):
    before = {r["ruleId"]: r["partialFingerprints"] for r in sarif_for(run, SLOW, repo)["runs"][0]["results"]}
    after_log = sarif_for(run, "# Updated notice\n\nNew intro paragraph.\n\n" + SLOW, repo)
    after = {r["ruleId"]: r["partialFingerprints"] for r in after_log["runs"][0]["results"]}
    assert before == after and before["HOUSE-REPLY"]["privcheck/v1"]
    assert after_log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 8


def test_junit_one_case_per_document_and_item(run, repo, write):
    (repo / "docs" / "a.md").write_text(MIXED, encoding="utf-8")
    (repo / "docs" / "b.md").write_text(GOOD, encoding="utf-8")
    code, out, _ = run("check", "docs/a.md", "docs/b.md", "-c", HOUSE, "-f", "junit")
    assert code == 1
    root = ET.fromstring(out)
    assert root.tag == "testsuites" and root.get("tests") == "8" and root.get("failures") == "1"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["docs/a.md [house]", "docs/b.md [house]"]
    cases = {c.get("name").split(":")[0]: c for c in suites[0].findall("testcase")}
    assert len(cases) == 4
    assert cases["HOUSE-CONTACT"].find("failure").get("type") == "required"
    assert cases["HOUSE-ABROAD"].find("skipped").get("message").startswith("suppressed: the overseas backup")
    assert cases["HOUSE-REPLY"].find("failure") is None and "partial" in cases["HOUSE-REPLY"].find("system-out").text
    assert cases["HOUSE-COOKIES"].find("failure") is None and cases["HOUSE-COOKIES"].find("skipped") is None
    properties = {p.get("name"): p.get("value") for p in suites[0].find("properties")}
    assert properties["grade"] in "ABCDF" and float(properties["score"]) < 100
    skipped = {c.get("name").split(":")[0] for c in suites[1].findall("testcase") if c.find("skipped") is not None}
    assert skipped == {"HOUSE-ABROAD"}  # not applicable


def test_github_annotations(run, repo):
    (repo / "docs" / "privacy.md").write_text(MIXED, encoding="utf-8")
    code, out, _ = run("check", "docs/privacy.md", "-c", HOUSE, "-f", "github")
    assert code == 1
    lines = out.splitlines()
    error = next(line for line in lines if line.startswith("::error "))
    assert error.startswith("::error file=docs/privacy.md,line=1,title=privcheck HOUSE-CONTACT (required%2C fail)::")
    assert "%0ALegal reference%3A" not in error and "%0ALegal reference: House rule 1" in error
    warning = next(line for line in lines if line.startswith("::warning "))
    assert "file=docs/privacy.md,line=4,endLine=4,col=" in warning and "HOUSE-REPLY" in warning
    notice = next(line for line in lines if line.startswith("::notice "))
    assert "HOUSE-ABROAD" in notice and "Suppressed: the overseas backup" in notice
    assert all("\n" not in line for line in lines)
    assert lines[-1].startswith("docs/privacy.md: house score")


def test_markdown_report(run, repo):
    (repo / "docs" / "privacy.md").write_text(MIXED.replace("Backups", "Backups | copies"), encoding="utf-8")
    code, out, _ = run("check", "docs/privacy.md", "-c", HOUSE, "-f", "markdown")
    assert code == 1
    assert out.startswith("# privcheck report")
    assert "## `docs/privacy.md`: House rules (house 1)" in out
    assert "| ❌ fail | `HOUSE-CONTACT` A privacy email address | required |" in out
    assert "🔕 suppressed" in out and "<details><summary>1 other item(s)</summary>" in out
    assert "**1 required item(s) failed.**" in out
    table_rows = [line for line in out.splitlines() if line.startswith("| ")]
    assert all(line.count(" | ") == 4 for line in table_rows if "\\|" not in line)


@pytest.mark.parametrize("env,expected", [("true", "::error "), (None, "House rules")])
def test_format_auto(run, repo, monkeypatch, env, expected):
    if env:
        monkeypatch.setenv("GITHUB_ACTIONS", env)
    else:
        monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    (repo / "docs" / "privacy.md").write_text(NO_EMAIL, encoding="utf-8")
    code, out, _ = run("check", "docs/privacy.md", "-c", HOUSE, "-f", "auto", "--no-color")
    assert code == 1 and expected in out


def test_several_reports_in_one_run(run, repo):
    (repo / "docs" / "privacy.md").write_text(ABROAD, encoding="utf-8")
    code, out, _ = run("check", "docs/privacy.md", "-c", HOUSE, "--no-color",
                       "--report", "sarif:out.sarif", "--report", "junit:junit.xml", "--report", "markdown:summary.md")
    assert code == 1 and "House rules" in out  # text still on stdout
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(json.loads((repo / "out.sarif").read_text(encoding="utf-8")))
    assert ET.parse(repo / "junit.xml").getroot().get("failures") == "1"
    assert (repo / "summary.md").read_text(encoding="utf-8").startswith("# privcheck report")


@pytest.mark.parametrize("value", ["sarif", "pdf:x.pdf", ":x"])
def test_bad_report_option_is_exit_2(run, repo, value):
    (repo / "docs" / "privacy.md").write_text(GOOD, encoding="utf-8")
    code, out, err = run("check", "docs/privacy.md", "-c", HOUSE, "--report", value)
    assert code == 2 and "FORMAT:FILE" in err and "Traceback" not in err


def test_report_into_missing_folder_writes_nothing(run, repo):
    (repo / "docs" / "privacy.md").write_text(GOOD, encoding="utf-8")
    code, _, err = run("check", "docs/privacy.md", "-c", HOUSE, "-f", "json", "--report", "sarif:no/such/dir/x.sarif")
    assert code == 2 and "cannot write the output" in err


def test_every_bundled_rule_has_a_help_uri_to_its_heading(run, repo, monkeypatch):
    from conftest import ROOT, SAMPLES
    from privcheck.itemdocs import DOCS_URL, items_page

    monkeypatch.delenv("PRIVCHECK_DOCS_URL", raising=False)
    code, out, _ = run("check", str(SAMPLES / "taobao-2024.txt"), "-c", "pipl", "-c", "gdpr", "-f", "sarif")
    log = json.loads(out)
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert len(rules) == len({r["id"] for r in rules}) > 70
    page = (ROOT / "docs" / "items.md").read_text(encoding="utf-8")
    assert page == items_page(), "docs/items.md is stale: run python -m privcheck.itemdocs > docs/items.md"
    headings = {line[4:].strip().lower() for line in page.splitlines() if line.startswith("### ")}
    for rule in rules:
        uri = rule["helpUri"]
        assert uri.startswith(DOCS_URL + "#") and uri.startswith("https://")
        assert uri.split("#", 1)[1] in headings, rule["id"]  # the anchor GitHub gives `### ID`
        assert rule["properties"]["tags"][-2:] == [rule["properties"]["checklist"], rule["properties"]["severity"]]
        assert rule["properties"]["checklist"] in ("pipl", "gdpr")
        assert "Model clause to adapt" in rule["help"]["markdown"] and uri in rule["help"]["markdown"]
    # The GitHub Action points the links at its own repository and version.
    monkeypatch.setenv("PRIVCHECK_DOCS_URL", "https://example.test/owner/privcheck/blob/v9/docs/items.md")
    _, out, _ = run("check", str(SAMPLES / "taobao-2024.txt"), "-c", "pipl", "-f", "sarif")
    first = json.loads(out)["runs"][0]["tool"]["driver"]["rules"][0]
    assert first["helpUri"] == f"https://example.test/owner/privcheck/blob/v9/docs/items.md#{first['id'].lower()}"
