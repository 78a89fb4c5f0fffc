"""Each matcher kind on small documents."""

from __future__ import annotations

import pytest

from privcheck.document.model import Document
from privcheck.errors import MatcherTimeout
from privcheck.matchers import CompileContext, SpecError, TextView, compile_matcher


def outcome(spec, text, threshold=None):
    matcher = compile_matcher(spec, CompileContext(("match",), threshold, 2.0, "TEST"))
    return TextView(Document.from_text(text)).outcome(matcher)


def matches(spec, text, threshold=None) -> bool:
    return outcome(spec, text, threshold).matched


def test_near_quotes_the_nearest_partner_in_the_sentence():
    spec = {"near": {"terms": ["withdraw"], "with": ["consent"], "within": "sentence"}}
    text = "Where you gave consent, you can withdraw your consent at any time."
    result = outcome(spec, text)
    assert [text[h.start:h.end] for h in result.hits] == ["withdraw your consent"]


class TestPhrases:
    def test_case_insensitive_and_full_width(self):
        assert matches({"phrases": ["contact us"]}, "Please ＣＯＮＴＡＣＴ ＵＳ today")

    def test_english_word_boundaries(self):
        assert not matches({"phrases": ["consent"]}, "we consented")
        assert matches({"phrases": ["consent*"]}, "we consented")

    def test_chinese_needs_no_boundaries(self):
        assert matches({"phrases": ["撤回同意"]}, "您可以随时撤回同意。")

    def test_gap(self):
        assert matches({"phrases": ["撤回...同意"]}, "您可以撤回您的授权同意")
        assert not matches({"phrases": ["撤回...同意"]}, "您可以撤回。我们同意")

    def test_words_of_a_web_address_are_not_words_of_the_text(self):
        text = "Instructions are located at https://www.usa.gov/optout-instructions and at www.usa.gov."
        assert not matches({"phrases": ["usa"]}, text)
        assert not matches({"near": {"terms": ["located"], "with": ["usa"], "within": "sentence"}}, text)
        assert matches({"phrases": ["usa"]}, "Our servers are in the USA (see https://www.usa.gov).")
        assert matches({"phrases": ["安全中心"]}, "请在www.example.cn-安全中心修改密码。")
        assert not matches({"phrases": ["keep"]}, "Write to feedback@keep.example.com with any question.")
        assert matches({"phrases": ["dpo"]}, "Write to dpo@harbour.example.com with any question.")

    def test_an_address_without_www_is_not_text_either(self):
        assert not matches({"phrases": ["usa"]}, "You can find opt-out instructions on USA.gov.")
        assert not matches({"phrases": ["your data"]}, "Please go to harbour.co.uk/control-your-data for details.")
        assert matches({"phrases": ["usa"]}, "We store data in the USA. See harbour.com for details.")
        assert matches({"phrases": ["etc"]}, "names, emails, etc. are kept")

    def test_an_abbreviation_is_a_whole_word(self):
        assert matches({"phrases": ["u.s."]}, "servers in the U.S. and Canada")
        assert not matches({"phrases": ["u.s."]}, "under 5 U.S.C. Section 552a")

    def test_spaces_and_hyphens_between_words(self):
        assert matches({"phrases": ["cross border"]}, "cross-border transfers")

    def test_empty_phrase_is_rejected(self):
        with pytest.raises(SpecError, match="non-empty"):
            compile_matcher({"phrases": []}, CompileContext(()))


class TestRegex:
    def test_matches_on_normalised_text(self):
        assert matches({"regex": r"within \d+ days"}, "Within １５ days")

    def test_invalid_pattern(self):
        with pytest.raises(SpecError, match="invalid regular expression"):
            compile_matcher({"regex": "(unclosed"}, CompileContext(()))

    def test_empty_match_rejected(self):
        with pytest.raises(SpecError, match="empty string"):
            compile_matcher({"regex": "a*"}, CompileContext(()))

    def test_catastrophic_backtracking_caught_at_load(self):
        with pytest.raises(SpecError, match="backtracks catastrophically"):
            compile_matcher({"regex": "(a+)+$"}, CompileContext(()))

    def test_runaway_on_a_document_times_out_naming_the_item(self):
        # Passes the load-time probes but explodes on this particular text.
        spec = {"regex": {"pattern": r"(x+x+)+y", "timeout": 0.05}}
        try:
            matcher = compile_matcher(spec, CompileContext((), None, 0.05, "MY-ITEM"))
        except SpecError:
            pytest.skip("caught at load time already")
        with pytest.raises(MatcherTimeout, match="MY-ITEM") as raised:
            TextView(Document.from_text("x" * 5000)).outcome(matcher)
        # The message names what the user can do about it: the size and the limit to raise.
        assert "0.0 MB document" in str(raised.value) and "--regex-timeout" in str(raised.value)


class TestLogic:
    def test_all_any_not(self):
        text = "We share data with partners. 我们不会出售。"
        assert matches({"all": [{"phrases": ["share"]}, {"phrases": ["partners"]}]}, text)
        assert not matches({"all": [{"phrases": ["share"]}, {"phrases": ["sell"]}]}, text)
        assert matches({"any": [{"phrases": ["sell"]}, {"phrases": ["出售"]}]}, text)
        assert matches({"not": {"phrases": ["cookies"]}}, text)
        assert not matches({"not": {"phrases": ["share"]}}, text)

    def test_unknown_matcher_suggests(self):
        with pytest.raises(SpecError, match="did you mean 'phrases'"):
            compile_matcher({"phrase": ["x"]}, CompileContext(()))

    def test_two_kinds_in_one_mapping(self):
        with pytest.raises(SpecError, match="exactly one key"):
            compile_matcher({"phrases": ["x"], "regex": "y"}, CompileContext(()))


class TestNear:
    SPEC = {"near": {"terms": ["withdraw*"], "with": ["consent"], "within": "sentence"}}

    def test_same_sentence(self):
        assert matches(self.SPEC, "You may withdraw your consent at any time.")
        assert not matches(self.SPEC, "You may withdraw money. We ask for consent.")

    def test_characters_and_words(self):
        assert matches({"near": {"terms": ["a1"], "with": ["b2"], "within": 5}}, "a1 xx b2")
        assert not matches({"near": {"terms": ["a1"], "with": ["b2"], "within": 2}}, "a1 xxxx b2")
        assert matches({"near": {"terms": ["a1"], "with": ["b2"], "within": "2 words"}}, "a1 x y b2")
        assert not matches({"near": {"terms": ["a1"], "with": ["b2"], "within": "1 words"}}, "a1 x y b2")

    def test_paragraph(self):
        spec = {"near": {"terms": ["alpha"], "with": ["beta"], "within": "paragraph"}}
        assert matches(spec, "alpha here. beta there.")
        assert not matches(spec, "alpha here.\nbeta there.")

    def test_bad_within(self):
        with pytest.raises(SpecError, match="sentence, paragraph"):
            compile_matcher({"near": {"terms": ["a"], "with": ["b"], "within": "chapter"}}, CompileContext(()))


class TestDuration:
    SPEC = {"duration": {"near": ["respond", "reply", "回复", "答复"], "ignore": ["初步", "more than"]}}

    @pytest.mark.parametrize("text", [
        "We will respond within 15 working days.",
        "We will respond within fifteen (15) business days.",
        "我们将在15个工作日内回复。",
        "我们将在十五个工作日内答复。",
        "我们将在15日内回复。",
        "We will reply within 15 days.",
        "We will reply within 2 weeks.",
    ])
    def test_within_fifteen_working_days(self, text):
        assert matches(self.SPEC, text, threshold="15 working days")

    @pytest.mark.parametrize("text", ["我们将在三十天内作出答复。", "We will respond within one month.", "We will respond within 21 days."])
    def test_over_the_limit_is_weak(self, text):
        result = outcome(self.SPEC, text, threshold="15 working days")
        assert not result.matched and result.weak and "over the limit" in result.detail

    def test_unrelated_figure_does_not_count(self):
        assert not outcome(self.SPEC, "We keep logs for 15 days. Contact us anytime.", "15 working days").matched

    def test_ignored_clause(self):
        text = "我们会在三个工作日内初步回复，并在三十天内答复。"
        result = outcome(self.SPEC, text, threshold="15 working days")
        assert result.weak  # the 3-day figure is only an initial acknowledgement

    def test_an_ignored_label_ignores_its_value(self):
        spec = {"duration": {"near": ["delete"], "ignore": ["mean time to close"]}}
        text = "Requests to delete this year: 120 handled, mean time to close: 4 days."
        assert not matches(spec, text)
        assert matches(spec, "Requests to delete this year: 120 handled, backups are kept: 4 days.")

    @pytest.mark.parametrize("text", ["我们将在不超过15个工作日内回复。", "We will reply in no more than 15 working days."])
    def test_a_negated_ignore_word_is_an_upper_bound(self, text):
        spec = {"duration": {"near": ["reply", "回复"], "ignore": ["超过", "more than"]}}
        assert matches(spec, text, threshold="15 working days")
        assert not matches(spec, text.replace("不超过", "超过").replace("no more than", "more than"), threshold="15 working days")

    def test_one_month_limit(self):
        spec = {"duration": {"near": ["respond"], "max": "1 month"}}
        assert matches(spec, "We respond within 30 days.")
        assert matches(spec, "We respond within 15 working days.")
        assert not matches(spec, "We respond within 45 days.")

    def test_bad_limit(self):
        with pytest.raises(SpecError, match="duration"):
            compile_matcher({"duration": {"near": ["x"], "max": "soon"}}, CompileContext(()))


class TestContact:
    def test_email_and_placeholder(self):
        assert matches({"contact": {}}, "Write to privacy@shopco.cn.")
        assert not matches({"contact": {}}, "Write to privacy@example.com.")

    def test_empty_label(self):
        assert not matches({"contact": {}}, "Customer Service, email:")

    def test_kinds_filter(self):
        assert not matches({"contact": {"kinds": ["phone"]}}, "Write to privacy@shopco.cn.")

    def test_unknown_kind(self):
        with pytest.raises(SpecError, match="unknown channel kind"):
            compile_matcher({"contact": {"kinds": ["fax"]}}, CompileContext(()))


class TestAge:
    @pytest.mark.parametrize("text", ["children under 14", "不满十四周岁的儿童", "14周岁以下", "under the age of fourteen", "未满14岁"])
    def test_fourteen(self, text):
        assert matches({"age": {"min": 14, "max": 14}}, text)

    def test_wrong_age_is_weak(self):
        result = outcome({"age": {"min": 14, "max": 14}}, "children under 13")
        assert result.weak and not result.matched

    def test_threshold_default(self):
        assert matches({"age": {"max": 18}}, "under 16", threshold="16")
        assert not matches({"age": {"max": 18}}, "under 13", threshold="16")


@pytest.mark.parametrize("name", ["Lumen Pte. Ltd.", "Lumen Sdn. Bhd.", "Lumen Pty. Ltd.", "Lumen Corp.", "Lumen S.p.A.", "Lumen B.V."])
def test_a_company_form_with_a_full_stop_does_not_end_the_sentence(name):
    text = f"The controller is {name} in Singapore, reachable at dpo@lumen-notes.sg. Next sentence."
    view = TextView(Document.from_text(text))
    start, end = view.sentence(view.text.index("dpo@"))
    assert view.text[start:end].startswith("the controller is") and "next" not in view.text[start:end]


def test_a_sentence_wrapped_over_two_lines_is_one_sentence():
    text = "Request restriction of or object to\nprocessing of your personal data.\nHeading\nnew words start here.\n"
    view = TextView(Document.from_text(text))
    start, end = view.sentence(view.text.index("object"))
    assert view.text[start:end].strip() == "request restriction of or object to\nprocessing of your personal data."
    # A line break before a capital letter, or after a full stop, still ends the sentence.
    other = "Contact us\nPlease write to us.\nthen we answer.\n"
    view = TextView(Document.from_text(other))
    assert view.text[slice(*view.sentence(0))].strip() == "contact us"
    assert "then" not in view.text[slice(*view.sentence(view.text.index("please")))]


class TestNearPassage:
    """`within: passage`: one paragraph, or two sentences apart across lines."""

    SPEC = {"near": {"terms": ["automated decision*"], "with": ["explain*"], "within": "passage"}}

    def test_sentences_on_lines_of_their_own(self):
        text = "We use automated decisions.\nThey follow fixed rules.\nYou may ask us to explain them.\n"
        assert matches(self.SPEC, text)

    def test_too_far_apart(self):
        text = "We use automated decisions.\nA.\nB.\nC.\nYou may ask us to explain them.\n"
        assert not matches(self.SPEC, text)

    def test_one_long_paragraph(self):
        text = "We use automated decisions. " + "Filler sentence. " * 6 + "You may ask us to explain them.\n"
        assert matches(self.SPEC, text)


class TestPassage:
    SPEC = {"near": {"terms": ["sensitive", "敏感"], "with": ["affect", "影响"], "within": "passage"}}

    def test_a_passage_does_not_run_into_the_next_numbered_section(self):
        text = "Turning the camera off will not affect other features.\n4.2 Sensitive data\nWe collect none.\n"
        assert not matches(self.SPEC, text)
        assert not matches(self.SPEC, "撤回同意不会影响此前的处理。\n（五）有关敏感个人信息\n我们不收集。\n")

    def test_a_heading_and_the_sentences_under_it_are_one_passage(self):
        assert matches(self.SPEC, "4.2 Sensitive data\nRefusing it does not affect the app.\n")
        assert matches(self.SPEC, "Refusing sensitive data does not change much.\nIt will not affect the app.\n")

    def test_the_first_item_under_a_lead_in_is_no_new_section(self):
        assert matches(self.SPEC, "Refusing these will not affect the app:\n(1) sensitive data for login\n")


def test_a_list_run_on_after_a_colon_stays_in_the_sentence_of_its_lead_in():
    text = "We ask for your consent first in these cases: 1. we use data for another purpose; 2. we share it. See section 6. We keep logs."
    view = TextView(Document.from_text(text))
    sentence = view.text[slice(*view.sentence(view.text.index("another purpose")))]
    assert sentence.startswith("we ask for your consent") and sentence.endswith("another purpose;")
    assert view.text[slice(*view.sentence(view.text.index("we keep")))].strip() == "we keep logs."
