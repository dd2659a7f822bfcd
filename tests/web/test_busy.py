"""When the assistant is too busy to take a message, the page says so
quietly and sends the message again by itself; the answer then comes as
usual, once. Against the real socket.io channel (tests/web/busy_server.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.servers import ROOT, free_port, stop, wait_until_up
from tests.web.axe import axe_violations, summary
from tests.web.busy_server import ANSWER
from tests.web.chat import BOT, LOG, ask, bot_texts, wait_for_bot_text

BUSY_NOTE = "#chat-busy"
SHOTS = Path(__file__).resolve().parents[2] / "results" / "web"


@pytest.fixture
def busy_page_url():
    socket_port, web_port = free_port(), free_port()
    env = {**os.environ, "WEB_PORT": str(web_port), "WEB_QUIET": "1"}
    server = subprocess.Popen([sys.executable, "-m", "tests.web.busy_server", str(socket_port)], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    page_server = subprocess.Popen([sys.executable, "scripts/serve_web.py", "--port", str(web_port),
                                    "--socket-url", f"http://127.0.0.1:{socket_port}"], cwd=ROOT, env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_up(f"http://127.0.0.1:{socket_port}/socket.io/?EIO=4&transport=polling", server, timeout=60)
        wait_until_up(f"http://127.0.0.1:{web_port}/", page_server, timeout=60)
        yield f"http://127.0.0.1:{web_port}/"
    finally:
        stop(page_server)
        stop(server)


def test_a_busy_answer_is_shown_kindly_and_the_message_sent_again(page, busy_page_url):
    page.goto(busy_page_url)
    page.click("#chat-launcher")
    page.wait_for_selector(f"{BOT} .chat-bubble", timeout=30_000)  # the welcome
    seen = len(bot_texts(page))

    ask(page, "how is votrient taken?")
    page.wait_for_selector(BUSY_NOTE, state="visible", timeout=10_000)
    note = page.inner_text(BUSY_NOTE)
    assert "sent again" in note
    # Announced: it is inside a polite status region that was there all along.
    assert page.locator(f"[role=status] {BUSY_NOTE}").count() == 1
    assert not summary(axe_violations(page)), summary(axe_violations(page))
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "busy.png"))

    # Sent again by itself after Retry-After (1 s here): answered on the second try.
    answer = wait_for_bot_text(page, ANSWER, after=seen)
    assert answer.endswith("(try 2)")
    page.wait_for_selector(BUSY_NOTE, state="hidden", timeout=5_000)
    # The conversation shows the question once and the answer once; the
    # busy message itself never enters it.
    assert page.locator(f"{LOG} .chat-message-user").count() == 1
    assert [t for t in bot_texts(page) if ANSWER in t] == [answer]
    assert not [t for t in bot_texts(page) if "busy" in t.lower()]
