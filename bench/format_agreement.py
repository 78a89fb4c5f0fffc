"""Does a policy get the same results whatever format it comes in?

Takes plain-text policies (one paragraph a line, e.g. the development corpus beside the project),
writes each one, in a temporary folder, as HTML (with navigation, a cookie banner and scripts
around it), Markdown (headings and lists, hard-wrapped at 80 columns), PDF (lines wrapped, pages
of 50 lines, page numbers), Word .docx, and GB18030 or Big5 text, loads every version and
compares the status of every item with the one the plain text gets.

    .venv/bin/python bench/format_agreement.py ../shared/corpus/dev/goppc/docs ../shared/corpus/dev/appcp/docs
"""

from __future__ import annotations

import html
import io
import pathlib
import sys
import tempfile
import textwrap
from collections import Counter

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tests"))

from pdfbytes import make_pdf

from privcheck.checklist import load_checklist
from privcheck.document import load_document
from privcheck.document.model import detect_language
from privcheck.engine import check_document


def wrap(line: str, width: int) -> list[str]:
    if detect_language(line) == "zh":
        return [line[i:i + width // 2] for i in range(0, len(line), width // 2)] or [""]
    return textwrap.wrap(line, width) or [""]


def as_html(paragraphs: list[str]) -> bytes:
    body = "\n".join(f"<h2>{html.escape(p)}</h2>" if len(p) < 40 else f"<p>{html.escape(p)}</p>" for p in paragraphs)
    page = ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>Policy</title><script>var t=1;</script></head><body>"
            "<nav><a href='/'>Home</a><a href='/contact'>Contact us within 2 days</a></nav>"
            "<div class='cookie-banner'>We use cookies. <button>OK</button></div>"
            f"<main>\n{body}\n</main><footer>Footer</footer></body></html>")
    return page.encode()


def as_markdown(paragraphs: list[str]) -> bytes:
    out = []
    for p in paragraphs:
        out.append(f"## {p}" if len(p) < 40 else "\n".join(wrap(p, 80)))
        out.append("")
    return "\n".join(out).encode()


def as_pdf(paragraphs: list[str]) -> bytes:
    lines = [w for p in paragraphs for w in wrap(p, 90) + [""]]
    pages = [lines[i:i + 50] + [str(i // 50 + 1)] for i in range(0, len(lines), 50)]
    return make_pdf(pages)


def as_docx(paragraphs: list[str]) -> bytes:
    import docx

    document = docx.Document()
    for p in paragraphs:
        document.add_paragraph(p)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def as_chinese_encoding(paragraphs: list[str]) -> bytes:
    text = "\n".join(paragraphs) + "\n"
    try:
        return text.encode("gb18030")
    except UnicodeEncodeError:  # pragma: no cover
        return text.encode("utf-8")


FORMATS = {"html": as_html, "md": as_markdown, "pdf": as_pdf, "docx": as_docx, "gb18030.txt": as_chinese_encoding}


def main(folders: list[str]) -> None:
    checklists = {"en": load_checklist("gdpr"), "zh": load_checklist("pipl")}
    same: Counter = Counter()
    total: Counter = Counter()
    errors: Counter = Counter()
    with tempfile.TemporaryDirectory() as temporary:
        for folder in folders:
            for source in sorted(pathlib.Path(folder).glob("*.txt")):
                baseline_document = load_document(str(source))
                checklist = checklists[baseline_document.language]
                baseline = {i.id: i.status for c in check_document(baseline_document, [checklist]).checklists for i in c.items}
                paragraphs = [p.strip() for p in baseline_document.text.splitlines() if p.strip()]
                for extension, convert in FORMATS.items():
                    path = pathlib.Path(temporary) / f"{source.stem}.{extension}"
                    path.write_bytes(convert(paragraphs))
                    try:
                        result = check_document(load_document(str(path)), [checklist])
                    except Exception as exc:  # noqa: BLE001 - counted and shown
                        errors[extension] += 1
                        print(f"{source.name} as {extension}: {exc}", file=sys.stderr)
                        continue
                    for item in result.checklists[0].items:
                        total[extension] += 1
                        same[extension] += item.status == baseline[item.id]
    for extension in FORMATS:
        share = same[extension] / total[extension] if total[extension] else 0
        print(f"{extension:12} {same[extension]}/{total[extension]} item statuses as in plain text ({share:.1%}), "
              f"{errors[extension]} unreadable")


if __name__ == "__main__":
    main(sys.argv[1:])
