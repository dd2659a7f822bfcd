"""An atomic conversation lock across Rasa replicas, on Redis.

Rasa's ``RedisLockStore`` keeps one JSON "ticket lock" per conversation and
updates it with a read-modify-write (GET, change, SET). Two replicas can read
the same value and both believe they hold the lock (rasa#9213). And a replica
that is killed while it holds a conversation leaves its ticket behind, which
blocks that conversation until the ticket expires (``TICKET_LOCK_LIFETIME``,
60 s by default).

This lock store keeps Rasa's interface (``LockStore.lock`` is the async
context manager that Rasa's agent and processor use) and changes how the
lock is held:

- **Atomic.** ``SET key token NX PX lease`` takes the lock only if no one
  holds it, in one Redis command. The token is random per turn; release and
  renewal are Lua scripts that act only if the key still holds that token,
  so a replica can never release or extend someone else's lock.
- **A short lease, renewed while the turn runs.** The lease is
  ``lease_seconds`` (2 s). A background task extends it every third of that
  while the turn is being processed. A killed replica stops renewing, so
  its lock lapses within the lease: the next message of that conversation
  is served within about 2 s, never 60.
- **Released the moment the turn ends.** The lock is deleted first and the
  renewal told to stop through a flag it reads before every renewal; it is
  never awaited. Cancelling the renewal task is not enough: under load a
  cancellation that lands while a renewal command is in flight can be lost
  inside redis-py, and the renewal then went on extending a finished turn's
  lock until the turn timeout. The next message of that conversation waited
  up to 30 s for it (measured: a turn that ended after 1.1 s kept its lock
  30 s; docs/cluster.md). A stray renewal after the release is harmless:
  RENEW acts only while the key holds this turn's token.
- **Bounded by the turn timeout.** Renewal stops after ``turn_timeout``
  seconds (the server's ``--response-timeout``), so even a stuck turn can't
  hold a conversation longer than that. Waiting for the lock is bounded the
  same way, then Rasa's ``LockError`` is raised.
- **Fair enough.** Waiters poll every 20 ms. Messages of one conversation
  that arrive at the same moment are served one at a time, in no promised
  order; messages sent one after another keep their order.

endpoints.cluster.yml:

    lock_store:
      type: runtime.redis_lock.AtomicRedisLockStore
      url: "${REDIS_HOST}"
      port: "${REDIS_PORT}"
      password: "${REDIS_PASSWORD}"
      turn_timeout: "${TURN_TIMEOUT}"
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import time
from contextlib import asynccontextmanager, suppress
from typing import Any, AsyncGenerator, Optional, Text

import redis
import redis.asyncio as aioredis
from redis.asyncio.retry import Retry as AsyncRetry
from redis.backoff import NoBackoff
from redis.retry import Retry
from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, LockStore
from rasa.utils.endpoints import EndpointConfig

logger = logging.getLogger(__name__)

KEY_PREFIX = "conversation-lock:"
DEFAULT_LEASE_SECONDS = 2.0
DEFAULT_TURN_TIMEOUT = 30.0
POLL_SECONDS = 0.02

# Delete or extend the key only while it still holds our token.
RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end"
RENEW = (
    "if redis.call('get', KEYS[1]) == ARGV[1] then "
    "return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end"
)


def _number(value: Any, default: float) -> float:
    """Endpoint values come from ${ENV} substitution, so they may be strings."""
    try:
        return float(value) if value not in (None, "") else default
    except (TypeError, ValueError):
        return default


class AtomicRedisLockStore(LockStore):
    """Rasa's lock-store interface, held with SET NX PX and a renewed lease."""

    def __init__(
        self,
        endpoint_config: Optional[EndpointConfig] = None,
        host: Text = "127.0.0.1",
        port: int = 6379,
        db: int = 0,
        password: Optional[Text] = None,
        turn_timeout: float = DEFAULT_TURN_TIMEOUT,
        lease_seconds: float = DEFAULT_LEASE_SECONDS,
        key_prefix: Text = KEY_PREFIX,
    ) -> None:
        settings = dict(endpoint_config.kwargs) if endpoint_config else {}
        host = (endpoint_config.url if endpoint_config and endpoint_config.url else None) or host
        self.turn_timeout = _number(settings.get("turn_timeout"), turn_timeout)
        self.lease_seconds = _number(settings.get("lease_seconds"), lease_seconds)
        self.key_prefix = settings.get("key_prefix") or key_prefix
        connection = {
            "host": host,
            "port": int(_number(settings.get("port"), port)),
            "db": int(_number(settings.get("db"), db)),
            "password": settings.get("password") or password or None,
            "socket_timeout": 2,
            "socket_connect_timeout": 2,
            # After Redis restarts, pooled connections are dead: a command on
            # one reconnects and is tried once more, instead of failing a turn.
            "retry_on_error": [redis.ConnectionError, redis.TimeoutError],
        }
        self.red = aioredis.Redis(**connection, retry=AsyncRetry(NoBackoff(), 1))
        # For the synchronous parts of Rasa's interface (get_lock, delete_lock, ping).
        self.red_sync = redis.Redis(**connection, retry=Retry(NoBackoff(), 1))

    def key(self, conversation_id: Text) -> str:
        return f"{self.key_prefix}{conversation_id}"

    @property
    def lease_ms(self) -> int:
        return int(self.lease_seconds * 1000)

    # --- the lock Rasa's agent and processor take ----------------------------

    @asynccontextmanager
    async def lock(
        self,
        conversation_id: Text,
        lock_lifetime: float = LOCK_LIFETIME,
        wait_time_in_seconds: float = POLL_SECONDS,
    ) -> AsyncGenerator[TicketLock, None]:
        key, token = self.key(conversation_id), secrets.token_hex(16)
        await self._acquire(key, token, conversation_id)
        turn_over = asyncio.Event()
        renewal = asyncio.ensure_future(self._renew_until_timeout(key, token, turn_over))
        try:
            lock = TicketLock(conversation_id)
            lock.issue_ticket(self.turn_timeout)
            yield lock
        finally:
            turn_over.set()
            renewal.cancel()  # usually ends it at once; the flag ends it if not
            try:
                await self.red.eval(RELEASE, 1, key, token)
            except redis.RedisError as error:
                # The lease lapses by itself within lease_seconds (so it does
                # when a cancellation interrupts the release).
                logger.warning("Could not release a conversation lock: %s", type(error).__name__)

    async def _acquire(self, key: str, token: str, conversation_id: Text) -> None:
        deadline = time.monotonic() + self.turn_timeout
        while not await self.red.set(key, token, nx=True, px=self.lease_ms):
            if time.monotonic() >= deadline:
                raise LockError(f"Could not acquire lock for conversation_id '{conversation_id}'.")
            await asyncio.sleep(POLL_SECONDS)

    async def _renew_until_timeout(self, key: str, token: str, turn_over: asyncio.Event) -> None:
        """Keep the lease alive while the turn runs, up to the turn timeout."""
        stop = time.monotonic() + self.turn_timeout
        interval = self.lease_seconds / 3
        while True:
            with suppress(asyncio.TimeoutError):
                await asyncio.wait_for(turn_over.wait(), min(interval, max(0.0, stop - time.monotonic())))
            if turn_over.is_set():
                return  # the turn has ended: its lock is being released
            if time.monotonic() >= stop:
                return  # the lease now lapses: no turn holds a conversation longer
            try:
                if not await self.red.eval(RENEW, 1, key, token, self.lease_ms):
                    logger.warning("A conversation lock was lost before its turn ended.")
                    return
            except redis.RedisError as error:
                logger.warning("Could not renew a conversation lock: %s", type(error).__name__)

    # --- the rest of Rasa's LockStore interface ------------------------------

    def get_lock(self, conversation_id: Text) -> Optional[TicketLock]:
        """A one-ticket view of the lock, if someone holds it."""
        remaining_ms = self.red_sync.pttl(self.key(conversation_id))
        if remaining_ms is None or remaining_ms < 0:
            return None
        lock = TicketLock(conversation_id)
        lock.issue_ticket(remaining_ms / 1000)
        return lock

    def delete_lock(self, conversation_id: Text) -> None:
        deleted = self.red_sync.delete(self.key(conversation_id))
        self._log_deletion(conversation_id, bool(deleted))

    def save_lock(self, lock: TicketLock) -> None:
        # Locks live only as leases taken in `lock()`; tickets aren't stored.
        return None

    def is_someone_waiting(self, conversation_id: Text) -> bool:
        return self.get_lock(conversation_id) is not None

    def ping(self) -> bool:
        """True when Redis answers (readiness check)."""
        try:
            return bool(self.red_sync.ping())
        except redis.RedisError:
            return False
