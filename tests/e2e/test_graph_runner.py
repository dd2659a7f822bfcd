"""The runtime's graph runner gives what Rasa's DaskGraphRunner gives, on
the trained model: the same parse data for every held-out NLU message, and
the same next-action prediction for conversations built from them."""

import tempfile
from pathlib import Path

import pytest
from rasa.engine import loader
from rasa.engine.constants import PLACEHOLDER_MESSAGE, PLACEHOLDER_TRACKER
from rasa.engine.runner.dask import DaskGraphRunner
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.shared.core.events import ActionExecuted, SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.core.channels.channel import UserMessage

from runtime.graph_runner import SequentialGraphRunner
from tests.readability.corpus import nlu_test_messages
from tests.support.servers import MODEL

MESSAGES = nlu_test_messages()[:120]


@pytest.fixture(scope="module")
def runners():
    with tempfile.TemporaryDirectory() as rasas, tempfile.TemporaryDirectory() as ours:
        metadata, rasa_runner = loader.load_predict_graph_runner(Path(rasas), MODEL, LocalModelStorage, DaskGraphRunner)
        _, our_runner = loader.load_predict_graph_runner(Path(ours), MODEL, LocalModelStorage, SequentialGraphRunner)
        yield metadata, rasa_runner, our_runner


def parse(runner, target, text):
    (message,) = runner.run(inputs={PLACEHOLDER_MESSAGE: [UserMessage(text)]}, targets=[target])[target]
    return message.as_dict(only_output_properties=True)


def test_the_nlu_reads_every_message_the_same(runners):
    metadata, rasas, ours = runners
    different = [text for text in MESSAGES if parse(rasas, metadata.nlu_target, text) != parse(ours, metadata.nlu_target, text)]
    assert not different


def test_the_policy_predicts_the_same_next_action(runners):
    metadata, rasas, ours = runners
    events = [ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen")]
    for text in MESSAGES[:40]:
        parse_data = parse(rasas, metadata.nlu_target, text)
        events += [UserUttered(text, parse_data["intent"], parse_data.get("entities", []), parse_data)]
        tracker = DialogueStateTracker.from_events("patient", events, metadata.domain.slots)
        predictions = [runner.run(inputs={PLACEHOLDER_TRACKER: tracker}, targets=[metadata.core_target])[metadata.core_target]
                       for runner in (rasas, ours)]
        assert predictions[0].probabilities == predictions[1].probabilities
        assert predictions[0].policy_name == predictions[1].policy_name
        events += [ActionExecuted(metadata.domain.action_names_or_texts[predictions[0].max_confidence_index]),
                   ActionExecuted("action_listen")]
