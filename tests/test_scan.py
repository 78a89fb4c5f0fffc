"""Batch scans: finding policies, parallel workers, error rows, resume, JSON lines and CSV, Ctrl-C."""

from __future__ import annotations


import csv
import io
import json
import os

import pytest

from privcheck.errors import PrivcheckError
from privcheck.scan import BatchScan, RecordWriter, ScanOptions, ScanSummary, check_path, find_policies, read_done

from conftest import STARTER_GDPR as GDPR, STARTER_PIPL as PIPL

GOOD_EN = (
    "Privacy Policy of Lumen Books Ltd.\n"
    "Write to privacy@lumenbooks.cn or call 400-820-1234 with any question.\n"
    "We will reply to your request within 15 working days.\n"
    "If you are a child under 14, you need your guardian's consent and must read our Children's Personal Information Protection Rules.\n"
    "We do not transfer your personal information outside of the People's Republic of China.\n"
)
GOOD_ZH = (
    "青柠阅读隐私政策\n"
    "如您有任何疑问，请发送邮件至privacy@qingning.cn，或拨打客服电话400-820-1234。\n"
    "我们将在十五个工作日内答复您的请求。\n"
    "若您是不满十四周岁的儿童，请在监护人同意后使用，并阅读《儿童个人信息保护规则》。\n"
)
WEAK = "Lumen Books cares about your privacy. Contact customer service if you have questions.\n"


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "policies"
    (folder / "zh").mkdir(parents=True)
    (folder / "good.txt").write_text(GOOD_EN, encoding="utf-8")
    (folder / "weak.md").write_text(WEAK, encoding="utf-8")
    (folder / "zh" / "gbk.txt").write_bytes(GOOD_ZH.encode("gbk"))
    (folder / "empty.txt").write_text("   \n", encoding="utf-8")
    (folder / "notes.pdfx").write_text("not a policy", encoding="utf-8")
    return folder


def by_path(records):
    return {r["path"].rsplit("/", 1)[-1]: r for r in records}


def test_find_policies_walks_folders_globs_and_files(corpus):
    found = find_policies([str(corpus)])
    assert sorted(p.rsplit("/", 1)[-1] for p in found) == ["empty.txt", "gbk.txt", "good.txt", "weak.md"]
    assert find_policies([str(corpus / "*.md")]) == [str(corpus / "weak.md")]
    assert find_policies([str(corpus / "notes.pdfx"), str(corpus / "notes.pdfx")]) == [str(corpus / "notes.pdfx")]
    with pytest.raises(PrivcheckError, match="no such file or folder"):
        find_policies([str(corpus / "missing")])
    with pytest.raises(PrivcheckError, match="no file matches"):
        find_policies([str(corpus / "*.docx")])


def test_a_bad_file_is_an_error_record():
    record = check_path("/nonexistent/policy.txt", ScanOptions(checklists=(PIPL,)))
    assert record["status"] == "error" and "no such file" in record["error"] and record["checklists"] == []


@pytest.mark.parametrize("jobs", [1, 2])
def test_parallel_and_serial_scans_give_the_same_records(corpus, jobs):
    options = ScanOptions(checklists=(PIPL, GDPR))
    with BatchScan(options, jobs=jobs) as batch:
        records = by_path(batch.run(find_policies([str(corpus)])))
    assert set(records) == {"empty.txt", "gbk.txt", "good.txt", "weak.md"}
    assert records["empty.txt"]["status"] == "error" and "is empty" in records["empty.txt"]["error"]
    good = records["good.txt"]
    assert good["status"] == "ok" and good["error"] is None and good["language"] == "en"
    assert [c["id"] for c in good["checklists"]] == ["pipl", "gdpr"]
    pipl = {i["id"]: i["status"] for i in good["checklists"][0]["items"]}
    assert pipl["PIPL-CONTACT"] == "pass" and pipl["PIPL-RESPONSE-TIME"] == "pass" and pipl["PIPL-MINORS"] == "pass"
    zh = records["gbk.txt"]
    assert zh["language"] == "zh" and zh["checklists"][0]["grade"] in "AB"
    assert records["weak.md"]["format"] == "markdown"
    assert records["weak.md"]["checklists"][0]["grade"] == "F"


def test_serial_and_parallel_records_are_identical(corpus):
    options = ScanOptions(checklists=(PIPL,))
    paths = find_policies([str(corpus)])
    with BatchScan(options, jobs=1) as serial, BatchScan(options, jobs=2) as parallel:
        assert sorted(serial.run(paths), key=lambda r: r["path"]) == sorted(parallel.run(paths), key=lambda r: r["path"])


def test_summary_counts_grades_errors_and_missing_items(corpus):
    summary = ScanSummary()
    with BatchScan(ScanOptions(checklists=(PIPL,)), jobs=1) as batch:
        for record in batch.run(find_policies([str(corpus)])):
            summary.add(record)
    assert (summary.documents, summary.errors, summary.checked) == (4, 1, 3)
    assert sum(summary.grades["pipl"].values()) == 3 and summary.grades["pipl"]["F"] == 1
    top = summary.most_missing(3)
    assert top[0][0] in ("PIPL-CONTACT", "PIPL-RESPONSE-TIME", "PIPL-MINORS") and top[0][2] == 1
    assert summary.gate_failures == 1


def test_jsonl_writer_and_resume_reader(tmp_path):
    out = tmp_path / "r.jsonl"
    with open(out, "w", encoding="utf-8") as stream:
        writer = RecordWriter(stream, "jsonl")
        writer.write({"path": "a.txt", "status": "ok", "error": None, "checklists": []})
        writer.write({"path": "b.txt", "status": "error", "error": "b.txt: is empty", "checklists": []})
    with open(out, "a", encoding="utf-8") as stream:
        stream.write('{"path": "c.txt", "sta')  # the scan was killed while writing this line
    done, header = read_done(str(out), "jsonl")
    assert done == {os.path.realpath("a.txt"), os.path.realpath("b.txt")} and header is False  # keyed on resolved paths
    assert out.read_text(encoding="utf-8").endswith("is empty\", \"checklists\": []}\n")


def test_resume_refuses_a_file_that_is_not_a_scan(tmp_path):
    out = tmp_path / "r.jsonl"
    out.write_text("hello\n", encoding="utf-8")
    with pytest.raises(PrivcheckError, match="not a privcheck scan record"):
        read_done(str(out), "jsonl")


# --- the command ---------------------------------------------------------------------------------

def test_scan_command_writes_jsonl_and_a_summary(run, corpus, tmp_path):
    out = tmp_path / "results.jsonl"
    code, stdout, stderr = run("scan", str(corpus), "-c", PIPL, "-o", str(out), "--jobs", "2")
    assert code == 2, stdout + stderr  # one file could not be checked
    records = by_path(json.loads(line) for line in out.read_text(encoding="utf-8").splitlines())
    assert set(records) == {"empty.txt", "gbk.txt", "good.txt", "weak.md"}
    assert records["good.txt"]["checklists"][0]["items"][0]["evidence"][0]["line"] == 2
    assert "Scanned 4 document(s): 3 checked, 1 error(s)" in stdout
    assert "Most commonly failed requirements" in stdout and "Grades" in stdout
    assert "Traceback" not in stderr


def test_scan_command_csv_has_a_column_per_item(run, corpus, tmp_path):
    out = tmp_path / "summary.csv"
    run("scan", str(corpus / "good.txt"), str(corpus / "weak.md"), "-c", PIPL, "-c", GDPR, "-o", str(out), "-j", "1")
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert len(rows) == 2
    good = next(r for r in rows if r["path"].endswith("good.txt"))
    assert good["status"] == "ok" and good["pipl:grade"] in "AB" and float(good["pipl:score"]) >= 80
    assert good["pipl:PIPL-CONTACT"] == "pass" and good["gdpr:GDPR-CONTACT"] in ("pass", "partial", "fail")
    weak = next(r for r in rows if r["path"].endswith("weak.md"))
    assert weak["pipl:PIPL-CONTACT"] == "fail" and weak["pipl:grade"] == "F"


def test_scan_command_resume_skips_documents_already_recorded(run, corpus, tmp_path):
    out = tmp_path / "results.jsonl"
    first = [str(corpus / "good.txt")]
    code, _, _ = run("scan", *first, "-c", PIPL, "-o", str(out))
    assert code == 0
    code, stdout, _ = run("scan", str(corpus / "good.txt"), str(corpus / "weak.md"), "-c", PIPL, "-o", str(out), "--resume")
    assert code == 1  # weak.md fails required items
    paths = [json.loads(line)["path"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert paths == [str(corpus / "good.txt"), str(corpus / "weak.md")]
    assert "1 already in" in stdout and "Scanned 1 document(s)" in stdout


def test_scan_command_resume_of_csv_appends_without_a_second_header(run, corpus, tmp_path):
    out = tmp_path / "summary.csv"
    run("scan", str(corpus / "good.txt"), "-c", PIPL, "-o", str(out))
    run("scan", str(corpus / "good.txt"), str(corpus / "weak.md"), "-c", PIPL, "-o", str(out), "--resume")
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3 and lines[0].startswith("path,status") and not lines[2].startswith("path,")


def test_resume_of_csv_refuses_other_checklists(run, corpus, tmp_path):
    out = tmp_path / "summary.csv"
    run("scan", str(corpus / "good.txt"), "-c", PIPL, "-o", str(out))
    before = out.read_text(encoding="utf-8")
    code, _, stderr = run("scan", str(corpus / "weak.md"), "-c", GDPR, "-o", str(out), "--resume")
    assert code == 2 and "other checklists" in stderr
    assert out.read_text(encoding="utf-8") == before


def test_scan_to_stdout_puts_records_on_stdout_only(run, corpus):
    code, stdout, stderr = run("scan", str(corpus / "good.txt"), "-c", PIPL)
    assert code == 0
    assert [json.loads(line)["status"] for line in stdout.splitlines()] == ["ok"]
    assert "Scanned 1 document(s)" in stderr


def test_scan_errors_are_one_message_and_exit_2(run, corpus, tmp_path):
    code, _, stderr = run("scan", str(corpus / "nothing-here"), "-c", PIPL)
    assert code == 2 and stderr.startswith("privcheck: error:") and "no such file or folder" in stderr
    code, _, stderr = run("scan", str(corpus), "-c", "no-such-checklist")
    assert code == 2 and "no bundled checklist" in stderr
    code, _, stderr = run("scan", str(corpus), "--resume")
    assert code == 2 and "--resume needs --output" in stderr


def test_ctrl_c_stops_cleanly_and_keeps_what_was_written(run, corpus, tmp_path, monkeypatch):
    import privcheck.scan as scan_module

    real = scan_module.check_path
    calls = []

    def interrupted_on_second(path, options):
        calls.append(path)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(path, options)

    monkeypatch.setattr(scan_module, "check_path", interrupted_on_second)
    out = tmp_path / "results.jsonl"
    code, _, stderr = run("scan", str(corpus), "-c", PIPL, "-o", str(out), "-j", "1")
    assert code == 130 and "interrupted after 1 of 4" in stderr and "--resume" in stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["path"] == calls[0]
    monkeypatch.setattr(scan_module, "check_path", real)
    code, _, _ = run("scan", str(corpus), "-c", PIPL, "-o", str(out), "--resume", "-j", "1")
    assert len(out.read_text(encoding="utf-8").splitlines()) == 4


@pytest.mark.parametrize("jobs", [1, 2])
def test_slow_documents_are_listed_with_their_time(corpus, jobs):
    paths = find_policies([str(corpus / "good.txt"), str(corpus / "weak.md")])
    with BatchScan(ScanOptions(checklists=("pipl",)), jobs=jobs, slow_seconds=0.0) as batch:
        records = list(batch.run(paths))
    assert sorted(path for path, _ in batch.slow) == sorted(r["path"] for r in records) == sorted(paths)
    assert all(seconds > 0 for _, seconds in batch.slow)
    with BatchScan(ScanOptions(checklists=("pipl",)), jobs=1) as batch:  # the default: over 2 s
        list(batch.run(paths[:1]))
    assert batch.slow == []


def test_scan_command_reports_slow_documents_by_name(run, corpus):
    code, stdout, stderr = run("scan", str(corpus / "good.txt"), "-c", PIPL, "--jobs", "1", "--slow", "0")
    assert code == 0 and len(stdout.splitlines()) == 1
    assert f"privcheck: slow document: {corpus / 'good.txt'} took " in stderr.replace("\n", "") and " s to check" in stderr
    code, _, stderr = run("scan", str(corpus / "good.txt"), "-c", PIPL, "--jobs", "1")
    assert "slow document" not in stderr
