"""scripts/retention.py deletes conversations whose last event is older than
the retention period, on a real Rasa tracker store: SQLite (endpoints.yml)
and a throwaway PostgreSQL server (endpoints.cluster.yml, settings from the
environment), and the assistant's cache notices the deletion.

The PostgreSQL tests start their own server (tests/support/postgres.py); they
fail, never skip, when the PostgreSQL binaries are not installed.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, Iterator, List, Optional

import pytest
import sqlalchemy as sa
import yaml
from rasa.core.tracker_store import TrackerStore
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, Event, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from runtime import sqlite_tuning
from runtime.cached_tracker_store import CachedSQLTrackerStore
from scripts import conversation_store, retention
from tests.support import postgres

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "retention.py"
DOMAIN = Domain.load(str(ROOT / "domain.yml"))
DAY = 86400.0

# sender -> the age in days of each of its sessions (one message each), oldest first
CONVERSATIONS: Dict[str, List[float]] = {
    "sender-old-7c1e2f": [40],
    "sender-old-b52d90": [90, 31],
    "sender-recent-4f0a6c": [1],
    "sender-long-9e3b1d": [60, 45, 2],  # started long ago, still going on: kept whole
    "sender-edge-0d77aa": [29],
}
EXPIRED = {"sender-old-7c1e2f", "sender-old-b52d90"}
KEPT = set(CONVERSATIONS) - EXPIRED
PRIVATE_WORDS = "my private words"


def session(sender_id: str, at: float) -> List[Event]:
    """One session with one message, its first event at `at` (unix seconds)."""
    text = f"{PRIVATE_WORDS} {sender_id} at {at:.0f}"
    return [
        ActionExecuted("action_session_start", timestamp=at),
        SessionStarted(timestamp=at + 0.01),
        ActionExecuted(ACTION_LISTEN_NAME, timestamp=at + 0.02),
        UserUttered(text, {"name": "ask_side_effects", "confidence": 0.9}, [], timestamp=at + 1),
        ActionExecuted("action_answer_question", policy="RulePolicy", confidence=1.0, timestamp=at + 1.5),
        BotUttered(f"About {text}.", timestamp=at + 2),
        SlotSet("topic", "side_effects", timestamp=at + 2.1),
        ActionExecuted(ACTION_LISTEN_NAME, policy="RulePolicy", confidence=1.0, timestamp=at + 3),
    ]


async def handle(store: TrackerStore, sender_id: str, events: List[Event]) -> None:
    """What Rasa's processor does with one message."""
    tracker = await store.retrieve(sender_id) or DialogueStateTracker(sender_id, DOMAIN.slots)
    for event in events:
        tracker.update(event)
    await store.save(tracker)


def fill(store: TrackerStore, now: float) -> None:
    async def scenario() -> None:
        for sender_id, ages in CONVERSATIONS.items():
            for age in ages:
                await handle(store, sender_id, session(sender_id, now - age * DAY))

    asyncio.run(scenario())


@dataclass
class Backend:
    """A real conversation store, the endpoints file that names it and its environment."""

    name: str
    url: str
    endpoints: Path
    env: Dict[str, str]
    make_store: Callable[[], CachedSQLTrackerStore]

    def rows(self, sender_id: Optional[str] = None) -> List[tuple]:
        engine = sa.create_engine(self.url)
        query = "SELECT id, sender_id, type_name, timestamp, data FROM events"
        try:
            with engine.connect() as connection:
                if sender_id is None:
                    return [tuple(r) for r in connection.exec_driver_sql(query + " ORDER BY id")]
                result = connection.execute(sa.text(query + " WHERE sender_id = :s ORDER BY id"), {"s": sender_id})
                return [tuple(r) for r in result]
        finally:
            engine.dispose()

    def by_sender(self) -> Dict[str, List[tuple]]:
        return {sender_id: self.rows(sender_id) for sender_id in CONVERSATIONS}


@pytest.fixture(scope="module")
def pg_server() -> Iterator[postgres.PostgresServer]:
    try:
        context = postgres.postgres_server()
        server = context.__enter__()
    except postgres.PostgresNotInstalled as error:
        pytest.fail(str(error), pytrace=False)
    try:
        yield server
    finally:
        context.__exit__(None, None, None)


def cluster_endpoints(folder: Path) -> Path:
    """endpoints.cluster.yml's tracker_store section, each ${NAME} unquoted.

    Rasa 3.6 replaces ${NAME} only in unquoted YAML values (see
    test_a_quoted_placeholder_is_refused_with_a_hint), so the placeholders
    are written plain here, whatever the quoting in that file.
    """
    section = yaml.safe_load((ROOT / "endpoints.cluster.yml").read_text())["tracker_store"]
    lines = ["tracker_store:"]
    for key, value in section.items():
        plain = isinstance(value, str) and conversation_store.PLACEHOLDER.fullmatch(value)
        lines.append(f"  {key}: {value if plain else json.dumps(value)}")
    path = folder / "endpoints.cluster.yml"
    path.write_text("\n".join(lines) + "\n")
    return path


def cluster_env(server: postgres.PostgresServer) -> Dict[str, str]:
    """deploy/cluster.env's settings, with the throwaway server's database."""
    env: Dict[str, str] = {}
    for line in (ROOT / "deploy" / "cluster.env").read_text().splitlines():
        if "=" in line and not line.lstrip().startswith("#"):
            name, value = line.split("=", 1)
            env[name.strip()] = value.strip()
    return {**env, **server.env()}


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request, tmp_path: Path, monkeypatch) -> Iterator[Backend]:
    stores: List[CachedSQLTrackerStore] = []
    # Never the project folder: a path taken relative to the wrong folder
    # must find nothing, not the real var/conversations.db.
    (tmp_path / "cwd").mkdir()
    monkeypatch.chdir(tmp_path / "cwd")

    def keep(store: CachedSQLTrackerStore) -> CachedSQLTrackerStore:
        stores.append(store)
        return store

    if request.param == "sqlite":
        sqlite_tuning.install()  # write-ahead log, as the server uses
        # The project's own tracker_store section, with its relative db path:
        # relative to the endpoints file's folder, wherever the command runs.
        config = yaml.safe_load((ROOT / "endpoints.yml").read_text())
        endpoints = tmp_path / "endpoints.yml"
        endpoints.write_text(yaml.safe_dump({"tracker_store": config["tracker_store"]}))
        db = tmp_path / config["tracker_store"]["db"]
        db.parent.mkdir(parents=True)
        yield Backend("sqlite", f"sqlite:///{db}", endpoints, {},
                      lambda: keep(CachedSQLTrackerStore(DOMAIN, dialect="sqlite", db=str(db))))
    else:
        server = request.getfixturevalue("pg_server")
        env = cluster_env(server)
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        # The cluster's tracker_store, ${DB_HOST} and the rest from the environment.
        yield Backend("postgresql", server.url, cluster_endpoints(tmp_path), env,
                      lambda: keep(CachedSQLTrackerStore(
                          DOMAIN, dialect="postgresql", host=server.host, port=server.port, db=server.db,
                          username=server.user, password=server.password)))
    for store in stores:
        store.engine.dispose()
    if request.param == "postgresql":
        engine = sa.create_engine(server.url)
        with engine.begin() as connection:
            connection.exec_driver_sql("SET LOCAL lock_timeout = '10s'")  # never hang on a leftover session
            connection.exec_driver_sql("DROP TABLE IF EXISTS events")
        engine.dispose()


@pytest.fixture
def filled(backend: Backend) -> Backend:
    fill(backend.make_store(), time.time())
    return backend


def assert_private(output: str) -> None:
    for sender_id in CONVERSATIONS:
        assert sender_id not in output
    assert PRIVATE_WORDS not in output


def run_script(backend: Backend, *args: str, env: Optional[Dict[str, str]] = None,
               cwd: Optional[Path] = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(SCRIPT), "--endpoints", str(backend.endpoints), *args],
        capture_output=True, text=True, timeout=120, cwd=cwd,
        env={**os.environ, **backend.env, **(env or {})},
    )


def test_old_conversations_are_deleted_and_the_others_kept_whole(filled: Backend, capsys):
    before = filled.by_sender()
    expected_events = sum(len(before[s]) for s in EXPIRED)
    assert all(before.values()) and expected_events > 0

    assert retention.main(["--endpoints", str(filled.endpoints), "--days", "30"]) == 0

    after = filled.by_sender()
    for sender_id in EXPIRED:
        assert after[sender_id] == [], sender_id
    for sender_id in KEPT:  # every row, the 60-day-old ones of the long conversation included
        assert after[sender_id] == before[sender_id], sender_id
    output = capsys.readouterr()
    assert f"deleted 2 conversations ({expected_events} events)" in output.out
    assert "older than 30 days" in output.out
    assert_private(output.out + output.err)


def test_dry_run_deletes_nothing_and_counts_what_it_would(filled: Backend, capsys):
    before = filled.rows()
    expected_events = sum(len(filled.rows(s)) for s in EXPIRED)

    assert retention.main(["--endpoints", str(filled.endpoints), "--days", "30", "--dry-run"]) == 0

    assert filled.rows() == before
    output = capsys.readouterr()
    assert f"would delete 2 conversations ({expected_events} events)" in output.out
    assert "nothing deleted" in output.out
    assert_private(output.out + output.err)


def test_a_shorter_period_deletes_more(filled: Backend):
    outcome = retention.apply_retention(filled.url, days=28)
    assert outcome.conversations == 3  # the 29-day-old one too; the long one has a message 2 days old
    remaining = filled.by_sender()
    assert {s for s, rows in remaining.items() if rows} == {"sender-recent-4f0a6c", "sender-long-9e3b1d"}


def test_the_command_line_takes_the_period_from_the_environment(filled: Backend, tmp_path: Path):
    before = filled.by_sender()
    elsewhere = tmp_path / "elsewhere"  # not the endpoints file's folder, as from cron
    elsewhere.mkdir()

    done = run_script(filled, env={"RETENTION_DAYS": "30"}, cwd=elsewhere)

    assert done.returncode == 0, done.stderr
    events = sum(len(before[s]) for s in EXPIRED)
    assert f"deleted 2 conversations ({events} events)" in done.stdout
    assert "older than 30 days" in done.stdout
    assert_private(done.stdout + done.stderr)
    after = filled.by_sender()
    assert {s for s, rows in after.items() if not rows} == EXPIRED
    assert all(after[s] == before[s] for s in KEPT)


def test_the_period_defaults_to_retention_days_then_30(filled: Backend, monkeypatch, capsys):
    monkeypatch.setenv("RETENTION_DAYS", "5")  # the 29-day-old one goes too
    assert retention.main(["--endpoints", str(filled.endpoints)]) == 0
    assert "deleted 3 conversations" in capsys.readouterr().out
    assert {s for s, rows in filled.by_sender().items() if rows} == {"sender-recent-4f0a6c", "sender-long-9e3b1d"}

    monkeypatch.delenv("RETENTION_DAYS")
    assert retention.main(["--endpoints", str(filled.endpoints), "--dry-run"]) == 0
    assert "would delete 0 conversations (0 events): last event older than 30 days" in capsys.readouterr().out


def test_small_batches_give_the_same_result(filled: Backend):
    before = filled.by_sender()
    outcome = retention.apply_retention(filled.url, days=30, batch_size=1)
    assert (outcome.conversations, outcome.events) == (2, sum(len(before[s]) for s in EXPIRED))
    after = filled.by_sender()
    assert {s for s, rows in after.items() if not rows} == EXPIRED


def test_the_assistants_cache_notices_the_deletion(backend: Backend):
    store = backend.make_store()  # the assistant's store, as it runs meanwhile
    now = time.time()
    fill(store, now)

    async def read_all() -> Dict[str, Optional[DialogueStateTracker]]:
        return {sender_id: await store.retrieve(sender_id) for sender_id in CONVERSATIONS}

    cached = asyncio.run(read_all())
    assert set(store._entries) == set(CONVERSATIONS)  # every conversation is in the cache

    retention.apply_retention(backend.url, days=30)

    after = asyncio.run(read_all())
    for sender_id in EXPIRED:
        assert after[sender_id] is None, sender_id  # not the cached copy
    for sender_id in KEPT:
        tracker, before = after[sender_id], cached[sender_id]
        assert tracker is not None and before is not None
        assert [e.as_dict() for e in tracker.events] == [e.as_dict() for e in before.events]

    # The person writes again: a new conversation, nothing of the old one.
    sender_id = "sender-old-7c1e2f"
    tracker = asyncio.run(store.get_or_create_tracker(sender_id))
    assert not [e for e in tracker.events if isinstance(e, UserUttered)]
    asyncio.run(handle(store, sender_id, session(sender_id, now)))
    texts = [e.text for e in asyncio.run(store.retrieve(sender_id)).events if isinstance(e, UserUttered)]
    assert texts == [f"{PRIVATE_WORDS} {sender_id} at {now:.0f}"]
    assert all(row[3] >= now for row in backend.rows(sender_id))


def test_a_conversation_that_gets_a_message_meanwhile_is_not_cut(filled: Backend, monkeypatch):
    """A message arriving between the search and the delete keeps the conversation whole."""
    store = filled.make_store()
    sender_id = "sender-old-b52d90"
    real_lock = retention.write_lock
    arrived: List[str] = []

    @contextmanager
    def message_first(engine: sa.engine.Engine) -> Iterator[sa.engine.Connection]:
        if not arrived:  # the first batch: that person writes again just now
            asyncio.run(handle(store, sender_id, session(sender_id, time.time())))
            arrived.append(sender_id)
        with real_lock(engine) as connection:
            yield connection

    monkeypatch.setattr(retention, "write_lock", message_first)
    before = len(filled.rows(sender_id))
    outcome = retention.apply_retention(filled.url, days=30, batch_size=1)

    assert arrived
    assert outcome.conversations == 1
    assert filled.rows("sender-old-7c1e2f") == []
    rows = filled.rows(sender_id)
    assert len(rows) > before  # the 90- and 31-day-old sessions are still there, and the new one
    assert min(row[3] for row in rows) < time.time() - 89 * DAY


def test_an_empty_store_is_fine(backend: Backend, capsys):
    backend.make_store()  # creates the events table, as the assistant does on start
    assert retention.main(["--endpoints", str(backend.endpoints)]) == 0
    assert "deleted 0 conversations (0 events)" in capsys.readouterr().out


@pytest.mark.parametrize("days", ["0", "-3", "thirty", "1.5"])
def test_a_bad_period_is_refused(days: str, tmp_path: Path, capsys):
    with pytest.raises(SystemExit) as exit_:
        retention.main(["--endpoints", str(tmp_path / "endpoints.yml"), "--days", days])
    assert exit_.value.code == 2
    assert "--days" in capsys.readouterr().err


def test_a_bad_period_in_the_environment_is_refused(tmp_path: Path, capsys, monkeypatch):
    monkeypatch.setenv("RETENTION_DAYS", "forever")
    with pytest.raises(SystemExit) as exit_:
        retention.main(["--endpoints", str(tmp_path / "endpoints.yml")])
    assert exit_.value.code == 2
    assert "RETENTION_DAYS" in capsys.readouterr().err


def test_a_missing_sqlite_store_is_an_error_not_an_empty_store(tmp_path: Path):
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text((ROOT / "endpoints.yml").read_text())  # var/conversations.db next to it: none
    result = subprocess.run([sys.executable, str(SCRIPT), "--endpoints", str(endpoints)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "no conversation store at" in result.stderr
    assert not (tmp_path / "var").exists()  # nothing was created


def test_an_unreachable_postgresql_is_an_error(pg_server: postgres.PostgresServer, tmp_path: Path):
    env = {**os.environ, **cluster_env(pg_server), "DB_PORT": str(postgres.free_port())}  # nobody listens
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--endpoints", str(cluster_endpoints(tmp_path))],
        capture_output=True, text=True, timeout=120, env=env,
    )
    assert result.returncode == 1
    assert "cannot reach the conversation store postgresql://" in result.stderr
    assert pg_server.password not in result.stdout + result.stderr


def test_an_unset_variable_in_the_endpoints_file_is_named(pg_server: postgres.PostgresServer, tmp_path, monkeypatch):
    for name, value in cluster_env(pg_server).items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("DB_HOST")
    with pytest.raises(conversation_store.StoreError, match="DB_HOST"):
        conversation_store.store_url(cluster_endpoints(tmp_path))


def test_a_quoted_placeholder_is_refused_with_a_hint(tmp_path, monkeypatch):
    monkeypatch.setenv("DB_PORT", "5432")
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text('tracker_store:\n  dialect: postgresql\n  url: localhost\n  port: "${DB_PORT}"\n')
    with pytest.raises(conversation_store.StoreError, match=r"port \(\$\{DB_PORT\}\).*without quotes"):
        conversation_store.store_url(endpoints)


def test_the_cluster_endpoints_name_the_postgresql_store(pg_server: postgres.PostgresServer, tmp_path, monkeypatch):
    for name, value in cluster_env(pg_server).items():
        monkeypatch.setenv(name, value)
    url = conversation_store.store_url(cluster_endpoints(tmp_path))
    assert (url.get_backend_name(), url.host, url.port, url.database, url.username) == (
        "postgresql", pg_server.host, pg_server.port, pg_server.db, pg_server.user)
    assert url.password == pg_server.password
    assert pg_server.password not in conversation_store.describe(url)


def test_missing_postgresql_binaries_say_what_to_install(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("PG_BIN", str(tmp_path))
    monkeypatch.setattr(postgres.glob, "glob", lambda pattern: [])
    monkeypatch.setattr(postgres.shutil, "which", lambda name: None)
    with pytest.raises(postgres.PostgresNotInstalled, match="Install the `postgresql` package"):
        postgres.find_bin()
