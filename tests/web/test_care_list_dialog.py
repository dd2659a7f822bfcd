"""The "My questions for the care team" button (issue 22), in Chromium
against the real assistant: keyboard, screen-reader semantics, axe-core
with the list open, copying, and printing (print media and a PDF from
Chromium's print-to-PDF, saved in results/web to be looked at)."""

from __future__ import annotations

import re
from pathlib import Path

from tests.web.axe import axe_violations, summary
from tests.web.chat import INPUT, TIMEOUT, ask, bot_texts, focused, open_chat, wait_for_bot_text
from tests.web.test_keyboard import _outline_visible, _tab_to

SHOTS = Path(__file__).resolve().parents[2] / "results" / "web"
BUTTON = "#chat-care-list"
DIALOG = "#care-list"
ITEMS = "#care-list-body ol li"


def _two_referred_questions(page) -> None:
    open_chat(page)
    for question, drug in (("can i drink coffee with votrient?", "Votrient"),
                           ("is it safe to drive while taking gleevec?", "Gleevec")):
        seen = len(bot_texts(page))
        ask(page, question)
        wait_for_bot_text(page, drug, after=seen)


def _open_the_list_with_the_keyboard(page) -> None:
    page.focus(INPUT)
    _tab_to(page, BUTTON, key="Shift+Tab")
    assert _outline_visible(page)
    page.keyboard.press("Enter")
    page.wait_for_selector(ITEMS, timeout=TIMEOUT)


def test_the_list_opens_reads_and_closes_with_the_keyboard(page, stack):
    page.goto(stack.page_url)
    _two_referred_questions(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "care-list-chat.png"))
    _open_the_list_with_the_keyboard(page)
    page.screenshot(path=str(SHOTS / "care-list-dialog.png"))

    dialog = page.locator(DIALOG)
    assert dialog.evaluate("d => d.open && d.matches(':modal')")
    # A numbered list a screen reader counts, each question naming its drug.
    items = page.locator(ITEMS).all_inner_texts()
    assert len(items) == 2
    assert "coffee" in items[0] and "pazopanib (Votrient)" in items[0]
    assert "drive" in items[1] and "imatinib (Gleevec)" in items[1]
    assert page.get_attribute(BUTTON, "aria-haspopup") == "dialog"
    labelled = page.evaluate("id => document.getElementById(id).innerText", dialog.get_attribute("aria-labelledby"))
    assert labelled == "My questions for the care team"

    # The page behind the open dialog is inert: Tab goes round the dialog's
    # buttons (and out to the browser itself), never to the chat behind it.
    for _ in range(8):
        page.keyboard.press("Tab")
        assert page.evaluate("""() => document.activeElement === document.body
                                  || document.activeElement.closest('#care-list') !== null"""), focused(page)
    _tab_to(page, "#care-list-print")
    assert _outline_visible(page)

    # Escape closes it and puts focus back on the button.
    page.keyboard.press("Escape")
    assert not dialog.evaluate("d => d.open")
    assert focused(page) == BUTTON

    # The Close button does the same.
    page.keyboard.press("Enter")
    page.wait_for_selector(ITEMS, timeout=TIMEOUT)
    page.click("#care-list-close")
    assert focused(page) == BUTTON


def test_a_reply_still_on_its_way_does_not_fill_the_list(page, stack):
    """The button pressed right after a question: that question's reply
    (and the offer of the list after it) arrive first, and only the list
    itself fills the dialog."""
    page.goto(stack.page_url)
    open_chat(page)
    seen = len(bot_texts(page))
    ask(page, "can i drink coffee with votrient?")
    wait_for_bot_text(page, "Votrient", after=seen)
    # Sent and pressed in one go, so the replies are surely still on their way.
    page.evaluate("""([input, button]) => {
        document.querySelector(input).value = "is it safe to drive while taking gleevec?";
        document.querySelector(input).form.requestSubmit();
        document.querySelector(button).click();
    }""", [INPUT, BUTTON])
    page.wait_for_selector(ITEMS, timeout=TIMEOUT)
    items = page.locator(ITEMS).all_inner_texts()
    assert len(items) == 2 and "drive" in items[1]


def test_no_axe_violations_with_the_list_open(new_page, stack):
    for width, height in ((1280, 900), (320, 640)):
        page = new_page(width, height)
        page.goto(stack.page_url)
        _two_referred_questions(page)
        page.click(BUTTON)
        page.wait_for_selector(ITEMS, timeout=TIMEOUT)
        found = axe_violations(page)
        assert not found, f"list open at {width}px:\n" + "\n".join(summary(found))


def test_the_list_prints_on_one_page_with_nothing_else(page, stack):
    page.goto(stack.page_url)
    _two_referred_questions(page)
    page.click(BUTTON)
    page.wait_for_selector(ITEMS, timeout=TIMEOUT)

    page.emulate_media(media="print")
    assert page.locator(DIALOG).is_visible()
    for hidden in ("main.page", "#chat-panel", "#chat-launcher", ".care-list-actions", ".care-list-edit-hint"):
        assert not page.locator(hidden).is_visible(), hidden
    assert page.locator("#care-list-body").is_visible()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "care-list-print.png"), full_page=True)

    pdf = page.pdf(path=str(SHOTS / "care-list.pdf"), format="Letter", print_background=True)
    assert pdf.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1
    page.emulate_media(media="screen")


def test_the_list_can_be_copied(page, stack):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=stack.page_url)
    page.goto(stack.page_url)
    _two_referred_questions(page)
    page.click(BUTTON)
    page.wait_for_selector(ITEMS, timeout=TIMEOUT)
    page.click("#care-list-copy")
    page.wait_for_function("() => document.getElementById('care-list-status').innerText.includes('Copied')",
                           timeout=TIMEOUT)
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert "Can I drink coffee with pazopanib (Votrient)?" in copied and "1-888-939-3333" in copied


def test_the_offer_button_in_the_chat_opens_the_list_too(page, stack):
    page.goto(stack.page_url)
    _two_referred_questions(page)
    offer = page.locator("#chat-log .chat-suggestion", has_text="My questions for the care team").last
    offer.click()
    page.wait_for_selector(ITEMS, timeout=TIMEOUT)
    assert page.locator(ITEMS).count() == 2


def test_a_full_list_of_long_questions_still_prints_on_one_page(page, stack):
    """MAX_QUESTIONS of nearly MAX_CHARS each: the tighter print layout."""
    from assistant.care_questions import MAX_CHARS, MAX_QUESTIONS

    page.goto(stack.page_url)
    open_chat(page)
    words = "ask whether the scan next month can be moved to a day when my daughter is free to come with me"
    for i in range(MAX_QUESTIONS):
        question = f"{i + 1} {words} to the clinic, and also whether the parking there is free for patients"
        assert len(question) <= MAX_CHARS
        seen = len(bot_texts(page))
        ask(page, f"add: {question}")
        wait_for_bot_text(page, "to your list", after=seen)
    page.click(BUTTON)
    page.wait_for_function(f"() => document.querySelectorAll('{ITEMS}').length === {MAX_QUESTIONS}", timeout=TIMEOUT)
    page.emulate_media(media="print")
    pdf = page.pdf(path=str(SHOTS / "care-list-full.pdf"), format="Letter", print_background=True)
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1
