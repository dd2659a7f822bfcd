"""How the tests see the chat on the page (web/index.html, web/chat.js)."""

from __future__ import annotations

from typing import Any, List

LAUNCHER = "#chat-launcher"
PANEL = "#chat-panel"
LOG = "#chat-log"
INPUT = "#chat-input"
BOT = "#chat-log .chat-message-bot"
SUGGESTION = "#chat-log .chat-suggestion"
UNAVAILABLE = "#chat-unavailable"
TIMEOUT = 45_000  # ms; the first answers wait for the NLU model

Page = Any


def bot_texts(page: Page) -> List[str]:
    """The assistant's messages as a screen reader gets them from the log."""
    return page.locator(f"{BOT} .chat-bubble").all_inner_texts()


def wait_for_bot_text(page: Page, phrase: str, after: int = 0) -> str:
    """Waits for an assistant message, after the first ``after`` ones, containing ``phrase``."""
    page.wait_for_function(
        """([selector, phrase, after]) => Array.from(document.querySelectorAll(selector))
              .slice(after).some(m => m.innerText.includes(phrase))""",
        arg=[f"{BOT} .chat-bubble", phrase, after], timeout=TIMEOUT,
    )
    return [t for t in bot_texts(page)[after:] if phrase in t][-1]


def ask(page: Page, question: str) -> None:
    page.fill(INPUT, question)
    page.press(INPUT, "Enter")


def open_chat(page: Page) -> None:
    """Opens the chat with the mouse and waits for the suggested questions."""
    page.click(LAUNCHER)
    page.wait_for_selector(SUGGESTION, timeout=TIMEOUT)


def focused(page: Page) -> str:
    """A short description of the focused element: id, or tag and text."""
    return page.evaluate(
        """() => { const e = document.activeElement;
                   return e.id ? '#' + e.id : e.tagName.toLowerCase() + ':' + (e.innerText || '').trim(); }"""
    )
