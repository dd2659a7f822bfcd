"""Classifies each question of a message on its own.

The message's intent is read from the whole message, and in a long story
the story's words outweigh its question ("my husband's GIST spread to his
liver ... is there a set time?" reads as a question about GIST). This
component reads each part the question finder marked as asking, alone, and
adds to it what it asks: ``intent`` and the ``ranking`` below it.

It learns from the same training examples as the message's classifier, with
its own features (word uni- and bigrams, and character n-grams so that
"side efects" still looks like side effects), because Rasa's featurizers
only featurize whole messages. A message of one part has no question apart
from itself, so nothing is added to it and its intent stands.
"""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional, Text

import joblib
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_union

from assistant.intents import NLU_FALLBACK, PARTS_KEY
from text.questions import asks

logger = logging.getLogger(__name__)

MODEL_FILE = "question_intents.joblib"


def _model(c: float) -> Pipeline:
    features = make_union(
        TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, token_pattern=r"(?u)\b\w[\w']*\b"),
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True),
    )
    return Pipeline([("features", features), ("classifier", LogisticRegression(C=c, max_iter=2000))])


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class QuestionIntentClassifier(GraphComponent):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        # C as the message classifier's; ranking_length: how many intents
        # each question keeps, best first; below fallback_threshold a
        # question's intent is nlu_fallback, as the message's is.
        return {"C": 10.0, "ranking_length": 6, "fallback_threshold": 0.6}

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
                 model: Optional[Pipeline] = None) -> None:
        self._config = config
        self._storage = model_storage
        self._resource = resource
        self._model = model

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "QuestionIntentClassifier":
        return cls(config, model_storage, resource)

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "QuestionIntentClassifier":
        try:
            with model_storage.read_from(resource) as directory:
                model = joblib.load(directory / MODEL_FILE)
        except (ValueError, FileNotFoundError):
            logger.warning("QuestionIntentClassifier: no trained model; questions keep the message's intent")
            model = None
        return cls(config, model_storage, resource, model)

    def train(self, training_data: TrainingData) -> Resource:
        examples = [(m.get(TEXT), m.get(INTENT)) for m in training_data.intent_examples
                    if m.get(TEXT) and m.get(INTENT)]
        if len({intent for _, intent in examples}) < 2:
            return self._resource
        model = _model(float(self._config["C"]))
        model.fit([text.lower() for text, _ in examples], [intent for _, intent in examples])
        with self._storage.write_to(self._resource) as directory:
            joblib.dump(model, directory / MODEL_FILE)
        self._model = model
        return self._resource

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            self._classify_questions(message)
        return messages

    def _classify_questions(self, message: Message) -> None:
        parts = message.get(PARTS_KEY)
        if self._model is None or not isinstance(parts, list) or len(parts) < 2:
            return
        # Only real questions: when no part asks, the question finder marks
        # them all as asking, and the whole message is the question.
        asking = [p for p in parts if isinstance(p, dict) and p.get("asks") and asks(str(p.get("text") or ""))]
        if not asking:
            return
        probabilities = self._model.predict_proba([str(p["text"]).lower() for p in asking])
        names = self._model.classes_
        length = int(self._config["ranking_length"])
        for part, row in zip(asking, probabilities):
            best = row.argsort()[::-1][:length]
            confidence = float(row[best[0]])
            sure = confidence >= float(self._config["fallback_threshold"])
            part["intent"] = str(names[best[0]]) if sure else NLU_FALLBACK
            part["confidence"] = round(confidence, 4)
            part["ranking"] = [str(names[i]) for i in best]
        message.set(PARTS_KEY, parts, add_to_output=True)
