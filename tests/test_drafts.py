"""Draft clauses: legal entity names, facts from the policy, filled placeholders, fix-draft."""

from __future__ import annotations

from privcheck.checklist import load_checklist
from privcheck.document import Document
from privcheck.drafts import PolicyFacts, draft_for, drafts_for_document, placeholder_kind, policy_facts
from privcheck.engine import check_document
from privcheck.detectors.entities import find_legal_entities, main_entity
from privcheck.results import ItemResult, Status

EN_POLICY = (
    "Privacy Policy\n"
    "This service is operated by Lantern Harbour Trading Co., Ltd. (\"we\").\n"
    "We share delivery details with Swift Parcel Logistics Limited.\n"
    "We collect your name and phone number to deliver orders.\n"
)
ZH_POLICY = (
    "隐私政策\n"
    "本应用由杭州青石网络科技有限公司（以下简称“我们”）运营。\n"
    "我们会与顺达物流有限公司共享收货信息。\n"
    "如有疑问，请发送邮件至 privacy@qingshi-demo.cn 联系我们。\n"
)


def remediation_item(status: str, **remediation: str) -> ItemResult:
    return ItemResult(id="X-ID", title="Identity", severity="required", status=Status(status), found=False,
                      reference="Art 1", message="m", weight=1.0, remediation=remediation)


def test_english_and_chinese_entity_names():
    names = [e.name for e in find_legal_entities(
        "Provided by Lantern Harbour Trading Co., Ltd. and Blue Reef (China) Co., Ltd.; "
        "payments by Stripe, Inc. and Example GmbH.")]
    assert names == ["Lantern Harbour Trading Co., Ltd.", "Blue Reef (China) Co., Ltd.", "Stripe, Inc.", "Example GmbH"]
    # No word boundaries in Chinese: the name starts after the last word that cannot belong to it.
    names = [e.name for e in find_legal_entities("本政策由杭州青石网络科技有限公司制定，我们与蓝海（中国）软件有限公司、中国移动通信有限公司合作。")]
    assert names == ["杭州青石网络科技有限公司", "蓝海（中国）软件有限公司", "中国移动通信有限公司"]


def test_generic_company_words_are_not_names():
    assert find_legal_entities("我们的关联公司和第三方有限公司") == []
    assert find_legal_entities("we and our affiliates, limited to what is needed") == []


def test_main_entity_is_the_one_introduced_as_we_not_a_third_party():
    assert main_entity(EN_POLICY) == "Lantern Harbour Trading Co., Ltd."
    assert main_entity(ZH_POLICY) == "杭州青石网络科技有限公司"
    assert main_entity("We share your order with Swift Parcel Logistics Limited for delivery.") is None


def test_policy_facts_use_the_contact_detector_and_keep_the_original_case():
    facts = policy_facts("Operated by Acme Widgets Ltd. (\"we\"). Email Privacy@AcmeWidgets-demo.com or call +44 20 7946 0958.")
    assert facts.company == "Acme Widgets Ltd."
    assert facts.email == "Privacy@AcmeWidgets-demo.com"
    assert facts.phone == "+44 20 7946 0958"
    assert policy_facts("Contact us at privacy@example.com.").email is None  # a placeholder address is not a fact


def test_placeholder_kinds():
    assert placeholder_kind("Company legal name") == "company"
    assert placeholder_kind("公司法定名称") == "company"
    assert placeholder_kind("privacy@company.eu") == "email"
    assert placeholder_kind("邮箱") == "email"
    assert placeholder_kind("400-xxx-xxxx") == "phone"
    assert placeholder_kind("+xx xxx xxx xxxx") == "phone"
    assert placeholder_kind("公司注册地址") == "address"
    assert placeholder_kind("link") is None


def test_draft_fills_what_the_policy_states_and_keeps_the_rest():
    item = remediation_item(
        "fail",
        en="[Company legal name] is the controller. Email [privacy@company.eu] or write to [postal address].\n",
        zh="[公司法定名称]是控制者。邮箱：[邮箱]；地址：[地址]。\n",
    )
    facts = PolicyFacts(company="Acme Widgets Ltd.", email="dpo@acme-demo.com")
    draft = draft_for(item, "en", facts)
    assert draft.text == "Acme Widgets Ltd. is the controller. Email dpo@acme-demo.com or write to [postal address]."
    assert draft.filled == {"[Company legal name]": "Acme Widgets Ltd.", "[privacy@company.eu]": "dpo@acme-demo.com"}
    assert draft.placeholders == ["[postal address]"]
    chinese = draft_for(item, "zh", facts)
    assert chinese.language == "zh"
    assert chinese.text == "Acme Widgets Ltd.是控制者。邮箱：dpo@acme-demo.com；地址：[地址]。"


def test_no_draft_for_passing_items_and_fallback_language():
    assert draft_for(remediation_item("pass", en="x"), "en", PolicyFacts()) is None
    assert draft_for(remediation_item("not_applicable", en="x"), "en", PolicyFacts()) is None
    only_english = draft_for(remediation_item("partial", en="Write to [email]."), "zh", PolicyFacts())
    assert only_english.language == "en" and only_english.placeholders == ["[email]"]


def test_drafts_for_a_checked_chinese_policy_are_chinese_and_filled():
    document = Document.from_text(ZH_POLICY, "zh.txt")
    result = check_document(document, [load_checklist("pipl"), load_checklist("gdpr")])
    drafts = drafts_for_document(result)
    assert drafts, "a short policy misses items"
    failing = [i.id for c in result.checklists for i in c.items if i.status in (Status.FAIL, Status.PARTIAL)]
    assert [d.item_id for d in drafts] == list(dict.fromkeys(failing))
    assert all(d.language == "zh" for d in drafts)
    for draft in drafts:
        assert "[公司法定名称]" not in draft.text and "[privacy@company.eu]" not in draft.text


def test_fix_draft_prints_markdown_in_order(run, write):
    path = write("policy.txt", EN_POLICY)
    code, out, err = run("fix-draft", path, "-c", "gdpr")
    assert code == 0, err
    assert out.startswith(f"# Draft clauses for {path}\n")
    assert "## GDPR-CONTACT: Contact details of the controller" in out
    assert "> Lantern Harbour Trading Co., Ltd. is the controller" in out
    assert "To fill: [privacy@company.eu]" in out
    headings = [line.split(":")[0][3:] for line in out.splitlines() if line.startswith("## ")]
    order = [i.id for i in load_checklist("gdpr").items]
    assert headings == [i for i in order if i in headings]


def test_fix_draft_writes_a_file_and_reports_bad_input(run, write, tmp_path):
    path = write("policy.txt", EN_POLICY)
    target = tmp_path / "drafts.md"
    code, out, _ = run("fix-draft", path, "-o", str(target))
    assert code == 0 and out == ""
    assert target.read_text(encoding="utf-8").startswith("# Draft clauses")
    code, out, err = run("fix-draft", str(tmp_path / "missing.txt"))
    assert code == 2 and "missing.txt" in err and "Traceback" not in err
    code, _, err = run("fix-draft", path, "-o", str(tmp_path / "no-such-dir" / "d.md"))
    assert code == 2 and "does not exist" in err


def test_fix_draft_reads_gbk(run, write):
    path = write("gbk.txt", ZH_POLICY.encode("gbk"))
    code, out, err = run("fix-draft", path, "-c", "pipl")
    assert code == 0, err
    assert "Filled in from the policy: [邮箱] → privacy@qingshi-demo.cn" in out


def test_the_dpo_placeholder_takes_the_dpo_email_not_the_general_one():
    from privcheck.drafts import fill_placeholders

    text = ("Acme Widgets Ltd. (\"we\") runs the shop. Write to help@acmewidgets-demo.com. "
            "Our data protection officer can be reached at dpo@acmewidgets-demo.com.")
    facts = policy_facts(text)
    assert facts.email == "help@acmewidgets-demo.com" and facts.dpo == "dpo@acmewidgets-demo.com"
    assert placeholder_kind("dpo@company.eu") == "dpo"
    filled = fill_placeholders("Contact our DPO at [dpo@company.eu] or us at [privacy@company.eu].", facts)
    assert filled.text == "Contact our DPO at dpo@acmewidgets-demo.com or us at help@acmewidgets-demo.com."
    # Without a DPO address the placeholder stays for the user: the general address is not the DPO's.
    alone = fill_placeholders("Contact our DPO at [dpo@company.eu].", policy_facts("Write to help@acmewidgets-demo.com."))
    assert alone.text == "Contact our DPO at [dpo@company.eu]." and alone.left == ["[dpo@company.eu]"]


def test_text_report_html_and_fix_draft_fill_the_same_clause(tmp_path):
    """One filling for the three places a fix is shown."""
    from privcheck.render import get_renderer
    from markupsafe import escape
    from privcheck.results import Report

    text = ("Lantern Harbour Trading Co., Ltd. (\"we\") runs this shop. Write to privacy@lanternharbour-demo.com.\n")
    result = check_document(Document.from_text(text, "p.txt"), [load_checklist("pipl")])
    drafts = {d.item_id: d for d in drafts_for_document(result)}
    filled = [d for d in drafts.values() if "privacy@lanternharbour-demo.com" in d.text]
    assert filled, "some clause asks for the contact address"
    report = Report("0", [result])
    report_text = " ".join(get_renderer("text", width=400, verbose=True).render(report).split())
    html = get_renderer("html").render(report)
    for draft in filled:
        assert f"Fix: {draft.text}" in report_text, draft.item_id
        assert str(escape(draft.text)) in html, draft.item_id  # the HTML report's draft clause
    assert "[privacy@company.com]" not in report_text
