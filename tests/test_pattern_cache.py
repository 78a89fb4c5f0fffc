"""Regular expressions kept compiled between runs: the same pattern as `re.compile` makes, made
from code this user's privcheck wrote, and compiled as usual on any doubt."""

from __future__ import annotations

import array
import os
import re
import subprocess
import sys

import pytest
import regex

from privcheck.checklist import cache, load_checklist
from privcheck.textsearch import pattern_cache

PATTERNS = [
    (r"(?<![a-z0-9])withdraw[a-z0-9]*[\s\-]+consent(?![a-z0-9])", 0),
    (r"撤回[^。.!?;\n]{0,30}?同意", 0),
    (r"(?P<day>\d{1,2})\s*(?:working\s+)?days?|(?P<zh>[一二三四五六七八九十]{1,3})\s*个?工作日", re.IGNORECASE),
    (r"^contact(?:\s+us)?:?\s*$", re.MULTILINE),
]
TEXT = "You may withdraw-consent at any time. 您可以撤回您的同意。Reply within 15 working days, 十五个工作日.\ncontact us\n"


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """A process that has compiled nothing yet, keeping patterns in an empty folder."""
    new_process(monkeypatch)
    pattern_cache.keep_in(cache.CacheFolder(tmp_path / "patterns"))
    return tmp_path / "patterns"


def new_process(monkeypatch) -> None:
    for name, value in (("_compiled", {}), ("_storage", None), ("_stored", None), ("_new", {}),
                        ("_regex_compiled", {}), ("_regex_stored", None), ("_regex_new", {})):
        monkeypatch.setattr(pattern_cache, name, value)


def same_as_re(pattern: re.Pattern[str], source: str, flags: int) -> None:
    expected = re.compile(source, flags)
    assert pattern == expected  # same source, flags and engine code
    assert (pattern.groups, pattern.groupindex) == (expected.groups, expected.groupindex)
    assert [m.span() for m in pattern.finditer(TEXT)] == [m.span() for m in expected.finditer(TEXT)]


def test_a_pattern_from_the_file_is_the_pattern_re_compiles(folder, monkeypatch):
    for source, flags in PATTERNS:
        same_as_re(pattern_cache.compile_pattern(source, flags), source, flags)
    pattern_cache._write()
    assert len(list(folder.glob("re-*.bin"))) == 1

    new_process(monkeypatch)
    pattern_cache.keep_in(cache.CacheFolder(folder))

    def not_again(*_args):
        raise AssertionError("compiled again")

    monkeypatch.setattr(pattern_cache, "_compile_keeping_code", not_again)
    for source, flags in PATTERNS:
        same_as_re(pattern_cache.compile_pattern(source, flags), source, flags)


def test_a_damaged_file_is_a_miss(folder, monkeypatch):
    source, flags = PATTERNS[0]
    pattern_cache.compile_pattern(source, flags)
    pattern_cache._write()
    (path,) = folder.glob("re-*.bin")
    path.write_bytes(path.read_bytes()[:-10] + bytes(10))

    new_process(monkeypatch)
    pattern_cache.keep_in(cache.CacheFolder(folder))
    same_as_re(pattern_cache.compile_pattern(source, flags), source, flags)
    assert pattern_cache._new  # compiled again, to be written again


@pytest.mark.parametrize("use_cache", [True, False])
def test_the_checklist_cache_setting_decides(tmp_path, monkeypatch, use_cache):
    monkeypatch.setenv("PRIVCHECK_CACHE_DIR", str(tmp_path / "cache"))
    new_process(monkeypatch)
    load_checklist("pipl", use_cache=use_cache)
    same_as_re(pattern_cache.compile_pattern(*PATTERNS[1]), *PATTERNS[1])
    pattern_cache._write()
    assert (tmp_path / "cache" / "patterns").is_dir() == use_cache
    assert not pattern_cache._new


def test_a_later_process_compiles_none_of_the_detectors_patterns(tmp_path):
    env = {**os.environ, "PRIVCHECK_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("PRIVCHECK_NO_CACHE", None)
    program = ("import privcheck.detectors.contacts, privcheck.detectors.durations\n"
               "from privcheck.textsearch import pattern_cache\n"
               "print(len(pattern_cache._new))\n")
    first = subprocess.run([sys.executable, "-c", program], env=env, capture_output=True, text=True, check=True)
    assert int(first.stdout) > 50
    later = subprocess.run([sys.executable, "-c", program], env=env, capture_output=True, text=True, check=True)
    assert int(later.stdout) == 0



def test_a_full_file_keeps_what_the_last_process_used_and_the_newest_others(folder, monkeypatch):
    monkeypatch.setattr(pattern_cache, "MAX_PATTERNS", 3)
    for source, flags in PATTERNS:  # four patterns: one too many
        pattern_cache.compile_pattern(source, flags)
    pattern_cache._write()
    new_process(monkeypatch)
    pattern_cache.keep_in(cache.CacheFolder(folder))
    kept = pattern_cache._read()
    assert list(kept) == [(s, int(f)) for s, f in PATTERNS[1:]]  # the oldest left, though used

    new_process(monkeypatch)
    pattern_cache.keep_in(cache.CacheFolder(folder))
    pattern_cache.compile_pattern(*PATTERNS[1])  # used now, from the file
    pattern_cache.compile_pattern(*PATTERNS[0])  # compiled anew
    pattern_cache._write()
    assert list(pattern_cache._read()) == [(s, int(f)) for s, f in (PATTERNS[3], PATTERNS[1], PATTERNS[0])]


# --- what regex_literals read from a pattern, kept beside the compiled patterns ------------------

from privcheck.detectors import contacts, entities  # noqa: E402
from privcheck.textsearch import regex_literals  # noqa: E402

READ = [contacts._URL_RE.pattern, contacts._PHONE_RE.pattern, contacts._LABELLED_NATIONAL_RE.pattern,
        entities._NAME_BEFORE_CONTROLLER.pattern, r"(?:do|does|will) not (?:rely|base)[^.;!?]{0,40}legitimate interests?",
        r"[\p{Han}()（）]{2,40}(?:有限公司|集团公司)", r"\[:alpha:]"]


def forget_readings(monkeypatch) -> None:
    monkeypatch.setattr(regex_literals, "_KEPT", [None, {}])
    monkeypatch.setattr(regex_literals, "_KEPT_NEW", {})
    regex_literals.analyse.cache_clear()


def test_readings_kept_by_one_process_are_those_a_later_one_uses(folder, monkeypatch):
    forget_readings(monkeypatch)
    fresh = [(regex_literals._fresh_analysis(p), regex_literals._fresh_requirements(p)) for p in READ]
    assert [(regex_literals.analyse(p), regex_literals.requirements(p)) for p in READ] == fresh
    regex_literals._write_kept()
    assert len(list(folder.glob("read-*.bin"))) == 1

    new_process(monkeypatch)
    pattern_cache.keep_in(cache.CacheFolder(folder))
    forget_readings(monkeypatch)

    def not_again(_pattern):
        raise AssertionError("read again")

    monkeypatch.setattr(regex_literals, "_fresh_analysis", not_again)
    monkeypatch.setattr(regex_literals, "_fresh_requirements", not_again)
    assert [(regex_literals.analyse(p), regex_literals.requirements(p)) for p in READ] == fresh
    assert not regex_literals._KEPT_NEW



def test_the_readings_file_keeps_at_most_max_patterns_entries(folder, monkeypatch):
    monkeypatch.setattr(pattern_cache, "MAX_PATTERNS", 2)
    monkeypatch.setattr(regex_literals, "_KEPT_USED", set())
    forget_readings(monkeypatch)
    for pattern in READ[:3]:
        regex_literals.analyse(pattern)
    regex_literals._write_kept()
    (path,) = folder.glob("read-*.bin")
    kept = pattern_cache.read_kept(path.name)
    assert list(kept) == [("analyse", READ[1]), ("analyse", READ[2])]

def test_without_a_cache_readings_are_not_kept(monkeypatch):
    new_process(monkeypatch)
    pattern_cache.keep_in(None)
    forget_readings(monkeypatch)
    assert regex_literals.analyse(READ[0]) == regex_literals._fresh_analysis(READ[0])
    assert not regex_literals._KEPT_NEW


def test_a_pattern_is_cheap_once_compiled_here_or_kept_in_the_file(folder, monkeypatch):
    source, flags = PATTERNS[0]
    assert not pattern_cache.is_cheap(source, flags)
    pattern_cache.compile_pattern(source, flags)
    assert pattern_cache.is_cheap(source, flags)
    pattern_cache._write()
    new_process(monkeypatch)
    pattern_cache.keep_in(cache.CacheFolder(folder))
    assert pattern_cache.is_cheap(source, flags) and not pattern_cache.is_cheap(PATTERNS[1][0])
    pattern_cache.keep_in(None)  # no storage: only what this process compiled
    assert not pattern_cache.is_cheap(source, flags)


REGEX_PATTERNS = [
    (r"(?<![a-z])(?:rights?|entitled)(?![a-z])|权利|有权", 0),
    (r"(?r)[\p{Han}]{2,40}有限公司", 0),
    (r"^\s*(?P<bullet>[•·\-*])", regex.MULTILINE | regex.IGNORECASE),
]


def test_a_regex_pattern_from_the_file_is_the_pattern_regex_compiles(folder, monkeypatch):
    for source, flags in REGEX_PATTERNS:
        pattern_cache.compile_regex(source, flags)
    pattern_cache._write_regex()
    assert len(list(folder.glob("regex-*.bin"))) == 1
    monkeypatch.setattr(pattern_cache, "_regex_compiled", {})
    monkeypatch.setattr(pattern_cache, "_regex_stored", None)
    compiled_here = []
    real_compile = regex.compile
    monkeypatch.setattr(regex, "compile", lambda *args: compiled_here.append(args) or real_compile(*args))
    kept = [pattern_cache.compile_regex(source, flags) for source, flags in REGEX_PATTERNS]
    assert compiled_here == []  # every pattern came from the file
    text = "• You have rights: 阿里巴巴（中国）有限公司 and 有权 entitled"
    for pattern, (source, flags) in zip(kept, REGEX_PATTERNS):
        expected = real_compile(source, flags)
        assert (pattern.pattern, pattern.flags, pattern.groupindex) == (expected.pattern, expected.flags, expected.groupindex)
        assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in expected.finditer(text)]


def test_a_damaged_regex_file_is_a_miss(folder, monkeypatch):
    source, flags = REGEX_PATTERNS[0]
    pattern_cache.compile_regex(source, flags)
    pattern_cache._write_regex()
    kept = next(folder.glob("regex-*.bin"))
    kept.write_bytes(kept.read_bytes()[:-5] + b"xxxxx")
    monkeypatch.setattr(pattern_cache, "_regex_compiled", {})
    monkeypatch.setattr(pattern_cache, "_regex_stored", None)
    assert pattern_cache.compile_regex(source, flags).search("your rights")


def test_classes_optimised_once_give_the_code_re_gives(monkeypatch):
    """A character class met again (CJK ranges, with and without IGNORECASE, a negated gap) is
    not optimised again, and every pattern gets the code `re` itself makes for it."""
    from re import _compiler, _parser

    monkeypatch.setattr(pattern_cache, "_optimized_classes", {})
    cjk = "[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
    sources = [(source, flags) for source, flags in PATTERNS] + [
        (f"{cjk}{{1,12}}+", 0), (f"(?:{cjk}|[a-z]){{2}}", re.IGNORECASE), (f"{cjk}x", re.IGNORECASE),
        (r"[^。.!?;\n]{0,30}?同意", 0), (r"[\s\-]+a[^。.!?;\n]{0,30}?b", re.IGNORECASE), (r"[\d\w]", re.ASCII),
    ]
    expected = [_compiler._code(_parser.parse(source, flags), flags) for source, flags in sources]
    for _ in range(2):  # the second time, every class is one optimised before
        for (source, flags), code in zip(sources, expected):
            assert pattern_cache._compile_keeping_code(source, flags)[1][1] == _code_bytes(code)
    assert _compiler._optimize_charset is pattern_cache._optimize_class  # only while compiling
    assert len(pattern_cache._optimized_classes) < sum(source.count("[") for source, _ in sources)


def _code_bytes(code: list[int]) -> bytes:
    return array.array("I", code).tobytes()
