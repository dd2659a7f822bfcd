"""Intent classification with a linear model instead of a neural network.

The profile in issue 4 showed DIET's TensorFlow call costing about 10 ms of
every message, and TensorFlow models most of the server's memory. With about
a thousand short training messages, a logistic regression over word uni- and
bigram and character n-gram counts classifies at least as well (see
docs/results.md) in well under a millisecond.

Rasa's LogisticRegressionClassifier fixes the regularisation strength at
scikit-learn's default; this subclass makes it configurable so it can be
chosen on a validation split of the training data, and builds the feature
matrix straight from the sparse sentence features (this pipeline has no
dense ones); Rasa's version stacks an empty dense block onto every message,
which was most of the classifier's time. It also combined the messages'
sequence features (a deep copy and a stack of every token's counts) only to
drop them; a profile in issue 21 put that at 3 ms of every message. Only the
sentence features are stacked here, in the same order, so the matrix is the
same one.
"""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, TEXT
from rasa.shared.nlu.training_data.message import Message
from scipy.sparse import csr_matrix, hstack, vstack


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class LinearIntentClassifier(LogisticRegressionClassifier):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {**LogisticRegressionClassifier.get_default_config(), "C": 1.0, "max_iter": 1000}

    def __init__(self, config: Dict[Text, Any], name: Text, model_storage: ModelStorage,
                 resource: Resource) -> None:
        super().__init__(config, name, model_storage, resource)
        self.clf.set_params(C=self.config["C"])

    def _create_X(self, messages: List[Message]) -> csr_matrix:
        if any(message.get_dense_features(TEXT)[1] is not None for message in messages):
            return super()._create_X(messages)
        rows = [_sentence_features(message) for message in messages]
        # One message per call at run time: skip vstack's block assembly.
        return rows[0] if len(rows) == 1 else vstack(rows, format="csr")


def _sentence_features(message: Message) -> csr_matrix:
    """The message's sparse sentence features, side by side in the order the
    featurizers added them, as `Message.get_sparse_features` combines them."""
    blocks = [f.features for f in message.features
              if f.attribute == TEXT and f.is_sparse() and f.type == FEATURE_TYPE_SENTENCE]
    return blocks[0].tocsr() if len(blocks) == 1 else hstack(blocks, format="csr")
