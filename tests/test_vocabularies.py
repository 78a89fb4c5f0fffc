"""The checklist author's vocabulary: named phrase lists (kept through `extends`), `unless`, and
ordered `near`."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import jsonschema
import pytest

from privcheck.checklist import json_schema, load_checklist, loader
from privcheck.document.model import Document
from privcheck.errors import ChecklistError
from privcheck.matchers import CompileContext, SpecError, TextView, compile_matcher

ROOT = Path(__file__).resolve().parents[1]

BASE = """\
id: base
title: Base
vocabularies:
  personal-data: [personal data, 个人信息]
  health: [health data, 健康信息]
  sensitive: [$health, biometric data, 生物识别信息]
items:
  - id: B-SENSITIVE
    title: Sensitive data with explicit consent
    severity: required
    reference: Art 1
    match:
      near:
        terms: $sensitive
        with: [explicit consent, 单独同意]
    examples:
      pass: ["We process health data only with your explicit consent.", "处理健康信息前，我们会征得您的单独同意。"]
      fail: ["We process fitness data only with your explicit consent."]
  - id: B-ACCESS
    title: Access
    severity: required
    reference: Art 2
    match:
      right: {actions: [access, 查阅], objects: [$personal-data]}
"""


def load(write, text: str, name: str = "c.yaml"):
    return load_checklist(write(name, textwrap.dedent(text)), use_cache=False)


def error_of(write, text: str, name: str = "c.yaml") -> str:
    with pytest.raises(ChecklistError) as info:
        load(write, text, name)
    return str(info.value)


def status(checklist, item_id: str, text: str) -> bool:
    item = next(i for i in checklist.items if i.id == item_id)
    view = TextView(Document.from_text(text))
    return all(view.outcome(e.matcher).matched for e in item.elements)


def outcome(spec, text, vocabularies=None):
    matcher = compile_matcher(spec, CompileContext(("match",), vocabularies=vocabularies or {}))
    return TextView(Document.from_text(text)).outcome(matcher)


# --- vocabularies -------------------------------------------------------------------------------

def test_a_vocabulary_stands_for_its_phrases_in_english_and_chinese(write):
    checklist = load(write, BASE)
    assert status(checklist, "B-SENSITIVE", "We process health data only with your explicit consent.")
    assert status(checklist, "B-SENSITIVE", "我们在取得您的单独同意后处理生物识别信息。")
    assert not status(checklist, "B-SENSITIVE", "We process fitness data only with your explicit consent.")
    assert status(checklist, "B-ACCESS", "您有权查阅您的个人信息。")


def test_an_extending_checklist_inherits_and_extends_a_vocabulary_everywhere(write):
    write("base.yaml", BASE)
    child = load(write, """\
        id: child
        title: Child
        extends: base.yaml
        vocabularies:
          health: [$health, fitness data, 运动数据]     # the inherited list and two more
        items:
          - id: C-HEALTH
            title: Health
            severity: recommended
            reference: Art 3
            match: {phrases: $health}
        """)
    # The inherited item sees the extended vocabulary, through `sensitive`, which uses it.
    assert status(child, "B-SENSITIVE", "We process fitness data only with your explicit consent.")
    assert status(child, "B-SENSITIVE", "我们在取得您的单独同意后处理运动数据。")
    assert status(child, "B-SENSITIVE", "We process health data only with your explicit consent.")
    assert status(child, "C-HEALTH", "health data") and status(child, "C-HEALTH", "运动数据")
    # The base itself is unchanged.
    base = load_checklist(str(Path(write("base.yaml", BASE))), use_cache=False)
    assert not status(base, "B-SENSITIVE", "We process fitness data only with your explicit consent.")


def test_a_replaced_vocabulary_drops_the_inherited_phrases(write):
    write("base.yaml", BASE)
    child = load(write, "id: child\ntitle: Child\nextends: base.yaml\nvocabularies:\n  health: [medical records]\n")
    assert status(child, "B-SENSITIVE", "We keep medical records only with your explicit consent.")
    assert not status(child, "B-SENSITIVE", "We keep health data only with your explicit consent.")


def test_the_compiled_cache_follows_a_changed_vocabulary_in_an_extended_file(write, tmp_path, monkeypatch):
    monkeypatch.setenv("PRIVCHECK_CACHE_DIR", str(tmp_path / "cache"))
    base = Path(write("base.yaml", BASE))
    child = write("child.yaml", "id: child\ntitle: Child\nextends: base.yaml\n")
    text = "We keep fitness data only with your explicit consent."
    loader._load_cached.cache_clear()
    assert not status(load_checklist(child, use_cache=True), "B-SENSITIVE", text)
    assert list((tmp_path / "cache").rglob("*"))  # it was cached
    base.write_text(BASE.replace("[health data, 健康信息]", "[health data, fitness data]"), encoding="utf-8")
    loader._load_cached.cache_clear()  # as in a new process: the compiled cache on disk decides
    assert status(load_checklist(child, use_cache=True), "B-SENSITIVE", text)


@pytest.mark.parametrize("vocabularies, item_match, where, message", [
    ("  health: [health data]\n", "{phrases: [$helth]}", ":10:23",
     "item X: unknown vocabulary '$helth'; did you mean '$health'?"),
    ("  health: [health data]\n", "{near: {terms: [a, $zzz], with: b}}", ":10:31",
     "unknown vocabulary '$zzz' (known: $health)"),
    ("  a: [x, $b]\n  b: [$a]\n", "{phrases: [x]}", ":4:3", "vocabularies refer to each other in a cycle: $a -> $b -> $a"),
    ("  a: [$a, x]\n", "{phrases: [x]}", ":4:3", "'$a' in its own definition names the inherited vocabulary"),
    ("  a: [x, $sensitve]\n  sensitive: [y]\n", "{phrases: [$a]}", ":4:10",
     "vocabulary 'a': unknown vocabulary '$sensitve'; did you mean '$sensitive'?"),
    ("  a: []\n", "{phrases: [x]}", ":4:6", "vocabulary 'a': expected a non-empty list of phrases"),
    ("  a b: [x]\n", "{phrases: [x]}", ":4:3", "vocabularies.a b: expected an ID"),
    ("  a: [x]\n", "{phrases: [$]}", ":10:23", "expected a vocabulary name after '$'"),
])
def test_vocabulary_errors_have_a_position_and_a_hint(write, vocabularies, item_match, where, message):
    text = (f"id: t\ntitle: T\nvocabularies:\n{vocabularies}items:\n  - id: X\n    title: X\n"
            f"    severity: required\n    reference: Art 1\n    match: {item_match}\n")
    lines = text.splitlines()
    match_line = next(i for i, line in enumerate(lines, 1) if line.startswith("    match:"))
    if where.startswith(":10:"):
        where = f":{match_line}:{where.split(':')[2]}"
    error = error_of(write, text)
    assert f"c.yaml{where}" in error and message in error, error


def test_a_vocabulary_in_a_matcher_needs_one_defined():
    with pytest.raises(SpecError) as caught:
        compile_matcher({"phrases": ["$personal-data"]}, CompileContext(("match",)))
    assert caught.value.path == ("match", "phrases", 0)
    assert "define it under 'vocabularies:'" in caught.value.message


def test_every_phrase_list_takes_a_vocabulary():
    words = {"respond": ("respond", "回复"), "privacy": ("privacy",), "updated": ("last updated",)}
    assert outcome({"duration": {"near": "$respond", "max": "15 days"}}, "We respond within 10 days.", words).matched
    assert outcome({"contact": {"near": ["$privacy"]}}, "Privacy: dpo@shopco.eu", words).matched
    assert outcome({"date": {"near": "$updated"}}, "Last updated: 2025-03-01", words).matched
    assert outcome({"phrases": [["$privacy"], "x"]}, "Privacy first.", words).matched


def test_the_schema_takes_vocabularies_and_references():
    document = {
        "id": "c", "title": "C", "vocabularies": {"personal-data": ["personal data", "个人信息"], "more": "$personal-data"},
        "items": [{"id": "X", "title": "X", "severity": "required", "reference": "Art 1",
                   "match": {"near": {"terms": ["$personal-data", "account"], "with": "$more", "ordered": True,
                                      "unless": ["cookie*"]}}}],
    }
    validator = jsonschema.Draft202012Validator(json_schema())
    assert list(validator.iter_errors(document)) == []
    document["vocabularies"]["bad name"] = ["x"]
    document["items"][0]["match"] = {"phrases": ["$not a name"]}
    assert len(list(validator.iter_errors(document))) == 2


def test_the_readme_examples_load(write):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Writing a checklist"):readme.index("### Items")]
    example = re.search(r"```yaml\n(.*?)```", section, re.S).group(1)
    checklist = load(write, example, "mine.yaml")
    assert status(checklist, "MY-DPO-EMAIL", "Data protection questions: dpo@shopco.cn")


# --- unless -------------------------------------------------------------------------------------

def test_unless_on_phrases_leaves_out_the_sentence_only():
    spec = {"phrases": {"terms": ["automated decision*", "自动化决策"], "unless": ["recommend*", "推荐"]}}
    assert not outcome(spec, "Automated decisions recommend articles to you.").matched
    assert not outcome(spec, "我们通过自动化决策向您推荐商品。").matched
    found = outcome(spec, "Automated decisions recommend articles. We make automated decisions on credit.")
    assert found.matched and len(found.hits) == 1
    assert outcome(spec, "我们通过自动化决策向您推荐商品；我们也以自动化决策审核贷款。").matched


def test_unless_on_near_checks_every_sentence_of_the_hit():
    spec = {"near": {"terms": ["joint controller*"], "with": ["arrangement"], "within": "passage",
                     "unless": ["facebook"]}}
    assert outcome(spec, "We are joint controllers. Our arrangement says who does what.").matched
    assert not outcome(spec, "We are joint controllers with Facebook. Our arrangement says who does what.").matched
    assert not outcome(spec, "We are joint controllers. Our arrangement with Facebook says who does what.").matched


def test_unless_on_right_is_the_same_mechanism():
    spec = {"right": {"actions": ["access"], "unless": ["from any device"]}}
    assert outcome(spec, "You may access your data.").matched
    assert not outcome(spec, "You may access your account from any device.").matched


def test_phrases_options_errors():
    with pytest.raises(SpecError) as caught:
        compile_matcher({"phrases": {"term": ["x"]}}, CompileContext(("match",)))
    assert caught.value.path == ("match", "phrases", "term") and "did you mean 'terms'?" in caught.value.message
    with pytest.raises(SpecError) as caught:
        compile_matcher({"phrases": {"terms": ["x"], "unless": []}}, CompileContext(("match",)))
    assert caught.value.path == ("match", "phrases", "unless")


# --- ordered near -------------------------------------------------------------------------------

@pytest.mark.parametrize("text, holds", [
    ("If you do not provide your address, we cannot deliver.", True),
    ("We cannot deliver if you do not provide your address.", False),
    ("如您不提供收货地址，我们将无法配送。", True),
    ("我们将无法配送，如您不提供收货地址。", False),
])
def test_ordered_near_takes_this_before_that(text, holds):
    spec = {"near": {"terms": ["if you do not provide", "如您不提供"], "with": ["cannot", "无法"], "ordered": True}}
    assert outcome(spec, text).matched is holds
    unordered = {"near": {"terms": ["if you do not provide", "如您不提供"], "with": ["cannot", "无法"]}}
    assert outcome(unordered, text).matched


def test_ordered_near_within_characters_and_words():
    spec = {"near": {"terms": ["do not", "does not"], "with": ["collect"], "ordered": True, "within": "1 word"}}
    assert outcome(spec, "We do not knowingly collect health data.").matched
    assert not outcome(spec, "We collect what you do not delete.").matched
    assert not outcome(spec, "We do not sell, share or collect it.").matched
    chars = {"near": {"terms": ["不会"], "with": ["自动化决策"], "ordered": True, "within": 10}}
    assert outcome(chars, "我们不会使用自动化决策。").matched
    assert not outcome(chars, "自动化决策不会使用。").matched


def test_apart_near_needs_two_separate_hits():
    spec = {"near": {"terms": ["delete*"], "with": ["when your account is deleted"]}}
    text = "We will email you when your account is deleted."
    assert outcome(spec, text).matched  # the term is a word of the partner
    apart = {"near": {**spec["near"], "apart": True}}
    assert not outcome(apart, text).matched
    assert outcome(apart, "Your posts are deleted when your account is deleted.").matched
    assert outcome(apart, "When your account is deleted, we delete your posts.").matched
    hits = outcome(apart, "Your posts are deleted when your account is deleted.").hits
    assert [(h.start, h.end) for h in hits] == [(15, 51)]  # the second "deleted" is the partner's own


def test_ordered_must_be_true_or_false():
    with pytest.raises(SpecError) as caught:
        compile_matcher({"near": {"terms": ["a"], "with": ["b"], "ordered": "yes"}}, CompileContext(("match",)))
    assert caught.value.path == ("match", "near", "ordered") and "expected true or false" in caught.value.message


def test_explain_shows_the_phrases_of_a_vocabulary_and_the_order(write):
    from privcheck.explain import describe_item

    checklist = load(write, BASE.replace("        with: [explicit consent, 单独同意]\n",
                                         "        with: [explicit consent, 单独同意]\n        ordered: true\n        unless: [cookie*]\n"))
    assert checklist.vocabularies["sensitive"] == ("health data", "健康信息", "biometric data", "生物识别信息")
    lines = [line.text for part in describe_item(checklist.item("B-SENSITIVE"), checklist.vocabularies) for line in part.lines]
    assert lines == ["“health data”, “健康信息”, “biometric data”, “生物识别信息” followed in the same sentence by "
                     "“explicit consent”, “单独同意”; not in a sentence with “cookie*”"]
