"""Each question of a message classified on its own
(components/question_intent_classifier.py)."""

from typing import Any, Dict, List

import pytest
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from assistant.intents import NLU_FALLBACK, PARTS_KEY
from components.question_intent_classifier import QuestionIntentClassifier

EXAMPLES = {
    "ask_drug_duration": ["how long do i take gleevec", "how long will i be on it", "for how many years is it given",
                          "how long is imatinib taken", "is it for life or a few years", "how long do people stay on it"],
    "ask_drug_mechanism": ["how does votrient work", "how does it work", "what does imatinib target",
                           "what does it do to the cancer", "how do these pills work", "what does pazopanib attach to"],
    "share_feelings": ["im so scared", "i feel overwhelmed", "i cant stop crying", "this is all too much",
                       "im terrified of what comes next", "i feel so alone"],
}


def _classifier(tmp_path, **config: Any) -> QuestionIntentClassifier:
    storage = LocalModelStorage(tmp_path)
    resource = Resource("questions")
    classifier = QuestionIntentClassifier({**QuestionIntentClassifier.get_default_config(), **config},
                                          storage, resource)
    classifier.train(TrainingData([Message(data={"text": text, "intent": intent})
                                   for intent, texts in EXAMPLES.items() for text in texts]))
    return classifier


def _parts(*parts: Dict[str, Any]) -> List[Dict[str, Any]]:
    return [dict(p) for p in parts]


STORY = {"start": 0, "end": 38, "text": "my husband is on gleevec for his gist.", "asks": False}
DURATION = {"start": 39, "end": 60, "text": "is there a set time, how long will he be on it?", "asks": True}
MECHANISM = {"start": 61, "end": 78, "text": "how does it work?", "asks": True}


@pytest.fixture(scope="module")
def trained(tmp_path_factory) -> QuestionIntentClassifier:
    return _classifier(tmp_path_factory.mktemp("model"))


def test_each_question_gets_its_own_intent_and_ranking(trained):
    message = Message(data={"text": "...", PARTS_KEY: _parts(STORY, DURATION, MECHANISM)})
    trained.process([message])
    story, duration, mechanism = message.get(PARTS_KEY)
    assert "intent" not in story
    assert duration["intent"] == "ask_drug_duration" and mechanism["intent"] == "ask_drug_mechanism"
    assert duration["ranking"][0] == "ask_drug_duration" and len(duration["ranking"]) == 3


def test_a_message_of_one_part_keeps_its_own_intent(trained):
    message = Message(data={"text": "how does it work?", PARTS_KEY: _parts(MECHANISM)})
    trained.process([message])
    assert "intent" not in message.get(PARTS_KEY)[0]


def test_parts_marked_asking_only_because_none_asks_are_not_classified(trained):
    # "votrient. side effects": the question finder marks both parts asking,
    # because neither does; the whole message is the question.
    parts = _parts({"start": 0, "end": 9, "text": "votrient.", "asks": True},
                   {"start": 10, "end": 22, "text": "side effects", "asks": True})
    message = Message(data={"text": "votrient. side effects", PARTS_KEY: parts})
    trained.process([message])
    assert not any("intent" in p for p in message.get(PARTS_KEY))


def test_an_unsure_question_is_nlu_fallback_with_its_ranking(tmp_path):
    classifier = _classifier(tmp_path, fallback_threshold=0.99)
    message = Message(data={"text": "...", PARTS_KEY: _parts(STORY, MECHANISM)})
    classifier.process([message])
    question = message.get(PARTS_KEY)[1]
    assert question["intent"] == NLU_FALLBACK and question["ranking"][0] == "ask_drug_mechanism"


def test_the_trained_model_is_loaded_back(tmp_path):
    classifier = _classifier(tmp_path)
    loaded = QuestionIntentClassifier.load(QuestionIntentClassifier.get_default_config(),
                                           LocalModelStorage(tmp_path), Resource("questions"), None)
    message = Message(data={"text": "...", PARTS_KEY: _parts(STORY, DURATION)})
    loaded.process([message])
    assert message.get(PARTS_KEY)[1]["intent"] == "ask_drug_duration"
    assert classifier is not loaded
