"""WCAG 2.2 AA as axe-core (npm, pinned) checks it, in Chromium: the page
with the chat closed, and with the chat open and suggested questions on
screen, on a desktop and on a phone-sized screen."""

from __future__ import annotations

import pytest

from tests.web.axe import axe_violations, summary
from tests.web.chat import open_chat


@pytest.mark.parametrize("width,height", [(1280, 900), (320, 640)])
def test_no_axe_violations_with_the_chat_closed_and_open(new_page, stack, width, height):
    page = new_page(width, height)
    page.goto(stack.page_url)
    page.wait_for_selector("#chat-launcher")
    closed = axe_violations(page)
    assert not closed, "chat closed:\n" + "\n".join(summary(closed))

    open_chat(page)
    opened = axe_violations(page)
    assert not opened, "chat open:\n" + "\n".join(summary(opened))


def test_the_chat_has_the_semantics_a_screen_reader_needs(page, stack):
    page.goto(stack.page_url)
    launcher = page.locator("#chat-launcher")
    assert launcher.evaluate("e => e.tagName") == "BUTTON"
    assert launcher.get_attribute("aria-expanded") == "false"
    assert launcher.get_attribute("aria-controls") == "chat-panel"
    assert launcher.inner_text().strip()  # a visible, accessible name
    open_chat(page)
    assert launcher.get_attribute("aria-expanded") == "true"
    log = page.locator("#chat-log")
    assert log.get_attribute("role") == "log" and log.get_attribute("aria-live") == "polite"
    # The input has a real <label>, and the send button has a name.
    assert page.locator("label[for=chat-input]").inner_text().strip()
    assert page.locator("#chat-form button[type=submit]").inner_text().strip() == "Send"
    # Suggested questions are buttons, in a labelled group.
    assert page.locator("#chat-log [role=group][aria-label] button.chat-suggestion").count() >= 3
    # The typing indicator is hidden from assistive technology (the reply is announced).
    assert page.get_attribute("#chat-typing", "aria-hidden") == "true"
    # Who said what is in the text a screen reader reads.
    assert page.locator("#chat-log .chat-message-bot").first.inner_text().startswith("Assistant:")
