"""Chooses the FallbackClassifier threshold from data, not by feel.

`make tune-fallback` splits data/nlu.yml 80/20, trains an NLU model on the
80 % and runs this script on the 20 % it has not seen (the held-out test set
stays untouched). For each threshold it counts what the fallback would do:
answers kept (correct intent, confident enough), wrong intents caught, and
wrong intents still answered. A wrong answer costs more than a "could you
rephrase?", so the score is kept_correct - WRONG_ANSWER_COST * answered_wrong.
The chosen threshold is the lowest one within PLATEAU of the best score: on a
flat curve, keep more correct answers.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import List, Tuple

from rasa.core.agent import Agent
from rasa.shared.nlu.training_data.loading import load_data

WRONG_ANSWER_COST = 2.0
PLATEAU = 0.02
THRESHOLDS = [round(0.2 + 0.05 * i, 2) for i in range(14)]


async def predictions(model: Path, data: Path) -> List[Tuple[bool, float]]:
    agent = Agent.load(str(model))
    rows = []
    for example in load_data(str(data)).intent_examples:
        parsed = await agent.parse_message(example.get("text"))
        # The FallbackClassifier puts nlu_fallback first; the classifier's own guess follows.
        ranking = [r for r in parsed["intent_ranking"] if r["name"] != "nlu_fallback"]
        top = ranking[0]
        rows.append((top["name"] == example.get("intent"), top["confidence"]))
    return rows


def main(model: Path, data: Path) -> None:
    rows = asyncio.run(predictions(model, data))
    print(f"{len(rows)} validation messages, intent accuracy {sum(ok for ok, _ in rows) / len(rows):.3f}")
    print("threshold  kept_correct  caught_wrong  answered_wrong  score")
    scores = []
    for threshold in THRESHOLDS:
        kept = sum(ok and conf >= threshold for ok, conf in rows)
        caught = sum(not ok and conf < threshold for ok, conf in rows)
        wrong = sum(not ok and conf >= threshold for ok, conf in rows)
        score = kept - WRONG_ANSWER_COST * wrong
        print(f"{threshold:9.2f}  {kept:12d}  {caught:12d}  {wrong:14d}  {score:5.1f}")
        scores.append((threshold, score))
    best = max(score for _, score in scores)
    chosen = min(t for t, score in scores if score >= best - PLATEAU * abs(best))
    print(f"best score {best:.1f}; chosen threshold (lowest within {PLATEAU:.0%}): {chosen}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
