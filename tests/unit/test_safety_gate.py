"""Emergencies and crises win over any other reading of a message."""

import pytest
from rasa.shared.nlu.training_data.message import Message

from components.safety_gate import SafetyGate, safety_intent

EMERGENCIES = [
    "i have chest pain right now",
    "does votrient cause chest pain? i have it now",
    "my husband cant breathe",
    "i think i overdosed on gleevec",
    "i took too many pills",
    "my son swallowed a handful of my pazopanib",
    "she collapsed and is unresponsive",
    "i'm coughing up blood",
    "i took a double dose by mistake",
    "i took 10 of my pazopanib tablets",
    "took 3 gleevec by accident and my heart is pounding",
]
CRISES = [
    "i want to kill myself",
    "thinking about suicide",
    "i dont want to live anymore",
    "i've been hurting myself",
    "im going to take all my pills to end my life",
    "i cant go on like this",
    "nobody would care if i was gone",
    "my son keeps saying he wants to die",
    "i might just take all my votrient at once and be done with it",
]
ORDINARY = [
    "can pazopanib cause high blood pressure",
    "how long do i take imatinib",
    "what if i miss a dose",
    "does targeted therapy help with pain",
    "what is the dose of votrient",
    "tell me about the side effects",
    "is it safe to double up if i forget",
]


@pytest.mark.parametrize("text", EMERGENCIES)
def test_emergencies(text):
    assert safety_intent(text) == "emergency"


@pytest.mark.parametrize("text", CRISES)
def test_crises(text):
    assert safety_intent(text) == "crisis"


@pytest.mark.parametrize("text", ORDINARY + ["", None])
def test_ordinary_questions_pass_through(text):
    assert safety_intent(text) is None


def test_gate_overrides_the_classifier_and_the_fallback():
    message = Message(data={"text": "i want to end my life", "intent": {"name": "nlu_fallback", "confidence": 0.3}, "intent_ranking": [{"name": "ask_side_effects", "confidence": 0.2}]})
    ordinary = Message(data={"text": "how is votrient taken", "intent": {"name": "ask_drug_administration", "confidence": 0.9}})
    SafetyGate().process([message, ordinary])
    assert message.get("intent") == {"name": "crisis", "confidence": 1.0}
    assert message.get("intent_ranking")[0]["name"] == "crisis"
    assert ordinary.get("intent")["name"] == "ask_drug_administration"


@pytest.mark.parametrize(
    "text,expected",
    [
        ("how much larotrectinib shoud he get", "personal_advice"),
        ("took my vitrakvi 6 hours late is that ok", "personal_advice"),
        ("i want to quit imatinib is that ok", "personal_advice"),
        ("tell me something funny", "nlu_fallback"),
    ],
)
def test_personal_decisions_the_classifier_gave_up_on_are_referred(text, expected):
    message = Message(data={"text": text, "intent": {"name": "nlu_fallback", "confidence": 0.65}})
    SafetyGate().process([message])
    assert message.get("intent")["name"] == expected


def test_personal_decision_net_does_not_override_a_confident_intent():
    message = Message(data={"text": "what is the dose of votrient", "intent": {"name": "ask_dose", "confidence": 0.97}})
    SafetyGate().process([message])
    assert message.get("intent")["name"] == "ask_dose"


@pytest.mark.parametrize(
    "text",
    ["i missed a dose of votrient yesterday what do i do", "forgot to take my gleevec pills this morning",
     "what if you skip a dose", "I MISSED MY TABLET"],
)
def test_a_missed_dose_is_always_referred_even_when_read_as_a_dose_question(text):
    message = Message(data={"text": text, "intent": {"name": "ask_dose", "confidence": 0.9}})
    SafetyGate().process([message])
    assert message.get("intent") == {"name": "personal_advice", "confidence": 1.0}


@pytest.mark.parametrize("text", ["what is the dose of votrient", "i forgot what you said about side effects"])
def test_the_missed_dose_rule_leaves_other_questions_alone(text):
    message = Message(data={"text": text, "intent": {"name": "ask_dose", "confidence": 0.9}})
    SafetyGate().process([message])
    assert message.get("intent")["name"] == "ask_dose"


def test_an_overdose_is_still_an_emergency_not_a_missed_dose():
    message = Message(data={"text": "i forgot i had taken my pill and took a double dose", "intent": {"name": "ask_dose", "confidence": 0.9}})
    SafetyGate().process([message])
    assert message.get("intent")["name"] == "emergency"
