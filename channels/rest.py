"""The REST channel with input checks (credentials.yml: `channels.rest.RestInput`).

Rasa's own REST channel puts every request without a `sender` into one shared
conversation called "default", answers a non-string message with a server
error and passes any size of text to the model. This one keeps the same URL
(/webhooks/rest/webhook) and replies, and refuses bad requests with a clear
4xx before they reach the assistant:

- the body must be a JSON object in UTF-8 (400);
- `sender` must be a non-empty string: strangers never share a conversation (400);
- `message` must be a string with some text once control characters are
  removed (400), and at most MAX_MESSAGE_CHARS long (413).

When a turn fails (the conversation database or the lock store can't be
reached, a lock can't be had in time), Rasa's channel logs it and still
answers `200 []`, which a client can't tell from "no reply". This one answers
503 with a plain message and `Retry-After`, so the client knows to try again.
A replica that is running as many turns as it may (runtime/admission.py)
answers 503 with the BUSY message: nothing was done, so sending the message
again is safe. The cluster's balancer answers with the same JSON
(`balancer_error_page`).
"""

from __future__ import annotations

import json
import re
from asyncio import CancelledError
from contextvars import ContextVar
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any, Awaitable, Callable, Dict, Optional, Text, Tuple, Union

from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from assistant.facts import SAFETY, SOURCE
from rasa.core.channels import rest as rasa_rest
from rasa.core.channels.channel import UserMessage
from runtime.admission import Busy, retry_after

MAX_MESSAGE_CHARS = 2000
MAX_SENDER_CHARS = 128
# Control characters other than tab and newline (and DEL) are dropped.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(frozen=True)
class Rejection:
    status: int
    error: str


def clean_text(text: str) -> str:
    return _CONTROL.sub("", text).strip()


def check_request(body: bytes) -> Union[Dict[str, Any], Rejection]:
    """The parsed payload, or why it is refused."""
    try:
        payload = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return Rejection(400, "The body must be JSON in UTF-8, like {\"sender\": \"...\", \"message\": \"...\"}.")
    if not isinstance(payload, dict):
        return Rejection(400, "The body must be a JSON object with \"sender\" and \"message\".")
    sender = payload.get("sender")
    if not isinstance(sender, str) or not clean_text(sender) or len(sender) > MAX_SENDER_CHARS:
        return Rejection(400, "\"sender\" is required: a unique id (text) for each user's conversation.")
    message = payload.get("message")
    if not isinstance(message, str):
        return Rejection(400, "\"message\" is required and must be text.")
    text = clean_text(message)
    if not text:
        return Rejection(400, "The message is empty. Please type a question.")
    if len(text) > MAX_MESSAGE_CHARS:
        return Rejection(413, f"The message is too long. Please keep it under {MAX_MESSAGE_CHARS} characters.")
    return {**payload, "sender": clean_text(sender), "message": text}


_SOMEONE_TO_TALK_TO = (
    f"To talk to someone, call the {SOURCE.publisher} at {SOURCE.helpline}. "
    f"In an emergency, call {SAFETY.emergency}."
)
TURN_FAILED = f"Sorry, the assistant could not answer just now. Please try again in a moment. {_SOMEONE_TO_TALK_TO}"
BUSY = f"Sorry, the assistant is busy right now. Please try again in a few seconds. {_SOMEONE_TO_TALK_TO}"
# Set, in the request's own task, when handling the message raised:
# (message, Retry-After seconds).
_turn_failed: ContextVar[Optional[Tuple[str, int]]] = ContextVar("turn_failed", default=None)


def failure_reply(error: BaseException) -> Tuple[str, int]:
    """What the client is told when a turn raised, and when to try again."""
    if isinstance(error, Busy):
        return BUSY, int(error.retry_after)
    return TURN_FAILED, 1


def balancer_error_page(code: int) -> str:
    """HAProxy's error file for `code`: 503 means busy (nothing done), 502 and
    504 a turn that failed on its way; the same JSON a replica sends."""
    message, wait = (BUSY, retry_after()) if code == 503 else (TURN_FAILED, 1)
    return (f"HTTP/1.1 {code} {HTTPStatus(code).phrase}\r\nContent-Type: application/json\r\n"
            f"Cache-Control: no-cache\r\nRetry-After: {wait}\r\nConnection: close\r\n\r\n"
            + json.dumps({"error": message}))


def _noting_failures(on_new_message: Callable[[UserMessage], Awaitable[None]]) -> Callable[[UserMessage], Awaitable[None]]:
    async def handle(message: UserMessage) -> None:
        try:
            await on_new_message(message)
        except (Exception, CancelledError) as error:
            _turn_failed.set(failure_reply(error))
            raise

    return handle


class RestInput(rasa_rest.RestInput):
    @classmethod
    def name(cls) -> Text:
        return "rest"

    async def _extract_sender(self, req: Request) -> Optional[Text]:
        return req.ctx.payload["sender"]

    def _extract_message(self, req: Request) -> Optional[Text]:
        return req.ctx.payload["message"]

    def _extract_input_channel(self, req: Request) -> Text:
        return self.name()

    def get_metadata(self, request: Request) -> Optional[Dict[Text, Any]]:
        metadata = request.ctx.payload.get("metadata")
        return metadata if isinstance(metadata, dict) else None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[None]]) -> Blueprint:
        blueprint = super().blueprint(_noting_failures(on_new_message))

        @blueprint.middleware("request")
        async def refuse_bad_requests(request: Request) -> Optional[HTTPResponse]:
            _turn_failed.set(None)
            if request.method != "POST":
                return None
            checked = check_request(request.body or b"")
            if isinstance(checked, Rejection):
                return response.json({"error": checked.error}, status=checked.status)
            request.ctx.payload = checked
            return None

        @blueprint.middleware("response")
        async def report_failed_turns(request: Request, reply: HTTPResponse) -> Optional[HTTPResponse]:
            failed = _turn_failed.get()
            if request.method == "POST" and failed:
                message, wait = failed
                return response.json({"error": message}, status=503, headers={"Retry-After": str(wait)})
            return None

        return blueprint
