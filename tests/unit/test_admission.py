"""A replica runs at most RASA_MAX_TURNS turns at once; beyond them a
message waits a moment, then is turned away as busy before any work."""

from __future__ import annotations

import asyncio
import time

import pytest

from channels.rest import BUSY, TURN_FAILED, balancer_error_page, failure_reply
from runtime.admission import Busy, TurnLimit, from_environment


def test_a_message_beyond_the_limit_is_busy_after_the_queue_wait() -> None:
    limit = TurnLimit(turns=2, queue_seconds=0.1, retry_after_seconds=2)
    done = []

    async def turn(n: int) -> int:
        await asyncio.sleep(0.5)
        done.append(n)
        return n

    async def scenario() -> None:
        first = [asyncio.ensure_future(limit.run(lambda n=n: turn(n))) for n in range(2)]
        await asyncio.sleep(0.01)
        started = time.monotonic()
        with pytest.raises(Busy) as refused:
            await limit.run(lambda: turn(99))
        assert 0.09 <= time.monotonic() - started < 0.4  # refused after the wait, not after the turns
        assert refused.value.retry_after == 2
        assert await asyncio.gather(*first) == [0, 1]
        assert await limit.run(lambda: turn(3)) == 3  # a slot is free again

    asyncio.run(scenario())
    assert 99 not in done  # the refused turn never ran


def test_a_message_that_waits_less_than_the_queue_wait_is_served() -> None:
    limit = TurnLimit(turns=1, queue_seconds=1.0, retry_after_seconds=2)

    async def turn() -> str:
        await asyncio.sleep(0.1)
        return "answered"

    async def scenario() -> list:
        return await asyncio.gather(limit.run(turn), limit.run(turn), limit.run(turn))

    assert asyncio.run(scenario()) == ["answered"] * 3


def test_no_limit_unless_the_environment_sets_one(monkeypatch) -> None:
    monkeypatch.delenv("RASA_MAX_TURNS", raising=False)
    assert from_environment() is None
    monkeypatch.setenv("RASA_MAX_TURNS", "4")
    monkeypatch.setenv("TURN_QUEUE_MS", "1000")
    monkeypatch.setenv("BUSY_RETRY_AFTER", "3")
    limit = from_environment()
    assert limit is not None and (limit.turns, limit.queue_seconds, limit.retry_after) == (4, 1.0, 3)


def test_busy_and_failed_turns_tell_the_client_different_things(monkeypatch) -> None:
    assert failure_reply(Busy(2)) == (BUSY, 2)
    assert failure_reply(RuntimeError("database down")) == (TURN_FAILED, 1)
    monkeypatch.setenv("BUSY_RETRY_AFTER", "2")
    assert "503 Service Unavailable" in balancer_error_page(503) and BUSY in balancer_error_page(503)
    assert "Retry-After: 2" in balancer_error_page(503)
    assert TURN_FAILED in balancer_error_page(502) and "Retry-After: 1" in balancer_error_page(502)
    for text in (BUSY, TURN_FAILED):
        assert "1-888-939-3333" in text and "911" in text
