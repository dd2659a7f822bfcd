"""Custom actions that fail politely and quickly.

Rasa 3.6 waits up to 300 s for the action server and, when the call fails,
logs the error and sends the user nothing. For a patient that silence is the
worst answer. `install()` wraps Rasa's RemoteAction so that a call that
fails or takes longer than ACTION_TIMEOUT seconds produces a short apology
that points to the healthcare team and emergency services instead, and an
emergency, crisis or personal-advice message still gets its full safety reply
(those need no lookup).
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from typing import List

from rasa.core.channels.channel import OutputChannel
from rasa.core.nlg import NaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker

from rasa.core.actions import action as rasa_action
from rasa.shared.core.constants import ACTION_LISTEN_NAME, ACTION_SESSION_START_NAME
from rasa.shared.core.events import ActionExecuted, Event, SessionStarted
from rasa.shared.exceptions import RasaException

from assistant import safety_wording
from assistant.intents import SAFETY_INTENTS, SAFETY_KEY
from assistant.reply import Reply

logger = logging.getLogger(__name__)

# A looked-up answer takes milliseconds; a few seconds means something is wrong.
ACTION_TIMEOUT = float(os.environ.get("ACTION_TIMEOUT_SECONDS", "4"))
# After a call times out, calls fail fast for this long instead of each
# waiting out its own timeout (a new conversation makes two calls: session
# start and the answer). A refused connection fails fast anyway.
HANG_COOLDOWN = float(os.environ.get("ACTION_HANG_COOLDOWN_SECONDS", "10"))
_hung_until = 0.0

_original_run = rasa_action.RemoteAction.run


def _fallback_replies(tracker: DialogueStateTracker) -> List[Reply]:
    """Safety replies need no lookup: they are sent even when the action
    server is down, so an emergency or crisis never gets "try again later"
    (in French for a message in French), and a hint of risk still gets the
    check-in line."""
    parse_data = tracker.latest_message.parse_data if tracker.latest_message else {}
    intent = (parse_data.get("intent") or {}).get("name")
    notes = parse_data.get(SAFETY_KEY) or {}
    if intent in SAFETY_INTENTS:
        return [safety_wording.safety_reply(intent, notes)]
    return [safety_wording.answer_unavailable(), *safety_wording.follow_ups(notes)]


def _fallback_events(action_name: str, tracker: DialogueStateTracker) -> List[Event]:
    if action_name == ACTION_SESSION_START_NAME:
        # Start the session quietly: the user's own message gets the apology.
        return [SessionStarted(), ActionExecuted(ACTION_LISTEN_NAME)]
    return [rasa_action.create_bot_utterance(reply.message()) for reply in _fallback_replies(tracker)]


async def _run_or_apologise(
    self: rasa_action.RemoteAction,
    output_channel: OutputChannel,
    nlg: NaturalLanguageGenerator,
    tracker: DialogueStateTracker,
    domain: Domain,
) -> List[Event]:
    global _hung_until
    if time.monotonic() < _hung_until:
        logger.error("Action '%s' skipped: the action server hung recently; sent the fallback reply.", self.name())
        return _fallback_events(self.name(), tracker)
    try:
        events = await asyncio.wait_for(
            _original_run(self, output_channel, nlg, tracker, domain), timeout=ACTION_TIMEOUT
        )
        _hung_until = 0.0
        return events
    except rasa_action.ActionExecutionRejection:
        raise
    except asyncio.TimeoutError:
        _hung_until = time.monotonic() + HANG_COOLDOWN
        logger.error("Action '%s' timed out after %.1fs; sent the fallback reply.", self.name(), ACTION_TIMEOUT)
    except (RasaException, OSError) as error:
        logger.error("Action '%s' failed (%s); sent the fallback reply.", self.name(), error)
    return _fallback_events(self.name(), tracker)


def install() -> None:
    """Idempotently replace RemoteAction.run with the resilient version."""
    rasa_action.RemoteAction.run = _run_or_apologise
