"""`make bench`: how fast the assistant is, measured against Rasa's reference bot.

Both bots are trained here (training time), started (model load time) and
driven over the REST channel with the same simulated patients: one user,
then 20 and 50 concurrent users, each in their own conversation, sending
messages drawn from the held-out NLU test set. Our figures are also given as
ratios to the reference bot's, measured in the same run, so the comparison
holds on a noisy machine. Writes bench/results.md.

The reference bot is the one `rasa init` creates, with Rasa's default
config; it answers from domain responses with no action server.
"""

from __future__ import annotations

import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional

import yaml

from bench.load import LoadResult, run_load
from tests.support.servers import ROOT, free_port, running_assistant, stop, wait_until_up

BIN = Path(sys.executable).parent
RESULTS = ROOT / "bench" / "results.md"
SINGLE_USER_MESSAGES = 80
CONCURRENCY = {20: 8, 50: 6}  # users: messages each


@dataclass
class BotFigures:
    name: str
    training_seconds: float
    load_seconds: float
    single: LoadResult
    concurrent: Dict[int, LoadResult]
    rasa_rss_mb: float
    action_rss_mb: Optional[float]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def test_messages() -> List[str]:
    data = yaml.safe_load((ROOT / "tests" / "nlu" / "nlu_test.yml").read_text())
    plain = re.compile(r"\[([^\]]+)\]\([^)]+\)")
    return [
        plain.sub(r"\1", line.strip()[2:])
        for block in data["nlu"]
        for line in block["examples"].splitlines()
        if line.strip().startswith("- ")
    ]


def timed(command: List[str], cwd: Path) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def drive(name: str, webhook: str, messages: List[str]) -> Dict[str, object]:
    print(f"[{name}] warm-up, then 1 user x {SINGLE_USER_MESSAGES} messages", flush=True)
    run_load(webhook, 1, 5, messages, seed=1)
    single = run_load(webhook, 1, SINGLE_USER_MESSAGES, messages, seed=2)
    concurrent = {}
    for users, per_user in CONCURRENCY.items():
        print(f"[{name}] {users} concurrent users x {per_user} messages", flush=True)
        concurrent[users] = run_load(webhook, users, per_user, messages, seed=users)
    return {"single": single, "concurrent": concurrent}


def bench_ours(messages: List[str], workdir: Path) -> BotFigures:
    print("[ours] training (fresh, into a temporary folder)", flush=True)
    training = timed(
        [str(BIN / "rasa"), "train", "--config", "config.yml", "--domain", "domain.yml", "--data", "data",
         "--out", str(workdir / "ours-model"), "--fixed-model-name", "assistant", "--force"],
        ROOT,
    )
    with running_assistant(workdir / "ours-logs", model=workdir / "ours-model" / "assistant.tar.gz") as assistant:
        load = assistant.rasa_load_seconds
        figures = drive("ours", assistant.webhook, messages)
        rasa_rss, action_rss = rss_mb(assistant.rasa_process.pid), rss_mb(assistant.action_process.pid)
    return BotFigures("this assistant", training, load, figures["single"], figures["concurrent"], rasa_rss, action_rss)


def bench_reference(messages: List[str], workdir: Path) -> BotFigures:
    project = workdir / "reference"
    print("[reference] rasa init (trains Rasa's default config)", flush=True)
    # `rasa init` copies the starter project and trains it in one go.
    subprocess.run([str(BIN / "rasa"), "init", "--no-prompt", "--init-dir", str(project)],
                   cwd=workdir, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for model in (project / "models").glob("*.tar.gz"):
        model.unlink()
    training = timed([str(BIN / "rasa"), "train", "--fixed-model-name", "reference"], project)
    port = free_port()
    log = open(workdir / "reference.log", "wb")
    started = time.perf_counter()
    process = subprocess.Popen(
        [str(BIN / "rasa"), "run", "--model", "models/reference.tar.gz", "--interface", "127.0.0.1",
         "--port", str(port), "--credentials", "credentials.yml"],
        cwd=project, stdout=log, stderr=subprocess.STDOUT,
    )
    try:
        wait_until_up(f"http://127.0.0.1:{port}/webhooks/rest/", process)
        load = time.perf_counter() - started
        figures = drive("reference", f"http://127.0.0.1:{port}/webhooks/rest/webhook", messages)
        rasa_rss = rss_mb(process.pid)
    finally:
        stop(process)
    return BotFigures("reference bot (rasa init)", training, load, figures["single"], figures["concurrent"], rasa_rss, None)


def machine() -> str:
    cpu = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
        platform.processor(),
    )
    memory = int(Path("/proc/meminfo").read_text().split()[1]) / 1024 / 1024
    return f"{os.cpu_count()} cores ({cpu}), {memory:.0f} GiB RAM, {platform.platform()}, Python {platform.python_version()}"


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def ratio(ours: float, reference: float) -> str:
    return f"{ours / reference:.2f}×" if reference else "n/a"


def report(ours: BotFigures, ref: BotFigures) -> str:
    rows = [
        ("single user p50", ms(ours.single.percentile(50)), ms(ref.single.percentile(50)), ratio(ours.single.percentile(50), ref.single.percentile(50))),
        ("single user p95", ms(ours.single.percentile(95)), ms(ref.single.percentile(95)), ratio(ours.single.percentile(95), ref.single.percentile(95))),
        ("single user p99", ms(ours.single.percentile(99)), ms(ref.single.percentile(99)), ratio(ours.single.percentile(99), ref.single.percentile(99))),
    ]
    for users in CONCURRENCY:
        o, r = ours.concurrent[users], ref.concurrent[users]
        rows += [
            (f"{users} users: throughput", f"{o.throughput:.1f} msg/s", f"{r.throughput:.1f} msg/s", ratio(o.throughput, r.throughput)),
            (f"{users} users: p95", ms(o.percentile(95)), ms(r.percentile(95)), ratio(o.percentile(95), r.percentile(95))),
            (f"{users} users: errors", f"{o.errors}/{o.messages}", f"{r.errors}/{r.messages}", ""),
        ]
    rows += [
        ("Rasa server memory (RSS)", f"{ours.rasa_rss_mb:.0f} MB", f"{ref.rasa_rss_mb:.0f} MB", ratio(ours.rasa_rss_mb, ref.rasa_rss_mb)),
        ("action server memory (RSS)", f"{ours.action_rss_mb:.0f} MB", "no action server", ""),
        ("model load time", f"{ours.load_seconds:.1f} s", f"{ref.load_seconds:.1f} s", ratio(ours.load_seconds, ref.load_seconds)),
        ("training time", f"{ours.training_seconds:.0f} s", f"{ref.training_seconds:.0f} s", ratio(ours.training_seconds, ref.training_seconds)),
    ]
    o20, r20 = ours.concurrent[20], ref.concurrent[20]
    targets = [
        ("single-user p50 no slower than the reference", ours.single.percentile(50) <= ref.single.percentile(50)),
        ("20 users: at least 2× the reference throughput", o20.throughput >= 2 * r20.throughput),
        ("20 users: p95 under 1 s", o20.percentile(95) < 1.0),
        ("20 users: no errors", o20.errors == 0),
        ("Rasa server memory no more than the reference", ours.rasa_rss_mb <= ref.rasa_rss_mb),
    ]
    lines = [
        "# Benchmark: this assistant vs Rasa's reference bot",
        "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {machine()}.",
        "",
        "Both bots ran one after the other on this machine, over the REST channel, with the same",
        "simulated patients (messages drawn from `tests/nlu/nlu_test.yml`, each patient its own",
        "conversation). Ours answers every message through the action server and keeps",
        "conversations in SQLite; the reference bot (`rasa init`, default config) answers from",
        "domain responses and keeps conversations in memory. Ratio = ours / reference.",
        "",
        "| measure | this assistant | reference bot | ratio |",
        "|---|---|---|---|",
        *[f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows],
        "",
        "| target | met |",
        "|---|---|",
        *[f"| {name} | {'yes' if ok else 'NO'} |" for name, ok in targets],
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    messages = test_messages()
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        workdir = Path(tmp)
        ref = bench_reference(messages, workdir)
        ours = bench_ours(messages, workdir)
    text = report(ours, ref)
    RESULTS.write_text(text)
    print(text)


if __name__ == "__main__":
    main()
