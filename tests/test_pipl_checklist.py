"""The bundled `pipl` checklist on short policies written for these tests.

Each test states one rule of the requirements catalog (triggers, settling statements, partial
credit with what is missing, thresholds, near-misses) and checks the item's status through the
same engine the command line uses.
"""

from __future__ import annotations

import json

import pytest

from privcheck.checklist import load_checklist
from privcheck.document import load_bytes
from privcheck.engine import check_document

# The glance table of the catalog: severities by ID (without the PIPL- prefix).
REQUIRED = """IDENTITY CONTACT PURPOSE CATEGORIES RETENTION RIGHTS-PROCEDURE RIGHT-ACCESS RIGHT-CORRECTION
RIGHT-DELETION RIGHT-WITHDRAW ACCOUNT-CANCELLATION RESPONSE-TIME COMPLAINT MINORS SECURITY CHANGES""".split()
CONDITIONAL = """SENSITIVE SHARING ENTRUSTED JOINT MERGER PUBLIC-DISCLOSURE CROSS-BORDER AUTOMATED-DECISIONS
PERSONALISED-OPTOUT THIRD-PARTY-SDK PERMISSIONS CN-REPRESENTATIVE""".split()
RECOMMENDED = """PI-OFFICER LEGAL-BASIS RIGHT-PORTABILITY RIGHT-RESTRICT RIGHT-EXPLANATION DECEASED REFUSAL-REASONS
EXTERNAL-REMEDY COOKIES BREACH EFFECTIVE-DATE STORAGE-LOCATION CONSEQUENCES-OF-REFUSAL LANGUAGE""".split()


@pytest.fixture(scope="module")
def pipl():
    return load_checklist("pipl")


@pytest.fixture
def check(pipl):
    """Check a policy text (UTF-8, or bytes in any encoding) and return its items by ID."""

    def run(text: str | bytes):
        data = text.encode("utf-8") if isinstance(text, str) else text
        document = load_bytes(data, "policy.txt")
        result = check_document(document, [pipl]).checklists[0]
        return {item.id: item for item in result.items}

    return run


def test_every_catalog_item_is_there_with_its_default_severity(pipl):
    severities = {item.spec.id: item.spec.severity.value for item in pipl.items}
    want = {**{f"PIPL-{i}": "required" for i in REQUIRED},
            **{f"PIPL-{i}": "conditional" for i in CONDITIONAL},
            **{f"PIPL-{i}": "recommended" for i in RECOMMENDED}}
    assert severities == want


def test_every_conditional_item_has_a_trigger_and_every_item_a_description(pipl):
    for item in pipl.items:
        spec = item.spec
        assert spec.description and spec.reference and spec.remediation.en and spec.remediation.zh, spec.id
        if spec.severity.value == "conditional":
            assert item.trigger is not None, spec.id


def test_conditional_items_do_not_apply_to_a_policy_that_never_raises_them(check):
    items = check("我们非常重视您的个人信息保护。您可以通过 privacy@shili.cn 与我们联系。\n")
    for short in CONDITIONAL:
        assert items[f"PIPL-{short}"].status.value == "not_applicable", short
        assert not items[f"PIPL-{short}"].found


def test_a_plain_no_sharing_statement_settles_sharing(check):
    item = check("我们不会与任何第三方共享您的个人信息。\n")["PIPL-SHARING"]
    assert item.status.value == "pass" and item.found


@pytest.mark.parametrize("text", [
    "我们不会与任何其他公司共享您的个人信息，但下列情况除外：获得您的同意。",
    "除以下情形外，我们不会对外共享您的个人信息：事先获得您的明确同意。",
])
def test_no_sharing_with_exceptions_does_not_settle_sharing(check, text):
    item = check(text + "\n")["PIPL-SHARING"]
    assert item.triggered and item.status.value != "pass"


def test_sharing_gives_partial_credit_and_names_what_is_missing(check):
    item = check("为完成配送，我们会将您的收货地址共享给物流合作伙伴。\n")["PIPL-SHARING"]
    assert item.status.value == "partial"
    assert "separate consent" in item.elements_missing
    assert "the recipient's contact" in item.elements_missing
    assert "separate consent" in item.message


def test_sensitive_information_needs_necessity_impact_and_separate_consent(check):
    item = check("我们会收集您的身份证号码等敏感个人信息，这是完成实名认证所必需的。\n")["PIPL-SENSITIVE"]
    assert item.status.value == "partial"
    assert set(item.elements_missing) == {"the impact on the individual", "separate consent"}
    assert check("我们不会收集您的敏感个人信息。\n")["PIPL-SENSITIVE"].status.value == "pass"


def test_cross_border_not_triggered_by_an_overseas_phone_number(check):
    item = check("本App支持海外手机号码登录。\n")["PIPL-CROSS-BORDER"]
    assert item.status.value == "not_applicable"


@pytest.mark.parametrize("text", [
    "我们会将您的个人信息传输至新加坡的关联公司，接收方为Lumen Pte. Ltd.（联系方式：dpo@lumen-notes.sg），传输前我们会取得您的单独同意。",
    "We will transfer your personal information to our affiliate in Singapore after obtaining your separate consent; "
    "the recipient is Lumen Pte. Ltd., contact dpo@lumen-notes.sg.",
])
def test_cross_border_to_a_named_country_with_recipient_and_consent(check, text):
    item = check(text + "\n")["PIPL-CROSS-BORDER"]
    assert item.triggered and item.status.value == "partial"
    assert "the overseas recipient's name and contact" in item.elements_found
    assert "separate consent" in item.elements_found


def test_cross_border_triggered_by_storage_in_china_with_exceptions(check):
    item = check("您的个人信息保存在中国境内的服务器上，您另行授权的除外。\n")["PIPL-CROSS-BORDER"]
    assert item.triggered and item.found and item.status.value != "pass"


@pytest.mark.parametrize("sentence,status", [
    ("我们将在十五个工作日内答复您的请求。", "pass"),
    ("我们将在１５个工作日内处理您的请求。", "pass"),          # full-width digits
    ("我们将在15天内回复。", "pass"),                          # calendar days within the limit
    ("我们将在二十天内回复您的请求。", "partial"),              # over 15 working days is at best partial
    ("我们将在三十天内作出答复。", "partial"),
    ("我们将在一个月内处理您的请求。", "partial"),
    ("我们将及时处理您的请求。", "fail"),                       # no figure
    ("我们将尽快回复。", "fail"),
    ("我们会在3个工作日内初步回复，并在30天内处理完成。", "partial"),  # the handling time is judged
])
def test_response_time_threshold(check, sentence, status):
    assert check(sentence + "\n")["PIPL-RESPONSE-TIME"].status.value == status


def test_account_cancellation_without_a_time_is_partial(check):
    item = check("您可以通过“我的-设置-账号与安全-注销账号”申请注销账号。\n")["PIPL-ACCOUNT-CANCELLATION"]
    assert item.status.value == "partial"
    assert item.elements_missing == ["a processing time of at most 15 working days"]


def test_account_cancellation_cooling_off_period_is_not_a_processing_time(check):
    item = check("您可以在设置中申请注销账号。提交注销申请后将进入15天冷静期。\n")["PIPL-ACCOUNT-CANCELLATION"]
    assert item.status.value == "partial"


def test_retention_criteria_without_a_period_is_partial(check):
    item = check("我们仅在实现目的所必需的最短时间内保存您的个人信息，超出保存期限后我们将删除或匿名化处理。\n")["PIPL-RETENTION"]
    assert item.status.value == "partial"
    assert item.elements_missing == ["a retention period"]
    full = check("您的交易信息保存期限为三年，期限届满后我们将删除或匿名化处理。\n")["PIPL-RETENTION"]
    assert full.status.value == "pass"


def test_complaint_channel_without_a_handling_time_is_partial(check):
    item = check("如您有任何投诉或举报，请发送邮件至 complain@shili.cn。\n")["PIPL-COMPLAINT"]
    assert item.status.value == "partial"
    assert item.elements_missing == ["a handling time of at most 15 working days"]


def test_minors_under_thirteen_is_not_the_pipl_threshold(check):
    item = check("若您是不满十三周岁的儿童，请在监护人同意后使用我们的服务。\n")["PIPL-MINORS"]
    assert item.status.value == "partial"


@pytest.mark.parametrize("item_id,sentence", [
    ("PIPL-PERSONALISED-OPTOUT", "我们会向您进行个性化推荐，如不需要请联系客服。"),
    ("PIPL-THIRD-PARTY-SDK", "我们的产品中接入了第三方SDK。"),
    ("PIPL-PI-OFFICER", "我们设立了个人信息保护负责人。"),
    ("PIPL-IDENTITY", "本平台及其关联公司非常重视您的隐私。"),
    ("PIPL-EFFECTIVE-DATE", "© 2025 版权所有。"),
    ("PIPL-RIGHT-PORTABILITY", "如发生合并，您的个人信息可能被转移。"),
    ("PIPL-LANGUAGE", "We value your personal information."),
    ("PIPL-RIGHT-ACCESS", "We protect your personal information from unauthorized access."),
    ("PIPL-RIGHT-WITHDRAW", "If we change the purpose of processing, we will ask for your consent again."),
])
def test_near_misses_do_not_pass(check, item_id, sentence):
    assert check(sentence + "\n")[item_id].status.value != "pass"


def test_a_gbk_policy_is_checked_like_a_utf8_one(check):
    text = ("本App由杭州示例网络科技有限公司（以下简称“我们”）运营。\n"
            "如您有任何疑问，请发送邮件至 privacy@shili.cn，我们将在15个工作日内回复。\n")
    utf8 = check(text)
    gbk = check(text.encode("gbk"))
    for item_id in ("PIPL-IDENTITY", "PIPL-CONTACT", "PIPL-RESPONSE-TIME"):
        assert gbk[item_id].status.value == utf8[item_id].status.value == "pass", item_id


def test_explain_shows_a_new_item_with_its_reference(run):
    code, out, _ = run("explain", "PIPL-SHARING")
    assert code == 0 and "PIPL Art 23" in out


def test_the_json_report_lists_all_pipl_items(run, write):
    code, out, _ = run("check", write("p.txt", "我们重视您的个人信息。\n"), "-c", "pipl", "-f", "json", "--exit-zero")
    assert code == 0
    items = json.loads(out)["documents"][0]["checklists"][0]["items"]
    assert len(items) == len(REQUIRED) + len(CONDITIONAL) + len(RECOMMENDED)


def test_a_settings_path_next_to_personalised_ads_is_an_opt_out(check):
    text = "我们会向您展示个性化广告。如您希望管理个性化广告，可以在“我的-设置-隐私设置-广告管理”中设置。\n"
    assert check(text)["PIPL-PERSONALISED-OPTOUT"].status.value == "pass"


def test_public_disclosure_with_explicit_but_not_separate_consent_is_partial(check):
    item = check("我们仅会在获得您明确同意后公开披露您的个人信息。\n")["PIPL-PUBLIC-DISCLOSURE"]
    assert item.status.value == "partial"
    assert 'separate consent (not only "explicit consent")' in item.elements_missing


def test_account_cancellation_does_not_apply_to_a_service_without_accounts(check):
    offline = "离线便签\n本应用只在您的手机本地保存便签，我们不收集任何个人信息。如有疑问请发送邮件至 help@notes.example.cn。\n"
    assert check(offline)["PIPL-ACCOUNT-CANCELLATION"].status.value == "not_applicable"
    with_accounts = offline + "您可以使用手机号注册账号，以便在多台设备间同步便签。\n"
    item = check(with_accounts)["PIPL-ACCOUNT-CANCELLATION"]
    assert item.triggered and item.status.value == "fail"


def test_cookies_purpose_in_the_sentence_before_counts(check):
    text = ("为统计访问量、记住您的登录状态，便于您下次访问。我们会使用Cookie收集您的浏览器类型。"
            "您可以通过浏览器设置清除Cookie。\n")
    assert check(text)["PIPL-COOKIES"].status.value == "pass"


def test_a_purpose_in_the_next_sentence_is_another_topic(check):
    text = ("我们会通过Cookie收集您的浏览信息。（二）为了向您提供更好的服务，我们会申请相机权限。"
            "相机权限仅在您拍照时使用。您可以在系统设置中关闭相机权限。\n\n您可以通过浏览器设置清除Cookie。\n")
    item = check(text)["PIPL-COOKIES"]
    assert item.status.value == "partial"
    assert "what they are used for" in item.elements_missing


def test_an_https_link_is_not_a_security_measure(check):
    item = check("我们重视您的个人信息安全。详情请见 https://help.example.cn/security。\n")["PIPL-SECURITY"]
    assert item.status.value != "pass"
    assert all("https" not in evidence.text for evidence in item.evidence)


def test_an_sdk_privacy_link_named_by_its_address_counts(check):
    text = ("第三方SDK目录\n"
            "北风推送SDK，提供方：北风科技有限公司，用于推送消息，收集设备标识符，"
            "https://push.beifeng.cn/privacy-policy\n"
            "南港地图SDK，提供方：南港地图有限公司，用于显示地图，收集位置信息，"
            "https://maps.nangang.cn/legal/privacy\n")
    item = check(text)["PIPL-THIRD-PARTY-SDK"]
    assert "a link to each SDK's privacy policy" not in item.elements_missing


def test_anonymising_data_when_the_service_ends_is_no_security_measure(check):
    ended = "如我们停止运营，我们将停止收集您的个人信息，并对所持有的个人信息进行删除或匿名化处理。\n"
    assert check(ended)["PIPL-SECURITY"].status.value != "pass"
    protected = "为保障您的个人信息安全，我们会对个人信息进行去标识化处理。\n"
    assert check(protected)["PIPL-SECURITY"].status.value == "pass"
