"""Simulated patients over the REST channel: each one its own conversation."""

from __future__ import annotations

import asyncio
import random
import statistics
import time
import uuid
from dataclasses import dataclass, field
from typing import List, Sequence, Tuple

import aiohttp


@dataclass
class LoadResult:
    users: int
    messages: int
    seconds: float
    latencies: List[float] = field(default_factory=list)
    # A failed request (no HTTP 200 with a JSON list) ...
    errors: int = 0
    # ... and a 200 with no reply at all: the user sees nothing.
    silent: int = 0
    # (start on the perf_counter clock, latency, ok) of every request.
    samples: List[Tuple[float, float, bool]] = field(default_factory=list)

    @property
    def throughput(self) -> float:
        return self.messages / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        index = min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))
        return ordered[index]

    @property
    def mean(self) -> float:
        return statistics.mean(self.latencies) if self.latencies else float("nan")


async def _patient(session: aiohttp.ClientSession, url: str, script: Sequence[str], result: LoadResult,
                   pause: float = 0.0) -> None:
    sender = f"bench-{uuid.uuid4().hex[:12]}"
    for text in script:
        started = time.perf_counter()
        try:
            async with session.post(url, json={"sender": sender, "message": text}, timeout=aiohttp.ClientTimeout(total=60)) as response:
                replies = await response.json()
                ok = response.status == 200 and isinstance(replies, list)
                if ok and not replies:
                    result.silent += 1
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError):
            ok = False
        result.latencies.append(time.perf_counter() - started)
        result.samples.append((started, result.latencies[-1], ok))
        if not ok:
            result.errors += 1
        if pause:
            await asyncio.sleep(pause)


async def _run(url: str, users: int, per_user: int, messages: Sequence[str], seed: int,
               pause: float = 0.0) -> LoadResult:
    rng = random.Random(seed)
    scripts = [[rng.choice(messages) for _ in range(per_user)] for _ in range(users)]
    result = LoadResult(users=users, messages=users * per_user, seconds=0.0)
    connector = aiohttp.TCPConnector(limit=users)
    async with aiohttp.ClientSession(connector=connector) as session:
        started = time.perf_counter()
        await asyncio.gather(*(_patient(session, url, script, result, pause) for script in scripts))
        result.seconds = time.perf_counter() - started
    return result


def run_load(url: str, users: int, per_user: int, messages: Sequence[str], seed: int = 7,
             pause: float = 0.0) -> LoadResult:
    """Each user sends `per_user` messages, one after another, `pause` seconds apart."""
    return asyncio.run(_run(url, users, per_user, messages, seed, pause))
