"""The safety classifier: catches crisis and emergency wordings no pattern lists.

A logistic regression over character n-grams (robust to typos such as
"sucidal" or "cant breath", and to French without accents) and word 1-2
grams, trained on the varied examples in ``safety/corpus`` plus the NLU
training data. Four labels:

- ``crisis``: suicidal thoughts, self-harm, questions about lethal amounts;
- ``emergency``: a medical emergency happening now, to anyone;
- ``concern``: possible but unclear risk (hopelessness, exhaustion), which
  gets an answer plus a gentle 988 line;
- ``ordinary``: everything else.

It reads one sentence or clause at a time (``text.sentences``): risk lives in
a sentence, and a long story scored whole piles up a crisis score from words
such as pain, cure, husband or scared. ``safety.training`` turns the corpus
into sentences to learn from; ``safety.decision`` combines the sentences.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline

CRISIS = "crisis"
EMERGENCY = "emergency"
CONCERN = "concern"
ORDINARY = "ordinary"
LABELS: Tuple[str, ...] = (CRISIS, EMERGENCY, CONCERN, ORDINARY)

@dataclass(frozen=True)
class Example:
    text: str
    label: str
    language: str = "en"


@dataclass(frozen=True)
class Scores:
    """Probability of each risk label for one sentence."""

    crisis: float
    emergency: float
    concern: float


def _pipeline(c: float) -> Pipeline:
    features = FeatureUnion(
        [
            ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True,
                                      strip_accents="unicode", lowercase=True)),
            ("words", TfidfVectorizer(analyzer="word", ngram_range=(1, 2), min_df=1, sublinear_tf=True,
                                      strip_accents="unicode", lowercase=True, token_pattern=r"(?u)\b\w+\b")),
        ]
    )
    # No class weights: "balanced" weights raised recall less than they raised
    # false alarms in cross-validation (scripts/tune_safety.py).
    model = LogisticRegression(C=c, max_iter=3000)
    return Pipeline([("features", features), ("model", model)])


# What of each fitted TfidfVectorizer scoring needs, besides its vocabulary and idf.
_ANALYZER_PARAMS = ("analyzer", "ngram_range", "strip_accents", "lowercase", "token_pattern")


@dataclass(frozen=True)
class _Vectorizer:
    """One fitted TfidfVectorizer, reduced to what scoring needs."""

    params: Dict[str, Any]
    vocabulary: Dict[str, int]
    idf: np.ndarray

    @property
    def analyze(self) -> Callable[[str], List[str]]:
        return TfidfVectorizer(**self.params).build_analyzer()


class SafetyClassifier:
    """Trained with scikit-learn; stored and scored without it.

    scikit-learn's transform and predict_proba cost about 4 ms a message in
    input checks and joblib dispatch for a few short strings, and the
    pipeline loaded with skops took about 65 MB of the server's memory. So
    the classifier keeps only the vocabularies, idf weights and
    coefficients (a few MB, stored as JSON and NumPy arrays) and computes
    the same sublinear tf-idf rows, L2-normalised per vectorizer, and the
    same softmax in well under a millisecond (tested equal to scikit-learn's
    ``predict_proba``).
    """

    def __init__(self, vectorizers: Sequence[_Vectorizer], classes: Sequence[str], coef: np.ndarray,
                 intercept: np.ndarray) -> None:
        self._vectorizers = list(vectorizers)
        self._analyzers = [v.analyze for v in self._vectorizers]
        self._offsets = list(np.cumsum([0] + [len(v.idf) for v in self._vectorizers[:-1]]))
        self.classes = list(classes)
        self._columns = [self.classes.index(label) for label in (CRISIS, EMERGENCY, CONCERN)]
        # One row of class weights per feature, for summing a message's few features.
        self._weights = np.ascontiguousarray(coef.T)
        self._intercept = np.asarray(intercept)
        # The fitted scikit-learn pipeline, kept only after training (for checks).
        self.pipeline: Optional[Pipeline] = None

    @classmethod
    def from_pipeline(cls, pipeline: Pipeline) -> "SafetyClassifier":
        model: LogisticRegression = pipeline.named_steps["model"]
        vectorizers = [
            _Vectorizer({k: vectorizer.get_params()[k] for k in _ANALYZER_PARAMS},
                        {term: int(index) for term, index in vectorizer.vocabulary_.items()}, vectorizer.idf_)
            for _, vectorizer in pipeline.named_steps["features"].transformer_list
        ]
        return cls(vectorizers, [str(c) for c in model.classes_], model.coef_, model.intercept_)

    @classmethod
    def train(cls, examples: Sequence[Example], c: float = 10.0) -> "SafetyClassifier":
        """Fits the scikit-learn pipeline; it stays on ``.pipeline`` for checks."""
        labels = {e.label for e in examples}
        if not set(LABELS) <= labels:
            raise ValueError(f"training data lacks the labels {sorted(set(LABELS) - labels)}")
        pipeline = _pipeline(c)
        pipeline.fit([e.text for e in examples], [e.label for e in examples])
        classifier = cls.from_pipeline(pipeline)
        classifier.pipeline = pipeline
        return classifier

    def save(self, folder: Path) -> None:
        meta = {"classes": self.classes,
                "vectorizers": [{"params": v.params, "vocabulary": v.vocabulary} for v in self._vectorizers]}
        (folder / "safety_classifier.json").write_text(json.dumps(meta), encoding="utf-8")
        arrays = {f"idf{i}": v.idf for i, v in enumerate(self._vectorizers)}
        np.savez(folder / "safety_classifier.npz", coef=self._weights.T, intercept=self._intercept, **arrays)

    @classmethod
    def load(cls, folder: Path) -> "SafetyClassifier":
        meta = json.loads((folder / "safety_classifier.json").read_text(encoding="utf-8"))
        with np.load(folder / "safety_classifier.npz", allow_pickle=False) as arrays:
            vectorizers = []
            for i, v in enumerate(meta["vectorizers"]):
                params = {**v["params"], "ngram_range": tuple(v["params"]["ngram_range"])}
                vectorizers.append(_Vectorizer(params, v["vocabulary"], arrays[f"idf{i}"]))
            return cls(vectorizers, meta["classes"], arrays["coef"], arrays["intercept"])

    def _features(self, text: str) -> Tuple[List[int], List[float]]:
        indices: List[int] = []
        values: List[float] = []
        for part, analyze, offset in zip(self._vectorizers, self._analyzers, self._offsets):
            counts = Counter(i for i in map(part.vocabulary.get, analyze(text)) if i is not None)
            weights = {i: (1.0 + math.log(n)) * part.idf[i] for i, n in counts.items()}
            norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
            indices += [int(offset) + i for i in weights]
            values += [w / norm for w in weights.values()]
        return indices, values

    def probabilities(self, text: str) -> np.ndarray:
        """Class probabilities of one text, in the order of ``classes``."""
        indices, values = self._features(text)
        logits = self._intercept + np.asarray(values) @ self._weights[indices] if indices else self._intercept.copy()
        exp = np.exp(logits - logits.max())
        return exp / exp.sum()

    def scores(self, sentence: str) -> Scores:
        crisis, emergency, concern = self.probabilities(sentence)[self._columns]
        return Scores(crisis=float(crisis), emergency=float(emergency), concern=float(concern))
