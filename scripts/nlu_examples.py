"""(text, intent) pairs of the NLU training data, without entity markup."""

from __future__ import annotations

from pathlib import Path
from typing import List, Tuple

from rasa.shared.nlu.training_data.loading import load_data

ROOT = Path(__file__).resolve().parents[1]


def nlu_examples(path: Path = ROOT / "data" / "nlu.yml") -> List[Tuple[str, str]]:
    data = load_data(str(path))
    return [(m.get("text"), m.get("intent")) for m in data.intent_examples]
