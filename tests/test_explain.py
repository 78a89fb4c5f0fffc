"""`privcheck explain`: a terminal page built from the item's YAML, placeholders intact."""

from __future__ import annotations

import io

from rich.console import Console

from privcheck.checklist import load_checklist
from privcheck.cli.checklists import explain_page
from privcheck.explain import describe_item, describe_matcher


def page(checklist: str, item_id: str, width: int = 100) -> str:
    loaded = load_checklist(checklist)
    console = Console(file=io.StringIO(), width=width, no_color=True, highlight=False)
    console.print(explain_page(loaded, loaded.item(item_id)))
    return console.file.getvalue()


def test_page_has_every_section_and_keeps_bracketed_placeholders():
    out = page("gdpr", "GDPR-CONTACT")
    for heading in ("GDPR-CONTACT — Contact details of the controller", "Reference", "Threshold",
                    "What the law requires", "What the check looks for", "Examples",
                    "Model clause (English)", "Model clause (Chinese)"):
        assert heading in out
    # Rich would swallow "[privacy@company.eu]" as markup; the page must show it.
    assert "[Company legal name]" in out and "[privacy@company.eu]" in out and "[公司法定名称]" in out
    assert "✓ passes" in out and "✗ does not pass" in out and "Email: [email address]" in out
    assert "a real contact channel: email or phone" in out


def test_page_shows_threshold_and_elements():
    out = page("pipl", "PIPL-MINORS")
    assert "Threshold  14" in out
    assert "Looks for the under-14 threshold:" in out
    assert "an age limit for children of 14" in out
    assert "Partial credit when only the topic is mentioned:" in out


def test_conditional_items_say_when_they_apply():
    out = page("pipl", "PIPL-CROSS-BORDER", width=120)
    assert "applies only when the policy triggers it" in out
    assert "Applies only when the policy mentions:" in out
    assert "Passes outright on:" in out


def test_matcher_descriptions():
    assert describe_matcher({"phrases": ["a", "b"]})[0].text == "any of the phrases “a”, “b”"
    lines = describe_matcher({"any": [{"phrases": ["x"]}, {"near": {"terms": ["t"], "with": ["w"], "within": 30}}]})
    assert [(line.depth, line.text) for line in lines] == [
        (0, "any of:"), (1, "any of the phrases “x”"), (1, "“t” within 30 characters as “w”")]
    many = describe_matcher({"phrases": [str(n) for n in range(12)]})[0].text
    assert many.endswith("and 4 more")
    assert "at most 15 working days" in describe_matcher({"duration": {}}, threshold="15 working days")[0].text


def test_every_bundled_item_is_described():
    for reference in ("pipl", "gdpr"):
        for item in load_checklist(reference).items:
            parts = describe_item(item)
            assert parts and all(part.lines for part in parts), item.id


def test_explain_command(run):
    code, out, err = run("explain", "gdpr-contact")
    assert code == 0, err
    assert "[privacy@company.eu]" in out
    code, _, err = run("explain", "NO-SUCH-ITEM")
    assert code == 2 and "no item" in err
