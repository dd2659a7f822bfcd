"""Validates action server responses without re-checking the schema each time.

Profiling a request (bench/profile_request.py) showed that about 48 ms of
every custom action call went into jsonschema's `validate()`, which checks the
schema itself against the JSON Schema meta-schema on every call before
validating the response. The schema never changes, so this builds the
validator once (checking the schema once) and validates each response with
it: the same checks and the same error, for a fraction of the cost.

A second profile (bench/profile_turns.py, issue 21) found the validator still
taking about 9 ms of every call: each event is checked against all 23 event
schemas of Rasa's `oneOf`, to prove that exactly one matches. Each of those
schemas pins the event's name (`"event": {"const": ...}`), so only the one
named by the event can match; the fast path checks each event against that
one schema. A response that fails the fast path is validated again by the
full schema, so its error is Rasa's own.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Dict, Text

from rasa.shared.utils.schemas.events import EVENT_SCHEMA

from jsonschema.exceptions import best_match
from jsonschema.validators import validator_for
from rasa.core.actions import action as rasa_action
from rasa.shared.constants import DOCS_BASE_URL


# Rasa's own implementation, kept for comparison in the tests.
RASA_VALIDATE = rasa_action.RemoteAction._validate_action_result


@lru_cache(maxsize=1)
def _validator() -> Any:
    schema = rasa_action.RemoteAction.action_response_format_spec()
    cls = validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


@lru_cache(maxsize=1)
def _fast_validators() -> Dict[str, Any]:
    """The response without its events' `oneOf`, and one validator per event name."""
    schema = rasa_action.RemoteAction.action_response_format_spec()
    cls = validator_for(schema)
    base = {key: value for key, value in EVENT_SCHEMA.items() if key != "oneOf"}
    validators = {"": cls({**schema, "properties": {**schema["properties"], "events": {"type": "array"}}})}
    for one in EVENT_SCHEMA["oneOf"]:
        validators[one["properties"]["event"]["const"]] = cls({"allOf": [base, one]})
    return validators


def _fast_valid(result: Any) -> bool:
    validators = _fast_validators()
    if not validators[""].is_valid(result):
        return False
    events = result.get("events", []) if isinstance(result, dict) else []
    for event in events:
        name = event.get("event") if isinstance(event, dict) else None
        if not isinstance(name, str) or not name or name not in validators or not validators[name].is_valid(event):
            return False
    return True


def _validate_action_result(self: rasa_action.RemoteAction, result: Dict[Text, Any]) -> bool:
    if _fast_valid(result):
        return True
    error = best_match(_validator().iter_errors(result))
    if error is not None:
        error.message += (
            ". Failed to validate Action server response from API, make sure your "
            "response from the Action endpoint is valid. For more information about "
            f"the format visit {DOCS_BASE_URL}/custom-actions"
        )
        raise error
    return True


def install() -> None:
    rasa_action.RemoteAction._validate_action_result = _validate_action_result
