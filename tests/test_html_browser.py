"""The HTML report in a real browser (headless Chromium): it renders, filters, jumps and is safe.

Run on every seed sample; under CI a missing browser fails these tests instead of skipping them.
Set PRIVCHECK_SCREENSHOT=path to also save the screenshot there (docs/report.png is made so).
"""

from __future__ import annotations

import os
import pathlib
import shutil

import pytest

from browser import browser_context, open_report  # noqa: F401 - the fixture is used by name
from test_drafts import ZH_POLICY
from test_html_report import INJECTION

pytestmark = pytest.mark.slow  # the whole module takes seconds

ROOT = pathlib.Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "samples").glob("*.txt"))

IN_VIEW = """mark => {
  const r = mark.getBoundingClientRect();
  const box = mark.closest('.policy-text').getBoundingClientRect();
  return r.height > 0 && r.top >= Math.max(0, box.top) - 1 && r.top < Math.min(window.innerHeight, box.bottom);
}"""


def make_report(run, tmp_path: pathlib.Path, *policies: str, checklists=("pipl", "gdpr")) -> pathlib.Path:
    target = tmp_path / "report.html"
    args = ["check", *policies, "--format", "html", "--output", str(target), "--exit-zero"]
    for checklist in checklists:
        args += ["-c", checklist]
    code, _, err = run(*args)
    assert code == 0, err
    return target


def assert_clean(requests: list[str], errors: list[str], target: pathlib.Path) -> None:
    assert requests == [target.resolve().as_uri()], "the report must not fetch anything"
    assert errors == []


def jump_to_last_item_passage(page, buttons) -> None:
    # Click an item near the end of the list, so the passage has to be scrolled to.
    button = buttons.nth(buttons.count() - 1)
    key = button.get_attribute("data-show")
    button.click()
    active = page.locator(".policy-text mark.is-active")
    assert active.count() >= 1
    for index in range(active.count()):
        assert key in active.nth(index).get_attribute("data-items").split()
        assert key.split(":")[1] in active.nth(index).get_attribute("title")
    assert active.first.evaluate(IN_VIEW)
    assert page.locator(f'li.item.is-selected[data-item="{key}"]').count() == 1


@pytest.mark.parametrize("seed", SEEDS, ids=[s.stem for s in SEEDS])
def test_seed_report_renders_filters_and_jumps_to_evidence(browser_context, run, tmp_path, seed):
    target = make_report(run, tmp_path, str(seed))
    page, requests, errors = open_report(browser_context, target)
    try:
        items = page.locator("li.item")
        assert items.count() >= 8
        assert page.locator("svg.gauge").count() == 2
        total = items.count()
        # Filters: status, severity and text narrow the list, and the count is announced.
        page.select_option('select[data-filter="status"]', "pass")
        visible = page.locator("li.item:visible")
        assert all(visible.nth(i).get_attribute("data-status") == "pass" for i in range(visible.count()))
        assert page.locator("[data-shown]").inner_text() == f"{visible.count()} of {total} items shown"
        page.select_option('select[data-filter="status"]', "")
        page.select_option('select[data-filter="severity"]', "required")
        visible = page.locator("li.item:visible")
        assert 0 < visible.count() < total
        assert all(visible.nth(i).get_attribute("data-severity") == "required" for i in range(visible.count()))
        page.select_option('select[data-filter="severity"]', "")
        wanted = items.first.get_attribute("data-item").split(":")[1]
        page.fill('input[data-filter="text"]', wanted.lower())
        assert page.locator("li.item:visible").count() >= 1
        assert all(wanted in t for t in page.locator("li.item:visible .item-title").all_inner_texts())
        page.fill('input[data-filter="text"]', "")
        assert page.locator("[data-shown]").inner_text().endswith(f"of {total} items shown")
        buttons = page.locator("button[data-show]")
        marks = page.locator(".policy-text mark")
        if buttons.count() == 0:  # nothing found in this policy: no passage to jump to
            assert marks.count() == 0
        else:
            assert marks.count() >= 1
            jump_to_last_item_passage(page, buttons)
        page.screenshot(path=str(tmp_path / f"{seed.stem}.png"))
        assert (tmp_path / f"{seed.stem}.png").stat().st_size > 10_000
        assert_clean(requests, errors, target)
    finally:
        page.close()


def test_injected_script_in_a_policy_does_not_run(browser_context, run, write, tmp_path):
    target = make_report(run, tmp_path, write("inject.txt", INJECTION))
    page, requests, errors = open_report(browser_context, target)
    try:
        assert page.evaluate("typeof window.__privcheckInjected") == "undefined"
        assert page.title() != "owned"
        text = page.locator(".policy-text").inner_text()
        assert "<script>window.__privcheckInjected = 1;" in text  # shown as text, not run
        assert '<img src=x onerror="window.__privcheckInjected = 2">' in text
        assert page.locator(".policy-text img, .policy-text script, .policy-text b").count() == 0
        assert_clean(requests, errors, target)
    finally:
        page.close()


def test_keyboard_and_several_documents_in_english_and_chinese(browser_context, run, write, tmp_path):
    target = make_report(run, tmp_path, str(SEEDS[0]), write("zh.txt", ZH_POLICY))
    page, requests, errors = open_report(browser_context, target)
    try:
        assert page.locator("section.document").count() == 2
        assert page.locator('section.document >> nth=1 >> .policy-text[lang="zh"]').count() == 1
        assert page.locator('section.document >> nth=1 >> blockquote[lang="zh"]').count() >= 1
        chinese = page.locator("section.document").nth(1)
        button = chinese.locator("button[data-show]").first
        key = button.get_attribute("data-show")
        button.focus()
        page.keyboard.press("Enter")
        active = chinese.locator("mark.is-active")
        assert active.count() >= 1 and key in active.first.get_attribute("data-items").split()
        assert active.first.evaluate("m => document.activeElement === m")
        # Only the Chinese document's highlights changed.
        assert page.locator("section.document").nth(0).locator("mark.is-active").count() == 0
        assert_clean(requests, errors, target)
    finally:
        page.close()


def test_report_screenshot(browser_context, run, tmp_path, monkeypatch):
    """The screenshot for the README: a seed report with one item's passage selected."""
    monkeypatch.chdir(ROOT)  # the report shows the path as given: samples/...
    target = make_report(run, tmp_path, "samples/ecommerce-worldwide.txt")
    page, _, _ = open_report(browser_context, target)
    try:
        page.set_viewport_size({"width": 1280, "height": 860})
        buttons = page.locator("button[data-show]")
        buttons.nth(min(2, buttons.count() - 1)).click()
        page.evaluate("window.scrollTo(0, 0)")
        shot = tmp_path / "report.png"
        page.screenshot(path=str(shot))
        assert shot.stat().st_size > 20_000
        destination = os.environ.get("PRIVCHECK_SCREENSHOT")
        if destination:
            shutil.copyfile(shot, destination)
    finally:
        page.close()


def test_print_layout_shows_everything_without_controls(browser_context, run, tmp_path):
    target = make_report(run, tmp_path, str(ROOT / "samples" / "taobao-2024.txt"))
    page, _, errors = open_report(browser_context, target)
    try:
        page.select_option('select[data-filter="status"]', "fail")  # a filter left on must not hide items on paper
        page.emulate_media(media="print")
        assert not page.locator("form.filters").first.is_visible()
        assert page.locator("li.item:visible").count() == page.locator("li.item").count()
        style = page.locator(".policy-text").first.evaluate("e => [getComputedStyle(e).overflow, getComputedStyle(e).maxHeight]")
        assert style == ["visible", "none"]
        pdf = page.pdf()
        assert pdf.startswith(b"%PDF") and len(pdf) > 20_000
        assert errors == []
    finally:
        page.close()
