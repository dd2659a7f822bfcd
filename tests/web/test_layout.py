"""Zoom and small screens (WCAG 1.4.10 reflow, 2.5.8 target size): at 320 CSS
px wide, and at 200 % zoom (a 1280x900 window shows 640x450 CSS px), the page
and the open chat fit without sideways scrolling, and every button is at
least 24x24 px."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.web.chat import INPUT, open_chat

SHOTS = Path(__file__).resolve().parents[2] / "results" / "web"
MIN_TARGET = 24


def _page_width(page) -> int:
    return page.evaluate("() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)")


def _small_targets(page) -> list:
    return page.evaluate(
        """min => Array.from(document.querySelectorAll('button, input, a[href]'))
             .filter(e => e.offsetParent !== null)
             .map(e => [e.id || e.className || e.tagName, e.getBoundingClientRect()])
             .filter(([_, r]) => r.width < min || r.height < min)
             .map(([name, r]) => `${name}: ${Math.round(r.width)}x${Math.round(r.height)}`)""",
        MIN_TARGET,
    )


@pytest.mark.parametrize("width,height,name", [(320, 640, "narrow"), (640, 450, "zoom-200")])
def test_reflow_without_sideways_scrolling(new_page, stack, width, height, name):
    page = new_page(width, height)
    page.goto(stack.page_url)
    page.wait_for_selector("#chat-launcher")
    assert _page_width(page) <= width, "the closed page scrolls sideways"

    open_chat(page)
    assert _page_width(page) <= width, "the open chat makes the page scroll sideways"
    panel = page.locator("#chat-panel").bounding_box()
    assert panel["x"] >= 0 and panel["x"] + panel["width"] <= width
    # The text box and the send button stay on screen.
    for selector in (INPUT, "#chat-form button[type=submit]", "#chat-close"):
        box = page.locator(selector).bounding_box()
        assert 0 <= box["x"] and box["x"] + box["width"] <= width, selector
        assert 0 <= box["y"] and box["y"] + box["height"] <= height, selector
    assert not _small_targets(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))
