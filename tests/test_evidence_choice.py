"""Evidence is the passage that states the requirement, not the first word that happens to match."""

from __future__ import annotations

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from privcheck.checklist import load_checklist
from privcheck.checklist.model import HeadingWords
from privcheck.document import load_bytes
from privcheck.document.model import Document
from privcheck.engine import check_document


@pytest.fixture(scope="module")
def checklists():
    return {"pipl": load_checklist("pipl"), "gdpr": load_checklist("gdpr")}


def items(checklist, text: str):
    document = load_bytes(text.encode("utf-8"), "policy.txt")
    return {item.id: item for item in check_document(document, [checklist]).checklists[0].items}


def test_the_security_paragraph_comes_before_a_glossary_mention(checklists):
    policy = (
        "一、定义\n"
        "去标识化：指个人信息经过处理，使其在不借助额外信息的情况下无法识别特定自然人的过程。\n"
        "二、我们如何收集您的个人信息\n"
        "我们会收集您的手机号码用于注册。\n"
        "三、我们如何保护您的个人信息\n"
        "我们采用加密传输、访问控制和去标识化等安全措施，并定期开展安全培训。\n"
    )
    security = items(checklists["pipl"], policy)["PIPL-SECURITY"]
    assert security.evidence[0].line == 6


def test_the_right_of_access_is_quoted_not_the_app_accessing_the_camera(checklists):
    policy = (
        "我们需要访问您设备的相机，以便您拍摄头像。\n"
        "您浏览页面时，我们会记录您的浏览信息。\n"
        "您的权利\n"
        "您有权查阅、复制您的个人信息，也可以通过【我的】-【设置】查询您的账号信息。\n"
    )
    access = items(checklists["pipl"], policy)["PIPL-RIGHT-ACCESS"]
    assert access.status.value == "pass"
    assert [e.line for e in access.evidence][:1] == [4]
    assert all(e.line == 4 for e in access.evidence)


def test_each_element_found_is_quoted_before_a_second_quote_of_another(checklists):
    policy = "\n".join(
        ["You may access your personal data. " * 3 + "You may access the personal data we hold."] * 3
        + ["You can export a copy of your personal data."]
    ) + "\n"
    access = items(checklists["pipl"], policy)["PIPL-RIGHT-ACCESS"]
    assert {e.element for e in access.evidence[:2]} == {"access", "copy"}


def test_a_third_party_having_access_is_not_the_right_of_access(checklists):
    policy = "These service providers have access to your personal information to perform tasks on our behalf.\n"
    assert not items(checklists["gdpr"], policy)["GDPR-RIGHT-ACCESS"].found
    assert items(checklists["gdpr"], policy + "You have the right to request a copy of your personal data.\n")[
        "GDPR-RIGHT-ACCESS"].found


def test_a_channel_offered_to_the_reader_is_quoted_before_links_to_other_sites(checklists):
    policy = (
        "We use analytics. Learn how Google uses data at https://policies.google.com/technologies and "
        "opt out at https://optout.adsnetwork.example.org and https://tools.adnetwork-choices.net.\n"
        "Our site runs on www.shopco-hosting.net.\n"
        "If you have any questions about this policy, you can email us at privacy@lindenshop.eu.\n"
    )
    contact = items(checklists["gdpr"], policy)["GDPR-CONTACT"]
    assert contact.status.value == "pass"
    assert contact.evidence[0].text == "privacy@lindenshop.eu"


@pytest.mark.parametrize("policy, channel", [
    ("Contact us\nLinden Shop Ltd\n1 Harbour Road, Dublin 2, Ireland\n"
     "Read the cookie guide at https://cookieguide.org/about-cookies.\n", "1 Harbour Road"),
    ("第三方SDK的隐私政策：https://sdk-vendor.cn/privacy\n邮箱：privacy@lindenapp.cn\n", "privacy@lindenapp.cn"),
    ("如您对本政策有任何疑问，请发送邮件至privacy@lindenapp.cn与我们联系。\n"
     "更多信息请参见https://sdk-vendor.cn/privacy、https://maps-vendor.cn/legal。\n", "privacy@lindenapp.cn"),
])
def test_a_labelled_channel_or_one_under_a_contact_heading_comes_first(checklists, policy, channel):
    contact = items(checklists["gdpr"], policy)["GDPR-CONTACT"]
    assert contact.evidence[0].text.startswith(channel)
    # A link to another site's page is not a way to reach the author: it is not quoted at all.
    assert all("vendor" not in e.text and "cookieguide" not in e.text for e in contact.evidence)


@pytest.mark.parametrize("policy, passes", [
    # The address of this policy, of the home page or of another company's terms is not a channel.
    ("Any changes take effect when we post the revised policy on www.lindenapp.eu/privacy.\n", False),
    ("We aim to make learning on www.lindenapp.eu safe.\nRead the Instagram terms at https://instagram.com/legal/terms/.\n",
     False),
    # A web address offered for reaching the author, or a contact, support or request page, is one.
    ("If you have any questions, contact us through https://www.lindenapp.eu/privacy.\n", True),
    ("Privacy requests: https://lindenapp.eu/privacy-request\n", True),
    ("For help, see https://support.lindenapp.eu.\n", True),
    ("如有疑问，您可以通过 https://www.lindenapp.cn 与我们联系。\n", True),
])
def test_a_web_address_is_a_channel_only_where_it_is_one(checklists, policy, passes):
    assert (items(checklists["gdpr"], policy)["GDPR-CONTACT"].status.value == "pass") is passes
    assert (items(checklists["pipl"], policy)["PIPL-CONTACT"].status.value == "pass") is passes


def test_a_british_address_ends_in_its_postcode(checklists):
    policy = "Contact us, or write to our DPO at 201 Grafton Gate East, Milton Keynes, MK9 1AN if you have questions.\n"
    contact = items(checklists["gdpr"], policy)["GDPR-CONTACT"]
    assert contact.status.value == "pass"
    assert contact.evidence[0].text == "201 Grafton Gate East, Milton Keynes, MK9 1AN"


def test_an_irish_address_ends_in_its_eircode(checklists):
    policy = "Our representative in the EU is Harbour Rep Ltd, 4 Quay Street, Dublin 2, D02 XK51, Ireland.\n"
    representative = items(checklists["gdpr"], policy)["GDPR-EU-REPRESENTATIVE"]
    assert representative.status.value == "pass"
    assert "D02 XK51" in representative.evidence[0].text


def test_the_representative_is_quoted_with_its_own_address_not_the_one_above(checklists):
    policy = ("Contact us at Maple Apps Inc., 12 Elm Road, Springfield, IL 62701, USA.\n"
              "Our representative in the EU is Harbour Rep Ltd, 4 Quay Street, Dublin 2, D02 XK51, Ireland.\n")
    quote = items(checklists["gdpr"], policy)["GDPR-EU-REPRESENTATIVE"].evidence[0].text
    assert "D02 XK51" in quote and "Elm Road" not in quote


def test_a_passage_is_quoted_once(checklists):
    policy = ("Definitions\nService provider: refers to Lindqvist Software AB, the company that runs the app.\n"
              "We (Lindqvist Software AB) are the controller of your personal data.\n")
    evidence = items(checklists["gdpr"], policy)["GDPR-IDENTITY"].evidence
    spans = [(e.start, e.end) for e in evidence]
    assert not any(a != b and b[0] <= a[0] and a[1] <= b[1] for a in spans for b in spans)


def test_the_parts_of_any_are_quoted_in_their_order(checklists):
    policy = (
        "To stop receiving marketing emails, use the unsubscribe link in any of them.\n"
        "You may object to our processing of your personal data for profiling.\n"
    )
    objection = items(checklists["gdpr"], policy)["GDPR-RIGHT-OBJECT"]
    assert objection.status.value == "pass"
    assert [e.line for e in objection.evidence][:2] == [2, 1]


@pytest.mark.parametrize("policy, line", [
    ("1. What we collect\nWe collect your name. You can ask us to delete your personal data when you leave.\n"
     "2. Cookies\nWe use cookies.\n3. Your rights\nYou can ask us to delete your personal data.\n", 6),
    ("一、我们如何收集信息\n我们收集您的手机号码。您可以要求我们删除您的个人信息。\n二、您的权利\n"
     "您可以要求我们删除您的个人信息。\n", 4),
])
def test_evidence_under_a_heading_that_fits_the_item_comes_first(checklists, policy, line):
    checklist = checklists["gdpr"] if policy.startswith("1.") else checklists["pipl"]
    item = "GDPR-RIGHT-ERASURE" if policy.startswith("1.") else "PIPL-RIGHT-DELETION"
    erasure = items(checklist, policy)[item]
    assert erasure.status.value == "pass"
    assert erasure.evidence[0].line == line


def test_an_item_of_a_list_is_quoted_with_the_lead_in_that_gives_the_list(checklists):
    policy = (
        "Your rights\n"
        "You also have a right to:\n"
        "Request access to the personal data we hold about you;\n"
        "Request erasure of your personal data in certain circumstances;\n"
        "Receive your personal data that you have provided to us;\n"
        "Ask us to correct it;\n"
        "Restrict the processing of your personal data; and\n"
        "Complain to us.\n"
    )
    restriction = items(checklists["gdpr"], policy)["GDPR-RIGHT-RESTRICTION"]
    assert [e.text for e in restriction.evidence][:2] == [
        "Restrict the processing", "You also have a right to:"]


def test_a_lead_in_that_neither_gives_nor_fits_is_not_quoted(checklists):
    policy = (
        "We will retain your information as follows:\n"
        "Account data until you close your account;\n"
        "Encrypted backups for 30 days, protected by encryption;\n"
    )
    security = items(checklists["gdpr"], policy)["GDPR-SECURITY"]
    assert all(not e.text.endswith(":") for e in security.evidence)


@pytest.mark.parametrize("lead_in", [
    "您可以通过以下方式注销您的帐户：",  # gives a way to do something else, names no right
    "You can apply to cancel your account through the following methods:",
])
def test_a_lead_in_that_gives_another_thing_is_not_quoted(checklists, lead_in):
    chinese = lead_in.startswith("您")
    policy = lead_in + "\n" + ("1. 在设置中申请注销；\n2. 我们采用加密技术保护您的个人信息；\n" if chinese else
                                "1. in the settings;\n2. we protect your data by encryption;\n")
    item = "PIPL-SECURITY" if chinese else "GDPR-SECURITY"
    security = items(checklists["pipl" if chinese else "gdpr"], policy)[item]
    assert security.evidence and all(e.text != lead_in for e in security.evidence)


def test_a_lead_in_that_fits_the_item_is_quoted(checklists):
    policy = "您可以通过以下方式与我们联系：\n1. 电子邮箱：privacy@shili.cn；\n2. 客服电话：400-123-4567。\n"
    contact = items(checklists["pipl"], policy)["PIPL-CONTACT"]
    assert "您可以通过以下方式与我们联系：" in [e.text for e in contact.evidence]


HEADING_WORDS = ["ab", "b a", "我们", "k", "s", "a-b"]


@settings(max_examples=300, deadline=None)
@given(words=st.lists(st.sampled_from([*HEADING_WORDS, "Ab", "ſ"]), min_size=1, max_size=3),
       source=st.text(alphabet="abksAKS\u212a\u017f\u0130\u0131 -\n我们é", max_size=14),
       pos=st.integers(0, 16), endpos=st.one_of(st.none(), st.integers(0, 16)))
def test_heading_words_are_found_as_their_case_insensitive_pattern_finds_them(words, source, pos, endpos):
    """Found with str.find in normalised text (or with the pattern, for words in another case),
    heading words are found where the pattern the item's headings used to be finds them."""
    text = Document.from_text(source).normalized.text
    alternation = "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))
    pattern = regex.compile(rf"(?<![a-z])(?:{alternation})(?![a-z])", regex.IGNORECASE)
    expected = pattern.search(text, pos) if endpos is None else pattern.search(text, pos, endpos)
    assert HeadingWords(words).search(text, pos, endpos) == (expected is not None)
