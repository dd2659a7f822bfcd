"""A failing or hanging action server gives the user a quick apology, not silence."""

import asyncio
import time

import pytest
from rasa.core.actions.action import RemoteAction
from rasa.core.channels.channel import CollectingOutputChannel
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from runtime import resilient_actions
from tests.support.servers import free_port

DOMAIN = Domain.load("domain.yml")


def run_action(name: str, url: str):
    resilient_actions.install()
    action = RemoteAction(name, EndpointConfig(url))
    tracker = DialogueStateTracker.from_events("user", [])
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
