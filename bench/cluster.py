"""`make bench-cluster`: the cluster on this machine (scripts/run_cluster.sh),
driven through the balancer by simulated patients over REST.

- throughput, p50 and p95 with 1, 2 and 3 Rasa replicas (20 users);
- p95 and errors in the 10 s after one of 3 replicas is SIGKILLed under load;
- memory (RSS) per replica, and of the action server;
- the conversation store's cache on and off, on PostgreSQL (2 replicas).

Appends a "Cluster" section to bench/results.md (replacing an older one).
The machine has 2 cores: the figures say where CPU is the limit.
"""

from __future__ import annotations

import re
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from threading import Thread
from typing import List, Optional, Tuple

from bench.load import LoadResult, run_load
from bench.run import machine, rss_mb, test_messages
from tests.cluster.cluster import Cluster
from tests.support.servers import ROOT

RESULTS = ROOT / "bench" / "results.md"
SECTION = "## Cluster (`make bench-cluster`)"
USERS, PER_USER = 20, 8
KILL_AFTER, KILL_WINDOW = 8.0, 10.0  # s


@dataclass
class Run:
    label: str
    load: LoadResult
    replica_mb: List[float]
    action_mb: float


def _cluster(replicas: int, tmp: Path, endpoints: Optional[Path] = None) -> Cluster:
    directory = tmp / f"cluster-{replicas}-{int(time.time())}"
    directory.mkdir()
    cluster = Cluster(directory, replicas)
    if endpoints:
        cluster.extra_env["CLUSTER_ENDPOINTS"] = str(endpoints)
    return cluster.start()


def _webhook(cluster: Cluster) -> str:
    return f"{cluster.balancer}/webhooks/rest/webhook"


def measure(replicas: int, messages: List[str], tmp: Path, endpoints: Optional[Path] = None,
            label: str = "") -> Run:
    cluster = _cluster(replicas, tmp, endpoints)
    try:
        run_load(_webhook(cluster), USERS, 2, messages, seed=1)  # warm-up: every replica's first answers
        load = run_load(_webhook(cluster), USERS, PER_USER, messages)
        memory = [rss_mb(cluster.pid(f"rasa-{port}")) for port in cluster.replica_ports]
        return Run(label or f"{replicas} replica{'s' if replicas > 1 else ''}", load, memory,
                   rss_mb(cluster.pid("actions")))
    finally:
        cluster.stop()


def measure_kill(messages: List[str], tmp: Path) -> Tuple[LoadResult, float, int]:
    """Load on 3 replicas; one is killed after KILL_AFTER s. (load, kill time, replica)."""
    cluster = _cluster(3, tmp)
    try:
        run_load(_webhook(cluster), USERS, 2, messages, seed=1)
        victim = cluster.replica_ports[0]
        killed: List[float] = []

        def kill_later() -> None:
            time.sleep(KILL_AFTER)
            killed.append(time.perf_counter())
            cluster.kill_replica(victim)

        killer = Thread(target=kill_later)
        killer.start()
        load = run_load(_webhook(cluster), USERS, 40, messages, pause=0.2)
        killer.join()
        return load, killed[0], victim
    finally:
        cluster.stop()


def _plain_store_endpoints(tmp: Path) -> Path:
    """endpoints.cluster.yml with Rasa's own SQLTrackerStore (no cache)."""
    text = (ROOT / "endpoints.cluster.yml").read_text()
    text = text.replace("type: runtime.cached_tracker_store.CachedSQLTrackerStore", "type: SQL")
    text = re.sub(r"\n  cache_size: \d+", "", text)
    path = tmp / "endpoints.plain.yml"
    path.write_text(text)
    return path


def _row(run: Run) -> str:
    load = run.load
    memory = ", ".join(f"{mb:.0f}" for mb in run.replica_mb)
    return (f"| {run.label} | {load.throughput:.1f} | {load.percentile(50) * 1000:.0f} | "
            f"{load.percentile(95) * 1000:.0f} | {load.errors} | {memory} | {run.action_mb:.0f} |")


def report(runs: List[Run], kill: Tuple[LoadResult, float, int], cache: List[Run]) -> str:
    load, killed, victim = kill
    window = [(start, latency, ok) for start, latency, ok in load.samples if killed <= start < killed + KILL_WINDOW]
    in_flight = [s for s in load.samples if s[0] < killed < s[0] + s[1]]
    latencies = sorted(latency for _, latency, _ in window)
    p95 = latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))] if latencies else float("nan")
    one = runs[0].load.throughput
    lines = [
        SECTION,
        "",
        f"Machine: {machine()}. {USERS} simulated patients through HAProxy, {PER_USER} messages each",
        "(held-out NLU test messages), after a warm-up. PostgreSQL, Redis, the action server, HAProxy",
        "and every replica share the same 2 cores.",
        "",
        "| replicas | messages/s | p50 ms | p95 ms | errors | RSS per replica MB | action server MB |",
        "|---|---|---|---|---|---|---|",
        *(_row(run) for run in runs),
        "",
        "Throughput relative to 1 replica: "
        + ", ".join(f"{run.label} {run.load.throughput / one:.2f}x" for run in runs) + ".",
        "",
        f"**Killing a replica under load** (3 replicas, {USERS} patients, replica {victim} SIGKILLed "
        f"after {KILL_AFTER:.0f} s): {len(in_flight)} requests were in flight at the kill. In the "
        f"{KILL_WINDOW:.0f} s after it: {len(window)} requests, {sum(not ok for *_, ok in window)} errors, "
        f"p95 {p95 * 1000:.0f} ms, slowest {max(latencies) * 1000 if latencies else float('nan'):.0f} ms.",
        "",
        "**The conversation store's cache on PostgreSQL** (2 replicas):",
        "",
        "| store | messages/s | p50 ms | p95 ms | errors | RSS per replica MB | action server MB |",
        "|---|---|---|---|---|---|---|",
        *(_row(run) for run in cache),
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    messages = test_messages()
    with tempfile.TemporaryDirectory(prefix="bench-cluster-") as tmp_name:
        tmp = Path(tmp_name)
        tmp.chmod(0o755)  # PostgreSQL runs as its own user
        runs = [measure(n, messages, tmp) for n in (1, 2, 3)]
        kill = measure_kill(messages, tmp)
        # Alternated, twice each, so a slow spell of the machine hits both.
        plain = _plain_store_endpoints(tmp)
        cache = [
            measure(2, messages, tmp, endpoints, label=f"{name}, run {n}")
            for n in (1, 2)
            for name, endpoints in (("CachedSQLTrackerStore (validated cache)", None), ("SQLTrackerStore (Rasa's)", plain))
        ]
    section = report(runs, kill, cache)
    text = RESULTS.read_text() if RESULTS.exists() else ""
    if SECTION in text:
        text = text[: text.index(SECTION)].rstrip() + "\n"
    RESULTS.write_text(text.rstrip() + "\n\n" + section + "\n")
    print(section)


if __name__ == "__main__":
    main()
