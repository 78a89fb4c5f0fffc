"""The per-user cache of compiled checklists: same results, never stale, never hiding an error,
never loading a file privcheck did not write for this user."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from privcheck.checklist import cache, compiler, load_checklist, loader, schema, specs
from privcheck.document import load_document
from privcheck.engine import check_document
from privcheck.errors import ChecklistError
from privcheck.render import get_renderer
from privcheck.results import Report

from conftest import ROOT, SAMPLES

CHECKLIST = """\
id: cache-test
title: Cache test
items:
  - id: CT-CONTACT
    title: Contact
    severity: required
    reference: Art 1
    match: {phrases: [contact us, 联系我们]}
  - id: CT-DAYS
    title: Response time
    severity: recommended
    reference: Art 2
    match: {duration: {near: [respond, 回复], max: 15 working days}}
"""


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    """An empty cache folder, and no checklist compiled in this process yet."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("PRIVCHECK_CACHE_DIR", str(folder))
    monkeypatch.delenv("PRIVCHECK_NO_CACHE", raising=False)
    loader._load_cached.cache_clear()
    yield folder
    loader._load_cached.cache_clear()


def entries(folder: Path) -> list[Path]:
    return sorted((folder / cache.FOLDER).glob("*.pickle")) if (folder / cache.FOLDER).is_dir() else []


def fresh_process_load(reference: str) -> None:
    """Forget the checklists compiled in this process, as a new `privcheck` run would."""
    loader._load_cached.cache_clear()
    load_checklist(reference)


def reports(checklists, fmt: str) -> list[str]:
    out = []
    for policy in sorted(SAMPLES.glob("*.txt")):
        result = check_document(load_document(str(policy)), checklists)
        out.append(get_renderer(fmt, color=fmt == "text", width=120).render(Report(tool_version="t", documents=[result])))
    return out


@pytest.mark.slow
def test_a_cached_checklist_gives_the_same_reports_as_one_compiled_from_yaml(cache_dir, monkeypatch):
    compiled = [load_checklist("pipl", use_cache=False), load_checklist("gdpr", use_cache=False)]
    load_checklist("pipl")
    load_checklist("gdpr")  # compiled and written to the cache
    assert len(entries(cache_dir)) == 2
    loader._load_cached.cache_clear()
    monkeypatch.setattr(compiler, "compile_checklist", lambda *a, **k: pytest.fail("compiled instead of cached"))
    cached = [load_checklist("pipl"), load_checklist("gdpr")]
    assert cached[0] is not compiled[0]
    assert [i.spec for c in cached for i in c.items] == [i.spec for c in compiled for i in c.items]
    for fmt in ("json", "text", "sarif"):
        assert reports(cached, fmt) == reports(compiled, fmt)


def test_the_cache_is_private_to_the_user(cache_dir):
    load_checklist("pipl")
    [entry] = entries(cache_dir)
    if hasattr(os, "getuid"):
        assert entry.parent.stat().st_mode & 0o777 == 0o700
        assert entry.stat().st_mode & 0o077 == 0
    assert entry.read_bytes().startswith(cache.MAGIC)


def test_an_edited_checklist_is_compiled_again(cache_dir, tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(CHECKLIST, encoding="utf-8")
    assert load_checklist(str(path)).items[0].spec.title == "Contact"
    path.write_text(CHECKLIST.replace("title: Contact", "title: Contact channel"), encoding="utf-8")
    os.utime(path, ns=(1, 1))  # even with a modification time the process has not seen change
    loader._load_cached.cache_clear()
    assert load_checklist(str(path)).items[0].spec.title == "Contact channel"
    assert len(entries(cache_dir)) == 1  # the entry was rewritten, not added to


def test_an_edited_parent_checklist_is_compiled_again(cache_dir, tmp_path):
    parent = tmp_path / "parent.yaml"
    parent.write_text(CHECKLIST, encoding="utf-8")
    child = tmp_path / "child.yaml"
    child.write_text("id: child\ntitle: Child\nextends: parent.yaml\noverrides:\n  CT-DAYS: {severity: required}\n",
                     encoding="utf-8")
    assert [i.id for i in load_checklist(str(child)).items] == ["CT-CONTACT", "CT-DAYS"]
    parent.write_text(CHECKLIST.replace("id: CT-CONTACT", "id: CT-CHANNEL"), encoding="utf-8")
    loader._load_cached.cache_clear()
    assert [i.id for i in load_checklist(str(child)).items] == ["CT-CHANNEL", "CT-DAYS"]


def test_the_cache_never_hides_an_error(cache_dir, tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(CHECKLIST, encoding="utf-8")
    load_checklist(str(path))
    assert len(entries(cache_dir)) == 1
    broken = CHECKLIST.replace("severity: recommended", "severity: mandatory")
    path.write_text(broken, encoding="utf-8")
    for _ in range(2):
        loader._load_cached.cache_clear()
        with pytest.raises(ChecklistError) as error:
            load_checklist(str(path))
        assert f"{path}:11:15:" in str(error.value)
        assert "items[1].severity: expected one of" in str(error.value)


def test_an_invalid_checklist_is_not_cached(cache_dir, tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(CHECKLIST.replace("phrases:", "phrase:"), encoding="utf-8")
    with pytest.raises(ChecklistError, match="unknown matcher 'phrase'; did you mean 'phrases'"):
        load_checklist(str(path))
    assert entries(cache_dir) == []


@pytest.mark.parametrize("damage", [
    lambda data: data[: len(data) // 2],                      # truncated
    lambda data: data[:-10] + b"0123456789",                 # payload changed
    lambda data: b"not a cache entry at all",                # garbage
    lambda data: data.replace(b'"payload": "', b'"payload": "0', 1),  # header changed
    lambda data: b"",                                        # empty
])
def test_a_damaged_entry_is_rebuilt(cache_dir, damage):
    load_checklist("gdpr")
    [entry] = entries(cache_dir)
    good = entry.read_bytes()
    entry.write_bytes(damage(good))
    loader._load_cached.cache_clear()
    checklist = load_checklist("gdpr")
    assert checklist.id == "gdpr" and len(checklist.items) > 30
    assert cache.load(("checklist", "gdpr", checklist_path("gdpr"), True, 2.0)) is not None  # rewritten


def checklist_path(reference: str) -> str:
    return str(loader.resolve_reference(reference)[0].resolve())


def test_an_entry_from_another_version_or_code_is_not_used(cache_dir, monkeypatch):
    load_checklist("pipl")
    identity = ("checklist", "pipl", checklist_path("pipl"), True, 2.0)
    assert cache.load(identity) is not None
    real = cache._environment()
    for key in ("privcheck", "code", "python", "regex"):
        monkeypatch.setattr(cache, "_environment", lambda key=key: {**real, key: "other"})
        assert cache.load(identity) is None, key


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_an_entry_others_could_have_written_is_not_loaded(cache_dir, tmp_path):
    load_checklist("pipl")
    [entry] = entries(cache_dir)
    identity = ("checklist", "pipl", checklist_path("pipl"), True, 2.0)
    entry.chmod(0o666)
    assert cache.load(identity) is None
    entry.chmod(0o600)
    assert cache.load(identity) is not None
    entry.parent.chmod(0o777)
    assert cache.load(identity) is None
    entry.parent.chmod(0o700)
    # A symlink to an entry (even a good one) is not followed.
    target = tmp_path / "elsewhere.pickle"
    target.write_bytes(entry.read_bytes())
    target.chmod(0o600)
    entry.unlink()
    entry.symlink_to(target)
    assert cache.load(identity) is None


def test_the_cache_can_be_turned_off(cache_dir, monkeypatch, run):
    monkeypatch.setenv("PRIVCHECK_NO_CACHE", "1")
    load_checklist("pipl")
    assert not cache_dir.exists()
    monkeypatch.delenv("PRIVCHECK_NO_CACHE")
    code, out, _ = run("check", str(SAMPLES / "taobao-2024.txt"), "-c", "pipl", "--no-cache", "-f", "json", "--exit-zero")
    assert code == 0 and json.loads(out)["documents"]
    assert not cache_dir.exists()
    code, _, _ = run("check", str(SAMPLES / "taobao-2024.txt"), "-c", "pipl", "-f", "json", "--exit-zero")
    assert code == 0 and len(entries(cache_dir)) == 1


def test_an_unwritable_cache_folder_does_not_stop_a_check(tmp_path, monkeypatch, run):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("PRIVCHECK_CACHE_DIR", str(blocker / "cache"))
    loader._load_cached.cache_clear()
    code, out, err = run("check", str(SAMPLES / "taobao-2024.txt"), "-c", "gdpr", "-f", "json", "--exit-zero")
    assert code == 0 and json.loads(out)["documents"] and "error" not in err
    loader._load_cached.cache_clear()


def test_validate_always_reads_the_file(cache_dir, monkeypatch, run):
    load_checklist("pipl")  # now cached
    loader._load_cached.cache_clear()
    compiled = []
    real = compiler.compile_checklist
    monkeypatch.setattr(compiler, "compile_checklist", lambda *a, **k: compiled.append(a[0]) or real(*a, **k))
    code, out, _ = run("validate", "pipl")
    assert code == 0 and "pipl: ok" in out
    assert compiled == [checklist_path("pipl")]


def test_cache_folder_follows_the_platform_conventions(monkeypatch, tmp_path):
    monkeypatch.delenv("PRIVCHECK_CACHE_DIR", raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "xdg" / "privcheck"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/is/ignored")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.cache_dir() == tmp_path / "home" / ".cache" / "privcheck"
    monkeypatch.setattr(sys, "platform", "darwin")
    assert cache.cache_dir() == tmp_path / "home" / "Library" / "Caches" / "privcheck"
    monkeypatch.setenv("PRIVCHECK_CACHE_DIR", str(tmp_path / "mine"))
    assert cache.cache_dir() == tmp_path / "mine"


def test_plain_specs_have_the_fields_of_the_schema_models():
    pairs = [(specs.ItemSpec, schema.Item), (specs.ElementSpec, schema.Element), (specs.Messages, schema.Messages),
             (specs.Bilingual, schema.Bilingual), (specs.Examples, schema.Examples), (specs.GradingSpec, schema.Grading)]
    for plain, model in pairs:
        assert {f.name for f in dataclasses.fields(plain)} == set(model.model_fields), plain.__name__
        defaults = model() if plain in (specs.Messages, specs.Bilingual, specs.Examples, specs.GradingSpec) else None
        if defaults is not None:
            assert specs.plain(defaults, plain) == plain(), plain.__name__


def test_a_warm_start_loads_neither_yaml_nor_the_schema(tmp_path):
    """A check with cached checklists does not parse YAML or build validation models."""
    env = {**os.environ, "PRIVCHECK_CACHE_DIR": str(tmp_path / "cache"), "PYTHONPATH": str(ROOT)}
    env.pop("PRIVCHECK_NO_CACHE", None)
    program = (
        "import sys\n"
        "from privcheck.checklist import load_checklist\n"
        "checklists = [load_checklist('pipl'), load_checklist('gdpr')]\n"
        "print(sorted(m for m in ('yaml', 'pydantic', 'privcheck.checklist.schema', 'privcheck.checklist.compiler') if m in sys.modules))\n"
    )
    cold = subprocess.run([sys.executable, "-c", program], env=env, capture_output=True, text=True, check=True)
    assert "privcheck.checklist.compiler" in cold.stdout
    warm = subprocess.run([sys.executable, "-c", program], env=env, capture_output=True, text=True, check=True)
    assert warm.stdout.strip() == "[]", warm.stderr


def test_the_cache_folder_stays_small(cache_dir, tmp_path, monkeypatch):
    monkeypatch.setattr(cache, "MAX_ENTRIES", 3)
    for n in range(5):
        path = tmp_path / f"checklist-{n}.yaml"
        path.write_text(CHECKLIST.replace("id: cache-test", f"id: cache-test-{n}"), encoding="utf-8")
        load_checklist(str(path))
        os.utime(cache.entry_path(cache_dir, ("checklist", str(path), str(path.resolve()), False, 2.0)), (n, n))
    assert len(entries(cache_dir)) == 3
    kept = [str(tmp_path / f"checklist-{n}.yaml") for n in (2, 3, 4)]
    assert sorted(entries(cache_dir)) == sorted(
        cache.entry_path(cache_dir, ("checklist", p, str(Path(p).resolve()), False, 2.0)) for p in kept)
    leftover = cache_dir / cache.FOLDER / ".entry-killed"
    leftover.write_bytes(b"half an entry")
    os.utime(leftover, (1, 1))
    fresh = cache_dir / cache.FOLDER / ".entry-being-written"
    fresh.write_bytes(b"")
    load_checklist("pipl")
    assert not leftover.exists() and fresh.exists()
    assert len(entries(cache_dir)) == 3
    # The entry just written is among those kept.
    assert cache.load(("checklist", "pipl", checklist_path("pipl"), True, 2.0)) is not None
    # And the total size is limited too.
    sizes = sorted(e.stat().st_size for e in entries(cache_dir))
    monkeypatch.setattr(cache, "MAX_BYTES", sizes[-1] + 1)
    loader._load_cached.cache_clear()
    load_checklist("gdpr")
    assert [e.name for e in entries(cache_dir)] == [
        cache.entry_path(cache_dir, ("checklist", "gdpr", checklist_path("gdpr"), True, 2.0)).name]


@pytest.mark.slow
def test_a_new_process_reading_the_cache_reports_what_compiling_reports(tmp_path):
    """Matchers keep process-wide state (the literal index of the windowed regex search): a
    checklist unpickled in a fresh process must rebuild it, or its patterns would find nothing."""
    env = {**os.environ, "PRIVCHECK_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("PRIVCHECK_NO_CACHE", None)
    policies = [str(p) for p in sorted(SAMPLES.glob("*.txt"))] + [str(SAMPLES / "en-demo-gdpr-shop.md")]
    command = [sys.executable, "-m", "privcheck", "check", *policies, "-c", "pipl", "-c", "gdpr", "-f", "json", "--exit-zero"]

    def run(*extra: str) -> dict:
        done = subprocess.run([*command, *extra], env=env, capture_output=True, text=True, check=True)
        return json.loads(done.stdout)

    compiled = run("--no-cache")
    run()  # writes the cache
    assert entries(tmp_path / "cache") and run() == compiled  # a fresh process, from the cache
