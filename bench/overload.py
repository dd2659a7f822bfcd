"""`make bench-overload` (and part of `make bench-cluster`): the cluster at
1x, 2x and 4x its measured capacity, with and without a replica killed.

Capacity is measured first on this machine: answers per second with as many
patients who never pause as the cluster has turn slots (3 replicas x
RASA_MAX_TURNS). Then `patients_for(multiple, capacity, PAUSE)` patients who
pause PAUSE s between messages offer that multiple of it. Each run lasts
SECONDS; in a "killed" run one replica is SIGKILLed a third of the way in.
Patients behave as the web chat does (tests/cluster/patients.py): a 503 with
Retry-After is sent again after that many seconds, marked as a retry.

For each run: requests answered, refused with a 503 (and how fast), failed
without a status, failed otherwise, wrong answers, the slowest answer, the
turns that needed more than 2 tries; and HAProxy's own counters for the REST
backend (the most requests queued at once, 5xx it answered, connection and
response errors to replicas), read from its stats socket.

Writes an "Overload" section into bench/results.md and the picture
docs/overload.png.
"""

from __future__ import annotations

import csv
import io
import socket
import statistics
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Tuple

from bench.run import machine
from bench.sections import replace_section
from tests.cluster.cluster import Cluster
from tests.cluster.patients import Load, capacity, drive, patients_for
from tests.support.servers import ROOT

RESULTS = ROOT / "bench" / "results.md"
PICTURE = ROOT / "docs" / "overload.png"
SECTION = "## Overload (`make bench-overload`)"
REPLICAS = 3
MULTIPLES = (1.0, 2.0, 4.0)
PAUSE = 1.0  # s between a patient's messages
SECONDS = 24.0


@dataclass
class Run:
    multiple: float
    killed: bool
    patients: int
    load: Load
    haproxy: Dict[str, int]


def haproxy_counters(cluster: Cluster, backend: str = "rasa") -> Dict[str, int]:
    """The backend's line of HAProxy's `show stat`: qmax, hrsp_5xx (queue
    timeouts, 502s), econ and eresp."""
    with socket.socket(socket.AF_UNIX) as stats:
        stats.connect(str(cluster.directory / "haproxy.sock"))
        stats.sendall(b"show stat\n")
        data = b""
        while chunk := stats.recv(65536):
            data += chunk
    rows = csv.DictReader(io.StringIO(data.decode().lstrip("# ")))
    row = next(r for r in rows if r["pxname"] == backend and r["svname"] == "BACKEND")
    return {name: int(row[name] or 0) for name in ("qmax", "hrsp_5xx", "econ", "eresp")}


def _start(tmp: Path, name: str) -> Cluster:
    directory = tmp / name
    directory.mkdir()
    return Cluster(directory, REPLICAS).start()


def _run(cluster: Cluster, multiple: float, measured: float, killed: bool) -> Run:
    patients = patients_for(multiple, measured, PAUSE)
    victim = cluster.replica_ports[0]
    load = drive(cluster.balancer, patients, PAUSE, SECONDS, tag=f"overload-{multiple:g}-{int(killed)}-{time.time():.0f}",
                 during=(lambda: cluster.kill_replica(victim)) if killed else None, during_after=SECONDS / 3)
    return Run(multiple, killed, patients, load, haproxy_counters(cluster))


def measure() -> Tuple[float, List[Run]]:
    runs: List[Run] = []
    with tempfile.TemporaryDirectory(prefix="bench-overload-") as tmp_name:
        tmp = Path(tmp_name)
        tmp.chmod(0o755)  # PostgreSQL runs as its own user
        cluster = _start(tmp, "steady")
        try:
            slots = REPLICAS * int(cluster.setting("RASA_MAX_TURNS"))
            measured = capacity(cluster.balancer, clients=slots)
            runs += [_run(cluster, multiple, measured, killed=False) for multiple in MULTIPLES]
        finally:
            cluster.stop()
        for multiple in MULTIPLES:  # a fresh cluster each: the killed replica stays down
            cluster = _start(tmp, f"killed-{multiple:g}")
            try:
                capacity(cluster.balancer, clients=slots, seconds=2.0)  # warm-up only
                runs.append(_run(cluster, multiple, measured, killed=True))
            finally:
                cluster.stop()
    return measured, runs


def _row(run: Run) -> str:
    load = run.load
    refusals = [a.seconds for a in load.refused]
    refused = (f"{len(refusals)} (median {statistics.median(refusals):.2f} s, max {max(refusals):.2f} s)"
               if refusals else "0")
    over_two = sum(n > 2 for n in load.tries_needed()) + load.unanswered_turns
    other = Counter(str(a.status) for a in load.other_failures)
    return (f"| {run.multiple:g}x | {'yes' if run.killed else 'no'} | {run.patients} | {len(load.attempts)} | "
            f"{len(load.answered)} | {refused} | {len(load.without_status)} | "
            f"{sum(other.values())} {dict(other) if other else ''} | {len(load.wrong)} | "
            f"{max((a.seconds for a in load.answered), default=0):.2f} s | {over_two} | "
            f"{run.haproxy['qmax']} | {run.haproxy['hrsp_5xx']} | {run.haproxy['econ']} / {run.haproxy['eresp']} |")


def report(measured: float, runs: List[Run]) -> str:
    return "\n".join([
        SECTION,
        "",
        f"Machine: {machine()}. {REPLICAS} replicas behind HAProxy; capacity measured first: "
        f"**{measured:.1f} answers/s** ({REPLICAS} x RASA_MAX_TURNS patients who never pause). "
        f"Patients pause {PAUSE:g} s between messages, for {SECONDS:.0f} s; \"killed\": one replica "
        f"SIGKILLed after {SECONDS / 3:.0f} s (a fresh cluster for each). Patients who pause offer more "
        "load than the same number who don't, so a multiple is of the measured figure, not of a ceiling.",
        "",
        "| load | replica killed | patients | requests | answered | refused (503 busy) | without status "
        "| failed otherwise | wrong | slowest answer | turns over 2 tries | HAProxy qmax | HAProxy 5xx "
        "| HAProxy conn/resp errors |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
        *(_row(run) for run in runs),
        "",
        "HAProxy's counters for the REST backend: qmax, the most requests queued at once; 5xx, the 503s "
        "of requests that waited out the queue and the 502s of replicas (first tries refused at once, by "
        "`http-request return`, are not counted there: they are the rest of the refused column); "
        "conn/resp errors, failed connections (a queue timeout counts as one) and broken responses.",
        "",
        "Every request's outcome and time, by load: [docs/overload.png](../docs/overload.png).",
        "",
    ])


def plot(measured: float, runs: List[Run]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    labels = [f"{r.multiple:g}x{' killed' if r.killed else ''}" for r in runs]
    answered = [len(r.load.answered) for r in runs]
    refused = [len(r.load.refused) for r in runs]
    failed = [len(r.load.other_failures) + len(r.load.without_status) for r in runs]
    figure, (counts, latency) = plt.subplots(1, 2, figsize=(11, 4.2))
    x = range(len(runs))
    counts.bar(x, answered, label="answered", color="#2e7d32")
    counts.bar(x, refused, bottom=answered, label="refused: 503 busy", color="#f9a825")
    counts.bar(x, failed, bottom=[a + b for a, b in zip(answered, refused)], label="failed", color="#c62828")
    counts.set_xticks(list(x), labels, rotation=20)
    counts.set_ylabel("requests")
    counts.set_title(f"Requests by outcome (capacity {measured:.0f} answers/s)")
    counts.legend(loc="upper left")
    for i, run in enumerate(runs):
        seconds = sorted(a.seconds for a in run.load.attempts)
        latency.plot([i] * len(seconds), seconds, "o", alpha=0.15, color="#1565c0", markersize=3)
        latency.plot(i, max(seconds), "_", color="black", markersize=20)
    latency.axhline(10, color="#c62828", linestyle="--", label="10 s: the longest any request may wait")
    latency.axhline(2, color="#f9a825", linestyle=":", label="2 s: the slowest a refusal may be")
    latency.set_xticks(list(x), labels, rotation=20)
    latency.set_ylabel("seconds per request")
    latency.set_title("Every request's time (bar: the slowest)")
    latency.legend(loc="upper left", fontsize=8)
    figure.tight_layout()
    figure.savefig(PICTURE, dpi=110)


def main() -> None:
    measured, runs = measure()
    section = report(measured, runs)
    replace_section(RESULTS, SECTION, section)
    plot(measured, runs)
    print(section)


if __name__ == "__main__":
    main()
