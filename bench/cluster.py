"""`make bench-cluster`: the cluster on this machine (scripts/run_cluster.sh),
driven through the balancer by simulated patients over REST.

- throughput, p50 and p95 with 1, 2 and 3 Rasa replicas (20 users);
- (overload, and a replica killed under it: bench/overload.py, its own section);
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
from typing import List, Optional

from bench.load import LoadResult, run_load
from bench.run import machine, rss_mb, test_messages
from bench.sections import replace_section
from tests.cluster.cluster import Cluster
from tests.support.servers import ROOT

RESULTS = ROOT / "bench" / "results.md"
SECTION = "## Cluster (`make bench-cluster`)"
USERS, PER_USER = 20, 8


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


def report(runs: List[Run], cache: List[Run]) -> str:
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
        # Alternated, twice each, so a slow spell of the machine hits both.
        plain = _plain_store_endpoints(tmp)
        cache = [
            measure(2, messages, tmp, endpoints, label=f"{name}, run {n}")
            for n in (1, 2)
            for name, endpoints in (("CachedSQLTrackerStore (validated cache)", None), ("SQLTrackerStore (Rasa's)", plain))
        ]
    section = report(runs, cache)
    replace_section(RESULTS, SECTION, section)
    print(section)


if __name__ == "__main__":
    main()
