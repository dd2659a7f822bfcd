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
]
BAD = [
    {"events": "not a list"},
    {"events": [{"event": "slot"}]},
    {"responses": ["plain string"]},
]


@pytest.mark.parametrize("response", GOOD)
def test_accepts_what_rasa_accepts(response):
    action = RemoteAction("action_answer_question", None)
    assert ORIGINAL(action, response) is True
    assert action_validation._validate_action_result(action, response) is True


@pytest.mark.parametrize("response", BAD)
def test_rejects_what_rasa_rejects_with_the_same_message(response):
    action = RemoteAction("action_answer_question", None)
    with pytest.raises(ValidationError) as original:
        ORIGINAL(action, response)
    with pytest.raises(ValidationError) as cached:
        action_validation._validate_action_result(action, response)
    assert cached.value.message == original.value.message
