"""The cached validator accepts and rejects exactly what Rasa's own does."""

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction

from runtime import action_validation

ORIGINAL = action_validation.RASA_VALIDATE

GOOD = [
    {"events": [], "responses": []},
    {"events": [{"event": "slot", "name": "drug", "value": "imatinib"}], "responses": [{"text": "hi", "buttons": []}]},
    {"events": [{"event": "session_started"}, {"event": "action", "name": "action_listen"}]},
    {"events": [{"event": "bot", "text": "hello", "data": {"buttons": [{"title": "a", "payload": "/b"}]},
                 "metadata": {}, "timestamp": 1.5},
                {"event": "user", "text": "hi", "parse_data": {"intent": {"name": "greet", "confidence": 1.0},
                                                               "entities": [{"entity": "drug", "value": "x"}]}}]},
]
BAD = [
    {"events": "not a list"},
    {"events": [{"event": "slot"}]},
    {"responses": ["plain string"]},
    # The fast path checks each event against its own type's schema only.
    {"events": [{"event": "no_such_event"}]},
    {"events": [{"event": "slot", "name": "drug", "value": "x"}, {"event": "user", "text": 3}]},
    {"events": [{"event": "action", "name": "action_listen", "timestamp": "noon"}]},
    {"events": ["slot"]},
    {"events": [{"name": "drug", "value": "x"}]},
]


@pytest.mark.parametrize("response", GOOD)
def test_accepts_what_rasa_accepts(response):
    action = RemoteAction("action_answer_question", None)
    assert ORIGINAL(action, response) is True
    assert action_validation._validate_action_result(action, response) is True


@pytest.mark.parametrize("response", BAD)
def test_the_fast_path_refuses_what_rasa_rejects(response):
    assert not action_validation._fast_valid(response)


@pytest.mark.parametrize("response", BAD)
def test_rejects_what_rasa_rejects_with_the_same_message(response):
    action = RemoteAction("action_answer_question", None)
    with pytest.raises(ValidationError) as original:
        ORIGINAL(action, response)
    with pytest.raises(ValidationError) as cached:
        action_validation._validate_action_result(action, response)
    assert cached.value.message == original.value.message
