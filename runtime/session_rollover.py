"""Long conversations cost the same per turn as short ones.

Why: Rasa reads a conversation's whole current session on every turn. The
tracker store loads and replays every event, the rule policy turns every
event into a dialogue state, and every action call sends the whole tracker to
the action server. One conversation of 300 turns had turn 300 cost 6.3× its
first turns (docs/results.md, issue 21), and a web chat left open all evening
would have slowed the whole server.

How: after TURNS_PER_SESSION user turns, the next message starts a new
session in the same conversation, and the context slots are carried over as
they were (assistant/slots.py; the record of the last answer is not context).
Each of those costs is then bounded by one session's length. The context the
assistant uses (the drug in context, "the other one", the last list, the
topic, the sources of the last answer) lives in slots, not in the history,
and the rules that choose a reply read only the latest message. The patient
sees nothing: no welcome, no reply, no lost context.

A new session because the patient came back after the session expiry time
(domain.yml) is started by `action_session_start` as before, with its welcome.
Here the events are the ones Rasa logs for a session start
(`action_session_start`, `session_started`, the slots, `action_listen`), but
no action server call is made: there is nothing to look up and nothing to say.

Both tracker stores read only the latest session: Rasa's SQLTrackerStore
(and runtime/cached_tracker_store.py) load the events from the latest
`session_started` on. The earlier sessions stay in the database under the
same conversation ID, for `rasa export`, retention and the forget script.
"""

from __future__ import annotations

import os
from typing import Any, Dict, List, Optional

from rasa.core.channels.channel import OutputChannel
from rasa.core.processor import MessageProcessor
from rasa.shared.core.constants import ACTION_LISTEN_NAME, ACTION_SESSION_START_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, Event, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from assistant.slots import CARRIED_SLOTS

# A longer session makes every turn in it a little dearer (`make
# bench-length`); a rollover adds no action-server call. 0 keeps Rasa's
# behaviour: one session until it expires (the benchmark's "unbounded" curve).
TURNS_PER_SESSION = int(os.environ.get("RASA_TURNS_PER_SESSION", "10"))

_original_update = MessageProcessor._update_tracker_session


def user_turns_in_session(tracker: DialogueStateTracker) -> int:
    """User messages since the latest session start; reads only that session."""
    turns = 0
    for event in reversed(tracker.events):
        if isinstance(event, SessionStarted):
            break
        if isinstance(event, UserUttered):
            turns += 1
    return turns


def session_is_full(tracker: DialogueStateTracker, limit: int = TURNS_PER_SESSION) -> bool:
    return limit > 0 and user_turns_in_session(tracker) >= limit


def continuation_events(tracker: DialogueStateTracker) -> List[Event]:
    """A session start that carries the context slots and the care list over, as they were."""
    carried: List[Event] = [
        SlotSet(name, tracker.slots[name].value)
        for name in CARRIED_SLOTS
        if name in tracker.slots and tracker.slots[name].value != tracker.slots[name].initial_value
    ]
    return [
        ActionExecuted(ACTION_SESSION_START_NAME),
        SessionStarted(),
        *carried,
        ActionExecuted(ACTION_LISTEN_NAME),
    ]


def continue_in_new_session(tracker: DialogueStateTracker, domain: Domain) -> None:
    tracker.update_with_events(continuation_events(tracker), domain)


async def _update_tracker_session(
    self: MessageProcessor,
    tracker: DialogueStateTracker,
    output_channel: OutputChannel,
    metadata: Optional[Dict[str, Any]] = None,
) -> None:
    """Rasa's check (a new conversation, or an expired session, gets
    `action_session_start`), then: a full session continues in a new one."""
    # The cheap check first: it reads only the latest session's events.
    if session_is_full(tracker) and tracker.applied_events() and not self._has_session_expired(tracker):
        continue_in_new_session(tracker, self.domain)
        return
    await _original_update(self, tracker, output_channel, metadata)


def install() -> None:
    """Idempotent: replaces MessageProcessor._update_tracker_session."""
    setattr(MessageProcessor, "_update_tracker_session", _update_tracker_session)
