"""Loading policies: encodings, positions, the normalised view and bad input."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from privcheck.document import LoadOptions, load_bytes, load_document
from privcheck.document.loaders import strip_markdown
from privcheck.document.model import detect_language
from privcheck.document.textmap import LineIndex, normalize_text
from privcheck.errors import DocumentError

CHINESE = "我们将在十五个工作日内回复您的请求。联系邮箱：privacy@shop.cn\n第二行：个人信息保护。"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "gbk", "gb18030"])
def test_chinese_text_in_every_supported_encoding(write, encoding):
    path = write(f"policy-{encoding}.txt", CHINESE.encode(encoding))
    document = load_document(path)
    assert document.text == CHINESE
    assert document.language == "zh"


def test_big5_traditional_chinese(write):
    text = "個人資料保護政策。我們將於十五個工作日內回覆您的請求，並保護您的個人資料。" * 3
    document = load_document(write("big5.txt", text.encode("big5")))
    assert document.text == text


def test_encoding_override(write):
    path = write("latin.txt", "Café policy: contact privacy@café.fr".encode("latin-1"))
    assert load_document(path, LoadOptions(encoding="latin-1")).text.startswith("Café")
    with pytest.raises(DocumentError, match="unknown encoding"):
        load_document(path, LoadOptions(encoding="no-such-codec"))


@pytest.mark.parametrize(
    "content,problem",
    [(b"", "is empty"), (b"   \n\t  ", "is empty"), (b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR" + bytes(200), "binary")],
)
def test_unreadable_files(write, content, problem):
    path = write("bad.txt", content)
    with pytest.raises(DocumentError, match=problem):
        load_document(path)


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(DocumentError, match="no such file"):
        load_document(str(tmp_path / "nope.txt"))
    with pytest.raises(DocumentError, match="is a directory"):
        load_document(str(tmp_path))


def test_size_limit(write):
    path = write("big.txt", "a" * 5000)
    with pytest.raises(DocumentError, match="limit"):
        load_document(path, LoadOptions(max_size=1000))


def test_policy_file_is_never_modified(write):
    path = write("p.txt", "Contact: privacy@shop.cn")
    import os

    before = os.stat(path).st_mtime_ns, open(path, "rb").read()
    load_document(path)
    assert (os.stat(path).st_mtime_ns, open(path, "rb").read()) == before


def test_normalised_view_folds_width_case_and_space():
    normalized = normalize_text("Ｃｏｎｔａｃｔ　ＵＳ：１５个工作日\t\t内")
    assert normalized.text == "contact us:15个工作日 内"


def test_normalised_offsets_map_back_to_the_source():
    source = "回复时限：１５个工作日。Email：ＰＲＩＶＡＣＹ@SHOP.CN"
    normalized = normalize_text(source)
    start = normalized.text.index("15")
    a, b = normalized.span_to_source(start, start + 2)
    assert source[a:b] == "１５"
    start = normalized.text.index("privacy@shop.cn")
    a, b = normalized.span_to_source(start, start + len("privacy@shop.cn"))
    assert source[a:b] == "ＰＲＩＶＡＣＹ@SHOP.CN"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_every_normalised_span_maps_inside_the_source(source):
    normalized = normalize_text(source)
    n = len(normalized.text)
    for start in range(0, n, max(1, n // 7 or 1)):
        end = min(n, start + 5)
        a, b = normalized.span_to_source(start, end)
        assert 0 <= a <= b <= len(source)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(blacklist_characters="\n\r"), max_size=20), min_size=1, max_size=10))
def test_line_index_positions(lines):
    text = "\n".join(lines)
    index = LineIndex(text)
    offset = 0
    for number, line in enumerate(lines, start=1):
        assert index.position(offset) == (number, 1)
        offset += len(line) + 1


def test_markdown_markup_is_blanked_but_positions_kept():
    source = "# Contact\n\n**Email**: [write to us](mailto:privacy@shop.cn)\n| a | b |\n|---|---|\n"
    stripped = strip_markdown(source)
    assert len(stripped) == len(source)
    assert "**" not in stripped and "#" not in stripped
    assert "privacy@shop.cn" in stripped
    assert stripped.index("Email") == source.index("Email")


def test_language_detection():
    assert detect_language("We will respond within 15 days.") == "en"
    assert detect_language("我们将在十五个工作日内回复。Privacy Policy") == "zh"


@settings(max_examples=500, deadline=None)
@given(st.text(st.sampled_from(["a", "Z", "é", " ", "\u3400", "\u4dff", "\u4e00", "\u4e3f", "\u4fff", "\u9fff",
                                "\ua000", "\uff21", "\U0001f600", "\ud800"]), max_size=40))
def test_language_detection_counts_the_letters_of_each_script(text):
    chinese = sum("\u4e00" <= ch <= "\u9fff" for ch in text)
    latin = sum(ch.isascii() and ch.isalpha() for ch in text)
    assert detect_language(text) == ("zh" if chinese * 4 > latin else "en")


def test_stdin_bytes():
    document = load_bytes("Contact privacy@shop.cn".encode(), "<stdin>")
    assert document.path == "<stdin>" and document.format == "text"


@settings(max_examples=300, deadline=None)
@given(data=st.binary(max_size=9000) | st.lists(st.sampled_from([b"a", b"\x01", b"\x1b", b"\t", b"\x1f", b" "]),
                                                max_size=9000).map(b"".join))
def test_control_bytes_counted_in_c_are_those_counted_byte_by_byte(data):
    """`_looks_binary` counts the control bytes of its sample as a loop over each byte would."""
    from privcheck.document.decoding import _looks_binary

    sample = data[:8192]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    assert _looks_binary(data) == (b"\x00" in sample or controls > max(8, len(sample) // 50))
