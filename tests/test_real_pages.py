"""Real pages read as a person sees them: the main content by share of visible text, XML, positions."""

from __future__ import annotations

import json

from privcheck.document import load_bytes

POLICY_BODY = (
    "<h1>Privacy Policy</h1>\n"
    "<p>We collect your name, e-mail address and phone number to provide the service. You can contact "
    "our data protection officer at privacy@example.com. We answer requests within 15 working days.</p>\n"
    "<h2>Your rights</h2>\n"
    "<p>You may access, correct and delete your personal information at any time, and withdraw your "
    "consent. We keep your data for as long as your account is open.</p>\n"
)
MISUSED_MAIN = (
    "<html><body>\n<main class=\"header-container\"><ul><li><a href=\"/\">Home</a></li>"
    "<li><a href=\"/about\">About us</a></li><li>Products</li></ul></main>\n"
    f"<div class=\"content\">\n{POLICY_BODY}</div>\n</body></html>\n"
)


def test_a_main_element_around_the_navigation_is_set_aside_with_a_note():
    document = load_bytes(MISUSED_MAIN.encode(), "page.html")
    assert "data protection officer" in document.text and "Your rights" in document.text
    assert len(document.notes) == 1
    assert "<main> (line 2) holds only 20 of its" in document.notes[0]
    assert "whole page body was read instead" in document.notes[0]


def test_a_real_main_element_is_still_read_alone():
    page = (f"<html><body><header><a href='/'>Home</a> <a href='/shop'>Shop</a></header>\n<main>\n{POLICY_BODY}"
            "</main>\n<div class='promo'>Sign up for our newsletter today</div></body></html>")
    document = load_bytes(page.encode(), "page.html")
    assert "Your rights" in document.text and "newsletter" not in document.text
    assert document.notes == []


def test_the_note_is_in_the_text_json_and_html_reports(run, tmp_path):
    path = tmp_path / "page.html"
    path.write_text(MISUSED_MAIN)
    _, out, _ = run("check", str(path), "-c", "pipl", "--width", "200")
    assert "Note: " in out and "whole page body was read instead" in " ".join(out.split())
    _, out, _ = run("check", str(path), "-c", "pipl", "-f", "json")
    assert "whole page body was read instead" in json.loads(out)["documents"][0]["notes"][0]
    _, out, _ = run("check", str(path), "-c", "pipl", "-f", "html")
    assert 'class="note"' in out and "whole page body was read instead" in out


XML_POLICY = """<?xml version="1.0" encoding="UTF-8"?>
<policy xmlns="urn:example:policy">
  <title>Privacy notice</title>
  <section>
    <paragraph>We gather feedback from users &amp; partners.</paragraph>
    <list><item>gather feedback</item><item>improve the service</item></list>
    <paragraph>Contact us at privacy@gov.uk. We <b>never</b> sell your data.</paragraph>
  </section>
</policy>
"""


def test_xml_is_read_as_a_document_without_tags():
    document = load_bytes(XML_POLICY.encode(), "policy.xml")
    assert document.format == "xml"
    assert document.text.splitlines() == [
        "Privacy notice", "We gather feedback from users & partners.", "gather feedback",
        "improve the service", "Contact us at privacy@gov.uk. We never sell your data."]
    assert "<" not in document.text and ">" not in document.text
    position = document.positions.locate(document.text.index("partners"))
    assert (position.line, position.column) == (5, 52)


def test_malformed_xml_is_refused_with_its_position(run, tmp_path):
    path = tmp_path / "broken.xml"
    path.write_text("<policy><p>We collect data</policy>\n")
    code, _, err = run("check", str(path), "-c", "pipl")
    assert code == 2
    assert "is not well-formed XML (line 1" in err and "Traceback" not in err


def test_xml_entities_are_not_expanded(tmp_path):
    laughs = ('<?xml version="1.0"?>\n<!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
              + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
              + ']>\n<l><p>We collect data &i; here</p></l>\n')
    from privcheck.errors import DocumentError

    try:
        document = load_bytes(laughs.encode(), "lol.xml")
    except DocumentError as exc:  # libxml2's own amplification guard may refuse it first
        assert "entity" in str(exc)
    else:
        assert document.text.strip() == "We collect data here"


def test_directory_runs_check_xml_and_list_skipped_files(run, tmp_path):
    (tmp_path / "policy.xml").write_text(XML_POLICY)
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "draft.txt").write_text("draft")
    code, out, err = run("check", str(tmp_path), "-c", "pipl", "-f", "json", "--exclude", "draft*")
    assert json.loads(out)["documents"][0]["format"] == "xml"
    assert f"privcheck: skipped {tmp_path / 'logo.png'}: not a supported policy format (.png;" in err
    assert f"privcheck: skipped {tmp_path / 'draft.txt'}: excluded by --exclude" in err
    (tmp_path / "draft.txt").unlink()
    code, out, err = run("scan", str(tmp_path), "-c", "pipl", "--no-progress", "-j", "1")
    assert f"privcheck: skipped {tmp_path / 'logo.png'}: not a supported policy format" in err
    assert json.loads(out.splitlines()[0])["format"] == "xml"


def minified_page() -> str:
    body = "".join(f"<h2>Section {i}</h2><p>" + "Lorem ipsum dolor sit amet. " * 40 + "</p>" for i in range(5))
    body += ("<h2>Your rights</h2><p>You may access, correct and delete your personal information. Contact "
             "privacy@example.com; we reply to requests within 15 working days.</p>")
    return "<html><body><main><h1>Privacy Policy</h1>" + body + "</main></body></html>\n"


def test_one_line_pages_give_column_and_nearest_heading(run, tmp_path):
    path = tmp_path / "mini.html"
    page = minified_page()
    path.write_text(page)
    _, out, _ = run("check", str(path), "-c", "pipl", "-f", "json")
    evidence = [e for c in json.loads(out)["documents"][0]["checklists"] for i in c["items"] for e in i["evidence"]]
    late = [e for e in evidence if e["column"] > 5000]
    assert late and all(e["line"] == 1 and e["heading"] == "Your rights" for e in late)
    first = late[0]
    assert page[first["column"] - 1:].startswith(first["text"][:10])
    _, out, _ = run("check", str(path), "-c", "pipl", "--width", "200")
    assert "(under 'Your rights')" in out and "line 1, col 5," in out
    _, out, _ = run("check", str(path), "-c", "pipl", "-f", "html")
    assert "line 1, col 5," in out and "(under &#39;Your rights&#39;)" in out
