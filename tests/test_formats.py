"""Every input format: readable text, evidence positions in the user's file, detection by content."""

from __future__ import annotations

import io
import json

import pytest

from privcheck.document import LoadOptions, load_bytes, load_document
from privcheck.document.inputs import find_policies
from privcheck.errors import DocumentError

from pdfbytes import make_pdf

HTML = """<!DOCTYPE html>
<html lang="en"><head><title>ShopCo privacy</title>
<style>.x { content: "respond within 1 day" }</style></head>
<body>
<nav><a href="/">Home</a> <a href="/help">Contact us within 2 days</a></nav>
<div id="cookie-banner" class="consent-popup">We use cookies. <button>Accept all</button></div>
<main>
  <h1>Privacy Policy</h1>
  <p>We answer every request
     within 15 working days &amp; tell you why.</p>
  <p>Write to <a href="mailto:privacy@shopco.cn">our privacy team</a>.</p>
  <table><tr><th>Data</th><th>Kept for</th></tr><tr><td>Orders</td><td>3 years</td></tr></table>
  <div hidden>Secret text</div>
  <script>document.write("transfer abroad")</script>
</main>
<footer>Footer links</footer>
</body></html>
"""


def position_of(document, needle: str):
    return document.positions.locate(document.text.index(needle))


def test_html_keeps_the_readable_text_only():
    document = load_bytes(HTML.encode(), "policy.html")
    assert document.format == "html"
    text = document.text
    for gone in ("ShopCo privacy", "respond within 1 day", "Home", "cookies", "Accept all", "Secret text",
                 "transfer abroad", "Footer links", "Contact us within 2 days"):
        assert gone not in text
    assert "within 15 working days & tell you why." in text
    assert "Privacy Policy\n" in text  # a heading on its own line
    assert "Orders  3 years" in text  # a table row on one line, cells side by side
    assert "(privacy@shopco.cn)" in text  # the address behind "our privacy team"


def test_html_evidence_points_at_the_source_line_and_column():
    document = load_bytes(HTML.encode(), "policy.html")
    lines = HTML.split("\n")
    for needle in ("Privacy Policy", "within 15", "tell you", "Orders", "3 years"):
        where = position_of(document, needle)
        raw = needle.replace("&", "&amp;")
        assert lines[where.line - 1][where.column - 1:].startswith(raw), (needle, where)
    # after an entity the columns are still those of the file
    where = position_of(document, "& tell")
    assert lines[where.line - 1][where.column - 1:].startswith("&amp; tell")
    address = position_of(document, "privacy@shopco.cn")
    assert lines[address.line - 1][address.column - 1:].startswith("privacy@shopco.cn")


def test_html_without_main_drops_header_and_footer_and_decodes_meta_charset():
    page = ('<html><head><meta charset="gbk"></head><body><header>网站导航</header>'
            "<p>我们将在十五个工作日内回复。</p><footer>版权所有</footer></body></html>")
    document = load_bytes(page.encode("gbk"), "policy.htm")
    assert "十五个工作日" in document.text and "网站导航" not in document.text and "版权所有" not in document.text
    assert document.language == "zh"


def test_mostly_script_html_is_refused():
    page = "<html><body><div id=app>Loading</div><script>" + "var a = 1;\n" * 2000 + "</script></body></html>"
    with pytest.raises(DocumentError, match="mostly script"):
        load_bytes(page.encode(), "app.html")


def test_markdown_structure_without_markup_and_positions_in_the_file():
    source = ("Privacy Policy\n==============\n\n"
              "We answer every request\nwithin **15 working days**.\n\n"
              "- Email: [privacy team](mailto:privacy@shopco.cn)\n- Phone: 400-820-1234\n\n"
              "| Data | Kept for |\n|---|---|\n| Orders | 3 years |\n\n"
              "我们将在十五个\n工作日内回复。\n")
    document = load_bytes(source.encode(), "policy.md")
    text = document.text
    assert "=====" not in text and "**" not in text and "|" not in text and "[" not in text
    assert "request within" in " ".join(text.split())  # a soft line break is a space
    assert "十五个工作日内" in text  # and vanishes between Chinese characters
    assert "- Email" not in text and "\n" in text.split("Phone")[0][-20:]  # list items stay on their lines
    lines = source.split("\n")
    for needle in ("within", "15 working", "privacy@shopco.cn", "Orders", "工作日内"):
        where = position_of(document, needle)
        assert lines[where.line - 1][where.column - 1:].startswith(needle), (needle, where)


def test_pdf_text_layer_with_page_and_line(write):
    pages = [["Privacy Policy", "", "We collect your name and address when you place an order with us",
              "and keep them for as long as the law requires. We answer every",
              "request within 15 working days."],
             ["Contact", "Email privacy@shopco.cn for any question.", "2"]]
    document = load_document(write("policy.pdf", make_pdf(pages)))
    assert document.format == "pdf"
    assert "order with us and keep them" in document.text  # wrapped lines joined
    assert "Privacy Policy\n" in document.text  # a short line (a heading) is not
    where = position_of(document, "within 15")
    assert (where.page, where.line, where.column) == (1, 4, 9)
    where = position_of(document, "privacy@shopco.cn")
    assert (where.page, where.line, where.column) == (2, 2, 7)
    assert not document.text.rstrip().endswith("2")  # the page number is dropped


def test_chinese_pdf_joins_wrapped_lines_without_a_space(write):
    pages = [["个人信息保护政策", "我们将在收到您的请求并验证您的身份后的十五个工作日", "内回复您的请求并告知处理结果。"]]
    document = load_document(write("zh.pdf", make_pdf(pages)))
    assert "十五个工作日内回复" in document.text
    where = position_of(document, "内回复")
    assert (where.page, where.line, where.column) == (1, 3, 1)


def test_pdf_made_by_another_writer(write):
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.set_font("helvetica", size=11)
    pdf.add_page()
    pdf.multi_cell(0, 6, "Privacy Policy\nWe will respond to your request within 15 working days.")
    document = load_document(write("fpdf.pdf", bytes(pdf.output())))
    where = position_of(document, "within 15")
    assert (where.page, where.line) == (1, 2)


def make_docx(build) -> bytes:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    build(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_paragraphs_and_tables_with_paragraph_numbers(write):
    def build(document):
        document.add_heading("Privacy Policy", level=1)
        document.add_paragraph("")  # empty paragraphs are not counted
        document.add_paragraph("We collect your name and address.")
        table = document.add_table(rows=2, cols=2)
        table.cell(0, 0).text, table.cell(0, 1).text = "Data", "Kept for"
        table.cell(1, 0).text, table.cell(1, 1).text = "Orders", "3 years"
        document.add_paragraph("We will respond to your request within 15 working days.")
        document.add_paragraph("联系我们：privacy@shopco.cn")

    document = load_document(write("policy.docx", make_docx(build)))
    assert document.format == "docx"
    assert "Orders  3 years" in document.text
    assert position_of(document, "Privacy Policy").paragraph == 1
    assert position_of(document, "name and address").paragraph == 2
    assert position_of(document, "Orders").paragraph == 5
    assert position_of(document, "3 years").paragraph == 6
    where = position_of(document, "within 15")
    assert (where.paragraph, where.column) == (7, 33)
    assert position_of(document, "privacy@").paragraph == 8


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "gb18030", "gbk", "big5"])
def test_text_encodings_are_detected(write, encoding):
    text = ("個人資料保護政策。我們將於十五個工作日內回覆您的請求。聯絡電郵：privacy@shopco.tw\n" if encoding == "big5"
            else "个人信息保护政策。我们将在十五个工作日内回复您的请求。联系邮箱：privacy@shopco.cn\n") * 4
    document = load_document(write(f"policy-{encoding}.txt", text.encode(encoding)))
    assert document.text.lstrip("\ufeff") == text
    where = position_of(document, "privacy@")
    assert where.line == 1


def test_big5_and_gbk_are_told_apart_on_traditional_and_simplified_text(write):
    traditional = "本公司重視您的隱私權。若您對個人資料的處理有任何疑問，請於營業時間內與客服聯繫，我們會儘快回覆。\n" * 3
    simplified = "本公司重视您的隐私。如您对个人信息的处理有任何疑问，请在营业时间内与客服联系，我们会尽快回复。\n" * 3
    assert load_document(write("t.txt", traditional.encode("big5"))).text == traditional
    assert load_document(write("s.txt", simplified.encode("gbk"))).text == simplified


@pytest.mark.parametrize("name,content,expected", [
    ("policy.txt", b"%PDF-", "pdf"),
    ("policy.bin", b"<!DOCTYPE html><html><body><p>We respond within 15 days.</p></body></html>", "html"),
    ("policy.txt", b"  <html><body><p>We respond within 15 days.</p></body></html>", "html"),
    ("policy", "docx", "docx"),
])
def test_format_detected_by_content(write, name, content, expected):
    if content == "docx":
        content = make_docx(lambda d: d.add_paragraph("We respond within 15 days."))
    if content == b"%PDF-":
        content = make_pdf([["We respond within 15 days."]])
    assert load_document(write(name, content)).format == expected


def test_input_format_override(write):
    path = write("policy.html", "<p>We respond within 15 days.</p>")
    assert load_document(path, LoadOptions(input_format="text")).text.startswith("<p>")


def test_directories_are_searched_with_globs(run, write, tmp_path):
    write("legal/en/policy.md", "We respond within 15 days. Contact privacy@shopco.cn\n")
    write("legal/zh/policy.txt", "我们将在十五个工作日内回复。\n")
    write("legal/drafts/old.txt", "draft\n")
    write("legal/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(50))
    write("legal/.git/config", "[core]\n")
    root = str(tmp_path / "legal")
    found = [p[len(root) + 1:] for p in find_policies(root)]
    assert found == ["drafts/old.txt", "en/policy.md", "zh/policy.txt"]
    found = [p[len(root) + 1:] for p in find_policies(root, exclude=("drafts/*",))]
    assert found == ["en/policy.md", "zh/policy.txt"]
    assert [p[len(root) + 1:] for p in find_policies(root, include=("*.md",))] == ["en/policy.md"]

    code, out, err = run("check", root, "--exclude", "drafts/*", "-c", "gdpr", "-f", "json", "--exit-zero")
    assert code == 0, err
    paths = [d["path"] for d in json.loads(out)["documents"]]
    assert [p[len(root) + 1:] for p in paths] == ["en/policy.md", "zh/policy.txt"]


def test_text_report_shows_page_and_paragraph(run, write):
    pdf = write("p.pdf", make_pdf([["Intro"], ["Contact us at privacy@shopco.cn or call 400-820-1234."]]))
    code, out, _ = run("check", pdf, "-c", "gdpr", "--width", "120", "--exit-zero", "--show", "passes")
    assert "page 2, line 1: “Contact us at privacy@shopco.cn or call" in out  # the sentence it stands in
    docx = write("p.docx", make_docx(lambda d: (d.add_paragraph("Intro"), d.add_paragraph("Contact us at privacy@shopco.cn."))))
    code, out, _ = run("check", docx, "-c", "gdpr", "--width", "120", "--exit-zero", "--show", "passes")
    assert "paragraph 2: “Contact us at privacy@shopco.cn.”" in out
    code, out, _ = run("check", pdf, "-c", "gdpr", "-f", "json", "--exit-zero")
    contact = [i for i in json.loads(out)["documents"][0]["checklists"][0]["items"] if i["id"] == "GDPR-CONTACT"][0]
    assert contact["evidence"][0]["page"] == 2 and contact["evidence"][0]["line"] == 1


def test_standard_input_is_detected_by_content(run):
    code, out, err = run("check", "-", "-c", "gdpr", "-f", "json", "--exit-zero",
                         input=make_pdf([["Intro"], ["Contact us at privacy@shopco.cn."]]))
    assert code == 0, err
    document = json.loads(out)["documents"][0]
    assert document["path"] == "<stdin>" and document["format"] == "pdf"


def test_text_that_mentions_the_pdf_signature_stays_text(write):
    path = write("notes.txt", "A PDF file starts with %PDF-1.7 and we respond within 15 days.\n")
    assert load_document(path).format == "text"


def test_when_every_input_is_unreadable_no_report_is_printed(run, write):
    code, out, err = run("check", write("a.txt", ""), write("b.pdf", b"%PDF-1.4 broken"), "-c", "gdpr")
    assert code == 2 and out == ""
    assert err.count("privcheck: error:") == 2 and "a.txt: is empty" in err and "b.pdf: is a damaged" in err


def test_html_page_wrapped_in_a_form_is_read():
    page = ('<html><body><form id="form1"><header>Site</header><div class="content">'
            "<p>We respond within 15 days. Email privacy@shopco.cn</p><input value='Send request'></div></form></body></html>")
    document = load_bytes(page.encode(), "aspnet.html")
    assert "We respond within 15 days." in document.text and "Send request" not in document.text and "Site" not in document.text


def test_markdown_block_quote_wrapped_over_lines_is_one_paragraph():
    document = load_bytes(b"> We respond to every request\n> within 15 working days.\n\nNext.\n", "q.md")
    assert "request within 15" in " ".join(document.text.split())
    where = position_of(document, "within")
    assert (where.line, where.column) == (2, 3)


def test_long_hidden_sections_and_a_policy_section_named_cookie_notice_are_kept():
    section = "We keep order records for three years and then delete them. " * 40
    page = (f"<html><body><main><div style='display:none'><p>{section}</p></div>"
            f"<section id='cookie-notice'><h2>Cookies</h2><p>{section}</p></section>"
            "<div class='cookie-notice'>We use cookies. OK?</div></main></body></html>")
    text = load_bytes(page.encode(), "p.html").text
    assert text.count("We keep order records") == 80 and "We use cookies. OK?" not in text
