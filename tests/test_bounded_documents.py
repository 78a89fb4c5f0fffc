"""Policy files cannot run away: .docx decompression bombs, paragraph floods, damaged PDFs."""

from __future__ import annotations

import zipfile

import pytest

from limits import run_limited

_CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/'
    b'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    b'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/'
    b'document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    b'</Types>'
)
_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/'
    b'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
    b'2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
_HEAD = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.'
         b'openxmlformats.org/wordprocessingml/2006/main"><w:body>')
_TAIL = b"</w:body></w:document>"
PARAGRAPH = b"<w:p><w:r><w:t>We collect your personal information to provide the service.</w:t></w:r></w:p>"


def write_docx(path, body_piece: bytes, repeat: int, one_run: bool = False) -> None:
    """A .docx whose body is `body_piece` written `repeat` times, streamed (never all in memory)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(_HEAD + (b"<w:p><w:r><w:t>" if one_run else b""))
            block = body_piece * 1000
            for _ in range(repeat // 1000):
                part.write(block)
            part.write((b"</w:t></w:r></w:p>" if one_run else b"") + _TAIL)


@pytest.mark.slow
def test_docx_bomb_of_many_paragraphs_is_refused_under_a_memory_ceiling(tmp_path):
    path = tmp_path / "bomb.docx"
    write_docx(path, PARAGRAPH, 2_000_000)  # 200 MB of paragraphs
    assert path.stat().st_size < 2_000_000
    result = run_limited("check", str(path), "-c", "pipl", memory_mb=512, timeout=120)
    assert result.returncode == 2, result.stderr
    assert "expands to more than 20,971,520 bytes when decompressed" in result.stderr
    assert "raise it with --max-size" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.slow
def test_docx_bomb_in_one_run_is_refused_under_a_memory_ceiling(tmp_path):
    path = tmp_path / "run.docx"
    write_docx(path, b"we collect data ", 10_000_000, one_run=True)  # one 160 MB run of text
    result = run_limited("check", str(path), "-c", "pipl", memory_mb=512, timeout=120)
    assert result.returncode == 2, result.stderr
    assert "when decompressed" in result.stderr and "Traceback" not in result.stderr


def test_docx_decompressed_limit_follows_max_size(run, tmp_path):
    path = tmp_path / "small.docx"
    write_docx(path, PARAGRAPH, 3_000)  # about 300 KB decompressed, a few KB on disk
    code, _, err = run("check", str(path), "-c", "pipl", "--max-size", "100k")
    assert code == 2
    assert "expands to more than 102,400 bytes when decompressed" in err
    code, _, err = run("check", str(path), "-c", "pipl", "--max-size", "2MB")
    assert code in (0, 1), err


def test_docx_paragraph_flood_is_refused(run, tmp_path):
    path = tmp_path / "flood.docx"
    write_docx(path, b"<w:p/>", 60_000)  # 360 KB of empty paragraphs
    code, _, err = run("check", str(path), "-c", "pipl")
    assert code == 2
    assert "holds more than 52,428 paragraphs" in err and "raise it with --max-size" in err


def damaged_pdf(pages: int = 3000) -> bytes:
    """A PDF with a wrong cross-reference pointer and no catalog: pypdf must search every object."""
    from pdfbytes import make_pdf

    data = make_pdf([[f"We collect line {n}." for n in range(10)] for _ in range(pages)])
    cut = data.rfind(b"startxref")
    data = data[:cut] + b"startxref\n999999999\n%%EOF\n"
    trailer = data.rfind(b"trailer")
    data = data[:trailer] + data[trailer:].replace(b"/Root", b"/Rooo")
    return data.replace(b"/Type /Catalog", b"/Type /Catalox")


def test_damaged_pdf_repair_is_capped_in_time(monkeypatch):
    import pytest

    from privcheck.document import load_bytes, pdf
    from privcheck.errors import DocumentError

    data = damaged_pdf()
    monkeypatch.setattr(pdf, "REPAIR_SECONDS", 0.05)  # the repair of this file takes longer than that
    with pytest.raises(DocumentError, match=r"is a damaged PDF that could not be repaired within 0.05 s"):
        load_bytes(data, "damaged.pdf")


def test_a_sound_pdf_is_read_strictly_without_repairs(monkeypatch):
    from pdfbytes import make_pdf

    from privcheck.document import load_bytes, pdf

    monkeypatch.setattr(pdf, "REPAIR_SECONDS", 0.001)  # a sound file never needs the repair path
    document = load_bytes(make_pdf([["We collect your name.", "We answer within 15 days."]] * 20), "ok.pdf")
    assert "We answer within 15 days." in document.text
