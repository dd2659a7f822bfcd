"""Summarises `rasa test nlu` on the held-out set and fails on a regression.

Reads the intent and entity reports Rasa wrote, prints a short table, writes
it to <results>/summary.md and exits non-zero when intent or entity F1 falls
below the floor the project has reached (see docs/results.md).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

INTENT_F1_FLOOR = 0.93
ENTITY_F1_FLOOR = 0.98


def load(path: Path) -> dict:
    if not path.exists():
        sys.exit(f"missing {path}: did `rasa test nlu` run?")
    return json.loads(path.read_text())


# Rule-based taggers: their patterns are unit-tested, and the held-out NLU
# set does not annotate what they tag.
RULE_BASED = ("ConditionTagger_report.json",)


def entity_report(results: Path) -> Path:
    """The report of the learned entity extractor (the only other
    `*_report.json` Rasa writes for this pipeline, besides the rule-based)."""
    reports = [p for p in results.glob("*_report.json") if p.name not in ("intent_report.json", *RULE_BASED)]
    if len(reports) != 1:
        sys.exit(f"expected one entity report in {results}, found {[p.name for p in reports]}")
    return reports[0]


def weighted_f1(report: dict) -> float:
    """A Rasa report's weighted F1 (micro average where Rasa wrote no weighted one)."""
    return (report.get("weighted avg") or report["micro avg"])["f1-score"]


def main(results: Path) -> int:
    intents = load(results / "intent_report.json")
    entities = load(entity_report(results))
    intent_f1, entity_f1 = weighted_f1(intents), weighted_f1(entities)
    weakest = sorted(
        (name, scores["f1-score"], scores["support"])
        for name, scores in intents.items()
        if isinstance(scores, dict) and "support" in scores and name not in ("micro avg", "macro avg", "weighted avg")
    )
    weakest = sorted(weakest, key=lambda row: row[1])[:5]
    lines = [
        "# NLU held-out test",
        "",
        f"- messages: {intents['weighted avg']['support']}",
        f"- intent accuracy: {intents['accuracy']:.3f}",
        f"- intent F1 (weighted): {intent_f1:.3f}",
        f"- entity F1 (weighted): {entity_f1:.3f}",
        "",
        "| weakest intents | F1 | support |",
        "|---|---|---|",
        *[f"| {name} | {f1:.2f} | {support} |" for name, f1, support in weakest],
    ]
    for label, scores in entities.items():
        if isinstance(scores, dict) and label not in ("micro avg", "macro avg", "weighted avg", "accuracy"):
            lines.append(f"- entity `{label}`: F1 {scores['f1-score']:.3f} (support {scores['support']})")
    summary = "\n".join(lines) + "\n"
    (results / "summary.md").write_text(summary)
    print(summary)
    failed = []
    if intent_f1 < INTENT_F1_FLOOR:
        failed.append(f"intent F1 {intent_f1:.3f} < {INTENT_F1_FLOOR}")
    if entity_f1 < ENTITY_F1_FLOOR:
        failed.append(f"entity F1 {entity_f1:.3f} < {ENTITY_F1_FLOOR}")
    if failed:
        print("NLU regression: " + "; ".join(failed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "results/nlu")))
