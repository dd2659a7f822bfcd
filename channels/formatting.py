"""Platform-independent message shaping for messaging connectors.

Replies use single line breaks and "• " bullets (see assistant/reply.py), so
the natural place to split a long answer is at a line break. Buttons become a
numbered list on platforms that have none, and a reply of just that number is
turned back into the button's payload.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from typing import Any, Dict, List, Sequence

TELEGRAM_MAX_CHARS = 4096
TELEGRAM_MAX_CALLBACK_BYTES = 64
MATTERMOST_MAX_CHARS = 16383


def split_message(text: str, limit: int) -> List[str]:
    """Split ``text`` into parts of at most ``limit`` characters.

    Parts end at line breaks whenever possible; a single line longer than the
    limit is split between words, and a word longer than the limit is cut.
    Nothing is lost except the line breaks and spaces the text is split at.
    """
    if limit < 1:
        raise ValueError("limit must be positive")
    text = text.strip()
    if len(text) <= limit:
        return [text] if text else []
    parts: List[str] = []
    current = ""
    for line in text.split("\n"):
        for piece in _split_line(line, limit):
            candidate = f"{current}\n{piece}" if current else piece
            if len(candidate) <= limit:
                current = candidate
            else:
                if current.strip():
                    parts.append(current.rstrip())
                current = piece
    if current.strip():
        parts.append(current.rstrip())
    return parts


def _split_line(line: str, limit: int) -> List[str]:
    if len(line) <= limit:
        return [line]
    pieces: List[str] = []
    current = ""
    for word in re.split(r"(?<=\s)", line):  # words keep their trailing space
        while len(word) > limit:  # a "word" longer than a whole message
            if current:
                pieces.append(current.rstrip())
                current = ""
            pieces.append(word[:limit])
            word = word[limit:]
        if len(current) + len(word.rstrip()) <= limit:
            current += word
        else:
            pieces.append(current.rstrip())
            current = word
    if current.strip():
        pieces.append(current.rstrip())
    return pieces


def numbered_buttons(text: str, buttons: Sequence[Dict[str, Any]]) -> str:
    """The text followed by the buttons as a numbered list to reply with."""
    if not buttons:
        return text
    options = "\n".join(f"{number}. {button['title']}" for number, button in enumerate(buttons, start=1))
    return f"{text}\n{options}\n(Reply with a number, or type your own question.)"


class NumberedChoices:
    """Remembers the buttons last offered to each conversation as text.

    ``resolve`` turns a reply of just "2" into the second button's payload;
    anything else is passed on unchanged. Bounded, thread-safe, in memory:
    after a restart a bare number is simply treated as text.
    """

    def __init__(self, max_conversations: int = 10_000) -> None:
        self._offered: "OrderedDict[str, List[str]]" = OrderedDict()
        self._max = max_conversations
        self._lock = threading.Lock()

    def offer(self, conversation_id: str, buttons: Sequence[Dict[str, Any]]) -> None:
        with self._lock:
            self._offered[conversation_id] = [str(b["payload"]) for b in buttons]
            self._offered.move_to_end(conversation_id)
            while len(self._offered) > self._max:
                self._offered.popitem(last=False)

    def resolve(self, conversation_id: str, text: str) -> str:
        choice = text.strip().rstrip(".")
        if not choice.isdigit():
            return text
        with self._lock:
            payloads = self._offered.get(conversation_id) or []
        number = int(choice)
        if 1 <= number <= len(payloads):
            return payloads[number - 1]
        return text


def fits_telegram_callback(buttons: Sequence[Dict[str, Any]]) -> bool:
    """Telegram's callback_data holds at most 64 bytes per button."""
    return all(len(str(b.get("payload", "")).encode("utf-8")) <= TELEGRAM_MAX_CALLBACK_BYTES for b in buttons)

