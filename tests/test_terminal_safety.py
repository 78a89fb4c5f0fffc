"""FIFOs and devices refused by type, symlink loops named, control characters in paths escaped."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from privcheck.document import load_document
from privcheck.errors import DocumentError
from privcheck.paths import printable
from privcheck.render.github import escape_data

POLICY = "We respond to requests within 15 working days. Contact privacy@shopco.cn.\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_fifo_is_refused_without_waiting(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    result = subprocess.run([sys.executable, "-m", "privcheck", "check", str(fifo), "-c", "pipl"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "is a named pipe (FIFO), not a policy file" in result.stderr


def test_a_device_is_refused_by_type():
    with pytest.raises(DocumentError, match="is a device, not a policy file"):
        load_document("/dev/zero")


def test_a_symlink_loop_is_named_as_such(tmp_path):
    os.symlink(tmp_path / "b.txt", tmp_path / "a.txt")
    os.symlink(tmp_path / "a.txt", tmp_path / "b.txt")
    with pytest.raises(DocumentError, match="is a symbolic link loop"):
        load_document(str(tmp_path / "a.txt"))
    os.symlink(tmp_path / "gone.txt", tmp_path / "dangling.txt")
    with pytest.raises(DocumentError, match="is a broken symbolic link"):
        load_document(str(tmp_path / "dangling.txt"))


def test_scan_records_a_symlink_loop_as_an_error_row(run, tmp_path):
    os.symlink(tmp_path / "b.txt", tmp_path / "a.txt")
    os.symlink(tmp_path / "a.txt", tmp_path / "b.txt")
    code, out, _ = run("scan", str(tmp_path / "a.txt"), "-c", "pipl", "--no-progress", "-j", "1")
    assert code == 2
    assert "is a symbolic link loop" in out


def test_printable_escapes_control_characters_only():
    assert printable("a\nb\rc\td\x1b[31m\u2028e") == "a\\nb\\rc\\td\\x1b[31m\\u2028e"
    assert printable("政策 policy.txt") == "政策 policy.txt"


def test_a_newline_in_a_file_name_cannot_forge_a_line(run, tmp_path):
    evil = tmp_path / "evil\n::error file=x.txt,line=1::forged\x1b[2J"
    evil.write_text("")  # empty: an error naming the file on stderr
    good = tmp_path / "good.txt"
    good.write_text(POLICY)
    code, out, err = run("check", str(evil), str(good), "-c", "pipl", "-f", "github")
    assert code == 2
    assert all(not line.startswith("::error file=x.txt") for line in err.splitlines())
    assert "evil\\n::error file=x.txt,line=1::forged\\x1b[2J: is empty" in err
    evil.write_text(POLICY)
    code, out, err = run("check", str(evil), "-c", "pipl", "-f", "github")
    for line in out.splitlines():
        assert "\x1b" not in line
        assert not line.startswith("::error file=x.txt")
    assert "evil%0A%3A%3Aerror file=x.txt%2Cline=1%3A%3Aforged%1B[2J" in out


def test_github_escapes_follow_the_workflow_command_rules():
    assert escape_data("50% done\r\nnext\x07") == "50%25 done%0D%0Anext%07"


def test_control_characters_in_paths_are_escaped_in_every_format(run, tmp_path):
    import xml.etree.ElementTree as ET

    evil = tmp_path / "evil\x1b[31m\nname.txt"
    evil.write_text(POLICY)
    _, out, _ = run("check", str(evil), "-c", "pipl", "-f", "junit")
    ET.fromstring(out)  # well-formed XML 1.0
    assert "\x1b" not in out
    _, out, _ = run("check", str(evil), "-c", "pipl", "-f", "markdown")
    assert "\x1b" not in out and "evil\\\\x1b[31m\\\\nname.txt" in out  # backslashes escaped for Markdown
    _, out, _ = run("check", str(evil), "-c", "pipl", "--width", "200")
    assert "\x1b" not in out and "evil\\x1b[31m\\nname.txt" in out
