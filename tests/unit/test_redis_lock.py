"""The conversation lock lets go the moment its turn ends, even when the
renewal's cancellation is lost (as it was under load, inside redis-py: a
turn that had ended after 1.1 s kept its conversation locked for 30 s)."""

from __future__ import annotations

import asyncio
import time
from typing import Dict, Optional

from runtime.redis_lock import RELEASE, AtomicRedisLockStore


class LossyRedis:
    """Just enough Redis for the lock, whose RENEW loses a cancellation that
    lands while it is in flight."""

    def __init__(self) -> None:
        self.keys: Dict[str, str] = {}
        self.renewals = 0

    async def set(self, key: str, token: str, nx: bool, px: int) -> Optional[bool]:
        if key in self.keys:
            return None
        self.keys[key] = token
        return True

    async def eval(self, script: str, _: int, key: str, token: str, *args: object) -> int:
        if script == RELEASE:
            if self.keys.get(key) == token:
                del self.keys[key]
                return 1
            return 0
        try:
            await asyncio.sleep(0.01)
        except asyncio.CancelledError:
            pass  # the cancellation is lost
        self.renewals += 1
        return 1 if self.keys.get(key) == token else 0


def _store(red: LossyRedis) -> AtomicRedisLockStore:
    store = AtomicRedisLockStore(turn_timeout=5, lease_seconds=0.03)
    store.red = red  # type: ignore[assignment]
    return store


def test_the_lock_is_released_when_the_turn_ends_even_if_renewal_ignores_its_cancellation() -> None:
    red = LossyRedis()
    store = _store(red)

    async def turn() -> float:
        async with store.lock("anna"):
            await asyncio.sleep(0.2)  # several renewals happen meanwhile
        ended = time.monotonic()
        renewals_at_end = red.renewals
        await asyncio.sleep(0.2)
        assert red.renewals <= renewals_at_end + 1, "the renewal went on after the turn ended"
        return ended

    started = time.monotonic()
    ended = asyncio.run(turn())
    assert red.renewals >= 2, "the lease was not renewed while the turn ran"
    assert "conversation-lock:anna" not in red.keys
    assert ended - started < 2, f"the turn's lock was held {ended - started:.1f} s"
