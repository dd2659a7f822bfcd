"""A long conversation goes on in a new session with every slot as it was,
silently, so that a turn's cost is bounded by one session's length."""

import asyncio
from typing import List

from rasa.core.processor import MessageProcessor
from rasa.shared.core.constants import ACTION_LISTEN_NAME, ACTION_SESSION_START_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, Event, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from assistant.slots import CARRIED_SLOTS
from runtime import session_rollover

DOMAIN = Domain.load("domain.yml")


def turns(count: int) -> List[Event]:
    events: List[Event] = []
    for n in range(count):
        events += [
            UserUttered(f"question {n}", intent={"name": "ask_drug_overview", "confidence": 1.0}),
            ActionExecuted("action_answer_question"),
            BotUttered("an answer"),
            ActionExecuted(ACTION_LISTEN_NAME),
        ]
    return events


def tracker_with(events: List[Event]) -> DialogueStateTracker:
    start = [ActionExecuted(ACTION_SESSION_START_NAME), SessionStarted(), ActionExecuted(ACTION_LISTEN_NAME)]
    return DialogueStateTracker.from_events("patient", start + events, DOMAIN.slots)


def latest_session(tracker: DialogueStateTracker) -> List[Event]:
    """The events after the latest SessionStarted, as the tracker stores load them."""
    events = list(tracker.events)
    starts = [i for i, e in enumerate(events) if isinstance(e, SessionStarted)]
    return events[starts[-1] + 1:]


def test_only_the_latest_sessions_user_turns_count():
    tracker = tracker_with(turns(7) + [SessionStarted(), ActionExecuted(ACTION_LISTEN_NAME)] + turns(3))
    assert session_rollover.user_turns_in_session(tracker) == 3


def test_a_session_is_full_at_the_limit_and_never_when_the_limit_is_off():
    tracker = tracker_with(turns(5))
    assert session_rollover.session_is_full(tracker, limit=5)
    assert not session_rollover.session_is_full(tracker, limit=6)
    assert not session_rollover.session_is_full(tracker, limit=0)


def test_the_new_session_carries_the_context_and_the_care_list_and_says_nothing():
    slots = [SlotSet("drug", "pazopanib"), SlotSet("drug_group", ["pazopanib", "imatinib"]),
             SlotSet("listed_drugs", ["larotrectinib", "entrectinib"]), SlotSet("topic", "ask_side_effects"),
             SlotSet("sections", ["Side effects"]),
             SlotSet("care_questions", [{"question": "Can I fly?", "ask": "TEAM"}]),
             SlotSet("care_list_offered", True)]
    tracker = tracker_with(turns(4) + slots)
    before = {name: tracker.get_slot(name) for name in CARRIED_SLOTS}

    session_rollover.continue_in_new_session(tracker, DOMAIN)

    assert {name: tracker.get_slot(name) for name in CARRIED_SLOTS} == before
    new_session = latest_session(tracker)
    assert new_session and not any(isinstance(e, (UserUttered, BotUttered)) for e in new_session)
    assert tracker.applied_events() == new_session
    assert session_rollover.user_turns_in_session(tracker) == 0


def test_the_record_of_the_last_answer_is_not_carried():
    """scripts/gap_report.py counts each `answered` slot event: a carried copy would count it twice."""
    tracker = tracker_with(turns(2) + [SlotSet("answered", {"questions": ["NotCovered"], "not_covered": ["cost"]})])
    session_rollover.continue_in_new_session(tracker, DOMAIN)
    assert not any(isinstance(e, SlotSet) and e.key == "answered" for e in latest_session(tracker))
    assert tracker.get_slot("answered") is None


class _Processor:
    """What `_update_tracker_session` uses of a MessageProcessor."""

    domain = DOMAIN

    def __init__(self, expired: bool) -> None:
        self.expired = expired

    def _has_session_expired(self, tracker: DialogueStateTracker) -> bool:
        return self.expired


def update(tracker: DialogueStateTracker, expired: bool, monkeypatch) -> List[str]:
    """Runs the patched session check; the names of Rasa's own session starts it ran."""
    ran: List[str] = []

    async def rasa_session_check(self, tracker, output_channel, metadata=None):
        ran.append("action_session_start")

    monkeypatch.setattr(session_rollover, "_original_update", rasa_session_check)
    asyncio.run(session_rollover._update_tracker_session(_Processor(expired), tracker, None))
    return ran


def test_a_full_session_rolls_over_without_calling_the_action_server(monkeypatch):
    tracker = tracker_with(turns(session_rollover.TURNS_PER_SESSION) + [SlotSet("drug", "imatinib")])
    assert update(tracker, expired=False, monkeypatch=monkeypatch) == []
    assert tracker.get_slot("drug") == "imatinib"
    assert session_rollover.user_turns_in_session(tracker) == 0 and latest_session(tracker)


def test_a_short_or_expired_session_is_left_to_rasa(monkeypatch):
    short = tracker_with(turns(session_rollover.TURNS_PER_SESSION - 1))
    assert update(short, expired=False, monkeypatch=monkeypatch) == ["action_session_start"]
    assert session_rollover.user_turns_in_session(short) == session_rollover.TURNS_PER_SESSION - 1
    # After the expiry time the patient is welcomed again, by action_session_start.
    expired = tracker_with(turns(session_rollover.TURNS_PER_SESSION))
    assert update(expired, expired=True, monkeypatch=monkeypatch) == ["action_session_start"]


def test_install_replaces_rasas_session_check():
    session_rollover.install()
    assert MessageProcessor._update_tracker_session is session_rollover._update_tracker_session
