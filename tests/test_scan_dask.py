"""The same scan on a Dask cluster: a local cluster started by the test."""

from __future__ import annotations


import json

import pytest

distributed = pytest.importorskip("distributed")

from privcheck.scan import BatchScan, ScanOptions, dask_bag, find_policies  # noqa: E402

from conftest import STARTER_PIPL as PIPL  # noqa: E402

pytestmark = pytest.mark.slow  # the whole module takes seconds

POLICY = (
    "Privacy Policy of Lumen Books Ltd.\n"
    "Write to privacy@lumenbooks.cn with any question. We will reply to your request within 15 working days.\n"
)


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as local:
        yield local


@pytest.fixture
def policies(tmp_path):
    for n in range(7):
        (tmp_path / f"p{n}.txt").write_text(POLICY.replace("Lumen", f"Lumen{n}"), encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    return find_policies([str(tmp_path)])


def test_dask_bag_gives_the_same_records_as_a_local_scan(cluster, policies):
    options = ScanOptions(checklists=(PIPL,))
    with distributed.Client(cluster) as client:
        records = client.compute(dask_bag(policies, options, npartitions=3)).result()
    with BatchScan(options, jobs=1) as batch:
        local = list(batch.run(policies))
    assert sorted(records, key=lambda r: r["path"]) == sorted(local, key=lambda r: r["path"])
    assert sum(r["status"] == "error" for r in records) == 1


def test_scan_command_with_scheduler(cluster, policies, run, tmp_path):
    out = tmp_path / "out" / "results.jsonl"
    out.parent.mkdir()
    code, stdout, stderr = run("scan", *policies, "-c", PIPL, "-o", str(out), "--scheduler", cluster.scheduler_address)
    assert code == 2, stdout + stderr  # the empty file is an error row
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(r["path"] for r in records) == sorted(policies)
    assert "Scanned 8 document(s): 7 checked, 1 error(s)" in stdout


def test_unreachable_scheduler_is_a_clear_error(run, policies):
    code, _, stderr = run("scan", policies[0], "-c", PIPL, "--scheduler", "tcp://127.0.0.1:9")
    assert code == 2 and "cannot reach the Dask scheduler" in stderr
