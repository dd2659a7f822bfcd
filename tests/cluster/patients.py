"""Simulated patients through the balancer, for the cluster's failover test
and `make bench-cluster`.

Each patient holds one conversation: "tell me about <drug>", then follow-ups
that only make sense in context ("how is it taken?"), so an answer naming
the wrong drug is a wrong answer. A patient sends a message, waits for the
reply, pauses, and sends the next: a closed loop, as people chat.

A reply that doesn't come is tried again, as the web chat does:
- a 503 with `Retry-After` (busy, or no replica free) is tried again after
  that many seconds and up to half as long again, by chance (as the web
  chat does, so patients told "busy" together don't all come back
  together), marked with the `X-Retry` header so the balancer serves it
  before first tries;
- any other failure (another status, or no status at all) after a second.

Capacity is measured, not assumed: `capacity()` keeps every replica busy
with patients who don't pause and counts the answers per second. A load is
then a multiple of it: `patients_for(multiple, capacity, pause)` patients
who pause `pause` seconds between messages offer `multiple` times the
cluster's capacity. So the same test holds on a fast day and a slow one.
"""

from __future__ import annotations

import asyncio
import math
import random
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Tuple

import aiohttp

DRUGS = [("votrient", "Pazopanib"), ("gleevec", "Imatinib"), ("vitrakvi", "Larotrectinib"), ("rozlytrek", "Entrectinib")]
FOLLOW_UPS = ["how is it taken?", "what are the side effects?", "how long is it taken?", "how does it work?"]
REQUEST_TIMEOUT = 30.0  # s: a reply later than this counts as no reply at all
OTHER_FAILURE_WAIT = 1.0  # s before trying again after a failure without Retry-After
MAX_RETRY_AFTER = 5.0  # s: a longer Retry-After is waited this long
RETRY_HEADER = "X-Retry"


@dataclass(frozen=True)
class Attempt:
    """One request: which patient, turn and try, when, and what came back."""

    patient: int
    turn: int
    attempt: int  # 1 for the first try
    started: float  # time.monotonic()
    ended: float
    status: Optional[int]  # None: no reply within REQUEST_TIMEOUT, or the connection failed
    right: bool  # 200, and the reply names the patient's drug
    retry_after: Optional[float]

    @property
    def seconds(self) -> float:
        return self.ended - self.started

    @property
    def refused(self) -> bool:
        """Turned away before any work was done: 503 with Retry-After."""
        return self.status == 503 and self.retry_after is not None


@dataclass
class Load:
    patients: int
    pause: float
    started: float
    ended: float
    attempts: List[Attempt] = field(default_factory=list)

    def turns(self) -> Dict[Tuple[int, int], List[Attempt]]:
        """Every turn's attempts, in order."""
        turns: Dict[Tuple[int, int], List[Attempt]] = {}
        for attempt in sorted(self.attempts, key=lambda a: (a.patient, a.turn, a.attempt)):
            turns.setdefault((attempt.patient, attempt.turn), []).append(attempt)
        return turns

    @property
    def answered(self) -> List[Attempt]:
        return [a for a in self.attempts if a.status == 200]

    @property
    def refused(self) -> List[Attempt]:
        return [a for a in self.attempts if a.refused]

    @property
    def without_status(self) -> List[Attempt]:
        return [a for a in self.attempts if a.status is None]

    @property
    def other_failures(self) -> List[Attempt]:
        return [a for a in self.attempts if a.status not in (None, 200) and not a.refused]

    @property
    def wrong(self) -> List[Attempt]:
        return [a for a in self.answered if not a.right]

    @property
    def throughput(self) -> float:
        return len(self.answered) / (self.ended - self.started)

    def tries_needed(self) -> List[int]:
        """For every answered turn, the try that was answered."""
        return [next(a.attempt for a in attempts if a.status == 200)
                for attempts in self.turns().values() if any(a.status == 200 for a in attempts)]

    @property
    def unanswered_turns(self) -> int:
        return sum(not any(a.status == 200 for a in attempts) for attempts in self.turns().values())

    def slowest(self, attempts: Optional[List[Attempt]] = None) -> float:
        return max((a.seconds for a in (self.attempts if attempts is None else attempts)), default=0.0)


def patients_for(multiple: float, capacity: float, pause: float) -> int:
    """How many patients pausing `pause` s between messages offer `multiple` x `capacity` messages/s."""
    return max(1, math.ceil(multiple * capacity * pause))


def _retry_after(response: aiohttp.ClientResponse) -> Optional[float]:
    try:
        return float(response.headers["Retry-After"])
    except (KeyError, ValueError):
        return None


async def _patient(session: aiohttp.ClientSession, url: str, n: int, pause: float, deadline: float,
                   load: Load, tag: str, max_tries: int, arrives: float = 0.0) -> None:
    await asyncio.sleep(arrives)
    brand, generic = DRUGS[n % len(DRUGS)]
    sender = f"{tag}-{n}"
    chance = random.Random(n)
    turn = 0
    while time.monotonic() < deadline:
        message = f"tell me about {brand}" if turn == 0 else FOLLOW_UPS[(turn - 1) % len(FOLLOW_UPS)]
        for attempt in range(1, max_tries + 1):
            started = time.monotonic()
            status: Optional[int] = None
            retry_after: Optional[float] = None
            right = False
            try:
                headers = {RETRY_HEADER: str(attempt - 1)} if attempt > 1 else {}
                async with session.post(url, json={"sender": sender, "message": message}, headers=headers,
                                        timeout=aiohttp.ClientTimeout(total=REQUEST_TIMEOUT)) as response:
                    status, retry_after = response.status, _retry_after(response)
                    if status == 200:
                        replies = await response.json()
                        right = generic.lower() in " ".join(r.get("text") or "" for r in replies).lower()
                    else:
                        await response.read()
            except (aiohttp.ClientError, asyncio.TimeoutError, ValueError):
                status = None
            load.attempts.append(Attempt(n, turn, attempt, started, time.monotonic(), status, right, retry_after))
            if status == 200:
                break
            wait = min(retry_after, MAX_RETRY_AFTER) * (1 + chance.random() / 2) if retry_after is not None \
                else OTHER_FAILURE_WAIT
            await asyncio.sleep(wait)
        else:
            return  # this turn was never answered: the patient gives up
        turn += 1
        await asyncio.sleep(pause)


async def _drive(url: str, patients: int, pause: float, seconds: float, tag: str, max_tries: int,
                 during: Optional[Callable[[], None]], during_after: float, arrive_over: float) -> Load:
    load = Load(patients, pause, time.monotonic(), 0.0)
    deadline = load.started + seconds
    connector = aiohttp.TCPConnector(limit=0, force_close=True)
    async with aiohttp.ClientSession(connector=connector) as session:
        tasks = [asyncio.ensure_future(_patient(session, url, n, pause, deadline, load, tag, max_tries,
                                                arrive_over * n / patients))
                 for n in range(patients)]
        if during is not None:
            await asyncio.sleep(during_after)
            await asyncio.get_running_loop().run_in_executor(None, during)
        await asyncio.gather(*tasks)
    load.ended = time.monotonic()
    return load


def drive(url: str, patients: int, pause: float, seconds: float, tag: str = "patient", max_tries: int = 6,
          during: Optional[Callable[[], None]] = None, during_after: float = 0.0, arrive_over: float = 0.0) -> Load:
    """`patients` conversations for `seconds` (each finishes its last turn);
    `during()` runs once, `during_after` seconds in (to kill a replica).
    `arrive_over`: the patients' first messages are spread evenly over this
    many seconds, as people arrive, instead of all in the same instant.

    Runs in a thread of its own: the caller's thread may already run an
    event loop (Playwright's, in the cluster tests)."""
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, _drive(f"{url}/webhooks/rest/webhook", patients, pause, seconds, tag,
                                                 max_tries, during, during_after, arrive_over)).result()


def capacity(url: str, clients: int, seconds: float = 8.0, tag: str = "capacity") -> float:
    """Answers per second with `clients` patients who never pause. With as
    many as the cluster has turn slots (replicas x RASA_MAX_TURNS), every
    slot is kept busy and none of them queues."""
    drive(url, clients, 0.0, 2.0, tag=f"{tag}-warm")  # every replica's first answers
    return drive(url, clients, 0.0, seconds, tag=tag).throughput
