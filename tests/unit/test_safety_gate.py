"""The Rasa component: trained on the corpus and the NLU data, stored and
loaded like any Rasa model part, and overriding the intent classifier."""

from pathlib import Path

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.loading import load_data
from rasa.shared.nlu.training_data.message import Message

from assistant.intents import SAFETY_KEY
from components.safety_gate import SafetyGate
from safety import corpus

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def gate(tmp_path_factory) -> SafetyGate:
    storage = LocalModelStorage(tmp_path_factory.mktemp("model"))
    resource = Resource("safety_gate")
    context = ExecutionContext(GraphSchema({}), "test")
    config = SafetyGate.get_default_config()
    SafetyGate.create(config, storage, resource, context).train(load_data(str(ROOT / "data" / "nlu.yml")))
    # What the server runs: the stored model, loaded back.
    return SafetyGate.load(config, storage, resource, context)


def message(text: str, intent: str = "ask_drug_overview", confidence: float = 0.9) -> Message:
    return Message(data={"text": text, "intent": {"name": intent, "confidence": confidence},
                         "intent_ranking": [{"name": intent, "confidence": confidence}]})


def test_the_gate_overrides_the_classifier_and_the_fallback(gate):
    crisis = message("i want to end my life", "nlu_fallback", 0.3)
    ordinary = message("how is votrient taken", "ask_drug_administration")
    gate.process([crisis, ordinary])
    assert crisis.get("intent") == {"name": "crisis", "confidence": 1.0}
    assert crisis.get("intent_ranking")[0]["name"] == "crisis"
    assert ordinary.get("intent")["name"] == "ask_drug_administration"
    assert ordinary.get(SAFETY_KEY) == {"reason": "", "check_in": False, "language": None}


def test_french_gets_its_language_noted(gate):
    crisis, question = message("j'ai envie d'en finir", "nlu_fallback"), message("comment prendre le votrient?", "ask_drug_administration")
    gate.process([crisis, question])
    assert crisis.get("intent")["name"] == "crisis" and crisis.get(SAFETY_KEY)["language"] == "fr"
    assert question.get("intent")["name"] == "other_language" and question.get(SAFETY_KEY)["language"] == "fr"


def test_changing_the_corpus_changes_the_fingerprint(tmp_path, monkeypatch):
    (tmp_path / "en_extra.yml").write_text('crisis: ["a"]\n')
    before = corpus.fingerprint(tmp_path)
    (tmp_path / "en_extra.yml").write_text('crisis: ["b"]\n')
    assert corpus.fingerprint(tmp_path) != before
    assert SafetyGate.fingerprint_addon({}) == corpus.fingerprint()


def test_the_intent_classifiers_lone_emergency_reading_gives_way_to_its_next(gate):
    calm = Message(data={
        "text": "I feel sad that my husband has to take care of me. He never complains.",
        "intent": {"name": "emergency", "confidence": 0.7},
        "intent_ranking": [{"name": "emergency", "confidence": 0.7}, {"name": "share_feelings", "confidence": 0.2}],
    })
    gate.process([calm])
    assert calm.get("intent")["name"] == "share_feelings"
    assert calm.get(SAFETY_KEY)["reason"] == "intent_classifier_overruled"


def test_the_gate_reads_the_sentences_the_splitter_stored(gate):
    story = message("he is 79 and it can't be cured. he sleeps badly from the hip pain. can votrient ease it?")
    story.set("sentences", [{"start": 0, "end": 6, "text": "he is 79"}, {"start": 7, "end": 20, "text": "i want to die"}])
    gate.process([story])
    assert story.get("intent")["name"] == "crisis"  # it read the stored sentences, not the text again
