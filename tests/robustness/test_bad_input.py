"""Bad input to the REST webhook, as clients, bots and typos send it.

For every bad request the assistant must give either a clear polite reply
(HTTP 200 with a non-empty list of reply texts) or a clean 4xx rejection:
never a 500, never a hang (10 s), never markup echoed back. Afterwards a
normal question in the same conversation must still be answered.

Requests without a usable `sender` must not pile strangers into one shared
conversation.
"""

from __future__ import annotations

import json
from typing import Any, List

import pytest
import requests

from tests.robustness.helpers import (
    NORMAL_ANSWER,
    NORMAL_QUESTION,
    ask,
    describe,
    new_sender,
    post_json,
    post_raw,
    reply_texts,
)

BIG = ("how is votrient taken? " + "i am worried about my treatment and have many questions " * 2000)[:100_000]
BIG_ONE_WORD = "a" * 100_000

MARKUP = ("<script", "<img", "onerror", "<iframe", "<svg", "<b>", "javascript:")


def _json(sender: str, message: Any) -> bytes:
    return json.dumps({"sender": sender, "message": message}).encode("utf-8")


# (id, body builder taking the sender) -- bodies a real client might send.
CASES = [
    ("empty-message", lambda s: _json(s, "")),
    ("whitespace-only", lambda s: _json(s, "   \n\t  \u00a0 ")),
    ("100kb-message", lambda s: _json(s, BIG)),
    ("100kb-single-word", lambda s: _json(s, BIG_ONE_WORD)),
    ("emoji-only", lambda s: _json(s, "😭💊🙏🏽")),
    ("mixed-scripts", lambda s: _json(s, "как принимать votrient 怎么服用 كيف آخذ الدواء")),
    ("invalid-utf8", lambda s: b'{"sender": "' + s.encode() + b'", "message": "how is \xff\xfe votrient \xc3\x28 taken"}'),
    ("control-characters", lambda s: _json(s, "how is \x00votrient\x07 taken\x1b[31m\r\n\x7f")),
    ("script-tag", lambda s: _json(s, "<script>alert(1)</script>")),
    ("img-onerror-with-question", lambda s: _json(s, '<img src=x onerror="alert(1)"> how is votrient taken')),
    ("markup-in-drug-payload", lambda s: _json(s, '/ask_drug_overview{"drug": "<script>alert(1)</script>"}')),
    ("malformed-json", lambda s: b'{"sender": "' + s.encode() + b'", "message": "how is votrient'),
    ("json-list", lambda s: _json(s, "x").join([b"[", b"]"])),
    ("json-string", lambda s: b'"how is votrient taken"'),
    ("json-number", lambda s: b"42"),
    ("not-json-form-encoded", lambda s: f"sender={s}&message=hello".encode()),
    ("message-number", lambda s: _json(s, 42)),
    ("message-object", lambda s: _json(s, {"text": "how is votrient taken"})),
    ("message-list", lambda s: _json(s, ["how is votrient taken"])),
    ("message-null", lambda s: _json(s, None)),
    ("message-bool", lambda s: _json(s, True)),
    ("message-missing", lambda s: json.dumps({"sender": s}).encode()),
    ("sender-object", lambda s: json.dumps({"sender": {"id": s}, "message": "hi"}).encode()),
]


def _problems_with(response, case: str) -> List[str]:
    """A polite reply or a clean 4xx; anything else is a problem."""
    if response.status_code >= 500:
        return [f"server error, {describe(response)}"]
    if 400 <= response.status_code < 500:
        return []
    if response.status_code != 200:
        return [f"unexpected status, {describe(response)}"]
    texts = reply_texts(response)
    if not texts or not all(t.strip() for t in texts):
        return [f"200 without a reply text (the user sees nothing), {describe(response)}"]
    joined = "\n".join(texts).lower()
    return [f"markup {m!r} echoed back: {texts[0][:200]!r}" for m in MARKUP if m in joined]


def _check_clean(response, case: str) -> List[str]:
    problems = _problems_with(response, case)
    assert not problems, f"{case}: " + "; ".join(problems)
    return reply_texts(response) if response.status_code == 200 else []


@pytest.mark.parametrize("case,body", CASES, ids=[c for c, _ in CASES])
def test_bad_input_then_normal_question(robust_assistant, case, body):
    """The bad request gets a polite reply or a clean 4xx within 10 s, and a
    normal question in the same conversation is answered afterwards."""
    sender = new_sender(f"bad-{case}")
    # An ongoing conversation, so a welcome message cannot stand in for the reply.
    assert ask(robust_assistant, sender, "hi", timeout=30)["status"] == 200
    problems: List[str] = []
    try:
        problems += _problems_with(post_raw(robust_assistant, body(sender)), case)
    except requests.Timeout:
        problems.append("no answer within 10 s (hang)")
    try:
        after = ask(robust_assistant, sender, NORMAL_QUESTION, timeout=30)
        if after["status"] != 200 or NORMAL_ANSWER not in after["text"]:
            problems.append(f"afterwards {NORMAL_QUESTION!r} -> {describe(after['response'])}")
        elif after["response"].elapsed.total_seconds() > 10:
            problems.append(f"afterwards {NORMAL_QUESTION!r} took {after['response'].elapsed.total_seconds():.1f} s")
    except requests.Timeout:
        problems.append(f"afterwards {NORMAL_QUESTION!r} got no answer within 30 s")
    assert not problems, f"{case}: " + "; ".join(problems)


# --- conversations without a usable sender -----------------------------------

NO_SENDER_BODIES = [
    ("missing-sender", lambda message: {"message": message}),
    ("empty-sender", lambda message: {"sender": "", "message": message}),
    ("null-sender", lambda message: {"sender": None, "message": message}),
    ("whitespace-sender", lambda message: {"sender": "   ", "message": message}),
]


@pytest.mark.parametrize("case,payload", NO_SENDER_BODIES, ids=[c for c, _ in NO_SENDER_BODIES])
def test_requests_without_sender_do_not_share_a_conversation(robust_assistant, case, payload):
    """Two strangers who send no sender id must not see each other's context."""
    first = post_json(robust_assistant, payload("tell me about votrient"))
    _check_clean(first, f"{case} (first stranger)")
    second = post_json(robust_assistant, payload("how is it taken"))
    texts = _check_clean(second, f"{case} (second stranger)")
    joined = "\n".join(texts)
    assert "Votrient" not in joined and "once a day" not in joined, (
        f"{case}: a second stranger asking 'how is it taken' got the first stranger's drug: {joined[:300]!r}"
    )


@pytest.mark.parametrize("case,payload", NO_SENDER_BODIES, ids=[c for c, _ in NO_SENDER_BODIES])
def test_requests_without_sender_are_not_stored_under_one_id(robust_assistant, case, payload):
    """The reply must not be addressed to a shared catch-all id such as 'default'."""
    response = post_json(robust_assistant, payload("hello"))
    _check_clean(response, case)
    if response.status_code == 200:
        recipients = {m.get("recipient_id") for m in response.json() if isinstance(m, dict)}
        assert not recipients & {"default", "", None, "   "}, f"{case}: replies went to {recipients}"
