"""The verbose terminal report quotes the sentence a piece of evidence stands in."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from privcheck.excerpts import CONTEXT, sentence_around


def around(text: str, word: str) -> tuple[str, str, str]:
    start = text.index(word)
    return sentence_around(text, start, start + len(word))


def test_the_sentence_of_a_word():
    text = "Retention\nWe keep logs for a year. Later we may store your data in an anonymized form. Thanks."
    assert around(text, "anonymized") == ("Later we may store your data in an ", "anonymized", " form.")


def test_chinese_sentences_end_at_full_width_punctuation():
    text = "我们采用加密技术。我们会使用去标识化等措施保护您的个人信息；此外我们定期审计。"
    assert around(text, "去标识化") == ("我们会使用", "去标识化", "等措施保护您的个人信息；")


def test_a_long_sentence_is_cut_at_words_with_an_ellipsis():
    text = "word " * 200 + "security " + "other " * 200
    before, middle, after = around(text, "security")
    assert middle == "security"
    assert before.startswith("…word") and after.endswith("other…")
    assert len(before) + len(middle) + len(after) <= CONTEXT + 4


@given(st.text(alphabet="ab .。\n", max_size=400), st.data())
def test_the_evidence_is_always_whole_and_in_the_middle(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    before, middle, after = sentence_around(text, start, end)
    assert middle == " ".join(text[start:end].split())
    assert "\n" not in before + after
