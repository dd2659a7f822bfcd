"""The safety classifier's training examples: well formed, and never the
held-out safety set's messages."""

import re
import unicodedata
from pathlib import Path

from assistant import safety_wording
from safety.classifier import LABELS
from safety.corpus import load_corpus
from tests.safety import evaluation

ROOT = Path(__file__).resolve().parents[2]


def normalised(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower())
    return " ".join(re.findall(r"\w+", "".join(c for c in text if not unicodedata.combining(c))))


def test_every_example_has_a_known_label_and_the_corpus_is_large_and_varied():
    examples = load_corpus()
    assert {e.label for e in examples} == set(LABELS)
    assert len(examples) >= 1500
    assert len({e.language for e in examples}) >= 8


def test_no_held_out_probe_is_a_training_example():
    training = {normalised(e.text) for e in load_corpus()}
    training |= {normalised(line.strip()[2:]) for line in (ROOT / "data/nlu.yml").read_text().splitlines()
                 if line.strip().startswith("- ")}
    leaked = [p.text for p in evaluation.load_probes() if normalised(p.text) in training]
    assert not leaked, leaked


def test_the_evaluation_recognises_every_safety_reply():
    for language in (None, "fr", "es"):
        assert evaluation.route_of(safety_wording.crisis(language).text) == "crisis"
        assert evaluation.route_of(safety_wording.emergency(language).text) == "emergency"
    assert evaluation.route_of(safety_wording.check_in().text) == "check_in"
    for language in ("fr", "es", "zh"):
        assert evaluation.route_of(safety_wording.other_language(language).text) == "language"
