"""The demo policies in samples/ (written for privcheck, fictional companies) give the results
its gaps were written to show. Each line says why."""

from __future__ import annotations

import pytest

from privcheck.checklist import load_checklist
from privcheck.document import load_bytes, load_document
from privcheck.engine import check_document

from conftest import SAMPLES

DEMO = SAMPLES / "zh-demo-notes-app.txt"

EXPECTED = {
    "PIPL-IDENTITY": "pass",                # 杭州星河数码科技有限公司 开发和运营
    "PIPL-CONTACT": "pass",                 # e-mail and postal address
    "PIPL-PI-OFFICER": "fail",              # a privacy mailbox, but no officer or dedicated department
    "PIPL-RESPONSE-TIME": "partial",        # 三十天内答复: a limit, over 15 working days
    "PIPL-ACCOUNT-CANCELLATION": "partial", # a path, and only the 30-day reply; 注销账号后15日内删除 is retention
    "PIPL-COMPLAINT": "partial",            # channel under 投诉, but the reply takes 30 days
    "PIPL-EXTERNAL-REMEDY": "pass",         # 向网信、公安等监管部门投诉或举报, 人民法院
    "PIPL-RETENTION": "pass",               # 注销账号后15日内删除, 日志保存6个月
    "PIPL-SENSITIVE": "pass",               # 身份证号码和人脸图像: necessity, impact, separate consent
    "PIPL-MINORS": "pass",                  # 不满十四周岁, guardian consent, dedicated rules
    "PIPL-CROSS-BORDER": "pass",            # 不会将您的个人信息传输至境外
    "PIPL-STORAGE-LOCATION": "pass",        # stored in the PRC
    "PIPL-ENTRUSTED": "pass",               # cloud storage under a processing agreement
    "PIPL-SHARING": "pass",                 # payment provider: name, contact, purpose, separate consent
    "PIPL-THIRD-PARTY-SDK": "partial",      # the SDK list has no provider and no policy link
    "PIPL-PERSONALISED-OPTOUT": "pass",     # 我的-设置-隐私-个性化推荐
    "PIPL-RIGHT-ACCESS": "pass",            # 查阅和复制
    "PIPL-RIGHT-WITHDRAW": "pass",          # 撤回同意, and earlier processing unaffected
    "PIPL-RIGHT-PORTABILITY": "fail",       # never mentioned
    "PIPL-DECEASED": "fail",                # never mentioned
    "PIPL-AUTOMATED-DECISIONS": "not_applicable",
    "PIPL-JOINT": "not_applicable",
    "PIPL-BREACH": "pass",
    "PIPL-CHANGES": "pass",
    "PIPL-EFFECTIVE-DATE": "pass",
}


@pytest.fixture(scope="module")
def statuses() -> dict[str, str]:
    report = check_document(load_document(str(DEMO)), [load_checklist("pipl")])
    return {item.id: item.status.value for item in report.checklists[0].items}


@pytest.mark.parametrize("item_id", sorted(EXPECTED))
def test_demo_expectation(statuses: dict[str, str], item_id: str) -> None:
    assert statuses[item_id] == EXPECTED[item_id]


def test_the_demo_in_gbk_gives_the_same_results(statuses: dict[str, str]) -> None:
    data = DEMO.read_text(encoding="utf-8").encode("gbk")
    report = check_document(load_bytes(data, "demo-gbk.txt"), [load_checklist("pipl")])
    assert {item.id: item.status.value for item in report.checklists[0].items} == statuses


# The English Markdown demo (fictional shop) against gdpr.
SHOP = SAMPLES / "en-demo-gdpr-shop.md"

SHOP_EXPECTED = {
    "GDPR-IDENTITY": "pass",               # Lindenhof Tea GmbH (“we”) ... is the controller
    "GDPR-DPO": "pass",                    # dpo@ address and post
    "GDPR-LEGAL-BASIS": "pass",            # Art 6(1)(a), (b), (c), (f)
    "GDPR-LEGITIMATE-INTERESTS": "pass",   # preventing fraudulent orders
    "GDPR-TRANSFER": "pass",               # US, DPF adequacy and SCCs, copy on request
    "GDPR-RETENTION": "pass",              # account lifetime, 10 years for invoices
    "GDPR-RIGHT-ERASURE": "pass",          # "to have your data erased"
    "GDPR-RIGHT-RESTRICTION": "pass",
    "GDPR-RIGHT-PORTABILITY": "pass",
    "GDPR-WITHDRAW-CONSENT": "pass",       # newsletter consent, lawfulness before withdrawal
    "GDPR-STATUTORY-REQUIREMENT": "pass",  # "you must give us these details; without them we cannot deliver"
    "GDPR-AUTOMATED-DECISIONS": "pass",    # says no solely automated decisions are made
    "GDPR-CHILDREN": "pass",               # under 16, parental consent
    "GDPR-RESPONSE-TIME": "pass",          # within one month
    "GDPR-CHANGES": "pass",                # posted on this page, e-mail for significant changes
    "GDPR-COMPLAINT": "fail",              # no supervisory authority: the gap the demo shows
    "GDPR-BREACH": "fail",
    "GDPR-OBJECT-PROMINENT": "fail",       # the right to object is one word in a list of rights
    "GDPR-SOURCE": "not_applicable",
}


@pytest.fixture(scope="module")
def shop_statuses() -> dict[str, str]:
    report = check_document(load_document(str(SHOP)), [load_checklist("gdpr")])
    return {item.id: item.status.value for item in report.checklists[0].items}


@pytest.mark.parametrize("item_id", sorted(SHOP_EXPECTED))
def test_shop_demo_expectation(shop_statuses: dict[str, str], item_id: str) -> None:
    assert shop_statuses[item_id] == SHOP_EXPECTED[item_id]
