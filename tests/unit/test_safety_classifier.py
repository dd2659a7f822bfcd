"""The safety classifier: trained on the corpus, and its fast scoring equal
to scikit-learn's own."""

import numpy as np
import pytest

from safety.classifier import SafetyClassifier
from safety.corpus import load_corpus
from safety.decision import Thresholds

TEXTS = [
    "how is votrient taken",
    "i keep thinking everyone would manage fine without me around",
    "my dad's lips went blue and he's gasping",
    "HOW LONG do i take gleevec?? also im so tired of all this",
    "j'ai envie de tout arrêter pour de bon",
    "",
    "zzzz qqqq",
]


@pytest.fixture(scope="module")
def classifier() -> SafetyClassifier:
    return SafetyClassifier.train(load_corpus())


@pytest.fixture(scope="module")
def stored(classifier, tmp_path_factory) -> SafetyClassifier:
    folder = tmp_path_factory.mktemp("classifier")
    classifier.save(folder)
    return SafetyClassifier.load(folder)


@pytest.mark.parametrize("text", TEXTS)
def test_fast_scoring_equals_scikit_learn_before_and_after_storage(classifier, stored, text):
    expected = classifier.pipeline.predict_proba([text])[0]
    assert np.allclose(classifier.probabilities(text), expected, atol=1e-9)
    assert np.allclose(stored.probabilities(text), expected, atol=1e-9)
    assert stored.classes == list(classifier.pipeline.classes_)


def test_unseen_wordings_are_scored_by_meaning_not_by_exact_phrase(classifier):
    # Wordings that no pattern lists and no training example contains.
    chosen = Thresholds()
    assert classifier.scores("lately i keep wishing i could just fall asleep and stay asleep").crisis >= chosen.crisis
    assert classifier.scores("my mother's face went lopsided and she can't get her words out").emergency >= chosen.emergency
    assert max(classifier.scores("how long do people stay on imatinib").__dict__.values()) < 0.2


def test_training_needs_every_label():
    with pytest.raises(ValueError):
        SafetyClassifier.train([e for e in load_corpus() if e.label != "concern"])
