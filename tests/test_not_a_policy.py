"""Crawler stubs, HTTP error pages and too-short files are 'not a policy' in scan, never graded F."""

from __future__ import annotations

import json

import pytest

from privcheck.document import load_bytes
from privcheck.document.screening import not_a_policy

POLICY = (
    "Privacy policy of Lumen Books. We collect your name and e-mail address to deliver your orders. "
    "Contact privacy@lumen.example; we reply to requests within 15 working days.\n"
)


@pytest.mark.parametrize("text,expected", [
    ("There are some errors when get the original page!", "error page"),
    ("<html><title>404 Not Found</title><h1>Not Found</h1></html>", "error page"),
    ("403 Forbidden\nnginx", "error page"),
    ("Access Denied. You don't have permission to access this server.", "error page"),
    ("抱歉，页面不存在", "error page"),
    ("Privacy policy", "too short"),
])
def test_error_pages_and_stubs_are_recognised(text, expected):
    assert expected in not_a_policy(text)


def test_a_policy_that_mentions_an_error_is_still_a_policy():
    assert not_a_policy(POLICY) is None
    assert not_a_policy(POLICY * 40 + "If a page is not found, write to us.") is None
    assert not_a_policy("我们收集您的姓名和电话号码，用于提供服务。如有疑问请联系我们。") is None


def test_scan_gives_not_a_policy_rows_and_no_grade(run, tmp_path):
    folder = tmp_path / "crawl"
    folder.mkdir()
    for number in range(3):
        (folder / f"stub{number}.html").write_text(
            "<html><body><p>There are some errors when get the original page!</p></body></html>")
    (folder / "short.txt").write_text("Privacy policy\n")
    (folder / "empty.txt").write_text("  \n")
    (folder / "policy.txt").write_text(POLICY)
    code, out, err = run("scan", str(folder), "-c", "pipl", "--no-progress", "-j", "1", "--exit-zero")
    records = {r["path"].rsplit("/", 1)[-1]: r for r in map(json.loads, out.splitlines())}
    for name in ("stub0.html", "stub1.html", "stub2.html", "short.txt"):
        assert records[name]["status"] == "not_a_policy" and records[name]["checklists"] == []
    assert "is an error page" in records["stub0.html"]["error"]
    assert "is too short to be a policy" in records["short.txt"]["error"]
    assert records["empty.txt"]["status"] == "error"
    assert records["empty.txt"]["error"].endswith("is empty (no text, or only white space)")
    assert records["policy.txt"]["status"] == "ok"
    assert "6 document(s): 1 checked, 1 error(s), 4 not a policy" in err
    assert code == 2  # the empty file is an error

    code, out, _ = run("scan", str(folder), "-c", "pipl", "--no-progress", "-j", "1", "-f", "csv")
    rows = [line.split(",")[:2] for line in out.splitlines()[1:]]
    assert sum(status == "not_a_policy" for _, status in rows) == 4


def test_empty_files_are_worded_one_way(run, tmp_path):
    (tmp_path / "a.txt").write_text("")
    (tmp_path / "b.txt").write_text("   \n\t\n")
    for name in ("a.txt", "b.txt"):
        code, _, err = run("check", str(tmp_path / name), "-c", "pipl")
        assert code == 2 and err.strip().endswith(f"{name}: is empty (no text, or only white space)")


def test_a_few_bad_bytes_are_replaced_and_reported():
    data = ("我们收集您的个人信息。We collect data. " * 60).encode()
    data = data[:500] + b"\xff" + data[500:]
    document = load_bytes(data, "policy.txt")
    assert document.encoding == "utf-8" and "\ufffd" in document.text
    assert document.notes == ["1 of 3,001 bytes could not be decoded as UTF-8 and were replaced with U+FFFD; "
                              "the rest was read"]
    too_many = bytes(b if i % 20 else 0xFF for i, b in enumerate(data))
    from privcheck.errors import DocumentError

    with pytest.raises(DocumentError):
        load_bytes(too_many, "policy.txt", )


def test_a_bad_byte_with_an_explicit_encoding_is_replaced(run, tmp_path):
    path = tmp_path / "policy.txt"
    path.write_bytes(POLICY.encode() * 10 + b"\xff\n")
    code, out, err = run("check", str(path), "-c", "pipl", "--encoding", "utf-8", "-f", "json")
    assert code in (0, 1), err
    assert json.loads(out)["documents"][0]["notes"][0].startswith("1 of 1,")
