"""Killing a replica under load: 20 simulated patients, each holding a
conversation of follow-ups that need context, through the balancer; one
replica is SIGKILLed mid-run.

- At most the requests in flight at the kill fail, each with a clear error
  status (5xx), and the patient's retry then gets the right answer. "In
  flight" runs until the balancer has taken the dead replica out (DETECTION:
  two failed health checks 0.5 s apart): in that second a request can still
  be sent to the dying replica and get a 502.
- Every later turn gets the right context-dependent answer.
- No request after the kill waits more than 5 s.
Runs last: the killed replica stays down. Figures go to results/cluster/failover.md.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional

import requests

from tests.cluster.cluster import texts

RESULTS = Path(__file__).resolve().parents[2] / "results" / "cluster"
PATIENTS = 20
DRUGS = [("votrient", "Pazopanib"), ("gleevec", "Imatinib"), ("vitrakvi", "Larotrectinib"), ("rozlytrek", "Entrectinib")]
FOLLOW_UPS = ["how is it taken?", "what are the side effects?", "how long is it taken?", "how does it work?"]
ROUNDS = 6  # the follow-ups, six times over: 25 turns per patient
PAUSE = 0.3  # s between a patient's messages: a run of about 12 s, near the cluster's capacity
DETECTION = 1.5  # s: HAProxy's fall 2 x inter 500ms (scripts/run_cluster.sh), plus a check in progress


@dataclass
class Turn:
    patient: int
    message: str
    started: float
    ended: float
    status: Optional[int]
    right: bool


def _patient(cluster, n: int, log: List[Turn], lock: threading.Lock) -> None:
    brand, generic = DRUGS[n % len(DRUGS)]
    sender = f"failover-{n}"
    script = [f"tell me about {brand}"] + FOLLOW_UPS * ROUNDS
    for message in script:
        for attempt in range(2):  # a failed turn is tried once more, as a person would
            started = time.monotonic()
            try:
                reply = cluster.send(sender, message, timeout=30)
                status, body = reply.status_code, texts(reply) if reply.status_code == 200 else ""
            except requests.RequestException:
                status, body = None, ""
            turn = Turn(n, message, started, time.monotonic(), status, status == 200 and generic.lower() in body.lower())
            with lock:
                log.append(turn)
            if status == 200:
                break
        time.sleep(PAUSE)


def test_killing_a_replica_under_load(cluster):
    log: List[Turn] = []
    lock = threading.Lock()
    victim = cluster.replica_ports[0]
    with ThreadPoolExecutor(PATIENTS) as pool:
        futures = [pool.submit(_patient, cluster, n, log, lock) for n in range(PATIENTS)]
        time.sleep(6)  # mid-run: every patient is in their conversation
        killed = time.monotonic()
        cluster.kill_replica(victim)
        gone = time.monotonic()  # the process has finished dying
        for future in futures:
            future.result()

    failed = [t for t in log if t.status != 200]
    # In flight at the kill: sent before the balancer took the replica out,
    # not answered before the SIGKILL.
    out_of_rotation = gone + DETECTION
    in_flight = [t for t in log if t.started <= out_of_rotation and t.ended >= killed]
    after = [t for t in log if t.started > out_of_rotation]
    slowest_after = max(t.ended - t.started for t in after)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "failover.md").write_text(
        f"{PATIENTS} patients, {len(log)} requests; replica {victim} SIGKILLed after 6 s "
        f"(gone {1000 * (gone - killed):.0f} ms later).\n"
        f"- in flight at the kill (until the balancer took the replica out): {len(in_flight)}; "
        f"failed: {len(failed)}, of them sent after the replica was gone: "
        f"{sum(t.started > gone for t in failed)} "
        f"(statuses {sorted({str(t.status) for t in failed})})\n"
        f"- requests after the kill: {len(after)}, slowest {slowest_after:.2f} s, "
        f"wrong answers {sum(not t.right for t in after if t.status == 200)}\n"
    )
    # Only requests in flight at the kill may fail, each with a clear status.
    assert all(t in in_flight for t in failed), [(t.message, t.status) for t in failed if t not in in_flight]
    assert all(t.status is not None and t.status >= 500 for t in failed)
    # Every answered turn, before and after, has the right context.
    assert all(t.right for t in log if t.status == 200), [(t.patient, t.message) for t in log if t.status == 200 and not t.right]
    # Every patient finished the whole conversation.
    assert sum(t.status == 200 for t in log) == PATIENTS * (1 + len(FOLLOW_UPS) * ROUNDS)
    assert slowest_after <= 5, f"a request after the kill took {slowest_after:.1f} s"
