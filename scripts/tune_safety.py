"""Chooses the safety gate's thresholds on the development split, and plots them.

    python scripts/tune_safety.py [--out results/safety/calibration]

Trains the sentence classifier as the gate does (safety/corpus plus the NLU
data), reads every message of the development messages sentence by sentence
(``safety.decision.read_sentence``) and, for every combination of the two
routing thresholds (crisis and emergency, for sentences with evidence
words; a sentence without them never routes), counts
how many ordinary messages would be routed to a crisis or an emergency
reply and how many crises and emergencies would be. The development
messages are the dev split of tests/heldout/safety plus the English probes
of tests/safety/probes.yml; the sealed split is never read here.

The choice: the combination that routes the most crises and emergencies
(all of them, on today's data) with the fewest false alarms; of the
combinations that do equally well, the one nearest their centre, so that
neither recall nor false alarms sits at the edge of a step. Writes the table, the choice and the curves
(false alarms and recall against each threshold, the others held at the
choice) as calibration.md and docs/safety-calibration.png.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Dict, List, Sequence, Tuple

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from safety import corpus, evidence, patterns, training  # noqa: E402
from safety.decision import SentenceReading, Thresholds, read_sentence  # noqa: E402
from scripts.nlu_examples import nlu_examples  # noqa: E402
from tests.safety import evaluation  # noqa: E402
from text.sentences import sentences, units  # noqa: E402

GRID = tuple(round(t, 2) for t in np.arange(0.1, 1.0, 0.05))
# The four thresholds the grid searches; check-in thresholds stay as set.
SEARCHED = ("crisis", "emergency")
PICTURE = ROOT / "docs" / "safety-calibration.png"


@dataclass(frozen=True)
class Message:
    """One development message, reduced to what the thresholds act on."""

    expect: str  # none, crisis, emergency
    crisis_pattern: bool
    emergency_pattern: bool
    # Highest crisis score of a sentence with crisis evidence that also
    # scores crisis at least as high as emergency; likewise emergency.
    crisis_with: float
    emergency_with: float


def reduce(text: str, expect: str, readings: Sequence[SentenceReading]) -> Message:
    def best(tier: str) -> float:
        scores = [
            getattr(r.scores, tier) for r in readings
            if getattr(r, f"{tier}_evidence") and (tier != "crisis" or r.scores.crisis >= r.scores.emergency)
        ]
        return max(scores, default=0.0)

    whole = patterns.message_match(text)
    return Message(
        expect=expect,
        crisis_pattern=bool(whole) or any(r.crisis_pattern for r in readings),
        emergency_pattern=any(r.emergency_pattern for r in readings),
        crisis_with=best("crisis"),
        emergency_with=best("emergency"),
    )


def columns(messages: Sequence[Message]) -> Dict[str, np.ndarray]:
    """The messages as one array a field, so the grid search is quick."""
    return {f.name: np.array([getattr(m, f.name) for m in messages]) for f in fields(Message)}


def routes(arrays: Dict[str, np.ndarray], thresholds: Thresholds) -> Tuple[np.ndarray, np.ndarray]:
    """Whether each message goes to the crisis reply, and whether to the
    emergency reply (crisis first), at these thresholds."""
    crisis = arrays["crisis_pattern"] | (arrays["crisis_with"] >= thresholds.crisis)
    emergency = ~crisis & (arrays["emergency_pattern"] | (arrays["emergency_with"] >= thresholds.emergency))
    return crisis, emergency


@dataclass(frozen=True)
class Outcome:
    false_alarms: int
    ordinary: int
    routed: int
    risky: int

    @property
    def false_alarm_rate(self) -> float:
        return self.false_alarms / max(self.ordinary, 1)

    @property
    def recall(self) -> float:
        return self.routed / max(self.risky, 1)


def outcome(arrays: Dict[str, np.ndarray], thresholds: Thresholds) -> Outcome:
    crisis, emergency = routes(arrays, thresholds)
    expect = arrays["expect"]
    ordinary = expect == "none"
    caught = np.where(expect == "crisis", crisis, crisis | emergency)
    risky = (expect == "crisis") | (expect == "emergency")
    return Outcome(int((ordinary & (crisis | emergency)).sum()), int(ordinary.sum()),
                   int((risky & caught).sum()), int(risky.sum()))


def choose(arrays: Dict[str, np.ndarray], base: Thresholds) -> Tuple[Thresholds, Outcome]:
    """The most crises and emergencies routed, then the fewest false alarms;
    of the combinations that do equally best, the one nearest their centre,
    so that neither recall nor false alarms sits at the edge of a step."""
    scored = []
    for values in itertools.product(GRID, repeat=len(SEARCHED)):
        result = outcome(arrays, replace(base, **dict(zip(SEARCHED, values))))
        scored.append(((result.risky - result.routed, result.false_alarms), values, result))
    best_key = min(key for key, _, _ in scored)
    best = [(values, result) for key, values, result in scored if key == best_key]
    centre = np.mean([values for values, _ in best], axis=0)
    values, result = min(best, key=lambda b: float(np.sum((np.array(b[0]) - centre) ** 2)))
    return replace(base, **dict(zip(SEARCHED, values))), result


def development_messages() -> List[Tuple[str, str]]:
    probes = evaluation.load_heldout("dev") + [p for p in evaluation.load_probes() if p.lang == "en"]
    return [(p.text, p.expect) for p in probes if p.expect in ("none", "crisis", "emergency")]


def plot(arrays: Dict[str, np.ndarray], chosen: Thresholds, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(2, 2, figsize=(11, 6.5), sharex=True, sharey="row")
    for column, name in enumerate(SEARCHED):
        results = [outcome(arrays, replace(chosen, **{name: t})) for t in GRID]
        top, bottom = axes[0][column], axes[1][column]
        top.plot(GRID, [100 * r.false_alarm_rate for r in results], marker="o", color="tab:red")
        top.axhline(0.5, color="tab:red", linestyle=":", label="target: at most 0.5 %")
        bottom.plot(GRID, [100 * r.recall for r in results], marker="s", color="tab:blue")
        bottom.axhline(100, color="tab:blue", linestyle=":", label="target: 100 %")
        for axis in (top, bottom):
            axis.axvline(getattr(chosen, name), color="grey", linestyle="--", label="chosen")
            axis.grid(alpha=0.3)
        top.set_title(f"{name.capitalize()} threshold (sentences with evidence words)")
        bottom.set_xlabel(f"{name} score a sentence needs")
    axes[0][0].set_ylabel("ordinary messages flagged (%)")
    axes[1][0].set_ylabel("crises and emergencies routed (%)")
    axes[0][0].legend(loc="upper right")
    axes[1][0].legend(loc="lower left")
    figure.suptitle("Safety gate calibration on the development split (the other threshold at its chosen value)")
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=110)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "results" / "safety" / "calibration")
    args = parser.parse_args()
    classifier = training.train(corpus.load_corpus() + corpus.from_nlu(nlu_examples()))
    finder = evidence.finder()
    messages = [
        reduce(text, expect, [read_sentence(u.text, classifier.scores, finder) for u in units(sentences(text))])
        for text, expect in development_messages()
    ]
    arrays = columns(messages)
    chosen, result = choose(arrays, Thresholds())
    lines = [
        f"{result.ordinary} ordinary and {result.risky} crisis or emergency development messages.",
        "",
        "| threshold | value |", "|---|---|",
        *(f"| {name} | {getattr(chosen, name)} |" for name in SEARCHED),
        "",
        f"At the choice: {result.false_alarms}/{result.ordinary} ordinary messages flagged "
        f"({result.false_alarm_rate:.2%}), {result.routed}/{result.risky} crises and emergencies routed.",
        "",
        "| both thresholds at | flagged | routed |", "|---|---|---|",
    ]
    for t in GRID:
        r = outcome(arrays, replace(chosen, **{n: t for n in SEARCHED}))
        lines.append(f"| {t} | {r.false_alarms}/{r.ordinary} | {r.routed}/{r.risky} |")
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "calibration.md").write_text("\n".join(lines) + "\n")
    plot(arrays, chosen, PICTURE)
    print("\n".join(lines))
    print(f"\ncurves: {PICTURE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
