"""Traditional Chinese policies are matched by the Simplified checklists, with their own evidence."""

from __future__ import annotations

import opencc
import pytest

from conftest import SAMPLES
from privcheck.checklist import load_checklist
from privcheck.document import load_bytes
from privcheck.document.hant import is_traditional, simplified
from privcheck.engine import check_document

DEMO = (SAMPLES / "zh-demo-notes-app.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def checklists():
    return [load_checklist("pipl"), load_checklist("gdpr")]


def statuses(result):
    return {item.id: item.status.value for checklist in result.checklists for item in checklist.items}


def test_a_traditional_policy_gets_the_statuses_of_the_simplified_one(checklists):
    traditional = opencc.OpenCC("s2t").convert(DEMO)
    assert traditional != DEMO and "個人信息" in traditional and "答覆" in traditional
    simple = check_document(load_bytes(DEMO.encode(), "policy.txt"), checklists)
    hant = check_document(load_bytes(traditional.encode(), "policy.txt"), checklists)
    different = {key for key in statuses(simple) if statuses(simple)[key] != statuses(hant)[key]}
    assert different == {"PIPL-LANGUAGE"}  # the one item about the script itself
    assert (statuses(simple)["PIPL-LANGUAGE"], statuses(hant)["PIPL-LANGUAGE"]) == ("pass", "fail")
    assert statuses(hant)["PIPL-RESPONSE-TIME"] == "partial"  # 三十天內答覆: 答覆 is read as 答复
    # Evidence quotes the policy as written, on the same lines.
    evidence = {item.id: item.evidence for checklist in hant.checklists for item in checklist.items}
    quoted = evidence["PIPL-IDENTITY"][0]
    assert "數碼科技有限公司" in quoted.text
    original = {item.id: item.evidence for checklist in simple.checklists for item in checklist.items}["PIPL-IDENTITY"][0]
    assert (quoted.line, quoted.column) == (original.line, original.column)


def test_big5_files_are_read_and_matched(checklists):
    policy = (
        "隱私權政策\n"
        "我們將嚴格保護您的個人信息。如您對本政策有任何疑問，請發送郵件至privacy@lumen-notes.com.tw與我們聯絡，"
        "我們將在十五個工作日內回覆您的請求。\n"
        "我們不會向未滿十四周歲的未成年人提供服務；如需處理不滿十四周歲未成年人的個人信息，我們將取得其父母或其他監護人的同意。\n"
    ) * 3
    result = check_document(load_bytes(policy.encode("big5"), "policy.txt"), checklists)
    found = statuses(result)
    assert found["PIPL-RESPONSE-TIME"] == "pass"
    assert found["PIPL-CONTACT"] in ("pass", "partial")


def test_the_two_lists_of_forms_are_one_character_apart():
    from privcheck.document.hant import _SIMPLIFIED_FORMS, _TRADITIONAL_FORMS

    assert len(_TRADITIONAL_FORMS) == len(_SIMPLIFIED_FORMS)
    assert simplified(_TRADITIONAL_FORMS) == _SIMPLIFIED_FORMS


def test_simplified_text_with_a_few_traditional_names_is_left_alone():
    text = "我们的合作伙伴台灣資訊股份有限公司将按照本政策处理您的个人信息。" * 5
    assert not is_traditional(text)
    document = load_bytes(text.encode(), "policy.txt")
    assert "台灣資訊" in document.normalized.text


def test_the_simplified_copy_is_as_long_as_the_text():
    traditional = opencc.OpenCC("s2t").convert(DEMO)
    assert is_traditional(traditional)
    copy = simplified(traditional)
    assert len(copy) == len(traditional)
    assert copy == DEMO


def test_as_written_must_be_true_or_false(tmp_path):
    from privcheck.checklist import load_checklist as load
    from privcheck.errors import ChecklistError

    path = tmp_path / "mine.yaml"
    path.write_text(
        "id: mine\ntitle: Mine\nversion: 1.0.0\nitems:\n  - id: X-1\n    title: Simplified\n    severity: required\n    reference: none\n"
        "    match: {regex: {pattern: '个人信息', as_written: 'yes'}}\n",
        encoding="utf-8",
    )
    with pytest.raises(ChecklistError, match="as_written.*expected true or false|expected true or false"):
        load(str(path), use_cache=False)
