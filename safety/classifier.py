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

A dangerous sentence is often buried after an ordinary question, where it
is a small part of the whole message; so a message is also scored clause by
clause and each label keeps its highest score.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Dict, List, Sequence, Tuple

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline

CRISIS = "crisis"
EMERGENCY = "emergency"
CONCERN = "concern"
ORDINARY = "ordinary"
LABELS: Tuple[str, ...] = (CRISIS, EMERGENCY, CONCERN, ORDINARY)

# Sentence ends, and the joins people use to add a second thought.
_CLAUSE_BREAK = re.compile(
    r"[.!?;\n]+|,?\s+\b(?:but|also|btw|and also|plus|anyway|honestly|tbh|mais|aussi|sinon|pero)\b\s*", re.I
)
_MIN_CLAUSE_CHARS = 8


@dataclass(frozen=True)
class Example:
    text: str
    label: str
    language: str = "en"


@dataclass(frozen=True)
class Scores:
    """Probability of each label, the highest over the message and its clauses."""

    crisis: float
    emergency: float
    concern: float


def clauses(text: str) -> List[str]:
    """The whole message, then each clause long enough to mean something.

    >>> clauses("how is votrient taken? also i don't see the point of going on")
    ["how is votrient taken? also i don't see the point of going on", 'how is votrient taken', "i don't see the point of going on"]
    """
    parts = [p.strip() for p in _CLAUSE_BREAK.split(text) if p and p.strip()]
    return [text] + [p for p in parts if len(p) >= _MIN_CLAUSE_CHARS and p != text.strip()]


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


@dataclass(frozen=True)
class _Vectorizer:
    """One fitted TfidfVectorizer, reduced to what scoring needs."""

    analyze: Callable[[str], List[str]]
    vocabulary: Dict[str, int]
    idf: np.ndarray
    offset: int


class SafetyClassifier:
    """Trained with scikit-learn; scores with the same numbers, computed directly.

    scikit-learn's transform and predict_proba cost about 4 ms a message in
    input checks and joblib dispatch for a few short strings, which the
    server would pay on every message. ``scores`` computes the same sublinear
    tf-idf rows, L2-normalised per vectorizer, and the same softmax over the
    same coefficients in well under a millisecond (tested equal to
    ``pipeline.predict_proba``).
    """

    def __init__(self, pipeline: Pipeline) -> None:
        self.pipeline = pipeline
        model: LogisticRegression = pipeline.named_steps["model"]
        classes = list(model.classes_)
        self._columns = [classes.index(label) for label in (CRISIS, EMERGENCY, CONCERN)]
        self._vectorizers: List[_Vectorizer] = []
        offset = 0
        for _, vectorizer in pipeline.named_steps["features"].transformer_list:
            self._vectorizers.append(
                _Vectorizer(vectorizer.build_analyzer(), vectorizer.vocabulary_, vectorizer.idf_, offset)
            )
            offset += len(vectorizer.idf_)
        # One row of class weights per feature, for summing a message's few features.
        self._weights = np.ascontiguousarray(model.coef_.T)
        self._intercept = model.intercept_

    @classmethod
    def train(cls, examples: Sequence[Example], c: float = 10.0) -> "SafetyClassifier":
        labels = {e.label for e in examples}
        if not set(LABELS) <= labels:
            raise ValueError(f"training data lacks the labels {sorted(set(LABELS) - labels)}")
        pipeline = _pipeline(c)
        pipeline.fit([e.text for e in examples], [e.label for e in examples])
        return cls(pipeline)

    def _features(self, text: str) -> Tuple[List[int], List[float]]:
        indices: List[int] = []
        values: List[float] = []
        for part in self._vectorizers:
            counts = Counter(i for i in map(part.vocabulary.get, part.analyze(text)) if i is not None)
            weights = {i: (1.0 + math.log(n)) * part.idf[i] for i, n in counts.items()}
            norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
            indices += [part.offset + i for i in weights]
            values += [w / norm for w in weights.values()]
        return indices, values

    def probabilities(self, text: str) -> np.ndarray:
        """Class probabilities of one text, in the model's class order."""
        indices, values = self._features(text)
        logits = self._intercept + np.asarray(values) @ self._weights[indices] if indices else self._intercept.copy()
        exp = np.exp(logits - logits.max())
        return exp / exp.sum()

    def scores(self, text: str) -> Scores:
        best = np.max([self.probabilities(part)[self._columns] for part in clauses(text)], axis=0)
        return Scores(crisis=float(best[0]), emergency=float(best[1]), concern=float(best[2]))
