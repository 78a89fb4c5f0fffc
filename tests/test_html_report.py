"""The HTML report without a browser: escaping, self-containment, highlights, drafts, files."""

from __future__ import annotations

import base64
import hashlib
import json
import re

from privcheck.checklist import load_checklist
from privcheck.document import Document
from privcheck.engine import check_document
from privcheck.render.html import HtmlRenderer, _segments
from privcheck.results import Report

from test_drafts import EN_POLICY, ZH_POLICY

INJECTION = (
    "Privacy Policy of Test Shop\n"
    "<script>window.__privcheckInjected = 1; document.title = 'owned'</script>\n"
    "<img src=x onerror=\"window.__privcheckInjected = 2\">\n"
    "If you have any questions, email us at privacy@testshop-demo.cn <b>now</b>.\n"
    "We will reply within 15 working days.\n"
)


def render(*texts: tuple[str, str], checklists=("pipl", "gdpr")) -> tuple[Report, str]:
    loaded = [load_checklist(c) for c in checklists]
    documents = [check_document(Document.from_text(text, path), loaded) for path, text in texts]
    report = Report("0.1.0", documents)
    return report, HtmlRenderer().render(report)


def test_policy_text_cannot_inject_markup_or_script():
    _, html = render(("inject.txt", INJECTION))
    assert "&lt;script&gt;window.__privcheckInjected" in html
    assert "&lt;img src=x onerror=" in html
    assert "&lt;b&gt;now&lt;/b&gt;" in html
    assert len(re.findall(r"<script\b", html)) == 1  # the report's own script only
    assert "<img" not in html and " onerror=" not in html.replace("&lt;img src=x onerror=", "")


def test_checklist_text_is_escaped_too(write):
    path = write("evil.yaml", open("checklists/pipl.yaml", encoding="utf-8").read().replace(
        "title: PIPL and Chinese app-review practice", 'title: "<script>alert(1)</script> PIPL"', 1))
    _, html = render(("p.txt", EN_POLICY), checklists=(path,))
    assert "&lt;script&gt;alert(1)&lt;/script&gt; PIPL" in html
    assert len(re.findall(r"<script\b", html)) == 1


def test_the_page_is_self_contained_and_its_script_is_allowed_by_hash():
    _, html = render(("a.txt", EN_POLICY))
    assert not re.search(r"<(link|iframe|object|embed|img)\b", html)
    assert not re.search(r"\ssrc=|\burl\(|@import", html)
    assert not re.search(r'href="(?!#)', html)
    script = re.search(r"<script>(.*?)</script>", html, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in html
    assert "default-src 'none'" in html


def test_every_evidence_passage_is_highlighted_with_the_items_it_supports():
    report, html = render(("a.txt", INJECTION))
    document = report.documents[0]
    assert document.text == INJECTION
    checked = 0
    for checklist in document.checklists:
        for item in checklist.items:
            for evidence in item.evidence:
                assert " ".join(INJECTION[evidence.start:evidence.end].split()) == evidence.text.rstrip("…")
                key = f"{checklist.id}:{item.id}"
                marks = re.findall(r'<mark tabindex="-1" data-spans="[^"]*" data-items="([^"]*)" title="([^"]*)">', html)
                assert any(key in items.split() and item.id in title for items, title in marks)
                checked += 1
    assert checked >= 2


def test_overlapping_evidence_is_cut_into_segments_that_know_all_their_items():
    spans = {(0, 10): "d0-s0", (5, 15): "d0-s1"}
    supporters = {"d0-s0": [("pipl:A", "A")], "d0-s1": [("gdpr:B", "B")]}
    pieces = _segments("abcdefghijklmnopqrst", spans, supporters)
    assert [(p.text, p.spans, p.items) for p in pieces] == [
        ("abcde", ["d0-s0"], ["pipl:A"]),
        ("fghij", ["d0-s0", "d0-s1"], ["pipl:A", "gdpr:B"]),
        ("klmno", ["d0-s1"], ["gdpr:B"]),
        ("pqrst", [], []),
    ]
    assert pieces[0].starts == ["d0-s0"] and pieces[1].starts == ["d0-s1"]
    assert "".join(p.text for p in pieces) == "abcdefghijklmnopqrst"


def test_scores_counts_drafts_and_languages():
    report, html = render(("en.txt", EN_POLICY), ("zh.txt", ZH_POLICY))
    assert html.count('<section class="document"') == 2
    for document in report.documents:
        for checklist in document.checklists:
            assert f'aria-label="Score {checklist.score:.1f} out of 100, grade {checklist.grade}"' in html
    assert '<div class="policy-text" lang="zh"' in html and '<div class="policy-text" lang="en"' in html
    assert '<blockquote lang="zh">' in html and '<blockquote lang="en">' in html
    assert "Lantern Harbour Trading Co., Ltd. is the controller" in html  # the draft, filled in
    assert "杭州青石网络科技有限公司" in html
    assert "Noto Sans CJK SC" in html and "@media print" in html
    # status is shown as text and an icon, never by colour alone
    assert re.search(r'<span class="badge status-fail"><span aria-hidden="true">✗</span> Fail</span>', html)


def test_cli_writes_the_html_report_whole(run, write, tmp_path):
    policy = write("policy.txt", EN_POLICY)
    before = open(policy, "rb").read()
    target = tmp_path / "report.html"
    code, out, err = run("check", policy, "--format", "html", "--output", str(target))
    assert code in (0, 1), err
    assert out == ""
    html = target.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")
    assert open(policy, "rb").read() == before
    code, _, err = run("check", policy, "--format", "html", "--output", str(tmp_path / "none" / "r.html"))
    assert code == 2 and "Traceback" not in err


def test_json_evidence_carries_offsets_but_not_the_text(run, write):
    policy = write("policy.txt", INJECTION)
    code, out, _ = run("check", policy, "--format", "json")
    data = json.loads(out)
    document = data["documents"][0]
    assert "text" not in document
    evidence = [e for c in document["checklists"] for i in c["items"] for e in i["evidence"]]
    assert evidence and all(INJECTION[e["offset"]:e["end_offset"]].split() == e["text"].split() for e in evidence)


def test_evidence_is_shown_in_the_sentence_it_stands_in():
    policy = "Privacy Policy\n\nWe protect your data with TLS encryption in transit and at rest. Contact: privacy@harbour-notes.de\n"
    _, html = render(("policy.txt", policy), checklists=("gdpr",))
    quotes = re.findall(r'<q lang="en">(.*?)</q>', html)
    assert any("<strong>" in q and "We protect your data with" in q and "in transit and at rest." in q for q in quotes)
