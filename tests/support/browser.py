"""Chromium (Debian's /usr/bin/chromium) driven by Playwright, as pytest
fixtures for tests/web and tests/cluster: `browser`, `new_page`, `page`."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Callable, Iterator, List

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
LOCAL = ("http://127.0.0.1", "ws://127.0.0.1", "http://localhost", "ws://localhost", "data:")


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium (.ci/run does this)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser) -> Iterator[Callable[..., object]]:
    """Opens pages in fresh browser contexts (own storage), 1280x900 unless told.

    Everything a page loads must come from this machine: no CDN. axe-core is
    added to the page by tests/web/axe.py, so contexts bypass the page's CSP
    for that one script; the CSP itself is checked in test_widget.py."""
    contexts: List[object] = []
    outside: List[str] = []

    def open_page(width: int = 1280, height: int = 900):
        context = browser.new_context(viewport={"width": width, "height": height}, bypass_csp=True)
        contexts.append(context)
        page = context.new_page()
        page.on("request", lambda r: None if r.url.startswith(LOCAL) else outside.append(r.url))
        return page

    yield open_page
    for context in contexts:
        context.close()
    assert not outside, f"the page loaded from outside this machine: {outside}"


@pytest.fixture
def page(new_page):
    return new_page()
