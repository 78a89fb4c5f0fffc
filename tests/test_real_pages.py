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
