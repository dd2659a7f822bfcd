"""The landing page and its chat in a real browser (Debian's Chromium driven
by Playwright), talking to Rasa's socket.io channel (channels/socketio.py)."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from html import unescape
from pathlib import Path

import pytest
import requests
import websockets

from assistant.facts import DISCLAIMER, SAFETY, SOURCE
from tests.web.chat import BOT, INPUT, LAUNCHER, SUGGESTION, TIMEOUT, ask, bot_texts, open_chat, wait_for_bot_text

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "results" / "web"
FOREIGN = "http://127.0.0.1:1"


def test_page_serves_disclaimer_and_the_vendored_client(stack):
    response = requests.get(stack.page_url, timeout=10)
    html = unescape(response.text)
    for line in DISCLAIMER.full:
        assert line in html
    for contact in (SOURCE.helpline, SAFETY.emergency, SAFETY.crisis_line):
        assert contact in html  # the chat-unavailable message
    assert "cdn" not in html.lower()
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and stack.rasa_url in csp and "unsafe-inline" not in csp
    client = requests.get(f"{stack.page_url}/vendor/socket.io.min.js", timeout=10)
    assert client.status_code == 200 and "Socket.IO v4.8.4" in client.text[:300]


def _polling(stack, origin: str) -> requests.Response:
    return requests.get(f"{stack.rasa_url}/socket.io/?EIO=4&transport=polling",
                        headers={"Origin": origin}, timeout=10)


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1"])
def test_socketio_long_polling_accepts_both_local_origins_of_the_page(stack, host):
    origin = stack.page_url.replace("127.0.0.1", host)
    response = _polling(stack, origin)
    assert response.status_code == 200
    assert response.headers.get("Access-Control-Allow-Origin") == origin


def test_socketio_long_polling_refuses_other_origins(stack):
    response = _polling(stack, FOREIGN)
    assert response.status_code == 400
    assert response.headers.get("Access-Control-Allow-Origin") in (None, "")


def _websocket_handshake(stack, origin: str) -> str:
    url = stack.rasa_url.replace("http://", "ws://") + "/socket.io/?EIO=4&transport=websocket"

    async def handshake() -> str:
        async with websockets.connect(url, origin=origin, open_timeout=10) as ws:
            return await asyncio.wait_for(ws.recv(), 10)

    # Playwright's sync API already runs an event loop on this thread.
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, handshake()).result()


def test_raw_websocket_clients_are_checked_against_the_same_origins(stack):
    # engine.io's "open" packet ("0{...sid...}") for the page's origin...
    assert _websocket_handshake(stack, stack.page_url.replace("127.0.0.1", "localhost")).startswith("0{")
    # ...and a refused handshake for any other site.
    with pytest.raises(websockets.exceptions.InvalidStatusCode) as refused:
        _websocket_handshake(stack, FOREIGN)
    assert refused.value.status_code == 400


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1"])
def test_the_page_works_at_both_local_addresses(page, stack, host):
    page.goto(stack.page_url.replace("127.0.0.1", host))
    open_chat(page)
    seen = len(bot_texts(page))
    ask(page, "how is gleevec taken?")
    assert "Imatinib (Gleevec)" in wait_for_bot_text(page, "pill", after=seen)


def test_chat_in_the_browser_keeps_the_conversation_across_a_reload(page, stack):
    page.goto(stack.page_url)
    assert "Targeted therapy for soft tissue sarcoma" in page.title()
    assert DISCLAIMER.full[0] in page.inner_text("#disclaimer")

    # Open the chat: the welcome, the full disclaimer and suggested questions.
    open_chat(page)
    wait_for_bot_text(page, DISCLAIMER.full[0])
    assert "What is targeted therapy?" in page.locator(SUGGESTION).all_inner_texts()

    # A suggested-question button.
    seen = len(bot_texts(page))
    page.locator(SUGGESTION, has_text="Which drugs are used?").first.click()
    drugs = wait_for_bot_text(page, "Imatinib (Gleevec)", after=seen)
    assert "Pazopanib (Votrient)" in drugs
    # Bullets are a real list.
    assert page.locator(f"{BOT} ul li").count() >= 2

    # A drug question: the right answer, with the disclaimer.
    seen = len(bot_texts(page))
    ask(page, "how is votrient taken?")
    answer = wait_for_bot_text(page, "once a day", after=seen)
    assert DISCLAIMER.short.split(":")[0] in answer
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "chat.png"))

    # Reload: the earlier messages are still shown, the chat is still open...
    before = bot_texts(page)
    page.reload()
    page.wait_for_function("n => document.querySelectorAll('#chat-log .chat-message-bot').length >= n",
                           arg=len(before), timeout=TIMEOUT)
    assert page.locator(INPUT).is_visible()
    assert page.get_attribute(LAUNCHER, "aria-expanded") == "true"
    assert "once a day" in "\n".join(bot_texts(page))
    # ...and Rasa still knows the drug: same conversation, same sender.
    seen = len(bot_texts(page))
    ask(page, "how long is it taken?")
    wait_for_bot_text(page, "Pazopanib", after=seen)  # without context: "which drug?"
    assert DISCLAIMER.full[0] not in "\n".join(bot_texts(page)[seen:])  # not welcomed again
    page.screenshot(path=str(SHOTS / "after-reload.png"))
