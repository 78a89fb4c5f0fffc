"""Turn the bytes of a text file into a string: BOMs, UTF-8, UTF-16, GB18030/GBK and Big5.

Order of trust: an explicit `--encoding`; a byte-order mark; strict UTF-8; then a statistical
guess by charset-normalizer restricted to the encodings policies are actually written in. Bytes
that look binary (NUL bytes outside UTF-16, or many control characters) are refused.

A few bad bytes do not refuse a file: when at most `MAX_REPLACED_SHARE` of the bytes cannot be
decoded (and the rest is clearly in the encoding: UTF-8 with valid multi-byte characters, or the
encoding given with --encoding), they are replaced with U+FFFD and a note says how many.
"""

from __future__ import annotations

import codecs

from privcheck.errors import DocumentError

# What a guess may return. Chinese policies come as GB18030 (a superset of GBK and GB2312) or Big5.
# UTF-16 is not guessed: with a BOM, or BOM-less Latin or Chinese text, it is recognised before
# guessing, and a guess of UTF-16 for anything else turns bytes into nonsense.
CANDIDATE_ENCODINGS = ("utf_8", "gb18030", "big5", "cp1252")
MAX_REPLACED_SHARE = 0.01  # of the bytes; more undecodable bytes than this refuse the file


def _with_replacements(data: bytes, encoding: str) -> tuple[str, int] | None:
    """`data` decoded with bad bytes replaced, and how many were, when they are few enough."""
    bad = 0

    def count(error: UnicodeError) -> tuple[str, int]:
        if not isinstance(error, UnicodeDecodeError):  # a decoding handler sees only decoding errors
            raise error
        nonlocal bad
        bad += error.end - error.start
        if bad > MAX_REPLACED_SHARE * len(data):
            raise error
        return "\ufffd", error.end

    name = f"privcheck-count-{id(count)}"
    codecs.register_error(name, count)
    try:
        text = data.decode(encoding, errors=name)
    except UnicodeDecodeError:
        return None
    return text, bad


def _replaced_note(bad: int, total: int, encoding: str) -> str:
    return (f"{bad:,} of {total:,} bytes could not be decoded as {encoding} and were replaced with "
            "U+FFFD; the rest was read")

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_bytes(data: bytes, path: str, encoding: str | None = None,
                 notes: list[str] | None = None) -> tuple[str, str]:
    """Decode `data`; return the text and the name of the encoding used.

    When a few bad bytes were replaced, a note saying so is appended to `notes`.
    """
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise DocumentError(path, f"unknown encoding {encoding!r} given with --encoding") from None
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError as exc:
            replaced = _with_replacements(data, encoding)
            if replaced is not None:
                if notes is not None:
                    notes.append(_replaced_note(replaced[1], len(data), encoding))
                return replaced[0], encoding
            raise DocumentError(
                path, f"cannot be decoded as {encoding} (byte {exc.start}: {exc.reason})"
            ) from None
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError:
                raise DocumentError(path, f"starts with a {name} byte-order mark but is not valid {name}") from None
    utf16 = _looks_like_bomless_utf16(data)
    if utf16:
        try:
            return data.decode(utf16), utf16
        except UnicodeDecodeError:
            pass
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None and not _looks_binary(data):
        return text, "utf-8"
    if text is None and len(data) % 2 == 0:
        cjk_utf16 = _plausible_cjk_utf16(data[:4096])
        if cjk_utf16:
            try:
                return data.decode(cjk_utf16), cjk_utf16
            except UnicodeDecodeError:
                pass
    if text is None and not _looks_binary(data):
        replaced = _with_replacements(data, "utf-8")
        if replaced is not None and any(ord(char) > 0x7F and char != "\ufffd" for char in replaced[0]):
            if notes is not None:
                notes.append(_replaced_note(replaced[1], len(data), "UTF-8"))
            return replaced[0], "utf-8"
    if _looks_binary(data):
        raise DocumentError(path, "looks like a binary file, not a text policy (use a supported format: .txt, .md, .html, .pdf, .docx)")
    return _guess(data, path)


def _looks_like_bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: every other byte is NUL for Latin text."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    if b"\x00" not in sample:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_nuls > 0.4 * half and even_nuls < 0.05 * half:
        return "utf-16-le"
    if even_nuls > 0.4 * half and odd_nuls < 0.05 * half:
        return "utf-16-be"
    return None


_COMMON_HANZI = frozenset(
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而"
    "方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好"
    "应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向"
    "道命此变条只没结解问意建月公无系很情者最立代想已通并提直题程展五果料象员位入常文总次品式活设及管特件长求"
    "基资边流路级少图知较将组见计别手期根论运指几区强放决被做必先回则任取据处给门即保治北造百规领口导器压收证"
    "改清己再转更单切白教速带安场身车例真务具万每目至达走积示议声报完类名确科张信节话整空元况今集需段界律且究"
    "观越装影算持音众书复容际非验连断深难近千周委素技备半办省列响约支般史感便团往历市何除消构称准精值号率维划"
    "选标写存候亲快效院查型按格易置层片始却专状育识适属包住调满局照参细引听该价严們個資料時來對會國說與為這請"
    "於將護權隱私訊息聯絡處務據網頁個戶帳號碼電郵"
)


def _plausible_cjk_utf16(sample: bytes) -> str | None:
    """BOM-less UTF-16 Chinese has no NUL bytes; accept it when it decodes to mostly CJK text."""
    for name in ("utf-16-le", "utf-16-be"):
        try:
            text = sample[: len(sample) // 2 * 2].decode(name)
        except UnicodeDecodeError:
            continue
        ideographs = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
        cjk = ideographs + sum(1 for ch in text if "\u3000" <= ch <= "\u303f" or "\uff01" <= ch <= "\uff5e")
        common = sum(1 for ch in text if ch in _COMMON_HANZI)
        # Random byte pairs also fall among the 20,000 ideographs, but Chinese prose uses a few
        # hundred characters for most of its text.
        if cjk > 0.6 * len(text) and ideographs > 0.4 * len(text) and common > 0.15 * ideographs:
            return name
    return None


# Control bytes that text does not hold (tab, line feed, form feed, carriage return and escape it does).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    # Counted by bytes.translate, in C: a loop over every byte in Python cost as much as decoding.
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > max(8, len(sample) // 50)


def _guess(data: bytes, path: str) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(CANDIDATE_ENCODINGS)).best()
    if best is None:
        # charset-normalizer found nothing coherent; GB18030 decodes almost anything, so try
        # it strictly as a last resort before giving up.
        for name in ("gb18030", "big5"):
            try:
                return data.decode(name), name
            except UnicodeDecodeError:
                continue
        raise DocumentError(
            path,
            "cannot be decoded as UTF-8, UTF-16, GB18030/GBK or Big5; give the encoding with --encoding",
        )
    return str(best), best.encoding
