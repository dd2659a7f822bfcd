"""The landing page and its chat widget in a real browser (Debian's Chromium
driven by Playwright), talking to Rasa's socketio channel."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import requests

from actions.facts import DISCLAIMER

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "results" / "web"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
BOT = ".rw-conversation-container .rw-response"
TIMEOUT = 45_000  # ms; the first answers wait for the NLU model


@pytest.fixture(scope="module")
def browser():
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium (.ci/run does this)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, stack):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    outside = []
    # Everything the page loads must come from the project: no CDN.
    page.on("request", lambda r: None if r.url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:")) else outside.append(r.url))
    yield page
    context.close()
    assert not outside, f"the page loaded from outside loopback: {outside}"


def bot_texts(page):
    return page.locator(BOT).all_inner_texts()


def wait_for_bot_text(page, phrase: str, after: int = 0):
    """Waits for a bot message, after the first ``after`` ones, containing ``phrase``."""
    page.wait_for_function(
        """([selector, phrase, after]) => Array.from(document.querySelectorAll(selector))
              .slice(after).some(m => m.innerText.includes(phrase))""",
        arg=[BOT, phrase, after], timeout=TIMEOUT,
    )
    return [t for t in bot_texts(page)[after:] if phrase in t][-1]


def ask(page, question: str) -> None:
    box = page.locator(".rw-new-message")
    box.fill(question)
    box.press("Enter")


def test_page_serves_disclaimer_from_the_facts_module(stack):
    html = requests.get(stack.page_url, timeout=10).text
    for line in DISCLAIMER.full:
        assert line in html
    assert "cdn" not in html.lower()
    csp = requests.get(stack.page_url, timeout=10).headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and stack.rasa_url in csp
    widget = requests.get(f"{stack.page_url}/vendor/rasa-webchat.js", timeout=10)
    assert widget.status_code == 200 and "WebChat" in widget.text[:1000]
    assert "fonts.googleapis.com" not in widget.text


def test_socketio_cors_is_limited_to_the_page_origin(stack):
    polling = f"{stack.rasa_url}/socket.io/?EIO=4&transport=polling"
    allowed = requests.get(polling, headers={"Origin": stack.page_url}, timeout=10)
    assert allowed.headers.get("Access-Control-Allow-Origin") == stack.page_url
    other = requests.get(polling, headers={"Origin": "http://127.0.0.1:1"}, timeout=10)
    assert other.headers.get("Access-Control-Allow-Origin") in (None, "")


def test_chat_in_the_browser(page, stack):
    page.goto(stack.page_url)
    assert "Targeted therapy for soft tissue sarcoma" in page.title()
    assert DISCLAIMER.full[0] in page.inner_text("#disclaimer")

    # Open the widget: the welcome, the full disclaimer and suggested questions.
    page.click(".rw-launcher")
    welcome = wait_for_bot_text(page, "information assistant about targeted therapy")
    assert "Medical disclaimer" in welcome
    page.wait_for_selector(".rw-reply", timeout=TIMEOUT)
    assert "What is targeted therapy?" in page.locator(".rw-reply").all_inner_texts()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "welcome.png"))

    # A suggested-question button.
    seen = len(bot_texts(page))
    page.locator(".rw-reply", has_text="Which drugs are used?").first.click()
    drugs = wait_for_bot_text(page, "Imatinib (Gleevec)", after=seen)
    assert "Pazopanib (Votrient)" in drugs

    # A drug question: the right answer, with the disclaimer.
    seen = len(bot_texts(page))
    ask(page, "how is votrient taken?")
    answer = wait_for_bot_text(page, "once a day", after=seen)
    assert "Please note: this is general information" in answer

    # Multi-line answers keep their line breaks (white-space: pre-line).
    style = page.locator(BOT).last.locator(".rw-message-text, .rw-markdown").first.evaluate(
        "e => getComputedStyle(e).whiteSpace")
    assert style == "pre-line"
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "chat.png"))


    # Ask about votrient again so the drug is in context, then reload.
    seen = len(bot_texts(page))
    ask(page, "what are the side effects of votrient?")
    wait_for_bot_text(page, "high blood pressure", after=seen)
    before = bot_texts(page)
    page.reload()
    page.wait_for_selector(BOT, timeout=TIMEOUT)
    if not page.locator(".rw-new-message").is_visible():
        page.click(".rw-launcher")
    # Earlier messages are still shown...
    page.wait_for_function(
        "([s, n]) => document.querySelectorAll(s).length >= n", arg=[BOT, len(before)], timeout=TIMEOUT)
    assert "once a day" in "\n".join(bot_texts(page))
    # ...and Rasa still knows the drug: same conversation, same sender.
    seen = len(bot_texts(page))
    ask(page, "how long is it taken?")
    follow_up = wait_for_bot_text(page, "Pazopanib", after=seen)
    assert "doesn't say how long Pazopanib (Votrient)" in follow_up
    assert "Medical disclaimer" not in "\n".join(bot_texts(page)[seen:])  # not welcomed again
    page.screenshot(path=str(SHOTS / "after-reload.png"))
