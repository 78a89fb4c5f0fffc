"""`controller`: the organisation or person a policy speaks for, however it is introduced."""

from __future__ import annotations

import pytest

from privcheck.document.model import Document
from privcheck.detectors.entities import LEGAL_FORM, NAMED, PUBLIC_BODY, find_controllers
from privcheck.matchers import CompileContext, SpecError, TextView, compile_matcher


def outcome(spec, text):
    return TextView(Document.from_text(text)).outcome(compile_matcher(spec, CompileContext(("match",))))


@pytest.mark.parametrize("text, name, kind", [
    ("Jane Doe built the Pebble app as a free app. This SERVICE is provided by Jane Doe at no cost.", "Jane Doe", NAMED),
    ("This SERVICE is provided by pixelworks at no cost and is intended for use as is.", "pixelworks", NAMED),
    ("Northwind Apps (“we”, “us”, “our”) respects your privacy.", "Northwind Apps", NAMED),
    ('In this notice "we" and "us" mean Brightfield Analytics GmbH, Seestrasse 4, Zurich.', "Brightfield Analytics GmbH", LEGAL_FORM),
    ("This website is owned and operated by Harbour Lane Ltd.", "Harbour Lane Ltd", LEGAL_FORM),
    ("The data controller is the Ministry of Fisheries.", "Ministry of Fisheries", PUBLIC_BODY),
    ("Developer: Rowan Blake", "Rowan Blake", NAMED),
    ("本App的运营者为杭州星河数码科技有限公司（以下简称“我们”）。", "杭州星河数码科技有限公司", LEGAL_FORM),
    ("软件开发者：西湖区小林经营部", "西湖区小林经营部", LEGAL_FORM),
    ("本应用由小林工作室开发并运营。", "小林工作室", LEGAL_FORM),
    ("星河数码（以下简称“我们”）非常重视您的隐私。", "星河数码", NAMED),
    ("本隐私政策适用的产品和服务由杭州星河数码科技有限公司提供。", "杭州星河数码科技有限公司", LEGAL_FORM),
    ('Harbour Savings Bank Co., Ltd. ("I") knows how much your personal information matters to you.',
     "Harbour Savings Bank Co., Ltd", LEGAL_FORM),
    ('Harbour Lane Co., Ltd. and its affiliates (hereinafter referred to as "we") value your privacy.',
     "Harbour Lane Co., Ltd.", LEGAL_FORM),
    ("The operators of the Pebble website and app are Harbour Lane Co., Ltd. or its affiliates.", "Harbour Lane Co., Ltd", LEGAL_FORM),
    ("Pebble: refers to the Pebble app and its versions developed by Harbour Lane Co., Ltd..", "Harbour Lane Co., Ltd", LEGAL_FORM),
    ("Service provider: refers to the provider of Pebble's internet services, Harbour Lane Co., Ltd.", "Harbour Lane Co., Ltd.", LEGAL_FORM),
    ('Company (referred to as either "the Company", "We", "Us" or "Our" in this Agreement) refers to pebble works.',
     "pebble works", NAMED),
    ("Harbour Lane Ltd. T/A Pebble Privacy Policy\nWe collect your name.", "Harbour Lane Ltd.", LEGAL_FORM),
    ("杭州星河数码科技有限公司隐私政策\n我们收集您的手机号码。", "杭州星河数码科技有限公司", LEGAL_FORM),
    # A registered address between the name and "(“we”)" is an aside, however long the language writes it.
    ('Harbour Lane Co., Ltd. (registered address: Room 1203, 12th Floor, Building 7, Riverside Science Park, Binjiang District, '
     'Hangzhou) and its related parties (referred to as "we") operate the Pebble app.', "Harbour Lane Co., Ltd.", LEGAL_FORM),
    # "系统" in a company name is not the verb "系" ("is") that ends the words before a name.
    ("本指引中的星河（以下简称“我们”），具体是指星河计算机系统有限公司，注册地为杭州。", "星河计算机系统有限公司", LEGAL_FORM),
    # At the start of the policy, a company given its own short name speaks for itself.
    ('Online Privacy Policy\nAcme Outdoor Supply, Inc. ("Acme") respects your privacy.', "Acme Outdoor Supply, Inc", LEGAL_FORM),
    ('This Privacy Policy explains how Northwind Apps Ltd. ("Northwind") collects and uses your data.', "Northwind Apps Ltd", LEGAL_FORM),
])
def test_names_introduced_as_the_controller(text, name, kind):
    found = find_controllers(text)
    assert (name, kind) in [(c.name, c.kind) for c in found]


@pytest.mark.parametrize("text", [
    "We use Google Analytics, a web analytics service provided by Google, Inc.",
    'We use Google Analytics, a web analytics service provided by Google LLC ("Google").',
    'Our payment partners, such as Example Pay Ltd. ("Example"), process your card.',
    "Privacy\n" + "We collect your name. " * 100 + 'Acme Outdoor Supply, Inc. ("Acme") sells outdoor gear.',
    "We may share your data with Example Payments Ltd to process your order.",
    "我们可能会从示例征信有限公司获取您的信用报告。",
    "We are committed to protecting your privacy.",
    "This SERVICE is provided by [Developer/Company name] at no cost.",
    "We built the app to help you learn.",
    "Payments: refers to the payment service of Example Pay Co., Ltd.",
    "Payments go through Example Pay Ltd., see the Example Pay Privacy Policy",
    "Read the Example Pay Ltd. privacy policy",
    "We send your order to Example Pay Co., Ltd. (a payment service licensed in Hangzhou) for the payment. Our partners "
    "receive only what their task needs, and we ask them to protect it.",
])
def test_names_in_passing_and_blanks_are_not_the_controller(text):
    assert find_controllers(text) == []


def test_a_verb_before_a_company_name_is_not_part_of_it():
    names = [c.name for c in find_controllers(
        "1. 星河指杭州星河数码科技有限公司（以下简称“我们”）。\n2. 关联公司是指控制杭州星河数码科技有限公司的公司。\n")]
    assert names and all(name == "杭州星河数码科技有限公司" for name in names)


def test_legal_form_option():
    text = "This SERVICE is provided by Jane Doe at no cost."
    assert outcome({"controller": {}}, text).matched
    assert not outcome({"controller": {"legal_form": True}}, text).matched
    assert outcome({"controller": {"legal_form": True}}, "This app is operated by Harbour Lane Ltd.").matched


def test_evidence_points_into_the_normalised_text():
    text = "Ｗｅｌｃｏｍｅ！\nThis app is operated by Harbour Lane Ltd.\n"
    view = TextView(Document.from_text(text))
    result = view.outcome(compile_matcher({"controller": {}}, CompileContext(("match",))))
    hit = result.hits[0]
    assert view.text[hit.start:hit.end].endswith("harbour lane ltd")


def test_spec_errors():
    with pytest.raises(SpecError, match="unknown key 'legal'"):
        compile_matcher({"controller": {"legal": True}}, CompileContext(("match",)))
    with pytest.raises(SpecError, match="true or false"):
        compile_matcher({"controller": {"legal_form": "yes"}}, CompileContext(("match",)))
