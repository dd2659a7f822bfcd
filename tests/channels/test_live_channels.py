"""Messaging channels end to end: the real Rasa server and action server,
with fake platforms (HTTP servers on loopback) on the other side.

The test credentials (tests/web/stack.py) point every connector at its fake.
"""

from __future__ import annotations

import itertools
import json
import uuid

import requests

from assistant.facts import DISCLAIMER
from tests.web.fakes import TELEGRAM_TOKEN, telegram_button_click, telegram_update
from tests.web.stack import MATTERMOST_OUTGOING_TOKEN, TELEGRAM_SECRET

_ids = itertools.count(1000)


# --- callback -----------------------------------------------------------------

def test_callback_channel_posts_the_answer_to_the_callback_url(stack):
    sender = f"cb-{uuid.uuid4().hex[:8]}"
    response = requests.post(
        f"{stack.rasa_url}/webhooks/callback/webhook",
        json={"sender": sender, "message": "how is votrient taken?"}, timeout=30,
    )
    assert response.status_code == 204 or response.ok
    received = stack.callback.wait_for(
        lambda got: any("once a day" in r.body.get("text", "") for r in got if r.body.get("recipient_id") == sender)
    )
    answers = [r.body for r in received if r.body.get("recipient_id") == sender]
    answer = [a for a in answers if "once a day" in a.get("text", "")][-1]
    assert answer["text"].endswith(DISCLAIMER.short)
    assert all(r.path == "/bot" for r in received)


# --- Telegram -----------------------------------------------------------------

def post_update(stack, update, secret=TELEGRAM_SECRET):
    headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret else {}
    return requests.post(f"{stack.rasa_url}/webhooks/telegram/webhook", json=update, headers=headers, timeout=60)


def sent_to(stack, chat_id):
    return [r.body for r in stack.telegram.requests_to("/sendMessage") if str(r.body.get("chat_id")) == str(chat_id)]


def test_telegram_webhook_was_registered_at_start_up(stack):
    calls = stack.telegram.requests_to("/setWebhook")
    assert calls, "setWebhook was not called on the fake Bot API"
    assert calls[0].path == f"/bot{TELEGRAM_TOKEN}/setWebhook"
    assert calls[0].body["url"] == f"{stack.rasa_url}/webhooks/telegram/webhook"
    assert calls[0].body["secret_token"] == TELEGRAM_SECRET


def test_telegram_update_gets_answer_and_inline_keyboard(stack):
    chat_id = next(_ids)
    # First message of a new chat: the welcome with suggested questions.
    assert post_update(stack, telegram_update(next(_ids), chat_id, "hi")).text == "success"
    stack.telegram.wait_for(lambda _: any("reply_markup" in m for m in sent_to(stack, chat_id)))
    welcome = [m for m in sent_to(stack, chat_id) if "reply_markup" in m][0]
    assert "Medical disclaimer" in welcome["text"]
    keyboard = json.loads(welcome["reply_markup"])["inline_keyboard"]
    assert [row[0]["text"] for row in keyboard][:2] == ["What is targeted therapy?", "Which drugs are used?"]
    assert all(len(row) == 1 for row in keyboard)  # one question per row
    assert keyboard[1][0]["callback_data"] == "/ask_drug_list"

    # A drug question.
    post_update(stack, telegram_update(next(_ids), chat_id, "how is votrient taken?"))
    stack.telegram.wait_for(lambda _: any("once a day" in m["text"] for m in sent_to(stack, chat_id)))
    answer = [m for m in sent_to(stack, chat_id) if "once a day" in m["text"]][-1]
    assert answer["text"].endswith(DISCLAIMER.short)

    # Clicking an inline button sends its payload back as a callback query.
    post_update(stack, telegram_button_click(next(_ids), chat_id, "/ask_drug_list"))
    stack.telegram.wait_for(lambda _: any("Imatinib (Gleevec)" in m["text"] for m in sent_to(stack, chat_id)))
    assert stack.telegram.requests_to("/answerCallbackQuery")


def test_telegram_rejects_updates_without_the_secret(stack):
    chat_id = next(_ids)
    assert post_update(stack, telegram_update(next(_ids), chat_id, "hi"), secret="wrong").status_code == 403
    assert post_update(stack, telegram_update(next(_ids), chat_id, "hi"), secret=None).status_code == 403
    assert sent_to(stack, chat_id) == []


# --- Mattermost ---------------------------------------------------------------

def outgoing_webhook(text, channel_id, user_id="user-1", token=MATTERMOST_OUTGOING_TOKEN):
    # What a Mattermost outgoing webhook (trigger word "@sarcoma") sends.
    return {"token": token, "team_id": "team-1", "team_domain": "clinic", "channel_id": channel_id,
            "channel_name": "town-square", "timestamp": 1700000000000, "user_id": user_id,
            "user_name": "pat", "post_id": uuid.uuid4().hex, "text": f"@sarcoma {text}",
            "trigger_word": "@sarcoma", "file_ids": ""}


def posts_in(stack, channel_id):
    return [r for r in stack.mattermost.requests_to("/api/v4/posts") if r.body.get("channel_id") == channel_id]


def test_mattermost_message_in_reply_out(stack):
    channel = f"ch-{uuid.uuid4().hex[:8]}"
    hook = f"{stack.rasa_url}/webhooks/mattermost/webhook"
    assert requests.post(hook, json=outgoing_webhook("hello", channel), timeout=60).ok
    stack.mattermost.wait_for(lambda _: any("1. What is targeted therapy?" in p.body["message"] for p in posts_in(stack, channel)))
    welcome = posts_in(stack, channel)[0]
    assert welcome.headers["Authorization"] == "Bearer mm-bot-token"
    # No interactive-message URL configured: the buttons are a numbered list...
    assert "2. Which drugs are used?" in welcome.body["message"]
    # ...and replying with a number is the same as clicking.
    requests.post(hook, json=outgoing_webhook("2", channel), timeout=60)
    stack.mattermost.wait_for(lambda _: any("Imatinib (Gleevec)" in p.body["message"] for p in posts_in(stack, channel)))

    requests.post(hook, json=outgoing_webhook("how is votrient taken?", channel), timeout=60)
    stack.mattermost.wait_for(lambda _: any("once a day" in p.body["message"] for p in posts_in(stack, channel)))
    answer = [p.body["message"] for p in posts_in(stack, channel) if "once a day" in p.body["message"]][-1]
    assert answer.endswith(DISCLAIMER.short)


def test_mattermost_rejects_a_wrong_outgoing_token(stack):
    channel = f"ch-{uuid.uuid4().hex[:8]}"
    reply = requests.post(f"{stack.rasa_url}/webhooks/mattermost/webhook",
                          json=outgoing_webhook("hello", channel, token="forged"), timeout=30)
    assert reply.status_code == 403
    assert posts_in(stack, channel) == []


# --- the questions for the care team, on a messaging channel (issue 22) ------

def test_telegram_gets_the_care_list_as_one_message(stack):
    chat_id = next(_ids)
    for question, words in (("can i drink coffee with votrient?", "food"), ("is it safe to drive on gleevec?", "driving")):
        post_update(stack, telegram_update(next(_ids), chat_id, question))
        stack.telegram.wait_for(lambda _, w=words: any(w in m["text"] for m in sent_to(stack, chat_id)))
    before = len(sent_to(stack, chat_id))
    post_update(stack, telegram_update(next(_ids), chat_id, "what did i ask that you couldnt answer"))
    stack.telegram.wait_for(lambda _: len(sent_to(stack, chat_id)) > before)
    new = sent_to(stack, chat_id)[before:]
    assert len(new) == 1
    lines = new[0]["text"].splitlines()
    assert [line[:3] for line in lines if line[:1].isdigit()] == ["1. ", "2. "]
    assert "coffee" in lines[1] and "pazopanib (Votrient)" in lines[1]
    assert "drive" in lines[2] and "imatinib (Gleevec)" in lines[2]
    assert "1-888-939-3333" in new[0]["text"]
