"""Custom actions that fail politely and quickly.

Rasa 3.6 waits up to 300 s for the action server and, when the call fails,
logs the error and sends the user nothing. For a patient that silence is the
worst answer. `install()` wraps Rasa's RemoteAction so that a call that
fails or takes longer than ACTION_TIMEOUT seconds produces a short apology
that points to the healthcare team and emergency services instead.
"""

from __future__ import annotations

import asyncio
import logging
import os
from typing import Any, List

from rasa.core.actions import action as rasa_action
from rasa.shared.core.constants import ACTION_LISTEN_NAME, ACTION_SESSION_START_NAME
from rasa.shared.core.events import ActionExecuted, Event, SessionStarted
from rasa.shared.exceptions import RasaException

from actions.wording import answer_unavailable

logger = logging.getLogger(__name__)

# A looked-up answer takes milliseconds; a few seconds means something is wrong.
ACTION_TIMEOUT = float(os.environ.get("ACTION_TIMEOUT_SECONDS", "4"))

_original_run = rasa_action.RemoteAction.run


def _fallback_events(action_name: str) -> List[Event]:
    if action_name == ACTION_SESSION_START_NAME:
        # Start the session quietly: the user's own message gets the apology.
        return [SessionStarted(), ActionExecuted(ACTION_LISTEN_NAME)]
    return [rasa_action.create_bot_utterance(answer_unavailable().message())]


async def _run_or_apologise(self: rasa_action.RemoteAction, *args: Any, **kwargs: Any) -> List[Event]:
    try:
        return await asyncio.wait_for(_original_run(self, *args, **kwargs), timeout=ACTION_TIMEOUT)
    except rasa_action.ActionExecutionRejection:
        raise
    except asyncio.TimeoutError:
        logger.error("Action '%s' timed out after %.1fs; sent the fallback reply.", self.name(), ACTION_TIMEOUT)
    except (RasaException, OSError) as error:
        logger.error("Action '%s' failed (%s); sent the fallback reply.", self.name(), error)
    return _fallback_events(self.name())


def install() -> None:
    """Idempotently replace RemoteAction.run with the resilient version."""
    rasa_action.RemoteAction.run = _run_or_apologise  # type: ignore[assignment]
