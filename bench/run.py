"""`make bench`: how fast the assistant is, measured against Rasa's reference bot.

Both bots are trained here (training time), started (model load time) and
driven over the REST channel with the same simulated patients: one user,
then 20 and 50 concurrent users, each in their own conversation, sending
messages drawn from the held-out NLU test set. Our figures are also given as
ratios to the reference bot's, measured in the same run, so the comparison
holds on a noisy machine. Writes bench/results.md.

The reference bot is the one `rasa init` creates, with Rasa's default
config; it answers from domain responses with no action server.

"Before" is this assistant as it was before the speed work (issue 4): the
pipeline in bench/before/config.yml (DIET, memoization), trained on today's
data, under stock `rasa run` with Rasa's own SQL tracker store. Both of our
models are also scored on the held-out NLU test set, so a speed-up that cost
accuracy would show in the same table.
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Tuple

import rasa.cli

from scripts.nlu_report import entity_report, load, weighted_f1

from bench import length
from bench.load import LoadResult, run_load
from tests.readability.corpus import nlu_test_messages
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
    intent_f1: Optional[float] = None
    entity_f1: Optional[float] = None


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def test_messages() -> List[str]:
    return nlu_test_messages()


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


def train_ours(workdir: Path, name: str, config: Path) -> Tuple[float, Path]:
    print(f"[{name}] training {config.relative_to(ROOT)} (fresh, into a temporary folder)", flush=True)
    seconds = timed(
        [str(BIN / "rasa"), "train", "--config", str(config), "--domain", "domain.yml", "--data", "data",
         "--out", str(workdir / f"{name}-model"), "--fixed-model-name", "assistant", "--force"],
        ROOT,
    )
    return seconds, workdir / f"{name}-model" / "assistant.tar.gz"


def nlu_accuracy(name: str, model: Path, workdir: Path) -> Tuple[float, float]:
    """Weighted intent and entity F1 on the held-out test set."""
    print(f"[{name}] scoring the model on tests/nlu/nlu_test.yml", flush=True)
    out = workdir / f"{name}-nlu"
    timed([str(BIN / "rasa"), "test", "nlu", "--model", str(model), "--nlu", "tests/nlu/nlu_test.yml",
           "--out", str(out)], ROOT)
    return weighted_f1(load(out / "intent_report.json")), weighted_f1(load(entity_report(out)))


def bench_ours(name: str, messages: List[str], workdir: Path, config: Path, before: bool = False) -> BotFigures:
    """Our assistant as `make run` starts it, or (before) the old pipeline under stock Rasa."""
    training, model = train_ours(workdir, name, config)
    intent_f1, entity_f1 = nlu_accuracy(name, model, workdir)
    command = [str(BIN / "rasa")] if before else None
    with running_assistant(workdir / f"{name}-logs", model=model, rasa_command=command,
                           plain_tracker_store=before) as assistant:
        load = assistant.rasa_load_seconds
        figures = drive(name, assistant.webhook, messages)
        rasa_rss, action_rss = rss_mb(assistant.rasa_process.pid), rss_mb(assistant.action_process.pid)
    return BotFigures(name, training, load, figures["single"], figures["concurrent"], rasa_rss, action_rss,
                      intent_f1, entity_f1)


def reference_project(workdir: Path) -> Tuple[Path, float]:
    """The `rasa init` project, trained (seconds timed), as `rasa init` makes it."""
    project = workdir / "reference"
    print("[reference] the `rasa init` project, trained with Rasa's default config", flush=True)
    # What `rasa init` does: copy Rasa's starter project, then train it (timed here).
    shutil.copytree(Path(rasa.cli.__file__).parent / "initial_project", project)
    return project, timed([str(BIN / "rasa"), "train", "--fixed-model-name", "reference"], project)


@contextmanager
def running_reference(project: Path, log: Path, api: bool = False) -> Iterator[Tuple[str, subprocess.Popen, float]]:
    """The reference bot under stock `rasa run`: (webhook, process, load
    seconds). api: with Rasa's HTTP API on (bench/length.py fast-forwards a
    conversation through it)."""
    port = free_port()
    started = time.perf_counter()
    with open(log, "wb") as output:
        process = subprocess.Popen(
            [str(BIN / "rasa"), "run", "--model", "models/reference.tar.gz", "--interface", "127.0.0.1",
             "--port", str(port), "--credentials", "credentials.yml", *(["--enable-api"] if api else [])],
            cwd=project, stdout=output, stderr=subprocess.STDOUT,
        )
        try:
            wait_until_up(f"http://127.0.0.1:{port}/webhooks/rest/", process)
            yield f"http://127.0.0.1:{port}/webhooks/rest/webhook", process, time.perf_counter() - started
        finally:
            stop(process)


def bench_reference(messages: List[str], project: Path, training: float, workdir: Path) -> BotFigures:
    with running_reference(project, workdir / "reference.log") as (webhook, process, load):
        figures = drive("reference", webhook, messages)
        rasa_rss = rss_mb(process.pid)
    return BotFigures("reference bot (rasa init)", training, load, figures["single"], figures["concurrent"], rasa_rss, None)


def machine() -> str:
    cpu = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
        platform.processor(),
    )
    memory = int(Path("/proc/meminfo").read_text().split()[1]) / 1024 / 1024
    return f"{os.cpu_count()} cores ({cpu}), {memory:.0f} GiB RAM, {platform.platform()}, Python {platform.python_version()}"


def measures(bot: BotFigures) -> List[Tuple[str, float, str]]:
    """(name, value, unit) for every figure of one bot; lower is better except throughput."""
    rows = [
        ("single user p50", bot.single.percentile(50) * 1000, "ms"),
        ("single user p95", bot.single.percentile(95) * 1000, "ms"),
        ("single user p99", bot.single.percentile(99) * 1000, "ms"),
    ]
    for users, result in bot.concurrent.items():
        rows += [
            (f"{users} users: throughput", result.throughput, "msg/s"),
            (f"{users} users: p95", result.percentile(95) * 1000, "ms"),
            (f"{users} users: errors", float(result.errors), f"of {result.messages}"),
            (f"{users} users: no reply", float(result.silent), f"of {result.messages}"),
        ]
    rows += [
        ("Rasa server memory (RSS)", bot.rasa_rss_mb, "MB"),
        ("model load time", bot.load_seconds, "s"),
        ("training time", bot.training_seconds, "s"),
    ]
    return rows


def cell(value: float, unit: str) -> str:
    digits = 1 if unit in ("msg/s", "s") and value < 100 else 0
    return f"{value:.{digits}f} {unit}"


def report(after: BotFigures, before: BotFigures, ref: BotFigures) -> str:
    table = []
    for (name, a, unit), (_, b, _), (_, r, _) in zip(measures(after), measures(before), measures(ref)):
        ratio = "" if ("errors" in name or "no reply" in name) else (f"{a / r:.2f}×" if r else "n/a")
        table.append(f"| {name} | {cell(b, unit)} | {cell(a, unit)} | {cell(r, unit)} | {ratio} |")
    table.append(f"| action server memory (RSS) | {before.action_rss_mb:.0f} MB | {after.action_rss_mb:.0f} MB | none | |")
    table.append(f"| NLU held-out intent F1 | {before.intent_f1:.3f} | {after.intent_f1:.3f} | not scored | |")
    table.append(f"| NLU held-out entity F1 | {before.entity_f1:.3f} | {after.entity_f1:.3f} | not scored | |")
    a20, r20 = after.concurrent[20], ref.concurrent[20]
    targets = [
        ("single-user p50 no slower than the reference", after.single.percentile(50) <= ref.single.percentile(50)),
        ("20 users: at least 2× the reference throughput", a20.throughput >= 2 * r20.throughput),
        ("20 users: p95 under 1 s", a20.percentile(95) < 1.0),
        ("20 users: no errors (and every message answered)", a20.errors == 0 and a20.silent == 0),
        ("Rasa server memory no more than the reference", after.rasa_rss_mb <= ref.rasa_rss_mb),
        ("NLU held-out intent and entity F1 no worse than before",
         after.intent_f1 >= before.intent_f1 and after.entity_f1 >= before.entity_f1),
    ]
    lines = [
        "# Benchmark: this assistant vs Rasa's reference bot",
        "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {machine()}.",
        "",
        "All runs one after the other on this machine, over the REST channel, with the same",
        "simulated patients (messages drawn from `tests/nlu/nlu_test.yml`, each patient its own",
        "conversation). Ours answers every message through the action server and keeps",
        "conversations in SQLite; the reference bot (`rasa init`, Rasa's default config) answers",
        "from domain responses and keeps conversations in memory. \"No reply\": HTTP 200 with an",
        "empty list (the reference bot stays silent on messages outside its small domain).",
        "",
        "- *before*: the pipeline before issue 4 (`bench/before/config.yml`: DIET, memoization), trained on",
        "  the same data, under stock `rasa run` with Rasa's own SQL tracker store;",
        "- *after*: as `make run` starts it (`python -m runtime run`, see runtime/);",
        "- ratio = after / reference (below 1 is better, except throughput).",
        "",
        "| measure | ours before | ours after | reference bot | ratio |",
        "|---|---|---|---|---|",
        *table,
        "",
        "| target (after) | met |",
        "|---|---|",
        *[f"| {name} | {'yes' if ok else 'NO'} |" for name, ok in targets],
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    messages = test_messages()
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        workdir = Path(tmp)
        project, training = reference_project(workdir)
        ref = bench_reference(messages, project, training, workdir)
        before = bench_ours("before", messages, workdir, ROOT / "bench" / "before" / "config.yml", before=True)
        after = bench_ours("after", messages, workdir, ROOT / "config.yml")
        text = report(after, before, ref)
        RESULTS.write_text(with_other_sections(text))
        print(text)
        # Then one long conversation each, on the same reference bot (bench/length.py).
        length.main(workdir, project)


def with_other_sections(text: str) -> str:
    """This run's figures in place of the last run's, above the sections
    other benchmarks write (``## Cluster``, ``## Overload``), which stay."""
    kept = RESULTS.read_text().partition("\n## ") if RESULTS.exists() else ("", "", "")
    return text.rstrip("\n") + ("\n\n## " + kept[2] if kept[1] else "\n")


if __name__ == "__main__":
    main()
