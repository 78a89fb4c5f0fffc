"""The bench's tools: the keyword scan and per-phase timing of a batch, and the report comparison."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT, SAMPLES

BENCH = ROOT / "bench"


def bench(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *arguments], capture_output=True, text=True, cwd=ROOT)


def test_keyword_scan_reads_every_file_with_200_patterns():
    files = sorted(str(p) for p in SAMPLES.glob("*.txt"))
    done = bench(str(BENCH / "batch.py"), "keywords", *files)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["documents"] == len(files) and result["patterns"] == 200
    assert result["bytes"] == sum((SAMPLES / p).stat().st_size for p in files) and result["hits"] > 100


def test_phases_of_a_batch_add_up_and_the_json_is_measured():
    done = bench(str(BENCH / "batch.py"), "phases", "pipl", str(SAMPLES / "taobao-2024.txt"))
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert set(result["phases"]) == {"start-up", "reading", "matching", "evaluation", "rendering"}
    assert result["json_bytes"] > 1000 and result["documents"] == 1
    assert sum(result["phases"].values()) <= result["cpu"] + 0.05


def test_compare_reports_finds_every_difference(tmp_path):
    record = {"batch": "samples", "path": "samples/a.txt", "checklist": "pipl", "id": "PIPL-CONTACT",
              "severity": "required", "status": "pass", "found": True, "message": "Disclosed.",
              "triggered": None, "elements_found": [], "elements_missing": [],
              "evidence": [{"line": 3, "column": 1, "end_line": 3, "end_column": 9, "text": "a@b.cn"}]}
    before = tmp_path / "before.jsonl"
    before.write_text(json.dumps(record) + "\n", encoding="utf-8")
    same = bench(str(BENCH / "compare_reports.py"), "compare", str(before), str(before))
    assert same.returncode == 0 and "1 same status, 0 differ in any field, 0 in one file only" in same.stdout
    moved = {**record, "evidence": [{**record["evidence"][0], "line": 4}]}
    other = {**record, "id": "PIPL-MINORS"}
    after = tmp_path / "after.jsonl"
    after.write_text(json.dumps(moved) + "\n" + json.dumps(other) + "\n", encoding="utf-8")
    changed = bench(str(BENCH / "compare_reports.py"), "compare", str(before), str(after))
    assert changed.returncode == 1
    assert "differs: samples/a.txt pipl PIPL-CONTACT: evidence" in changed.stdout
    assert "only in after: samples/a.txt pipl PIPL-MINORS" in changed.stdout
