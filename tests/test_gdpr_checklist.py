"""The bundled `gdpr` checklist: every catalog item, severities, triggers, thresholds, near-misses."""

from __future__ import annotations

import pytest

from privcheck.checklist import load_checklist
from privcheck.document import load_document
from privcheck.document.model import Document
from privcheck.engine import check_document, evaluate_item
from privcheck.matchers import TextView

REQUIRED = [
    "GDPR-IDENTITY", "GDPR-CONTACT", "GDPR-PURPOSES", "GDPR-LEGAL-BASIS", "GDPR-RECIPIENTS", "GDPR-RETENTION",
    "GDPR-RIGHT-ACCESS", "GDPR-RIGHT-RECTIFICATION", "GDPR-RIGHT-ERASURE", "GDPR-RIGHT-RESTRICTION",
    "GDPR-RIGHT-PORTABILITY", "GDPR-RIGHT-OBJECT", "GDPR-COMPLAINT", "GDPR-STATUTORY-REQUIREMENT",
]
CONDITIONAL = [
    "GDPR-LEGITIMATE-INTERESTS", "GDPR-TRANSFER", "GDPR-WITHDRAW-CONSENT", "GDPR-AUTOMATED-DECISIONS", "GDPR-SOURCE",
    "GDPR-SPECIAL-CATEGORIES", "GDPR-JOINT-CONTROLLERS", "GDPR-OBJECT-PROMINENT", "GDPR-EU-REPRESENTATIVE",
]
RECOMMENDED = [
    "GDPR-DPO", "GDPR-CATEGORIES", "GDPR-CHILDREN", "GDPR-RESPONSE-TIME", "GDPR-SECURITY", "GDPR-BREACH",
    "GDPR-CHANGES", "GDPR-EFFECTIVE-DATE", "GDPR-COOKIES", "GDPR-JUDICIAL-REMEDY", "GDPR-FURTHER-PROCESSING",
]


@pytest.fixture(scope="module")
def gdpr():
    return load_checklist("gdpr")


def check(gdpr, item_id: str, text: str):
    item = gdpr.item(item_id)
    assert item is not None, item_id
    return evaluate_item(TextView(Document.from_text(text)), item)


def status(gdpr, item_id: str, text: str) -> str:
    return check(gdpr, item_id, text).status.value


def test_every_catalog_id_with_its_default_severity(gdpr):
    severities = {item.id: item.severity.value for item in gdpr.items}
    expected = {**{i: "required" for i in REQUIRED}, **{i: "conditional" for i in CONDITIONAL},
                **{i: "recommended" for i in RECOMMENDED}}
    assert severities == expected


def test_conditional_items_have_triggers_and_every_item_a_reference(gdpr):
    for item in gdpr.items:
        assert item.spec.reference.startswith(("GDPR", "WP260", "ePrivacy")), item.id
        assert (item.trigger is not None) == (item.id in CONDITIONAL), item.id


@pytest.mark.parametrize("item_id", CONDITIONAL)
def test_conditional_items_do_not_apply_to_a_policy_that_never_raises_them(gdpr, item_id):
    text = "Bakery Kettle Ltd runs this website. Write to hello@bakerykettle.ie with any question."
    result = check(gdpr, item_id, text)
    assert result.status.value == "not_applicable"
    assert not result.found


class TestStatementsThatSomethingDoesNotHappen:
    def test_no_transfer_outside_the_eea(self, gdpr):
        result = check(gdpr, "GDPR-TRANSFER", "Your personal data will not be transferred outside the EEA; we do not transfer it outside the EU.")
        assert result.status.value == "pass" and result.found

    def test_no_solely_automated_decisions(self, gdpr):
        assert status(gdpr, "GDPR-AUTOMATED-DECISIONS", "We do not make any decisions based solely on automated processing.") == "pass"

    def test_no_special_categories(self, gdpr):
        assert status(gdpr, "GDPR-SPECIAL-CATEGORIES", "We do not collect health data or other special categories of data.") == "pass"

    def test_no_sharing_at_all(self, gdpr):
        assert status(gdpr, "GDPR-RECIPIENTS", "We do not share your personal data with anyone.") == "pass"


class TestLegitimateInterests:
    def test_bare_reliance_does_not_pass(self, gdpr):
        result = check(gdpr, "GDPR-LEGITIMATE-INTERESTS", "For some processing we rely on legitimate interests.")
        assert result.status.value == "fail"
        assert result.found  # the item applies, so the topic is there
        assert "without saying what the interests are" in result.message

    def test_named_interest_passes(self, gdpr):
        text = "We keep access logs because of our legitimate interest in detecting abuse of our booking system."
        assert status(gdpr, "GDPR-LEGITIMATE-INTERESTS", text) == "pass"


class TestTransferElements:
    def test_safeguards_without_a_copy_route_is_partial_and_says_what_is_missing(self, gdpr):
        text = "Our hosting provider stores data in the United States; these transfers rely on the standard contractual clauses."
        result = check(gdpr, "GDPR-TRANSFER", text)
        assert result.status.value == "partial"
        assert result.elements_missing == ["how to obtain a copy of the safeguards"]

    def test_privacy_shield_alone_is_not_a_safeguard(self, gdpr):
        text = "We transfer your data to the United States under the EU-U.S. Privacy Shield."
        result = check(gdpr, "GDPR-TRANSFER", text)
        assert result.status.value == "partial"
        assert "the adequacy decision or safeguards relied on" in result.elements_missing

    def test_a_named_non_eea_country_triggers_the_item(self, gdpr):
        result = check(gdpr, "GDPR-TRANSFER", "Your account data are hosted in the USA.")
        assert result.triggered and result.found

    def test_stored_anywhere_is_a_near_miss(self, gdpr):
        assert status(gdpr, "GDPR-TRANSFER", "Your data may be processed in other countries around the globe.") != "pass"


class TestResponseTime:
    @pytest.mark.parametrize("text", [
        "We will answer your request within one month of receiving it.",
        "We reply to every request within 4 weeks.",
        "我们将在收到请求后一个月内答复您。",
        "We respond to requests within 15 working days.",
    ])
    def test_one_month_or_less_passes_without_a_note(self, gdpr, text):
        result = check(gdpr, "GDPR-RESPONSE-TIME", text)
        assert result.status.value == "pass"
        assert "note:" not in result.message

    def test_thirty_days_passes_with_a_note(self, gdpr):
        result = check(gdpr, "GDPR-RESPONSE-TIME", "We will respond to your request within 30 days.")
        assert result.status.value == "pass"
        assert "note:" in result.message and "calendar month" in result.message

    @pytest.mark.parametrize("text", [
        "We will respond to your request within 45 days.",
        "We will respond to your request within 30 working days.",
        "We will respond to your request within two months.",
    ])
    def test_longer_periods_do_not_pass(self, gdpr, text):
        result = check(gdpr, "GDPR-RESPONSE-TIME", text)
        assert result.status.value == "partial"
        assert "over one month" in result.message

    def test_no_figure_fails(self, gdpr):
        assert status(gdpr, "GDPR-RESPONSE-TIME", "We will respond to your request as soon as we can.") == "fail"


class TestChildren:
    def test_under_13_alone_does_not_pass(self, gdpr):
        text = "Children under 13 need their parents' consent before they sign up."
        result = check(gdpr, "GDPR-CHILDREN", text)
        assert result.status.value == "partial"
        assert "expected 16 to 18" in result.message

    def test_a_disclaimer_with_no_age_is_the_near_miss(self, gdpr):
        text = "Our app is not meant for children, and we never knowingly collect data from kids."
        result = check(gdpr, "GDPR-CHILDREN", text)
        assert result.status.value == "fail" and not result.found
        assert "no age limit" in result.message

    def test_parental_consent_without_an_age_is_partial(self, gdpr):
        text = "Kids should ask a parent for permission before they send us anything."
        result = check(gdpr, "GDPR-CHILDREN", text)
        assert result.status.value == "partial"
        assert "an age limit" in result.message

    def test_the_age_of_majority_is_an_age_limit(self, gdpr):
        text = "You may use the app only if you have reached the age of majority where you live."
        assert check(gdpr, "GDPR-CHILDREN", text).status.value == "partial"

    def test_sixteen_with_parental_consent_passes(self, gdpr):
        text = "If you are under 16, we ask for the consent of the holder of parental responsibility."
        assert status(gdpr, "GDPR-CHILDREN", text) == "pass"


class TestRecipients:
    def test_the_exception_for_public_data_names_no_recipient(self, gdpr):
        text = "从合法公开披露的信息中收集个人信息的，如合法的新闻报道、政府信息公开等渠道，无需征得您的同意。"
        assert status(gdpr, "GDPR-RECIPIENTS", text) != "pass"


class TestRetention:
    def test_a_record_of_our_correspondence_speaks_of_keeping_data(self, gdpr):
        result = check(gdpr, "GDPR-RETENTION", "If you write to us, we may keep a record of that correspondence.")
        assert result.status.value == "partial"

    def test_a_copy_kept_in_a_merger_is_not_retention(self, gdpr):
        text = "If our business is sold, we may transfer your data to the buyer. We also may retain a copy of that customer information."
        assert check(gdpr, "GDPR-RETENTION", text).status.value == "fail"

    def test_a_deadline_to_confirm_a_request_is_no_retention_period(self, gdpr):
        text = "When we receive a request to delete your data, we will confirm receipt of the request within 10 business days."
        assert status(gdpr, "GDPR-RETENTION", text) != "pass"


class TestRectification:
    def test_completing_a_transaction_is_no_rectification(self, gdpr):
        text = "We collect your order information so that you can complete the payment for your account."
        assert status(gdpr, "GDPR-RIGHT-RECTIFICATION", text) == "fail"

    def test_completing_incomplete_data_passes(self, gdpr):
        assert status(gdpr, "GDPR-RIGHT-RECTIFICATION", "You can complete your personal data in your profile.") == "pass"


class TestObject:
    def test_the_noun_object_is_no_objection(self, gdpr):
        text = "You can share your posts with other users (including unspecified objects) on the platform."
        assert status(gdpr, "GDPR-RIGHT-OBJECT", text) == "fail"

    def test_objecting_to_processing_passes(self, gdpr):
        assert status(gdpr, "GDPR-RIGHT-OBJECT", "You may object to our processing of your personal data.") == "pass"


class TestComplaint:
    def test_court_only_is_not_a_supervisory_authority(self, gdpr):
        assert status(gdpr, "GDPR-COMPLAINT", "You may bring any dispute before the court where we have our seat.") == "fail"

    def test_complaint_to_the_company_is_not_enough(self, gdpr):
        assert status(gdpr, "GDPR-COMPLAINT", "Please send any complaint to our support desk.") == "fail"

    def test_supervisory_authority_in_english_and_chinese(self, gdpr):
        assert status(gdpr, "GDPR-COMPLAINT", "You can lodge a complaint with a supervisory authority.") == "pass"
        assert status(gdpr, "GDPR-COMPLAINT", "您有权向数据保护监管机构提出投诉。") == "pass"

    def test_complaint_sentence_broken_across_lines(self, gdpr):
        text = "You have the right to lodge a complaint with a\nsupervisory authority in your country."
        assert status(gdpr, "GDPR-COMPLAINT", text) == "pass"


class TestObjectProminent:
    def test_own_heading_passes(self, gdpr):
        text = ("We use your purchase history for direct marketing on the basis of our legitimate interests.\n"
                "## Right to object\n"
                "You may object to direct marketing at any time by clicking unsubscribe.\n")
        assert status(gdpr, "GDPR-OBJECT-PROMINENT", text) == "pass"

    def test_objection_inside_a_list_of_rights_fails(self, gdpr):
        text = ("We send newsletters based on our legitimate interests. You have the rights of access, erasure, "
                "portability and the right to object.")
        result = check(gdpr, "GDPR-OBJECT-PROMINENT", text)
        assert result.status.value == "fail"
        assert result.found  # triggered conditional item

    def test_own_heading_without_direct_marketing_is_partial(self, gdpr):
        text = "We rely on legitimate interests to analyse traffic.\nRight to object\nYou can object to that analysis."
        result = check(gdpr, "GDPR-OBJECT-PROMINENT", text)
        assert result.status.value == "partial"
        assert "direct marketing" in result.message


class TestRightsAndNearMisses:
    def test_all_six_rights_in_one_sentence(self, gdpr):
        text = ("You have the right to access, rectify and erase your personal data, to restrict its processing, "
                "to object to processing and to data portability.")
        for item_id in ("GDPR-RIGHT-ACCESS", "GDPR-RIGHT-RECTIFICATION", "GDPR-RIGHT-ERASURE",
                        "GDPR-RIGHT-RESTRICTION", "GDPR-RIGHT-OBJECT", "GDPR-RIGHT-PORTABILITY"):
            assert status(gdpr, item_id, text) == "pass", item_id

    def test_all_six_rights_in_chinese(self, gdpr):
        text = "您享有访问权、更正权、删除权、限制处理权、反对权和数据可携带权。"
        for item_id in ("GDPR-RIGHT-ACCESS", "GDPR-RIGHT-RECTIFICATION", "GDPR-RIGHT-ERASURE",
                        "GDPR-RIGHT-RESTRICTION", "GDPR-RIGHT-OBJECT", "GDPR-RIGHT-PORTABILITY"):
            assert status(gdpr, item_id, text) == "pass", item_id

    def test_security_wording_about_unauthorised_access_is_not_the_right_of_access(self, gdpr):
        text = "We protect your data against unauthorised access to personal data and accidental loss."
        assert status(gdpr, "GDPR-RIGHT-ACCESS", text) == "fail"

    def test_ccpa_style_rights_miss_restriction_objection_and_portability(self, gdpr):
        text = "You have the right to know what personal information we collect and the right to delete it."
        for item_id in ("GDPR-RIGHT-RESTRICTION", "GDPR-RIGHT-OBJECT", "GDPR-RIGHT-PORTABILITY"):
            assert status(gdpr, item_id, text) == "fail", item_id

    def test_retention_as_long_as_necessary_is_partial(self, gdpr):
        result = check(gdpr, "GDPR-RETENTION", "We retain your data for as long as necessary.")
        assert result.status.value == "partial" and result.found

    def test_withdrawal_without_the_prior_processing_sentence_is_partial(self, gdpr):
        result = check(gdpr, "GDPR-WITHDRAW-CONSENT", "You can withdraw your consent at any time in the settings.")
        assert result.status.value == "partial"
        assert "before it" in result.message

    def test_dpo_without_contact_is_partial(self, gdpr):
        assert status(gdpr, "GDPR-DPO", "We have appointed a data protection officer.") == "partial"

    def test_breach_promise_slower_than_72_hours_is_partial(self, gdpr):
        result = check(gdpr, "GDPR-BREACH", "If a data breach affects you, we will notify you within 30 days.")
        assert result.status.value == "partial"

    def test_changes_check_back_regularly_is_weak(self, gdpr):
        result = check(gdpr, "GDPR-CHANGES", "We may change this policy now and then, so please check back regularly.")
        assert result.status.value == "partial"

    def test_eu_representative_needs_contact_details(self, gdpr):
        assert status(gdpr, "GDPR-EU-REPRESENTATIVE", "We have appointed an EU representative under Article 27.") == "fail"
        text = "Our EU representative under Article 27 is Harbour Rep Ltd, rep@harbour-rep.ie."
        assert status(gdpr, "GDPR-EU-REPRESENTATIVE", text) == "pass"

    def test_joint_controllers_named_without_the_arrangement_fail(self, gdpr):
        result = check(gdpr, "GDPR-JOINT-CONTROLLERS", "We are joint controllers with Fjord Media AS.")
        assert result.status.value == "fail" and result.found

    def test_children_in_a_list_of_data_is_not_the_children_topic(self, gdpr):
        text = "We collect your age range, household size and number of children for our survey."
        assert check(gdpr, "GDPR-CHILDREN", text).status.value == "fail"

    def test_source_from_third_parties_without_a_type_fails(self, gdpr):
        result = check(gdpr, "GDPR-SOURCE", "We may also receive information about you from third parties.")
        assert result.status.value == "fail" and result.found


class TestWordsThatAreNotTheTopic:
    """Words an item looks for, used about something else: the item is not found at all."""

    @pytest.mark.parametrize("text", [
        "You can delete cookies in your browser settings at any time.",
        "If our business is sold, we may also keep a copy of the customer information.",
        "We comply with the framework regarding the collection, use, and retention of personal information.",
    ])
    def test_retention_needs_a_time_not_any_retain_or_delete(self, gdpr, text):
        assert not check(gdpr, "GDPR-RETENTION", text).found

    @pytest.mark.parametrize("text", [
        "We keep your data for as long as necessary.",
        "Data retention: we store personal information until the purpose is fulfilled.",
        "我们仅在实现目的所必需的期限内保存您的个人数据。",
    ])
    def test_retention_without_a_period_is_still_the_topic(self, gdpr, text):
        result = check(gdpr, "GDPR-RETENTION", text)
        assert result.found and result.status.value == "partial"

    @pytest.mark.parametrize("text", [
        "Last updated 3 May 2024. We are committed to keeping your information private.",
        "Records are handled under the Privacy Act 1974, as amended, and the information is filed.",
    ])
    def test_a_date_line_or_a_law_as_amended_is_not_rectification(self, gdpr, text):
        assert not check(gdpr, "GDPR-RIGHT-RECTIFICATION", text).found

    def test_the_scheme_of_a_link_is_not_a_security_measure(self, gdpr):
        text = "Read how our payment partner keeps its services secure at https://payments.shopco.eu/security."
        assert check(gdpr, "GDPR-SECURITY", text).status.value == "partial"
        assert check(gdpr, "GDPR-SECURITY", "All pages are served over HTTPS to keep your data secure.").status.value == "pass"

    @pytest.mark.parametrize("text", [
        "All data we receive from you is used to provide the service.",
        "If you upload a photo of a friend, you must first obtain consent from third parties shown in it.",
    ])
    def test_data_from_the_person_is_not_another_source(self, gdpr, text):
        result = check(gdpr, "GDPR-SOURCE", text)
        assert result.status.value == "not_applicable" and not result.found

    def test_a_social_network_sending_data_to_us_is_a_source(self, gdpr):
        text = "When you connect your profile, the network sends your name and photo to us from that social network."
        assert check(gdpr, "GDPR-SOURCE", text).status.value == "pass"

    def test_a_common_file_format_with_the_persons_data_is_portability(self, gdpr):
        text = "We can give you a file in a common format (CSV) containing the personal data you provided to us."
        assert check(gdpr, "GDPR-RIGHT-PORTABILITY", text).status.value == "pass"
        assert not check(gdpr, "GDPR-RIGHT-PORTABILITY", "Invoices are exported in a common format for accounting.").found


POLICY_EN = """\
Privacy notice of Lakeside Rowing Club e.V.
Last updated: 12 January 2025
Lakeside Rowing Club e.V., Seestrasse 4, 10115 Berlin, is the controller of your personal data. Contact: privacy@lakeside-rowing.de
We use your name and email address to manage your membership and to send you training schedules.
We process this data because it is necessary for the performance of a contract with you (your membership).
We share your details with our payment provider to collect membership fees.
We keep membership data until you leave the club and delete it within 3 months after that.
You have the right to access, rectify and erase your personal data, to restrict processing, to object to processing and to data portability.
You can lodge a complaint with a data protection supervisory authority.
You are not obliged to provide your phone number, but if you do not provide it we cannot reach you at short notice.
We will reply to your request within one month.
"""


def test_a_whole_small_policy(tmp_path, gdpr):
    path = tmp_path / "policy.txt"
    path.write_text(POLICY_EN, encoding="utf-8")
    result = check_document(load_document(str(path)), [gdpr]).checklists[0]
    by_id = {item.id: item for item in result.items}
    for item_id in REQUIRED + ["GDPR-RESPONSE-TIME", "GDPR-EFFECTIVE-DATE", "GDPR-CATEGORIES"]:
        assert by_id[item_id].status.value == "pass", (item_id, by_id[item_id].message)
    for item_id in ("GDPR-TRANSFER", "GDPR-AUTOMATED-DECISIONS", "GDPR-JOINT-CONTROLLERS", "GDPR-EU-REPRESENTATIVE"):
        assert by_id[item_id].status.value == "not_applicable", item_id
    assert by_id["GDPR-CONTACT"].evidence[0].line == 3


POLICY_ZH = """\
隐私声明
最近更新日期：2025年1月12日
湖畔数码有限公司是本服务的数据控制者。联系邮箱：privacy@hupan-digital.cn
我们会将您的数据传输至欧洲经济区以外的国家，并采用欧盟委员会批准的标准合同条款保护此类传输，您可以联系我们获取上述保障措施的副本。
您有权向您所在国家的数据保护监管机构投诉。
"""


def test_a_chinese_policy_in_gbk(tmp_path, gdpr):
    path = tmp_path / "policy-gbk.txt"
    path.write_bytes(POLICY_ZH.encode("gbk"))
    result = check_document(load_document(str(path)), [gdpr]).checklists[0]
    by_id = {item.id: item for item in result.items}
    for item_id in ("GDPR-IDENTITY", "GDPR-CONTACT", "GDPR-TRANSFER", "GDPR-COMPLAINT", "GDPR-EFFECTIVE-DATE"):
        assert by_id[item_id].status.value == "pass", (item_id, by_id[item_id].message)


@pytest.mark.parametrize("text, expected", [
    # Copies kept after deletion and records we keep speak of keeping data, with no period.
    ("After you delete information, we may not remove it from our backup systems.", "partial"),
    ("删除信息后，我们可能无法立即从备份系统中删除相应的信息。", "partial"),
    ("When you update information, we usually keep a copy of the prior version for our records.", "partial"),
    # Cookies that keep records of a visit, and a backup of the reader's own phone, are not our keeping.
    ("Cookies can keep records of a user's access to a site.", "fail"),
    ("You can back up your photos to your phone.", "fail"),
    ("The files you scan are saved on your device. You can choose to backup, delete or transfer them.", "fail"),
])
def test_retention_spoken_of_without_a_period(gdpr, text, expected):
    assert status(gdpr, "GDPR-RETENTION", text) == expected


@pytest.mark.parametrize("text, expected", [
    # Anonymised statistics and administrators who restrict access are not measures that protect the data.
    ("We take precautions to ensure the security of your data.\nWe send newsletters.\nWe run a blog.\nWe host events.\n"
     "We may anonymize and publish data for statistics.", "partial"),
    ("We take security seriously.\nWe send newsletters.\nWe run a blog.\nWe host events.\n"
     "Workspace owners may restrict access to channels.", "partial"),
    # The same words where the passage speaks of protecting the data are measures.
    ("To protect your data against unauthorised access, we use access controls.", "pass"),
    ("为保护您的个人信息安全，我们采取去标识化和访问控制等措施。", "pass"),
    ("All data are encrypted in transit and at rest.", "pass"),
])
def test_a_security_measure_protects_the_data(gdpr, text, expected):
    assert status(gdpr, "GDPR-SECURITY", text) == expected
