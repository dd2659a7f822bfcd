"""When the assistant can't be reached, the page says so in words, with the
helpline and the emergency numbers; when it is back, the chat reconnects by
itself and the conversation goes on."""

from __future__ import annotations

from pathlib import Path

from assistant.facts import SAFETY, SOURCE
from tests.web.chat import TIMEOUT, UNAVAILABLE, ask, bot_texts, open_chat, wait_for_bot_text

SHOTS = Path(__file__).resolve().parents[2] / "results" / "web"


def test_chat_unavailable_then_reconnects(page, stack):
    page.goto(stack.page_url)
    open_chat(page)
    seen = len(bot_texts(page))
    ask(page, "tell me about votrient")
    wait_for_bot_text(page, "Pazopanib (Votrient)", after=seen)
    assert page.locator(UNAVAILABLE).is_hidden()

    stack.stop_rasa()
    try:
        page.wait_for_selector(UNAVAILABLE, state="visible", timeout=TIMEOUT)
        notice = page.inner_text(UNAVAILABLE)
        assert "not available" in notice
        assert SOURCE.helpline in notice and f"call {SAFETY.emergency}" in notice
        # In the polite status region, so a screen reader hears it.
        assert page.locator(f"[role=status] {UNAVAILABLE}").count() == 1
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "unavailable.png"))
        # A reload while the server is down still shows the message.
        page.reload()
        page.wait_for_selector(UNAVAILABLE, state="visible", timeout=TIMEOUT)
    finally:
        stack.start_rasa()

    # Back: the message goes away by itself, and the same conversation goes on.
    page.wait_for_selector(UNAVAILABLE, state="hidden", timeout=TIMEOUT)
    seen = len(bot_texts(page))
    ask(page, "how long is it taken?")
    wait_for_bot_text(page, "Pazopanib", after=seen)
