"""socket.io through the balancer, in Chromium: the page keeps its
conversation across a reload, whichever replica serves it."""

from __future__ import annotations

from tests.web.chat import INPUT, ask, bot_texts, open_chat, wait_for_bot_text, TIMEOUT


def test_reload_keeps_the_conversation_through_the_balancer(page, cluster):
    page.goto(cluster.page_url)
    open_chat(page)
    seen = len(bot_texts(page))
    ask(page, "how is votrient taken?")
    wait_for_bot_text(page, "once a day", after=seen)

    before = len(bot_texts(page))
    page.reload()
    page.wait_for_function("n => document.querySelectorAll('#chat-log .chat-message-bot').length >= n",
                           arg=before, timeout=TIMEOUT)
    assert page.locator(INPUT).is_visible()
    seen = len(bot_texts(page))
    ask(page, "how long is it taken?")
    wait_for_bot_text(page, "Pazopanib", after=seen)
