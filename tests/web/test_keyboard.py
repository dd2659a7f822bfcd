"""A conversation with the keyboard only: Tab, Enter, Space and Escape."""

from __future__ import annotations

from pathlib import Path

from tests.web.chat import INPUT, LAUNCHER, SUGGESTION, TIMEOUT, bot_texts, focused, wait_for_bot_text

SHOTS = Path(__file__).resolve().parents[2] / "results" / "web"


def _tab_to(page, wanted: str, limit: int = 40, key: str = "Tab") -> None:
    """Presses Tab until the element matching ``wanted`` has focus."""
    for _ in range(limit):
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", wanted):
            return
        page.keyboard.press(key)
    raise AssertionError(f"{key} never reached {wanted}; focus is on {focused(page)}")


def _outline_visible(page) -> bool:
    return page.evaluate(
        """() => { const s = getComputedStyle(document.activeElement);
                   return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2; }"""
    )


def test_a_whole_conversation_with_the_keyboard(page, stack):
    page.goto(stack.page_url)
    page.wait_for_selector(LAUNCHER)

    # 1. Tab reaches the launcher (with a visible focus ring); Enter opens the chat.
    _tab_to(page, LAUNCHER)
    assert _outline_visible(page)
    page.keyboard.press("Enter")
    assert page.get_attribute(LAUNCHER, "aria-expanded") == "true"
    assert focused(page) == "#chat-input"  # focus moves into the chat
    page.wait_for_selector(SUGGESTION, timeout=TIMEOUT)

    # 2. Tab (backwards, from the text box) reaches a suggested question; Enter presses it.
    _tab_to(page, ".chat-suggestion", key="Shift+Tab")
    assert _outline_visible(page)
    while "Which drugs" not in focused(page):
        page.keyboard.press("Shift+Tab")
    seen = len(bot_texts(page))
    page.keyboard.press("Enter")
    wait_for_bot_text(page, "Imatinib (Gleevec)", after=seen)
    assert focused(page) == "#chat-input"

    # Space presses a button too.
    _tab_to(page, ".chat-suggestion", key="Shift+Tab")
    seen = len(bot_texts(page))
    page.keyboard.press("Space")
    page.wait_for_function("n => document.querySelectorAll('#chat-log .chat-message-bot').length > n",
                           arg=seen, timeout=TIMEOUT)

    # 3. Type a question, send it with Enter, and read the answer from the live region.
    page.focus(INPUT)
    assert _outline_visible(page)
    seen = len(bot_texts(page))
    page.keyboard.type("how is vitrakvi taken")
    page.keyboard.press("Enter")
    answer = wait_for_bot_text(page, "Larotrectinib (Vitrakvi)", after=seen)
    log = page.locator("[role=log][aria-live=polite]").inner_text()
    assert answer in log
    # The send button is reachable and works too.
    _tab_to(page, "#chat-form button[type=submit]")
    assert _outline_visible(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "keyboard-focus-send.png"))

    # No keyboard trap: Tab moves on out of the chat, to the launcher.
    page.keyboard.press("Tab")
    assert focused(page) == LAUNCHER

    # 4. Escape closes the chat and puts focus back on the launcher.
    page.focus(INPUT)
    page.keyboard.press("Escape")
    assert page.locator("#chat-panel").is_hidden()
    assert page.get_attribute(LAUNCHER, "aria-expanded") == "false"
    assert focused(page) == LAUNCHER


def test_the_close_button_works_from_the_keyboard(page, stack):
    page.goto(stack.page_url)
    page.focus(LAUNCHER)
    page.keyboard.press("Space")
    _tab_to(page, "#chat-close", key="Shift+Tab")
    assert _outline_visible(page)
    page.keyboard.press("Enter")
    assert page.locator("#chat-panel").is_hidden()
    assert focused(page) == LAUNCHER
