"""Chooses the safety classifier's thresholds by cross-validation.

    python scripts/tune_safety.py

Trains on four fifths of the training examples (safety/corpus plus the NLU
data) and scores the fifth it has not seen, five times over; the held-out
safety set is never used. Prints, for each threshold, how many crisis and
emergency examples would be routed and how many ordinary ones flagged. The
thresholds in config.yml come from this table (docs/results.md).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Dict, List, Tuple

import numpy as np
from sklearn.model_selection import StratifiedKFold

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from safety.classifier import CONCERN, CRISIS, EMERGENCY, ORDINARY, Example, SafetyClassifier  # noqa: E402
from safety.corpus import from_nlu, load_corpus  # noqa: E402
from scripts.nlu_examples import nlu_examples  # noqa: E402

THRESHOLDS = (0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6)


def cross_validated_scores(examples: List[Example], folds: int = 5) -> List[Tuple[Example, Dict[str, float]]]:
    labels = [e.label for e in examples]
    scored = []
    for train, test in StratifiedKFold(folds, shuffle=True, random_state=7).split(np.zeros(len(labels)), labels):
        classifier = SafetyClassifier.train([examples[i] for i in train])
        for i in test:
            s = classifier.scores(examples[i].text)
            scored.append((examples[i], {CRISIS: s.crisis, EMERGENCY: s.emergency, CONCERN: s.concern}))
    return scored


def main() -> None:
    examples = load_corpus() + from_nlu(nlu_examples())
    scored = cross_validated_scores(examples)
    print(f"{len(examples)} examples, 5-fold cross-validation\n")
    print("| threshold | crisis caught | emergency caught | ordinary flagged (crisis or emergency) | concern caught (any tier) |")
    print("|---|---|---|---|---|")
    for t in THRESHOLDS:
        def flagged(scores: Dict[str, float]) -> bool:
            return scores[CRISIS] >= t or scores[EMERGENCY] >= t

        def rate(label: str, hit) -> str:
            group = [s for e, s in scored if e.label == label]
            return f"{sum(map(hit, group))}/{len(group)}"

        print(f"| {t} | {rate(CRISIS, lambda s: s[CRISIS] >= t or s[EMERGENCY] >= t)} "
              f"| {rate(EMERGENCY, lambda s: s[EMERGENCY] >= t or s[CRISIS] >= t)} "
              f"| {rate(ORDINARY, flagged)} "
              f"| {rate(CONCERN, lambda s: max(s.values()) >= t)} |")
    from safety.decision import Thresholds  # noqa: E402

    chosen = Thresholds()
    ordinary = [s for e, s in scored if e.label == ORDINARY]
    concern = [s for e, s in scored if e.label == CONCERN]

    def check_in(s: Dict[str, float]) -> bool:
        return s[CRISIS] >= chosen.check_in_crisis or s[CONCERN] >= chosen.concern

    print(f"\nCheck-in tier (crisis >= {chosen.check_in_crisis} or concern >= {chosen.concern}, classifier only): "
          f"concern examples {sum(map(check_in, concern))}/{len(concern)}, "
          f"ordinary examples {sum(map(check_in, ordinary))}/{len(ordinary)}")
    from safety.patterns import matched_tier  # noqa: E402

    def routed(e: Example, s: Dict[str, float]) -> bool:
        return matched_tier(e.text) is not None or s[CRISIS] >= chosen.crisis or s[EMERGENCY] >= chosen.emergency

    for label in (CRISIS, EMERGENCY, ORDINARY):
        group = [(e, s) for e, s in scored if e.label == label]
        print(f"With the precise patterns, at the chosen thresholds: {label} routed "
              f"{sum(routed(e, s) for e, s in group)}/{len(group)}")
    misses = [(e.label, e.text) for e, s in scored if e.label != ORDINARY and max(s.values()) < 0.4]
    print(f"\n{len(misses)} crisis/emergency/concern examples under 0.4, for example:")
    for label, text in misses[:15]:
        print(f"  [{label}] {text}")
    false = [(e.text, max(s[CRISIS], s[EMERGENCY])) for e, s in scored
             if e.label == ORDINARY and max(s[CRISIS], s[EMERGENCY]) >= 0.4]
    print(f"\n{len(false)} ordinary examples at 0.4 or more, for example:")
    for text, score in sorted(false, key=lambda x: -x[1])[:15]:
        print(f"  {score:.2f} {text}")


if __name__ == "__main__":
    main()
