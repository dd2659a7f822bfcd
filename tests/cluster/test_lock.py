"""The conversation lock (runtime/redis_lock.py) against the cluster's Redis:
atomic across processes, and freed within 5 s when its holder is killed."""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import signal
import time
from pathlib import Path
from typing import Any, Dict, List, Tuple

import redis

from rasa.core.lock_store import LockError
from runtime.redis_lock import AtomicRedisLockStore

RESULTS = Path(__file__).resolve().parents[2] / "results" / "cluster"
CONVERSATIONS = ["race-a", "race-b", "race-c"]
PROCESSES = 6
ROUNDS = 60


def _race(port: int, worker: int, report: Dict[str, Any]) -> None:
    """Take each conversation's lock ROUNDS times; count holders while holding it."""
    counter = redis.Redis(port=port)
    store = AtomicRedisLockStore(port=port)

    async def run() -> Tuple[int, int]:
        overlaps = errors = 0
        for n in range(ROUNDS):
            conversation = CONVERSATIONS[(n + worker) % len(CONVERSATIONS)]
            try:
                async with store.lock(conversation):
                    holders = counter.incr(f"holders:{conversation}")
                    overlaps += holders > 1
                    await asyncio.sleep(0.002)
                    counter.decr(f"holders:{conversation}")
            except LockError:
                errors += 1
        return overlaps, errors

    report[worker] = asyncio.run(run())


def _race_results(port: int) -> Tuple[int, int]:
    """(turns with two holders, turns that failed with LockError) over all workers."""
    with multiprocessing.Manager() as manager:
        report = manager.dict()
        workers = [multiprocessing.Process(target=_race, args=(port, w, report)) for w in range(PROCESSES)]
        for w in workers:
            w.start()
        for w in workers:
            w.join(timeout=180)
        assert all(w.exitcode == 0 for w in workers), [w.exitcode for w in workers]
        return sum(o for o, _ in report.values()), sum(e for _, e in report.values())


def test_no_two_processes_ever_hold_one_conversation(cluster):
    port = cluster.port("REDIS_PORT")
    overlaps, errors = _race_results(port)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "lock.md").write_text(
        f"{PROCESSES} processes x {ROUNDS} lock turns over {len(CONVERSATIONS)} conversations: "
        f"{overlaps} turns with two holders, {errors} lock errors\n"
    )
    assert (overlaps, errors) == (0, 0)


def _hold_forever(port: int, ready: Any) -> None:
    async def hold() -> None:
        async with AtomicRedisLockStore(port=port).lock("killed-holder"):
            ready.set()
            await asyncio.sleep(600)

    asyncio.run(hold())


def test_a_killed_holder_frees_its_conversation_within_5_seconds(cluster):
    port = cluster.port("REDIS_PORT")
    ready = multiprocessing.Event()
    holder = multiprocessing.Process(target=_hold_forever, args=(port, ready))
    holder.start()
    assert ready.wait(30)
    time.sleep(3)  # longer than one lease: the holder's renewals keep it alive
    assert redis.Redis(port=port).exists("conversation-lock:killed-holder")
    os.kill(holder.pid, signal.SIGKILL)
    holder.join()
    killed = time.monotonic()

    async def take() -> float:
        async with AtomicRedisLockStore(port=port).lock("killed-holder"):
            return time.monotonic() - killed

    waited = asyncio.run(take())
    assert waited < 5, f"the dead holder's lock blocked its conversation for {waited:.1f} s"


def test_the_lock_keeps_rasas_interface(cluster):
    store = AtomicRedisLockStore(port=cluster.port("REDIS_PORT"))
    seen: List[bool] = []

    async def use() -> None:
        async with store.lock("interface") as lock:
            seen.append(store.is_someone_waiting("interface"))
            seen.append(lock.conversation_id == "interface")
        seen.append(store.get_lock("interface") is None)

    asyncio.run(use())
    assert seen == [True, True, True]
    assert store.ping()
