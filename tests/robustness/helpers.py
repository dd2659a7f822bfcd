"""Helpers for the robustness suites: raw HTTP posts to the REST webhook."""

from __future__ import annotations

import json
import uuid
from typing import Any, Dict, List, Optional, Union

import requests

from tests.support.servers import Assistant

# No request may take longer than this: a hang is a failure.
REQUEST_TIMEOUT = 10.0
NORMAL_QUESTION = "how is votrient taken?"
NORMAL_ANSWER = "once a day"


def new_sender(prefix: str = "robust") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


def post_raw(
    assistant: Assistant,
    body: Union[bytes, str],
    content_type: Optional[str] = "application/json",
    timeout: float = REQUEST_TIMEOUT,
) -> requests.Response:
    headers = {"Content-Type": content_type} if content_type else {}
    data = body.encode("utf-8") if isinstance(body, str) else body
    return requests.post(assistant.webhook, data=data, headers=headers, timeout=timeout)


def post_json(assistant: Assistant, payload: Any, timeout: float = REQUEST_TIMEOUT) -> requests.Response:
    return post_raw(assistant, json.dumps(payload), timeout=timeout)


def reply_texts(response: requests.Response) -> List[str]:
    try:
        body = response.json()
    except ValueError:
        return []
    if not isinstance(body, list):
        return []
    return [m.get("text") or "" for m in body if isinstance(m, dict)]


def describe(response: requests.Response) -> str:
    return f"HTTP {response.status_code}: {response.text[:400]!r}"


def ask(assistant: Assistant, sender: str, message: str, timeout: float = REQUEST_TIMEOUT) -> Dict:
    """Send a normal message; the status and the joined reply text."""
    response = post_json(assistant, {"sender": sender, "message": message}, timeout=timeout)
    return {"status": response.status_code, "text": "\n".join(reply_texts(response)), "response": response}
