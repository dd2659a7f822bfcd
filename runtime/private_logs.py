"""Keeps patients' messages out of the server logs.

Rasa's REST channel logs the full message text at ERROR level when handling a
message fails or times out. Logs are kept longer and seen by more people than
conversations, so the text is replaced by its length; the event name and the
traceback stay, which is what an operator needs.
"""

from __future__ import annotations

from typing import Any

from rasa.core.channels import rest as rasa_rest

SENSITIVE_KEYS = ("text", "response_text")


class RedactingLogger:
    def __init__(self, logger: Any) -> None:
        self._logger = logger

    def _redact(self, fields: dict) -> dict:
        return {
            key: (f"[{len(value)} characters withheld]" if key in SENSITIVE_KEYS and isinstance(value, str) else value)
            for key, value in fields.items()
        }

    def __getattr__(self, level: str) -> Any:
        method = getattr(self._logger, level)
        if not callable(method):
            return method
        return lambda event, *args, **fields: method(event, *args, **self._redact(fields))


def install() -> None:
    if not isinstance(rasa_rest.structlogger, RedactingLogger):
        rasa_rest.structlogger = RedactingLogger(rasa_rest.structlogger)
