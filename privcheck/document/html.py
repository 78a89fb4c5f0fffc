"""HTML policies: the readable text of the page, with evidence pointing at lines of the .html file.

The page is parsed with lxml's HTML parser (libxml2: fast, tolerant of broken markup, and it
records the source line of every element). What is kept:

- the main content: of the `<main>` elements, the `role="main"` elements and a single
  `<article>`, the one holding the most visible text, provided it holds at least `MIN_MAIN_SHARE`
  of the visible text of the whole page; else the whole `<body>` without its top-level `<header>`
  and `<footer>`. When a main element is set aside for holding too little (a `<main>` wrapped
  around the navigation, say), the document's notes say so and the report shows the note;
- never scripts, styles, `<noscript>`, templates, form controls, navigation (`<nav>`, `role="navigation"`),
  `<aside>`, short hidden elements (`hidden`, `aria-hidden="true"`, `display:none`) or cookie
  banners (short elements whose id or class names a cookie or consent banner, bar, popup or
  dialog, and the usual consent-manager containers); a hidden element holding a lot of text is
  kept, as it is usually a collapsed section of the policy;
- headings, paragraphs, list items and table rows each on their own line, table cells side by
  side; entities decoded; `mailto:` and `tel:` link targets added after the link text when the
  text does not show them.

lxml does not record columns, so each text run is found again in the source (after the element's
own start tag, entities decoded) to give its exact line and column. A page whose readable text is
almost nothing but which is mostly script (a page rendered by JavaScript) is refused with a message
saying so.
"""

from __future__ import annotations

import html as html_entities
import re

from lxml import etree
from lxml import html as lxml_html

from privcheck.document.decoding import decode_bytes
from privcheck.document.mapping import MappedPositions, OffsetMap, SourceLines, TextBuilder
from privcheck.document.model import Document
from privcheck.errors import DocumentError

SKIPPED_TAGS = {
    "script", "style", "noscript", "template", "head", "svg", "math", "iframe", "object", "embed",
    "canvas", "button", "select", "textarea", "input", "nav", "aside", "dialog",
}
RAW_TEXT_TAGS = {"script", "style", "noscript", "template", "textarea"}
SKIPPED_ROLES = {"navigation", "banner", "contentinfo", "search", "menu", "menubar", "alertdialog", "dialog"}
BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "header", "footer", "address", "blockquote", "pre",
    "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "caption",
    "figure", "figcaption", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "br", "details", "summary",
    "fieldset", "legend", "center", "body", "html",
}
CELL_TAGS = {"td", "th"}
HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}

_COOKIE_BANNER = re.compile(
    r"(cookie|consent|gdpr|cmp)[\w-]*(banner|bar|popup|pop-up|modal|notice|dialog|overlay|prompt|wall|box|layer)"
    r"|(banner|popup|modal|dialog|overlay)[\w-]*(cookie|consent)",
    re.IGNORECASE,
)
_CONSENT_MANAGER = re.compile(
    r"onetrust|cookiebot|cookieyes|usercentrics|didomi|truste-|cookie-law|cookielaw|cc-window|cc-banner", re.IGNORECASE
)
# A hidden element or one named like a cookie notice is dropped only when it is short: a policy's
# own collapsed sections, or its section called "cookie-notice", hold far more text than a banner.
SHORT_TEXT = 1500
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_ENTITY = re.compile(r"&(?:#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,8}|[A-Za-z][A-Za-z0-9]{1,31});?")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_WHITESPACE = str.maketrans({"\n": " ", "\r": " ", "\t": " ", "\f": " ", "\v": " "})

MAX_MAIN_CANDIDATES = 20
MIN_MAIN_SHARE = 0.3  # a main element holding less of the page's visible text is not the policy
SEARCH_WINDOW = 1 << 16  # characters of source searched for one text run before giving up on its column
MOSTLY_SCRIPT_TEXT = 200  # fewer readable characters than this on a page that is mostly script: refused


def decode_html(data: bytes, path: str, encoding: str | None, notes: list[str] | None = None) -> tuple[str, str]:
    """Decode an HTML file: --encoding, else a BOM, else `<meta charset>`, else detection."""
    if not encoding and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        declared = _META_CHARSET.search(data[:4096])
        if declared:
            name = declared.group(1).decode("ascii", "replace").lower()
            if name in ("gb2312", "gbk"):
                name = "gb18030"  # what browsers do: GB2312 and GBK pages are read as GB18030
            try:
                return data.decode(name), name
            except (LookupError, UnicodeDecodeError):
                pass  # a wrong declaration: fall back to detection
    return decode_bytes(data, path, encoding, notes)


def _decode_entities(source: str) -> tuple[str, OffsetMap]:
    """The source with character references decoded, and a map back to source offsets."""
    builder = TextBuilder()
    position = 0
    for match in _ENTITY.finditer(source):
        if match.start() > position:
            builder.add(source[position:match.start()], position)
        builder.add(html_entities.unescape(match.group()), match.start(), linear=False)
        position = match.end()
    builder.add(source[position:], position)
    return builder.text(), builder.map


def _is_skipped(element: etree._Element, in_body_mode: bool) -> bool:
    tag = element.tag
    if tag in SKIPPED_TAGS:
        return True
    attributes = element.attrib
    if attributes.get("role", "").strip().lower() in SKIPPED_ROLES:
        return True
    names = f"{attributes.get('id', '')} {attributes.get('class', '')}"
    if names.strip() and _CONSENT_MANAGER.search(names):
        return True
    hidden = ("hidden" in attributes or attributes.get("aria-hidden", "").strip().lower() == "true"
              or _HIDDEN_STYLE.search(attributes.get("style", "")))
    if hidden or (names.strip() and _COOKIE_BANNER.search(names)):
        return _is_short(element)
    if in_body_mode and tag in ("header", "footer"):
        return not any(a.tag in ("article", "section", "main") for a in element.iterancestors())
    return False


def _is_short(element: etree._Element) -> bool:
    """Whether the element holds less than SHORT_TEXT characters of text (stops counting there)."""
    total = 0
    for piece in element.itertext():
        total += len(piece.strip())
        if total >= SHORT_TEXT:
            return False
    return True


def visible_length(root: etree._Element, body_mode: bool) -> int:
    """Characters of visible text (white space aside) under `root`, skipping what the reader skips."""
    total = 0
    skipped_depth = 0
    skipping: set[int] = set()
    for event, element in _walk(root):
        if not isinstance(element.tag, str):
            if event == "end" and element is not root and not skipped_depth:
                total += len((element.tail or "").strip())
            continue
        if event == "start":
            if skipped_depth or _is_skipped(element, body_mode):
                skipped_depth += 1
                skipping.add(id(element))
            elif element.text:
                total += len(element.text.strip())
            continue
        if id(element) in skipping:
            skipping.discard(id(element))
            skipped_depth -= 1
        if element is not root and not skipped_depth and element.tail:
            total += len(element.tail.strip())
    return total


def _content_root(document: etree._Element) -> tuple[etree._Element, bool, str | None]:
    """The element holding the main content, whether it is the whole body, and a note if a
    main element was set aside for holding too small a share of the page's visible text."""
    body = document.find("body")
    whole = body if body is not None else document
    candidates = list(document.iter("main")) + [
        found for found in document.xpath("//*[@role='main']") if found.tag != "main"]
    articles = list(document.iter("article"))
    if len(articles) == 1:
        candidates.append(articles[0])
    candidates = candidates[:MAX_MAIN_CANDIDATES]  # each is measured: keep a page of thousands linear
    if not candidates:
        return whole, True, None
    page = visible_length(whole, False)
    sized = [(visible_length(candidate, False), index, candidate) for index, candidate in enumerate(candidates)]
    best_length, _, best = max(sized, key=lambda entry: (entry[0], -entry[1]))
    if page == 0 or best_length >= MIN_MAIN_SHARE * page:
        return best, False, None
    name = f"<{best.tag}>" if best.tag in ("main", "article") else f"<{best.tag} role=\"main\">"
    note = (f"the page's {name} (line {best.sourceline}) holds only {best_length:,} of its {page:,} characters "
            f"of visible text ({100 * best_length / page:.0f}%), so the whole page body was read instead")
    return whole, True, note


class _Aligner:
    """Finds text runs of the parsed tree again in the (entity-decoded) source, in order."""

    def __init__(self, decoded: str) -> None:
        self.decoded = decoded
        self.lower = decoded.lower()
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", decoded)]
        self.cursor = 0

    def line_start(self, line: int | None) -> int:
        if not line:
            return self.cursor
        return self.line_starts[min(line, len(self.line_starts)) - 1]

    def enter(self, element: etree._Element) -> None:
        """Move past the start tag of `element` when it is on the line lxml says it is."""
        line = element.sourceline
        if not line:
            return
        start = self.line_start(line)
        self.cursor = max(self.cursor, start)
        end_of_line = self.line_starts[line] if line < len(self.line_starts) else len(self.decoded)
        tag_at = self.lower.find("<" + element.tag, self.cursor, end_of_line)
        if tag_at >= 0:
            close = self.decoded.find(">", tag_at)
            if close >= 0:
                self.cursor = close + 1

    def skip_raw(self, tag: str) -> None:
        """Jump to the end tag of a raw-text element (script, style): its text is not markup."""
        end = self.lower.find("</" + tag, self.cursor)
        if end >= 0:
            self.cursor = end

    def find(self, text: str) -> int | None:
        limit = self.cursor + SEARCH_WINDOW + 4 * len(text)
        found = self.decoded.find(text, self.cursor, limit)
        if found < 0:
            return None
        self.cursor = found + len(text)
        return found


def _walk(root: etree._Element):
    """Elements in document order as ('start', el) and ('end', el), without recursion."""
    stack: list[tuple[etree._Element, bool]] = [(root, False)]
    while stack:
        element, closing = stack.pop()
        if closing:
            yield "end", element
            continue
        yield "start", element
        stack.append((element, True))
        stack.extend((child, False) for child in reversed(element))


def load_html(data: bytes, path: str, options) -> Document:
    notes: list[str] = []
    text_source, encoding = decode_html(data, path, options.encoding, notes)
    source = text_source.replace("\r\n", "\n").replace("\r", "\n")
    try:
        parser = lxml_html.HTMLParser(encoding="utf-8", huge_tree=True, remove_comments=False)
        tree = lxml_html.document_fromstring(source.encode("utf-8", "surrogatepass"), parser=parser)
    except (etree.ParserError, etree.LxmlError, ValueError) as exc:
        raise DocumentError(path, f"cannot be parsed as HTML ({exc})") from None
    for problem in parser.error_log:
        if problem.level_name == "FATAL" and "depth" in problem.message.lower():
            raise DocumentError(
                path, f"is nested too deeply to read as HTML (line {problem.line}: {problem.message.split(',')[0]})"
            )
    decoded, entity_map = _decode_entities(source)
    root, body_mode, note = _content_root(tree)
    aligner = _Aligner(decoded)
    builder = TextBuilder()
    skipped_depth = 0
    pre_depth = 0
    skipping: set[int] = set()
    heading_starts: dict[int, int] = {}
    headings: list[tuple[int, int]] = []  # (start, end) of each heading's text

    def emit(text: str | None, element: etree._Element, kept: bool) -> None:
        if not text:
            return
        found = aligner.find(text)
        if not kept or not text.strip():
            if kept and text and builder.last_char() not in ("", " ", "\n"):
                builder.add(" ", found if found is not None else aligner.cursor, linear=False)
            return
        shown = text if pre_depth else text.translate(_WHITESPACE)
        if found is None:
            builder.add(shown, aligner.line_start(element.sourceline), linear=False)
        else:
            builder.add(shown, found)

    for event, element in _walk(root):
        tag = element.tag if isinstance(element.tag, str) else None
        if event == "start":
            if tag is None:  # a comment or processing instruction: no text of its own
                continue
            tag = tag.lower()
            aligner.enter(element)
            if skipped_depth or _is_skipped(element, body_mode):
                skipped_depth += 1
                skipping.add(id(element))
                if tag in RAW_TEXT_TAGS:
                    aligner.skip_raw(tag)
                    continue
            kept = not skipped_depth
            if kept:
                if tag in BLOCK_TAGS:
                    builder.break_line(aligner.cursor)
                elif tag in CELL_TAGS and builder.last_char() not in ("", "\n"):
                    builder.add("  ", aligner.cursor, linear=False)
                if tag == "pre":
                    pre_depth += 1
                if tag in HEADING_TAGS:
                    heading_starts[id(element)] = builder.length
            emit(element.text, element, kept)
            continue
        # end of an element: its tail belongs to the parent
        if tag is not None:
            tag = tag.lower()
            if id(element) in skipping:
                skipping.discard(id(element))
                skipped_depth -= 1
            elif not skipped_depth:
                if tag == "a":
                    _add_link_target(element, builder, aligner)
                if tag == "pre":
                    pre_depth -= 1
                if id(element) in heading_starts:
                    begin = heading_starts.pop(id(element))
                    headings.append((begin, builder.length))
                if tag in BLOCK_TAGS:
                    builder.break_line(aligner.cursor)
        if element is not root:
            emit(element.tail, element.getparent() if element.getparent() is not None else element, not skipped_depth)

    text = builder.text()
    script = sum(len(s.text or "") for s in tree.iter("script", "style"))
    readable = len("".join(text.split()))
    if readable < MOSTLY_SCRIPT_TEXT and script > len(source) // 2:
        raise DocumentError(
            path,
            f"is mostly script ({script:,} of {len(source):,} characters) with almost no readable text "
            f"({readable} characters): the page is probably rendered by JavaScript; save the rendered "
            "page or its text and check that instead",
        )
    lines = SourceLines(source)
    positions = MappedPositions(builder.map, lambda offset: lines(entity_map.to_source(offset)))
    return Document(path=path, text=text, format="html", positions=positions, encoding=encoding,
                    source=source, notes=notes + ([note] if note else []),
                    headings=[(begin, " ".join(text[begin:end].split())) for begin, end in headings
                              if text[begin:end].strip()])


def _add_link_target(element: etree._Element, builder: TextBuilder, aligner: _Aligner) -> None:
    """Show the address of a mailto:/tel: link whose text does not (\"email us\")."""
    href = (element.get("href") or "").strip()
    scheme = href[:7].lower()
    if not (scheme.startswith("mailto:") or scheme.startswith("tel:")):
        return
    target = href.split(":", 1)[1].split("?", 1)[0].strip()
    if not target or target.lower() in (element.text_content() or "").lower():
        return
    line_start = aligner.line_start(element.sourceline)
    where = aligner.decoded.find(target, line_start, aligner.cursor + 1)
    builder.add(" (", where if where >= 0 else line_start, linear=False)
    builder.add(target, where if where >= 0 else line_start, linear=where >= 0)
    builder.add(")", where + len(target) if where >= 0 else line_start, linear=False)
