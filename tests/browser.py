"""Headless Chromium for the HTML report tests (Playwright driving the system browser).

The tests skip only on a developer machine without Chromium; under CI (CI set) a missing
browser is a failure, so the browser tests can never silently drop out of the pipeline.
"""

from __future__ import annotations

import os
import pathlib
import shutil
import tempfile

import pytest

CHROMIUM = os.environ.get("PRIVCHECK_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
]


def require_chromium() -> None:
    missing = None
    if not os.path.exists(CHROMIUM):
        missing = f"Chromium not found at {CHROMIUM} (install the Debian packages chromium and chromium-driver)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            missing = "Playwright for Python is not installed (pip install -e '.[test]')"
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"browser tests must run in CI: {missing}")
        pytest.skip(missing)


@pytest.fixture(scope="module")
def browser_context():
    require_chromium()
    from playwright.sync_api import sync_playwright

    profile = tempfile.mkdtemp(prefix="privcheck-chromium-")
    try:
        with sync_playwright() as playwright:
            context = playwright.chromium.launch_persistent_context(
                profile, executable_path=CHROMIUM, headless=True, args=FLAGS,
                viewport={"width": 1360, "height": 900}, offline=True,
            )
            try:
                yield context
            finally:
                context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def open_report(context, path: pathlib.Path):
    """Open a report from a file:// URL; returns (page, requests made, console errors)."""
    page = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(path.resolve().as_uri())
    page.wait_for_load_state("load")
    return page, requests, errors
