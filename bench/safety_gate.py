"""What the safety gate costs per message, as a share of reading it.

    python -m bench.safety_gate [--out bench/safety_gate.md]

Loads the trained model in-process and parses the development split of
tests/heldout/safety (ordinary messages, crises and emergencies, 1 to 150
words) three times over. Each parse is timed whole (the NLU pipeline:
splitter, featurizers, intent classifier, entity tagger, safety gate) and
the gate's own ``process`` is timed inside it, so both numbers come from
the same run on the same machine. Reports the median and 95th percentile
per message length, and the gate's share of the parse.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from pathlib import Path
from typing import Any, Dict, List, Tuple

from rasa.core.agent import Agent

from components.safety_gate import SafetyGate
from tests.safety import evaluation
from tests.support.servers import MODEL

ROUNDS = 3


def _timed_gate(spent: List[float]) -> Any:
    original = SafetyGate.process

    def process(self: SafetyGate, messages: Any) -> Any:
        start = time.perf_counter()
        try:
            return original(self, messages)
        finally:
            spent.append(time.perf_counter() - start)

    return original, process


async def measure(model: Path) -> List[Tuple[int, float, float]]:
    """(words, parse seconds, gate seconds) for every parse."""
    gate_times: List[float] = []
    original, timed = _timed_gate(gate_times)
    SafetyGate.process = timed  # type: ignore[method-assign]
    try:
        agent = Agent.load(str(model))
        texts = [p.text for p in evaluation.load_heldout("dev")]
        await agent.parse_message("warm up")
        rows = []
        for _ in range(ROUNDS):
            for text in texts:
                gate_times.clear()
                start = time.perf_counter()
                await agent.parse_message(text)
                rows.append((len(text.split()), time.perf_counter() - start, sum(gate_times)))
        return rows
    finally:
        SafetyGate.process = original  # type: ignore[method-assign]


def _p95(values: List[float]) -> float:
    return sorted(values)[int(0.95 * (len(values) - 1))]


def report(rows: List[Tuple[int, float, float]]) -> str:
    lines = ["| words | parses | parse median (ms) | gate median (ms) | gate p95 (ms) | gate share of parse |",
             "|---|---|---|---|---|---|"]
    groups: Dict[str, List[Tuple[int, float, float]]] = {**evaluation.by_length(rows, lambda r: r[0]), "all": rows}
    for label, group in groups.items():
        parse = [r[1] * 1000 for r in group]
        gate = [r[2] * 1000 for r in group]
        share = sum(gate) / sum(parse)
        lines.append(f"| {label} | {len(group)} | {statistics.median(parse):.2f} | {statistics.median(gate):.2f} "
                     f"| {_p95(gate):.2f} | {share:.0%} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", type=Path, default=MODEL)
    parser.add_argument("--out", type=Path, default=Path("bench") / "safety_gate.md")
    args = parser.parse_args()
    table = report(asyncio.run(measure(args.model)))
    args.out.write_text(
        "# The safety gate's cost per message\n\n"
        f"`python -m bench.safety_gate`: the development split of tests/heldout/safety parsed {ROUNDS} times "
        "in-process; each parse timed whole and the gate's `process` inside it, in the same run.\n\n"
        + table + "\n")
    print(table)


if __name__ == "__main__":
    main()
