import asyncio
import sqlite3
import sys
from pathlib import Path
from typing import Any, Callable, List, Optional

import pytest
from sqlalchemy import event as sa_event
from rasa.core.tracker_store import SQLTrackerStore, TrackerStore
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    BotUttered,
    DefinePrevUserUtteredFeaturization,
    EntitiesAdded,
    Event,
    Restarted,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity
from rasa.utils.endpoints import EndpointConfig, read_endpoint_config

from runtime import sqlite_tuning
from runtime.cached_tracker_store import CachedSQLTrackerStore

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from forget_conversation import forget  # noqa: E402

DOMAIN = Domain.load(str(ROOT / "domain.yml"))


class Clock:
    """Increasing event timestamps, so tests do not depend on the wall clock."""

    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def __call__(self) -> float:
        self.now += 0.25
        return self.now


def session_start(clock: Clock) -> List[Event]:
    return [
        ActionExecuted("action_session_start", timestamp=clock()),
        SessionStarted(timestamp=clock()),
        SlotSet("drug", "imatinib", timestamp=clock()),  # carried over
        ActionExecuted(ACTION_LISTEN_NAME, timestamp=clock()),
    ]


def turn(clock: Clock, text: str, intent: str, drug: Optional[str] = None) -> List[Event]:
    entities = [{"entity": "drug", "value": drug, "start": 0, "end": 5}] if drug else []
    ranking = [{"name": intent, "confidence": 0.91}, {"name": "out_of_scope", "confidence": 0.09}]
    parse_data = {
        "text": text,
        "intent": ranking[0],
        "entities": entities,
        "intent_ranking": ranking,
        "text_tokens": [[0, 4], [5, 9]],
    }
    events = [
        UserUttered(text, ranking[0], entities, parse_data, timestamp=clock(), input_channel="rest"),
        DefinePrevUserUtteredFeaturization(False, timestamp=clock()),
        ActionExecuted("action_answer_question", policy="RulePolicy", confidence=1.0, timestamp=clock()),
        # A tuple, which the database turns into a list: retrieve must too.
        BotUttered(f"About {drug}.", {"buttons": ({"title": "more"},)}, timestamp=clock()),
        SlotSet("topic", intent, timestamp=clock()),
    ]
    if drug:
        events.append(SlotSet("drug", drug, timestamp=clock()))
    events.append(ActionExecuted(ACTION_LISTEN_NAME, policy="RulePolicy", confidence=1.0, timestamp=clock()))
    return events


def restart(clock: Clock) -> List[Event]:
    return [
        UserUttered("/restart", {"name": "restart", "confidence": 1.0}, timestamp=clock()),
        ActionExecuted("action_restart", timestamp=clock()),
        Restarted(timestamp=clock()),
    ]


def conversation(clock: Clock) -> List[List[Event]]:
    """Messages of a conversation: two sessions, a restart, late entities."""
    return [
        session_start(clock) + turn(clock, "hi", "greet"),
        turn(clock, "side effects of votrient?", "ask_side_effects", "pazopanib"),
        turn(clock, "and the dose", "ask_dose")
        + [EntitiesAdded([{"entity": "drug", "value": "pazopanib"}], timestamp=clock())],
        turn(clock, "what about gleevec", "inform_drug", "imatinib"),
        restart(clock),
        session_start(clock) + turn(clock, "hello again", "greet"),
        # Events stamped before the session started are left out on retrieve,
        # whether they come with the session start or later.
        session_start(clock) + [SlotSet("topic", "old", timestamp=clock.now - 100)],
        [SlotSet("topic", "older", timestamp=clock.now - 200)] + turn(clock, "thanks", "thank"),
    ]


async def handle(store: TrackerStore, sender_id: str, events: List[Event]) -> DialogueStateTracker:
    """What Rasa's processor does with one message."""
    tracker = await store.get_or_create_tracker(sender_id)
    for event in events:
        tracker.update(event)
    await store.save(tracker)
    return tracker


def without_timestamp(event: Optional[Event]) -> Any:
    # After a restart these are new empty events stamped with the current time.
    return event and {k: v for k, v in vars(event).items() if k != "timestamp"}


def snapshot(tracker: Optional[DialogueStateTracker]) -> Any:
    """Everything a tracker carries, to compare trackers exactly."""
    if tracker is None:
        return None
    return (
        tracker.sender_id,
        tracker.current_state(EventVerbosity.ALL),
        tracker._max_event_history,
        [(type(event), vars(event)) for event in tracker.events],
        {name: (type(slot), slot.value) for name, slot in tracker.slots.items()},
        without_timestamp(tracker.latest_message),
        without_timestamp(tracker.latest_bot_utterance),
    )


def rows(db: Path, sender_id: Optional[str] = None) -> List[tuple]:
    query = "SELECT sender_id, type_name, timestamp, intent_name, action_name, data FROM events"
    with sqlite3.connect(db) as connection:
        if sender_id is None:
            return connection.execute(query + " ORDER BY id").fetchall()
        return connection.execute(query + " WHERE sender_id = ? ORDER BY id", (sender_id,)).fetchall()


class Spy:
    """Counts calls to a method of one store."""

    def __init__(self, store: SQLTrackerStore, name: str) -> None:
        self.calls = 0
        original: Callable = getattr(store, name)

        def counting(*args: Any, **kwargs: Any) -> Any:
            self.calls += 1
            return original(*args, **kwargs)

        setattr(store, name, counting)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    sqlite_tuning.install()  # as the server does
    return tmp_path / "conversations.db"


def cached_store(db: Path, **kwargs: Any) -> CachedSQLTrackerStore:
    return CachedSQLTrackerStore(DOMAIN, dialect="sqlite", db=str(db), **kwargs)


def plain_store(db: Path) -> SQLTrackerStore:
    return SQLTrackerStore(DOMAIN, dialect="sqlite", db=str(db))


def test_retrieve_equals_plain_store_through_sessions_and_restart(db):
    store, plain = cached_store(db), plain_store(db)
    reads = Spy(store, "_event_query")

    async def scenario() -> None:
        for number, events in enumerate(conversation(Clock())):
            await handle(store, "anna", events)
            reads.calls = 0
            tracker = await store.retrieve("anna")
            assert reads.calls == 0, f"message {number} was read from the database"
            assert snapshot(tracker) == snapshot(await plain.retrieve("anna")), number

    asyncio.run(scenario())
    # Sanity check of the scenario: the last session is all that is loaded.
    tracker = asyncio.run(store.retrieve("anna"))
    assert sum(isinstance(e, SessionStarted) for e in tracker.events) == 1
    assert tracker.get_slot("topic") == "thank"
    assert {"old", "older"}.isdisjoint(getattr(e, "value", None) for e in tracker.events)


def test_save_inserts_only_the_new_events_in_the_plain_format(tmp_path, db):
    store = cached_store(db)
    plain_db = tmp_path / "plain.db"
    plain = plain_store(plain_db)
    clock = Clock()
    first_listen = ActionExecuted(ACTION_LISTEN_NAME, timestamp=clock())
    messages = conversation(clock)

    async def start(some_store: TrackerStore) -> None:
        # As `create_tracker`, but without its wall-clock timestamp.
        tracker = some_store.init_tracker("anna")
        tracker.update(first_listen)
        await some_store.save(tracker)

    async def scenario() -> None:
        await start(plain)
        for events in messages:
            await handle(plain, "anna", events)

        await start(store)
        await handle(store, "anna", messages[0])
        requeries = Spy(store, "_event_query")
        for events in messages[1:]:
            before = len(rows(db))
            await handle(store, "anna", events)
            assert len(rows(db)) == before + len(events)
        assert requeries.calls == 0

    asyncio.run(scenario())
    assert rows(db) == rows(plain_db)


def test_forgotten_conversation_starts_afresh(db):
    store, plain = cached_store(db), plain_store(db)
    clock = Clock()

    async def scenario() -> None:
        for events in conversation(clock)[:3]:
            await handle(store, "anna", events)
        await handle(store, "bob", turn(clock, "hi", "greet"))
        assert await store.retrieve("anna") is not None  # cached

        assert forget("anna", db) > 0
        assert await store.retrieve("anna") is None

        tracker = await handle(store, "anna", session_start(clock) + turn(clock, "hi", "greet"))
        assert len(rows(db, "anna")) == len(tracker.events)
        assert snapshot(await store.retrieve("anna")) == snapshot(await plain.retrieve("anna"))
        assert snapshot(await store.retrieve("bob")) == snapshot(await plain.retrieve("bob"))

    asyncio.run(scenario())


def test_forget_between_retrieve_and_save_behaves_like_plain_store(db):
    store, plain = cached_store(db), plain_store(db)
    clock = Clock()

    async def scenario() -> None:
        for events in conversation(clock)[:2]:
            await handle(store, "anna", events)
        tracker = await store.retrieve("anna")
        forget("anna", db)
        for event in turn(clock, "and the dose", "ask_dose"):
            tracker.update(event)
        await store.save(tracker)

        # The plain store finds no stored events and inserts the whole tracker.
        assert len(rows(db, "anna")) == len(tracker.events)
        assert snapshot(await store.retrieve("anna")) == snapshot(await plain.retrieve("anna"))

    asyncio.run(scenario())


def test_forget_during_a_save_is_noticed(db):
    store, plain = cached_store(db), plain_store(db)
    clock = Clock()
    checks = Spy(store, "_fingerprint")
    check = store._fingerprint

    def forget_after_first_check(session: Any, sender_id: str) -> Any:
        fingerprint = check(session, sender_id)
        if checks.calls == 1:
            forget(sender_id, db)  # between the save's check and its insert
        return fingerprint

    async def scenario() -> None:
        for events in conversation(clock)[:2]:
            await handle(store, "anna", events)
        tracker = await store.retrieve("anna")
        for event in turn(clock, "and the dose", "ask_dose"):
            tracker.update(event)
        checks.calls = 0
        store._fingerprint = forget_after_first_check
        await store.save(tracker)
        store._fingerprint = check

        assert snapshot(await store.retrieve("anna")) == snapshot(await plain.retrieve("anna"))

    asyncio.run(scenario())


def test_rows_written_by_another_process_are_seen(db):
    store, other = cached_store(db), plain_store(db)
    clock = Clock()

    async def scenario() -> None:
        for events in conversation(clock)[:2]:
            await handle(store, "anna", events)
        assert await store.retrieve("anna") is not None  # cached
        await handle(other, "anna", turn(clock, "and the dose", "ask_dose"))
        assert snapshot(await store.retrieve("anna")) == snapshot(await other.retrieve("anna"))

        # Same number of rows as before, but different ones: max(id) changed.
        # (Not if they reused the ids of deleted rows at the end of the table,
        # which is why the store assumes it is the only writer.)
        count = len(rows(db, "anna"))
        await handle(other, "bob", turn(clock, "hi", "greet"))
        forget("anna", db)
        tracker = other.init_tracker("anna")
        for event in turn(clock, "bye", "goodbye", "sunitinib") * count:
            tracker.update(event)
        while len(tracker.events) > count:
            tracker.events.popleft()
        await other.save(tracker)
        assert len(rows(db, "anna")) == count
        assert snapshot(await store.retrieve("anna")) == snapshot(await other.retrieve("anna"))

    asyncio.run(scenario())


def test_restarted_server_sees_every_saved_conversation(db):
    clock = Clock()
    messages = conversation(clock)

    async def scenario() -> None:
        first = cached_store(db)
        for sender_id in ["anna", "bob"]:
            for events in messages[:4]:
                await handle(first, sender_id, events)
        expected = {s: snapshot(await first.retrieve(s)) for s in ["anna", "bob"]}
        assert expected["anna"] == snapshot(await plain_store(db).retrieve("anna")) is not None

        restarted = cached_store(db)  # e.g. after SIGKILL: nothing but the database
        assert {s: snapshot(await restarted.retrieve(s)) for s in ["anna", "bob"]} == expected
        for events in messages[4:]:
            await handle(restarted, "anna", events)
        assert snapshot(await restarted.retrieve("anna")) == snapshot(
            await plain_store(db).retrieve("anna")
        )

    asyncio.run(scenario())


def test_changes_to_a_retrieved_tracker_do_not_leak_without_save(db):
    store, plain = cached_store(db), plain_store(db)
    clock = Clock()

    async def scenario() -> None:
        for events in conversation(clock)[:3]:
            await handle(store, "anna", events)
        expected = snapshot(await plain.retrieve("anna"))

        tracker = await store.retrieve("anna")
        # Events that change the latest user message in place (as Rasa does) ...
        tracker.update(EntitiesAdded([{"entity": "drug", "value": "sunitinib"}]))
        tracker.update(DefinePrevUserUtteredFeaturization(True))
        # ... direct changes to stored events and slots ...
        tracker.latest_message.parse_data["intent"]["name"] = "changed"
        tracker.latest_bot_utterance.data["buttons"].append({"title": "changed"})
        tracker.events[0].timestamp = 0.0
        tracker.slots["topic"].value = "changed"
        # ... and a message that then fails before the save.
        for event in turn(clock, "what about sutent", "inform_drug", "sunitinib"):
            tracker.update(event)

        assert snapshot(await store.retrieve("anna")) == expected

    asyncio.run(scenario())


def test_cache_keeps_only_the_most_recently_used_conversations(db):
    store = cached_store(db, cache_size=2)
    clock = Clock()
    reads = Spy(store, "_event_query")

    async def read(sender_id: str) -> bool:
        """Retrieves; True if it had to read the events from the database."""
        reads.calls = 0
        await store.retrieve(sender_id)
        return reads.calls > 0

    async def scenario() -> None:
        for sender_id in ["a", "b"]:
            await handle(store, sender_id, turn(clock, "hi", "greet"))
        assert not await read("a") and not await read("b")
        assert not await read("a")  # "b" is now the least recently used
        await handle(store, "c", turn(clock, "hi", "greet"))
        assert len(store._entries) == 2
        assert not await read("a") and not await read("c")
        assert await read("b")  # evicted, read again (and evicts "a")
        assert await read("a")

    asyncio.run(scenario())


def test_concurrent_conversations_stay_separate(db):
    store, plain = cached_store(db, cache_size=3), plain_store(db)
    senders = [f"user{n}" for n in range(6)]

    async def talk(sender_id: str) -> None:
        for events in conversation(Clock()):
            tracker = await store.get_or_create_tracker(sender_id)
            await asyncio.sleep(0)  # let the other conversations run in between
            for event in events:
                tracker.update(event)
            await store.save(tracker)
            await asyncio.sleep(0)

    async def scenario() -> None:
        await asyncio.gather(*(talk(sender_id) for sender_id in senders))
        for sender_id in senders:
            tracker = await store.retrieve(sender_id)
            assert tracker.get_slot("topic") == "thank"
            assert snapshot(tracker) == snapshot(await plain.retrieve(sender_id))

    asyncio.run(scenario())


def test_created_from_the_endpoints_file(tmp_path, db):
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(
        "tracker_store:\n"
        "  type: runtime.cached_tracker_store.CachedSQLTrackerStore\n"
        '  dialect: "sqlite"\n'
        f'  db: "{db}"\n'
        "  cache_size: 3\n"
    )
    config = read_endpoint_config(str(endpoints), "tracker_store")
    store = TrackerStore.create(config, DOMAIN)
    assert type(store) is CachedSQLTrackerStore and store.cache_size == 3

    default = TrackerStore.create(
        EndpointConfig(type="runtime.cached_tracker_store.CachedSQLTrackerStore", dialect="sqlite", db=str(db)),
        DOMAIN,
    )
    assert type(default) is CachedSQLTrackerStore and default.cache_size == 10000

    async def scenario() -> None:
        saved = await handle(store, "anna", session_start(Clock()))
        assert snapshot(await default.retrieve("anna")) == snapshot(await plain_store(db).retrieve("anna"))
        assert len(rows(db)) == len(saved.events)

    asyncio.run(scenario())


def test_sqlite_connections_are_reused_not_reopened_per_query(db):
    clock = Clock()
    store = cached_store(db)
    opened: List[Any] = []
    sa_event.listen(store.engine, "connect", lambda connection, _record: opened.append(connection))

    async def scenario() -> None:
        for events in conversation(clock)[:3]:
            await handle(store, "anna", events)

    asyncio.run(scenario())
    assert len(opened) == 1
    with store.engine.connect() as connection:  # still the write-ahead log, as sqlite_tuning sets
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
