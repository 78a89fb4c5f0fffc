"""`right`: a right granted to the reader, in English and Chinese, and what is not one."""

from __future__ import annotations

import pytest

from privcheck.document.model import Document
from privcheck.matchers import CompileContext, SpecError, TextView, compile_matcher

ACCESS = {"right": {
    "actions": ["access", "a copy", "查阅", "访问", "复制"],
    "objects": ["personal data", "personal information", "your data", "个人信息"],
    "unless": ["from any device", "权限"],
}}


def outcome(spec, text):
    return TextView(Document.from_text(text)).outcome(compile_matcher(spec, CompileContext(("match",))))


def evidence(spec, text) -> list[str]:
    result = outcome(spec, text)
    return [text[h.start:h.end] for h in result.hits]


@pytest.mark.parametrize("text", [
    "You have the right to request access to your personal data.",
    "You may access the personal information we hold about you at any time.",
    "Users are entitled to obtain a copy of their personal data.",
    "If you would like a copy of your personal data, please write to us.",
    "We will give you a copy of your personal data upon request.",
    "Right of access. You can find out what we hold.",
    "您有权查阅、复制您的个人信息。",
    "您可以通过【我的】-【设置】访问您的个人信息。",
    "如需查阅您的个人信息，请联系我们。",
    "您享有以下权利：访问权、更正权、删除权。",
    "To access the personal data collected by our games, please reach out to info@gamestudio.example.",
    "If you’d like them to give you a copy of your personal data, please contact them.",
])
def test_a_right_granted_to_the_reader(text):
    assert outcome(ACCESS, text).matched, text


@pytest.mark.parametrize("text", [
    "These third parties have access to your personal information to perform tasks on our behalf.",
    "Law enforcement may request access to personal data held by us.",
    "Our app does not request access to your personal data on the device.",
    "You may not access the personal data of other users.",
    "With sync turned on, you can access your data from any device.",
    "我们将会申请访问您的相机权限，以便拍摄照片。",
    "您访问我们的网站时，我们会收集您的个人信息。",
    "您可能会在浏览时访问第三方网站，其个人信息处理规则由其负责。",
    "停止运营时，相关法规要求查阅您的个人信息前先通知您。",
    "To sign in with another account, you need to authorise us to obtain a copy of your personal data there.",
    "We will inform you that the need to access your personal data arises from the law.",
    "您可以授权我们查阅您在第三方平台的个人信息。",
    "We collect your personal data to access our servers faster; please contact us with questions.",
    "If you choose to access a social network from the app, we may receive personal information from it.",
    "Legal requests: we may access and share your personal data to answer them.",
    # What the reader opposes is not what they are given.
    "You have the right:\nto restrict processing where the processing is unlawful but you oppose the access to your personal data;\n",
    # A colon after "we will provide you with notice" announces how we notify, not rights.
    "If we change how we use your personal data, we will provide you with notice and may do so by either: "
    "(1) a banner on our website or (2) allowing access to the new text.",
])
def test_not_a_right_of_the_reader(text):
    assert not outcome(ACCESS, text).matched, text


def test_a_list_under_a_long_paragraph_ending_in_a_granting_lead_in():
    text = ("Your rights\nUnder the law of the place where you live you may have certain rights about your personal "
            "information. To use them, write to us using the details in the last section of this notice, and tell "
            "us which of them you wish to use. Depending on your location, you may have the right to:\n"
            "• See the personal information we hold about you;\n• a copy of your personal data;\n")
    assert outcome(ACCESS, text).matched
    unrelated = ("About us\nWe are a small company that makes apps for phones and tablets and has done so for many "
                 "years, with a team of ten people in two offices and partners in several other countries around "
                 "the world. Here is what we collect when you use them:\n• a copy of your personal data;\n")
    assert not outcome(ACCESS, unrelated).matched


def test_a_list_under_a_granting_lead_in():
    text = "Your rights\nYou have the right to request:\n• a copy of the personal data we hold\n• that we correct it\n"
    assert outcome(ACCESS, text).matched
    # The item is quoted, then the lead-in that grants it.
    found = outcome(ACCESS, text).hits
    assert [text[h.start:h.end] for h in sorted(found, key=lambda h: h.rank)] == [
        "• a copy of the personal data we hold", "You have the right to request:"]
    assert not outcome(ACCESS, "What we collect:\n• a copy of your order and your personal data\n").matched


def test_an_item_that_grants_itself_is_quoted_with_the_lead_in_of_its_list():
    text = ("Your rights\nYou have a number of rights under data protection law.\nThese include:\n"
            "the right to correction of inaccurate personal information;\n"
            "the right to be forgotten, which applies in some circumstances and not in others, as the law explains;\n"
            "the right of access to your personal data;\n")
    found = sorted(outcome(ACCESS, text).hits, key=lambda h: h.rank)
    # "These include:" continues the sentence about rights above it.
    assert [text[h.start:h.end] for h in found] == ["right of access to your personal data", "These include:"]
    unrelated = text.replace("You have a number of rights under data protection law.", "We update this page.")
    found = sorted(outcome(ACCESS, unrelated).hits, key=lambda h: h.rank)
    assert [unrelated[h.start:h.end] for h in found] == ["right of access to your personal data"]
    # Nor is a lead-in that gives the reader something else.
    other = "您可以通过以下方式注销您的帐户：\n1. 在设置中注销；\n2. 访问权：您可以查阅您的个人信息。\n"
    assert "您可以通过以下方式注销您的帐户：" not in [other[h.start:h.end] for h in outcome(ACCESS, other).hits]
    # A lead-in that does not grant a list does not make its items rights.
    assert not outcome(ACCESS, "These include:\n• a copy of your personal data\n").matched


def test_an_item_left_out_by_unless_takes_its_lead_in_with_it():
    text = "Your rights\nYou have the right to:\n• access your personal data from any device\n"
    assert not outcome(ACCESS, text).matched


def test_a_list_of_cases_where_requests_are_refused_grants_nothing():
    text = ("在以下情形中，我们将无法响应您的请求：\n（一）与国家安全有关的；\n（二）与公共安全有关的；\n"
            "（三）与犯罪侦查有关的；\n（四）有充分证据表明您存在主观恶意的；\n（五）涉及商业秘密的；\n"
            "（六）查阅您的个人信息将导致他人受到损害的。\n")
    assert not outcome(ACCESS, text).matched


def test_a_long_list_of_rights_grants_its_items():
    items = "".join(f"• item {n} of the list;\n" for n in range(6))
    text = "Your rights\nYou also have a right to:\n" + items + "• a copy of your personal data;\n"
    assert outcome(ACCESS, text).matched


def test_evidence_is_the_granting_clause():
    text = "Third parties have access to your personal data. You have the right to access your personal data."
    assert evidence(ACCESS, text) == ["You have the right to access your personal data"]


def test_the_object_must_be_in_the_sentence_unless_the_right_is_named():
    assert not outcome(ACCESS, "You can access our website from anywhere.").matched
    assert outcome(ACCESS, "You have the right of access.").matched


def test_a_noun_after_the_means_of_the_action_is_not_its_object():
    correct = {"right": {"actions": ["update", "correct"], "objects": ["personal information", "account"]}}
    assert not outcome(correct, "You may update your privacy settings by visiting your account.").matched
    assert outcome(correct, "You may update your account by visiting the settings page.").matched


def test_an_action_in_a_relative_clause_is_not_the_readers():
    spec = {"right": {"actions": ["update"], "objects": ["information"]}}
    assert not outcome(spec, "You may sign up for a newsletter, which contains product update information.").matched


@pytest.mark.parametrize("text, granted", [
    ("We aim to provide you with access to your personal information.", True),
    ("We provide you with tools to access your personal information.", True),
    ("We provide you with requested information and product updates.", False),
    ("The personal information you provide can give you access to more features.", False),
    ("Resellers who provide user support to your company will have access to your personal information.", False),
])
def test_who_is_given_what(text, granted):
    spec = {"right": {"actions": ["access", "updat*"], "objects": ["personal information", "information"]}}
    assert outcome(spec, text).matched is granted


def test_an_obligation_of_the_reader_is_no_right():
    spec = {"right": {"actions": ["obtain", "access"], "objects": ["personal information"]}}
    assert not outcome(spec, "If your personal information involves others, you need to obtain their consent.").matched
    assert outcome(spec, "If you need to obtain a copy of your personal information, write to us.").matched


def test_a_list_in_the_list_is_spliced():
    spec = {"right": {"actions": [["access"], "a copy"], "objects": [["personal data"]]}}
    assert outcome(spec, "You may access your personal data.").matched


@pytest.mark.parametrize("spec, message", [
    ({"right": {"objects": ["x"]}}, "missing 'actions'"),
    ({"right": {"actions": ["x"], "object": ["y"]}}, "unknown key 'object'"),
    ({"right": ["x"]}, "expected a mapping"),
])
def test_spec_errors(spec, message):
    with pytest.raises(SpecError, match=message):
        compile_matcher(spec, CompileContext(("match",)))


@pytest.mark.parametrize("text", [
    "We allow you, as a parent, to access, modify or delete the personal data of your child.",
    "Parents who ever wish to access the personal data of their child can write to us.",
    "We strive to give you ways to access your personal information quickly.",
])
def test_grants_in_other_words(text):
    assert outcome(ACCESS, text).matched, text


@pytest.mark.parametrize("text", [
    "We reserve the right to change and access your personal data policy at any time.",
    "Personal data you choose to post in forums is public, and we have no duty to access or remove it.",
    "您可以使用本服务，我们将访问您的个人信息以提供服务。",
])
def test_not_granted_to_the_reader_either(text):
    assert not outcome(ACCESS, text).matched, text


def test_authorisation_is_not_a_named_right():
    spec = {"right": {"actions": ["拒绝"], "objects": ["处理"]}}
    assert not outcome(spec, "拒绝授权后，我们将无法处理您的订单。").matched
    assert outcome(spec, "您有权拒绝我们处理您的个人信息。").matched
    assert outcome(spec, "您享有访问、更正、拒绝等权，并可限制我们的处理。").matched


def test_a_list_inside_one_paragraph():
    text = ("You have a right to: (1) request a copy of your data; (2) delete it; "
            "(3) restrict, or access, the processing of your personal data; and (4) complain.")
    assert outcome(ACCESS, text).matched
    assert not outcome(ACCESS, "We collect: (1) your name. Then we access the personal data of partners.").matched


@pytest.mark.parametrize("text", [
    "如需关闭，可在设置中操作，关闭后您的个人信息将被删除，且无法再查看。",
    "If you close your account, you will no longer be able to access your personal data.",
])
def test_an_action_the_reader_cannot_take(text):
    assert not outcome(ACCESS | {"right": {**ACCESS["right"], "actions": ["access", "查看"]}}, text).matched, text


@pytest.mark.parametrize("text", [
    "If you are concerned about the accuracy of personal data held by us or wish to access it, write to us.",
    "A copy of your personal data is available simply by logging in to your account.",
])
def test_more_ways_of_granting(text):
    assert outcome(ACCESS, text).matched, text


def test_a_long_item_that_ends_as_an_item_keeps_the_lead_in_of_its_list():
    item = ("under Article 15 GDPR, to obtain access to the personal data we hold about you, save where "
            "the law of a Member State restricts it, for example to protect the rights and freedoms of "
            "others, the secrecy of correspondence, the prevention of crime, the conduct of legal "
            "proceedings, the protection of whistle-blowers, the security of our systems and our staff, "
            "or the confidentiality of trade secrets held by us or by our suppliers;")
    assert len(item) > 400
    text = f"You have the right:\n{item}\nunder Article 16 GDPR, to have inaccurate data corrected.\n"
    assert evidence(ACCESS, text)[-1] == "You have the right:"


def test_provide_you_with_grants_rights_it_names():
    text = "We provide you with the following rights:\n(1) access to your personal data;\n(2) erasure.\n"
    assert evidence(ACCESS, text) == ["(1) access to your personal data;", "We provide you with the following rights:"]


def test_contacting_us_as_an_event_grants_nothing():
    erasure = {"right": {"actions": ["delete", "deleted"], "objects": ["personal data"]}}
    assert not outcome(erasure, "The personal data you send when you contact us are deleted once we have answered.").matched
    assert outcome(erasure, "Contact us to have your personal data deleted.").matched


@pytest.mark.parametrize("text", [
    "您可以查阅该隐私保护指引，以帮助您更好地保护您的个人信息。",
    "You can access our safety guide to help you keep your personal data safe.",
])
def test_the_data_in_a_purpose_clause_are_not_what_is_granted(text):
    assert not outcome(ACCESS, text).matched


def test_the_data_before_a_purpose_clause_are():
    assert outcome(ACCESS, "您可以查阅您的个人信息，以便核对其是否准确。").matched
