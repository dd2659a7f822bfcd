"""`make bench-length`: what one turn costs as a conversation grows.

One patient keeps one conversation going, one message at a time, with each
bot in turn, in one run:

- ours as `make run` starts it (a long conversation goes on in a new session
  every few turns with its slots, runtime/session_rollover.py);
- ours with that rollover off, which is Rasa's own behaviour: one session
  that grows until it expires ("unbounded");
- the reference bot (`rasa init`), as bench/run.py starts it.

Every turn the table gives was sent and timed, but the reference bot is not
sent every turn on the way to turn 1,000: one of its turns costs seconds by
then, and 1,000 of them would take most of an hour. Its first 300 turns are
sent one by one; then its conversation is fast-forwarded to turn 990 with
Rasa's HTTP API, by appending copies of the events of its own turns as it
logged them (the same messages, parse data, actions and replies), and turns
991 to 1,000 are sent and timed. Ours is sent all 1,000 turns.

The figure at turn N is the median latency of turns N-9 to N, so one slow
request does not make a checkpoint. Our turn costs are also given as ratios
to turn 10 of the same conversation, which hold on a noisy machine. Writes
the "## Conversation length" section of bench/results.md and
docs/conversation-length.png.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
import uuid
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence

import requests

from bench.sections import replace_section
from tests.readability.corpus import nlu_test_messages
from tests.support.servers import ROOT, running_assistant

RESULTS = ROOT / "bench" / "results.md"
PICTURE = ROOT / "docs" / "conversation-length.png"
# Every turn's latency, so the plot can be drawn again without a new run.
LATENCIES = ROOT / "bench" / "length.json"
SECTION = "## Conversation length (`make bench-length`)"
CHECKPOINTS = (10, 100, 300, 1000)
WINDOW = 10
# The reference bot's turns sent one by one before its fast-forward.
REFERENCE_SENT = 300


@dataclass
class Curve:
    name: str
    latencies: Dict[int, float]  # seconds, by turn (1 first); turns fast-forwarded have none

    def at(self, turn: int) -> Optional[float]:
        """Median seconds of the WINDOW turns that end at `turn`."""
        window = [self.latencies.get(t) for t in range(turn - WINDOW + 1, turn + 1)]
        if turn < WINDOW or any(seconds is None for seconds in window):
            return None
        return statistics.median(s for s in window if s is not None)

    def growth(self, turn: int, base: int = CHECKPOINTS[0]) -> Optional[float]:
        """What turn `turn` costs as a multiple of turn `base`."""
        return _ratio(self.at(turn), self.at(base))

    @property
    def last_turn(self) -> int:
        return max(self.latencies, default=0)


def script(turns: int, seed: int = 3) -> List[str]:
    """The patient's messages, the same for every bot: drawn from the held-out NLU test set."""
    rng = random.Random(seed)
    messages = nlu_test_messages()
    return [rng.choice(messages) for _ in range(turns)]


def converse(webhook: str, sender: str, messages: Sequence[str], name: str, first_turn: int = 1) -> Dict[int, float]:
    """Sends the messages in one conversation; the seconds each took, by turn."""
    latencies: Dict[int, float] = {}
    with requests.Session() as http:
        for turn, text in enumerate(messages, first_turn):
            started = time.perf_counter()
            response = http.post(webhook, json={"sender": sender, "message": text}, timeout=300)
            response.raise_for_status()
            latencies[turn] = time.perf_counter() - started
            if turn % 100 == 0:
                print(f"[{name}] turn {turn}: {latencies[turn] * 1000:.0f} ms", flush=True)
    return latencies


def warm_up(webhook: str) -> None:
    """A fresh server's first messages load what it loads lazily: not a turn's cost."""
    converse(webhook, _sender(), script(5, seed=1), "warm-up")


def _sender() -> str:
    return f"length-{uuid.uuid4().hex[:12]}"


def fast_forward(rasa_url: str, sender: str, to_turns: int) -> None:
    """Appends copies of the conversation's own logged turns until it has
    `to_turns` user turns (Rasa's HTTP API, `--enable-api`)."""
    tracker = f"{rasa_url}/conversations/{sender}/tracker"
    events: List[Dict[str, Any]] = requests.get(tracker, params={"include_events": "ALL"}, timeout=300).json()["events"]
    starts = [i for i, event in enumerate(events) if event.get("event") == "user"]
    turns = [events[a:b] for a, b in zip(starts, starts[1:] + [len(events)])]
    added: List[Dict[str, Any]] = []
    timestamp = float(events[-1]["timestamp"])
    for n in range(to_turns - len(turns)):
        for event in turns[n % len(turns)]:
            timestamp += 0.001
            added.append({**event, "timestamp": timestamp})
    requests.post(f"{tracker}/events", json=added, params={"include_events": "NONE"}, timeout=600).raise_for_status()


def measure(project: Path, workdir: Path, turns: int, unbounded_turns: int) -> List[Curve]:
    from bench.run import running_reference

    messages = script(turns)
    curves = []
    with running_assistant(workdir / "ours-logs") as ours:
        warm_up(ours.webhook)
        curves.append(Curve("ours", converse(ours.webhook, _sender(), messages, "ours")))
    with running_assistant(workdir / "unbounded-logs", rasa_env={"RASA_TURNS_PER_SESSION": "0"}) as ours:
        warm_up(ours.webhook)
        curves.append(Curve("ours, one unbounded session",
                            converse(ours.webhook, _sender(), messages[:unbounded_turns], "ours, unbounded")))
    with running_reference(project, workdir / "reference-length.log", api=True) as (webhook, _, _):
        warm_up(webhook)
        sender, sent = _sender(), min(turns, REFERENCE_SENT)
        latencies = converse(webhook, sender, messages[:sent], "reference")
        if turns > sent:
            resume = max(sent, turns - WINDOW)
            fast_forward(webhook.split("/webhooks/")[0], sender, resume)
            latencies.update(converse(webhook, sender, messages[resume:], "reference", first_turn=resume + 1))
        curves.append(Curve("reference bot (rasa init)", latencies))
    return curves


def _ms(seconds: Optional[float]) -> str:
    return "not run" if seconds is None else f"{seconds * 1000:.0f} ms"


def _times(ratio: Optional[float]) -> str:
    if ratio is None:
        return ""
    return f"{ratio:.2f}×" if ratio >= 0.1 else f"{ratio:.3f}×"


def report(curves: List[Curve]) -> str:
    ours, unbounded, reference = curves
    rows = [
        f"| {turn} | {_ms(ours.at(turn))} | {_times(ours.growth(turn))} | {_ms(unbounded.at(turn))} "
        f"| {_times(unbounded.growth(turn))} | {_ms(reference.at(turn))} | {_times(reference.growth(turn))} "
        f"| {_times(_ratio(ours.at(turn), reference.at(turn)))} |"
        for turn in CHECKPOINTS
    ]
    growth_300 = ours.growth(300)
    lines = [
        SECTION,
        "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}: one conversation per bot, one message at a",
        f"time, {ours.last_turn} turns (the unbounded session {unbounded.last_turn}), the same messages for every",
        f"bot. Each figure is the median of the {WINDOW} turns that end at that turn; \"× turn 10\" is what that",
        "turn costs against the same conversation's turn 10. The reference bot's conversation was sent",
        f"{min(REFERENCE_SENT, reference.last_turn)} turns one by one, then fast-forwarded with copies of its own logged turns to",
        f"{reference.last_turn - WINDOW}, then sent its last {WINDOW} turns (bench/length.py). Plot: docs/conversation-length.png.",
        "",
        "| turn | ours | × turn 10 | ours, one unbounded session | × turn 10 | reference bot | × turn 10 "
        "| ours / reference |",
        "|---|---|---|---|---|---|---|---|",
        *rows,
        "",
        "| target | met |",
        "|---|---|",
        f"| turn 300 costs at most 1.5× turn 10 ({_times(growth_300)}) "
        f"| {'yes' if growth_300 is not None and growth_300 <= 1.5 else 'NO'} |",
        "",
    ]
    return "\n".join(lines)


def _ratio(a: Optional[float], b: Optional[float]) -> Optional[float]:
    return a / b if a is not None and b else None


def rolling_median(latencies: Sequence[float]) -> List[float]:
    """Milliseconds: the median of each full window of WINDOW turns."""
    return [statistics.median(latencies[i - WINDOW + 1:i + 1]) * 1000 for i in range(WINDOW - 1, len(latencies))]


def _runs(latencies: Dict[int, float]) -> List[List[int]]:
    """The turns that were sent, in runs of consecutive turns."""
    runs: List[List[int]] = []
    for turn in sorted(latencies):
        if runs and runs[-1][-1] == turn - 1:
            runs[-1].append(turn)
        else:
            runs.append([turn])
    return runs


def plot(curves: List[Curve]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(figsize=(9, 4.8))
    for curve, colour in zip(curves, ("#2e7d32", "#f9a825", "#1565c0")):
        for n, run in enumerate(_runs(curve.latencies)):
            seconds = [curve.latencies[t] for t in run]
            if len(run) > WINDOW:
                axes.plot(run[WINDOW - 1:], rolling_median(seconds), label=None if n else curve.name,
                          color=colour, linewidth=1.6)
            else:  # the reference bot's last turns, after its fast-forward
                axes.plot(run, [s * 1000 for s in seconds], "o", color=colour, markersize=3,
                          label=None if n else curve.name)
    for turn in CHECKPOINTS:
        axes.axvline(turn, color="#9e9e9e", linestyle=":", linewidth=0.8)
    axes.set_xlabel("turn of the conversation")
    axes.set_ylabel(f"ms per turn (median of {WINDOW}), log scale")
    axes.set_yscale("log")
    axes.set_title("What one turn costs as one conversation grows")
    axes.legend(loc="upper left")
    figure.tight_layout()
    figure.savefig(PICTURE, dpi=110)


def main(workdir: Optional[Path] = None, project: Optional[Path] = None, turns: int = CHECKPOINTS[-1],
         unbounded_turns: int = 300) -> None:
    from bench.run import reference_project

    with ExitStack() as stack:
        if workdir is None:
            workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-length-")))
        if project is None:
            project, _ = reference_project(workdir)
        curves = measure(project, workdir, turns, unbounded_turns)
    section = report(curves)
    replace_section(RESULTS, SECTION, section)
    LATENCIES.write_text(json.dumps({c.name: c.latencies for c in curves}, indent=0) + "\n")
    plot(curves)
    print(section)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=CHECKPOINTS[-1])
    parser.add_argument("--unbounded-turns", type=int, default=300,
                        help="turns of the conversation with the rollover off (each costs more and more)")
    args = parser.parse_args()
    main(turns=args.turns, unbounded_turns=args.unbounded_turns)
