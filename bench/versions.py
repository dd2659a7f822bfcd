"""`make bench-versions BASE=<rev>`: throughput of two versions of this
assistant and of Rasa's reference bot, in one run.

A change to understanding must not make the assistant slower; on a machine
whose speed varies about 3x from day to day, only figures measured side by
side say so. The base revision is checked out in a temporary git worktree,
and both versions serve the same trained model when their configs are the
same (a base with another config trains its own in its tree), each started
fresh, in turns: reference, base, this tree, base,
this tree, reference. Each start drives 20 simulated patients (8 messages
each, the held-out NLU test messages) twice, after a warm-up, and one
patient alone. Writes bench/versions.md.

Run a version alone: ``python bench/versions.py --drive MODEL`` (how it
runs inside each tree).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Dict, List

from bench.load import run_load
from tests.readability.corpus import nlu_test_messages
from tests.support.servers import MODEL, ROOT

RESULTS = ROOT / "bench" / "versions.md"
USERS, PER_USER, ROUNDS = 20, 8, 2
MARK = "RESULT "


def drive(model: Path) -> Dict[str, List[float]]:
    """This tree's assistant on the model: 20-user throughputs and single-user p50s."""
    from tests.support.servers import running_assistant

    messages = nlu_test_messages()
    figures: Dict[str, List[float]] = {"throughput": [], "p50_ms": []}
    with running_assistant(model=model) as assistant:
        run_load(assistant.webhook, 1, 5, messages, seed=1)
        for round_ in range(ROUNDS):
            figures["throughput"].append(run_load(assistant.webhook, USERS, PER_USER, messages, seed=20 + round_).throughput)
            figures["p50_ms"].append(run_load(assistant.webhook, 1, 40, messages, seed=2 + round_).percentile(50) * 1000)
    return figures


def _in_tree(tree: Path, model: Path) -> Dict[str, List[float]]:
    # This file runs in the other tree as a script (an older tree has no
    # bench/versions.py), importing that tree's code and servers.
    env = {**os.environ, "PYTHONPATH": str(tree)}
    run = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--drive", str(model)], cwd=tree, env=env,
                         capture_output=True, text=True)
    if run.returncode != 0:
        raise RuntimeError(f"driving {tree} failed:\n{run.stderr[-3000:]}")
    line = next(line for line in run.stdout.splitlines() if line.startswith(MARK))
    return json.loads(line[len(MARK):])


def _reference(workdir: Path) -> float:
    from bench.run import bench_reference, reference_project

    workdir.mkdir(parents=True, exist_ok=True)
    project, training = reference_project(workdir)
    return bench_reference(nlu_test_messages(), project, training, workdir).concurrent[USERS].throughput


def _worktree(base: str, into: Path) -> Path:
    subprocess.run(["git", "worktree", "add", "--detach", str(into), base], cwd=ROOT, check=True,
                   capture_output=True)
    # The base serves the same model with the same spaCy pipeline and packages.
    (into / "build").symlink_to(ROOT / "build")
    (into / ".venv").symlink_to(ROOT / ".venv")
    return into


def _model_for(base: str, tree: Path) -> Path:
    """The model the base serves: this tree's when the configs are the same
    (only the code differs); otherwise its own, trained in its tree from its
    own config, data and domain (a new NLU component changes the model)."""
    if _same_config(base):
        return MODEL
    env = {**os.environ, "PYTHONPATH": str(tree)}
    subprocess.run([str(ROOT / ".venv" / "bin" / "rasa"), "train", "--config", "config.yml", "--domain", "domain.yml",
                    "--data", "data", "--out", "models", "--fixed-model-name", "assistant"],
                   cwd=tree, env=env, check=True, capture_output=True)
    return tree / "models" / "assistant.tar.gz"


def _same_config(base: str) -> bool:
    shown = subprocess.run(["git", "show", f"{base}:config.yml"], cwd=ROOT, capture_output=True, text=True)
    return shown.returncode == 0 and shown.stdout == (ROOT / "config.yml").read_text()


def report(base: str, head: str, figures: Dict[str, List[float]]) -> str:
    mean = {name: statistics.mean(values) for name, values in figures.items() if values}
    rows = [
        f"| {name} | {', '.join(f'{v:.1f}' for v in figures[name])} | {mean[name]:.1f} | "
        f"{mean[name] / mean['reference']:.2f}x |"
        for name in ("reference", f"base {base}", f"this tree {head}")
    ]
    p50 = {name: statistics.mean(figures[f"{name} p50"]) for name in (f"base {base}", f"this tree {head}")}
    return "\n".join([
        "# Two versions side by side (`make bench-versions`)", "",
        f"{USERS} simulated patients x {PER_USER} messages over REST, {ROUNDS} rounds per start, starts in turns "
        "(reference, base, this tree, base, this tree, reference); each version serves the model of its own "
        "config (one model when the configs are the same).", "",
        "| bot | messages/s, each round | mean | vs reference |", "|---|---|---|---|", *rows, "",
        f"This tree / base: **{mean[f'this tree {head}'] / mean[f'base {base}']:.2f}x** throughput. "
        f"Single-user p50: base {p50[f'base {base}']:.0f} ms, this tree {p50[f'this tree {head}']:.0f} ms.", "",
    ])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", help="the revision to compare with")
    parser.add_argument("--drive", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.drive:
        print(MARK + json.dumps(drive(args.drive)), flush=True)
        return
    if not args.base:
        sys.exit("--base: the revision to compare with")
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    base_name, head_name = f"base {args.base}", f"this tree {head}"
    figures: Dict[str, List[float]] = {"reference": [], base_name: [], head_name: [],
                                       f"{base_name} p50": [], f"{head_name} p50": []}
    with tempfile.TemporaryDirectory(prefix="versions-") as tmp:
        workdir = Path(tmp)
        tree = _worktree(args.base, workdir / "base")
        try:
            models = {base_name: _model_for(args.base, tree), head_name: MODEL}
            figures["reference"].append(_reference(workdir / "ref1"))
            for _ in range(2):
                for name, root in ((base_name, tree), (head_name, ROOT)):
                    print(f"[{name}] {USERS} users x {PER_USER} messages, {ROUNDS} rounds", flush=True)
                    measured = _in_tree(root, models[name])
                    figures[name] += measured["throughput"]
                    figures[f"{name} p50"] += measured["p50_ms"]
            figures["reference"].append(_reference(workdir / "ref2"))
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT, capture_output=True)
    text = report(args.base, head, figures)
    RESULTS.write_text(text)
    print(text)


if __name__ == "__main__":
    main()
