"""The two NLU components that replaced DIET (issue 4)."""

from typing import Optional

from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.extractors.crf_entity_extractor import CRFToken

from components.linear_intent_classifier import LinearIntentClassifier
from components.spelling_tolerant_crf import SpellingTolerantCRFEntityExtractor, char_ngrams
from rasa.shared.nlu.training_data.message import Message


def test_char_ngrams_mark_word_edges_and_ignore_case():
    grams = set(char_ngrams("Gleevec"))
    assert {"<gl", "<gle", "vec>", "eevec", "ec>"} <= grams
    assert all(len(gram) in (3, 4, 5) for gram in grams)


def test_a_misspelling_shares_most_ngrams_with_the_name():
    name, typo, other = (set(char_ngrams(word)) for word in ("rozlytrek", "rozlytreck", "ifosfamide"))
    assert len(name & typo) > len(name) / 2
    assert not name & other


def _token(text: str) -> CRFToken:
    return CRFToken(text=text, pos_tag="", pattern={}, dense_features=None, entity_tag="O",
                    entity_role_tag="O", entity_group_tag="O")


def test_crf_features_include_the_current_words_ngrams_only():
    config = SpellingTolerantCRFEntityExtractor.get_default_config()
    tokens = [_token("and"), _token("opdivo")]
    features = SpellingTolerantCRFEntityExtractor._create_features_for_token(
        tokens, 1, 1, range(-1, 2), False, config)
    assert features["0:ngram:<op"] is True
    assert features["0:low"] == "opdivo"
    assert not any(key.startswith("0:ngram:") and "and" in key for key in features)


def test_linear_classifier_uses_the_configured_regularisation(tmp_path):
    storage = LocalModelStorage(tmp_path)
    classifier = LinearIntentClassifier({"C": 10}, "clf", storage, Resource("clf"))
    assert classifier.clf.C == 10
    assert LinearIntentClassifier({}, "clf", storage, Resource("clf")).clf.C == 1.0


def _featurised(text: str, values: list, chars: Optional[list] = None) -> Message:
    """Sentence counts (and character counts from a second featurizer), with
    each token's counts as sequence features, as the pipeline gives them."""
    from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, FEATURE_TYPE_SEQUENCE, TEXT
    from rasa.shared.nlu.training_data.features import Features
    from scipy.sparse import coo_matrix

    message = Message(data={TEXT: text})
    for origin, row in (("counts", values), ("chars", chars)):
        if row is not None:
            tokens = coo_matrix([[v if i == t else 0 for i, v in enumerate(row)] for t in range(len(text.split()))])
            message.add_features(Features(tokens, FEATURE_TYPE_SEQUENCE, TEXT, origin))
            message.add_features(Features(coo_matrix([row]), FEATURE_TYPE_SENTENCE, TEXT, origin))
    return message


def test_linear_classifier_builds_the_same_matrix_as_rasa(tmp_path):
    from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier

    classifier = LinearIntentClassifier({}, "clf", LocalModelStorage(tmp_path), Resource("clf"))
    messages = [_featurised("how is votrient taken", [0, 2, 1, 0]), _featurised("hi", [1, 0, 0, 3])]
    ours = classifier._create_X(messages)
    rasas = LogisticRegressionClassifier._create_X(classifier, messages)
    assert ours.shape == rasas.shape == (2, 4)
    assert (ours != rasas).nnz == 0


def test_linear_classifier_stacks_two_featurizers_as_rasa_does(tmp_path):
    from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier

    classifier = LinearIntentClassifier({}, "clf", LocalModelStorage(tmp_path), Resource("clf"))
    for messages in ([_featurised("how is votrient taken", [0, 2, 1, 0], [1, 0, 5])],
                     [_featurised("how is votrient taken", [0, 2, 1, 0], [1, 0, 5]), _featurised("hi", [1, 0, 0, 3], [0, 2, 0])]):
        ours = classifier._create_X(messages)
        rasas = LogisticRegressionClassifier._create_X(classifier, messages)
        assert ours.shape == rasas.shape == (len(messages), 7)
        assert (ours != rasas).nnz == 0


def test_linear_classifier_matrix_for_a_single_message(tmp_path):
    from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier

    classifier = LinearIntentClassifier({}, "clf", LocalModelStorage(tmp_path), Resource("clf"))
    message = [_featurised("hi", [1, 0, 0, 3])]
    assert (classifier._create_X(message) != LogisticRegressionClassifier._create_X(classifier, message)).nnz == 0
