"""A limit on the turns one Rasa replica runs at once, with "busy" beyond it.

A Rasa server runs every turn in one event loop and mostly on one core. Ten
turns at once don't finish sooner than ten one after another; each of them
just takes ten times as long, and the health check, served by the same loop,
slows down with them. Without a limit, a replica that gets more messages
than it can answer makes every patient wait, until requests time out.

So a replica runs at most ``RASA_MAX_TURNS`` turns at once. A message that
finds them all taken waits up to ``TURN_QUEUE_MS`` for one, then is
turned away with ``Busy`` before any work is done, which makes it safe to
send again: the REST channel answers 503 with ``Retry-After``
(``BUSY_RETRY_AFTER`` seconds) and the web chat shows a short "busy" note
and sends the message again by itself (channels/socketio.py, web/chat.js).

Behind the cluster's balancer, REST requests are already limited to the
same number per replica (HAProxy's ``maxconn``) and queue there, where any
replica can take them; this limit is what holds for socket.io, whose
messages travel inside one long-lived WebSocket that the balancer can't
queue. Unset (``make run``, one process), there is no limit.
"""

from __future__ import annotations

import asyncio
import os
from functools import wraps
from typing import Any, Awaitable, Callable, Optional

from rasa.core.agent import Agent


class Busy(Exception):
    """The replica is running as many turns as it may; nothing was done."""

    def __init__(self, retry_after: float) -> None:
        super().__init__(f"busy; try again in {retry_after:g} s")
        self.retry_after = retry_after


def _setting(name: str) -> Optional[float]:
    value = os.environ.get(name, "").strip()
    return float(value) if value else None


def retry_after() -> int:
    """Seconds a client should wait before sending a refused message again."""
    return int(_setting("BUSY_RETRY_AFTER") or 2)


class TurnLimit:
    """At most `turns` at once; a turn waits up to `queue_seconds` for a slot."""

    def __init__(self, turns: int, queue_seconds: float, retry_after_seconds: float) -> None:
        self.turns = turns
        self.queue_seconds = queue_seconds
        self.retry_after = retry_after_seconds
        self._slots: Optional[asyncio.Semaphore] = None  # made in the server's own event loop

    async def run(self, turn: Callable[[], Awaitable[Any]]) -> Any:
        if self._slots is None:
            self._slots = asyncio.Semaphore(self.turns)
        try:
            await asyncio.wait_for(self._slots.acquire(), self.queue_seconds)
        except asyncio.TimeoutError:
            raise Busy(self.retry_after) from None
        try:
            return await turn()
        finally:
            self._slots.release()


def from_environment() -> Optional[TurnLimit]:
    turns = _setting("RASA_MAX_TURNS")
    if not turns:
        return None
    queue_ms = _setting("TURN_QUEUE_MS")
    return TurnLimit(int(turns), (queue_ms if queue_ms is not None else 900) / 1000, retry_after())


def install() -> None:
    """Wrap Agent.handle_message, which every channel's message goes through."""
    limit = from_environment()
    handle_message = Agent.handle_message
    if limit is None or getattr(handle_message, "turn_limit", None):
        return

    @wraps(handle_message)
    async def limited(self: Agent, message: Any) -> Any:
        return await limit.run(lambda: handle_message(self, message))

    limited.turn_limit = limit  # type: ignore[attr-defined]
    Agent.handle_message = limited
