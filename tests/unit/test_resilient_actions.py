"""A failing or hanging action server gives the user a quick apology, not silence."""

import asyncio
import time
from typing import Optional

import pytest
from rasa.core.actions.action import RemoteAction
from rasa.core.channels.channel import CollectingOutputChannel
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from assistant.intents import SAFETY_KEY
from runtime import resilient_actions
from tests.support.servers import free_port

DOMAIN = Domain.load("domain.yml")


def run_action(name: str, url: str, intent: str = "ask_drug_overview", safety: Optional[dict] = None):
    resilient_actions.install()
    action = RemoteAction(name, EndpointConfig(url))
    parse_data = {"intent": {"name": intent, "confidence": 1.0}, SAFETY_KEY: safety or {}}
    tracker = DialogueStateTracker.from_events(
        "user", [UserUttered("hello", intent=parse_data["intent"], parse_data=parse_data)]
    )
    return action.run(CollectingOutputChannel(), TemplatedNaturalLanguageGenerator({}), tracker, DOMAIN)


def test_action_server_down_gives_apology_fast():
    started = time.monotonic()
    events = asyncio.run(run_action("action_answer_question", f"http://127.0.0.1:{free_port()}/webhook"))
    assert time.monotonic() - started < 2
    assert isinstance(events[0], BotUttered) and "can't look that up right now" in events[0].text
    assert "911" in events[0].text


def test_session_start_failure_still_starts_the_session_quietly():
    events = asyncio.run(run_action("action_session_start", f"http://127.0.0.1:{free_port()}/webhook"))
    assert isinstance(events[0], SessionStarted)
    assert not any(isinstance(e, BotUttered) for e in events)


@pytest.fixture(autouse=True)
def no_cooldown_left_over():
    resilient_actions._hung_until = 0.0
    yield
    resilient_actions._hung_until = 0.0


def test_hanging_action_server_times_out(monkeypatch):
    monkeypatch.setattr(resilient_actions, "ACTION_TIMEOUT", 0.5)

    async def scenario():
        async def never_answer(reader, writer):
            await asyncio.sleep(30)

        server = await asyncio.start_server(never_answer, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        async with server:
            started = time.monotonic()
            events = await run_action("action_answer_question", f"http://127.0.0.1:{port}/webhook")
            return time.monotonic() - started, events

    elapsed, events = asyncio.run(scenario())
    assert elapsed < 2
    assert "can't look that up right now" in events[0].text


def test_after_a_hang_calls_fail_fast_until_the_cooldown_ends(monkeypatch):
    monkeypatch.setattr(resilient_actions, "ACTION_TIMEOUT", 0.5)
    monkeypatch.setattr(resilient_actions, "HANG_COOLDOWN", 60)

    async def scenario():
        async def never_answer(reader, writer):
            await asyncio.sleep(30)

        server = await asyncio.start_server(never_answer, "127.0.0.1", 0)
        url = f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}/webhook"
        async with server:
            await run_action("action_session_start", url)
            started = time.monotonic()
            events = await run_action("action_safety_reply", url, "crisis")
            return time.monotonic() - started, events

    elapsed, events = asyncio.run(scenario())
    assert elapsed < 0.2
    assert "988" in events[0].text


@pytest.mark.parametrize("intent,must_say", [("crisis", "988"), ("emergency", "Call 911"), ("personal_advice", "can't advise")])
def test_safety_replies_do_not_need_the_action_server(intent, must_say):
    events = asyncio.run(run_action("action_safety_reply", f"http://127.0.0.1:{free_port()}/webhook", intent))
    assert must_say in events[0].text and "can't look that up" not in events[0].text


def test_a_french_crisis_gets_the_french_reply_without_the_action_server():
    events = asyncio.run(run_action("action_safety_reply", f"http://127.0.0.1:{free_port()}/webhook", "crisis",
                                    {"language": "fr", "reason": "classifier", "check_in": False}))
    assert "988" in events[0].text and "911" in events[0].text and "en anglais" in events[0].text


def test_a_hint_of_risk_keeps_its_check_in_line_without_the_action_server():
    events = asyncio.run(run_action("action_answer_question", f"http://127.0.0.1:{free_port()}/webhook",
                                    "ask_drug_overview", {"check_in": True}))
    assert "can't look that up" in events[0].text and "988" in events[1].text
