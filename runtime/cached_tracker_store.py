"""SQLite tracker store that keeps ongoing conversations in memory.

Why: a profile of the server showed Rasa's `SQLTrackerStore` costing about
10 ms of every user message. `retrieve` (~4.6 ms) runs the SQL query, parses
the JSON of every stored event and replays them all, and `save` (~5.7 ms)
re-reads the stored events only to count them before inserting the new ones.
Here a message in an ongoing conversation replays a cached copy of its events
instead, and a save inserts the new events without re-reading the old ones.

Durability is unchanged: every `save` inserts the new events into the same
`events` table, in the same format, and commits before returning. The
database stays the source of truth (plain `SQLTrackerStore`, `rasa export`
and scripts/forget_conversation.py work on it as before, and a killed server
loses nothing it has saved); the cache only mirrors, per conversation, the
rows the parent's `retrieve` loads (the events since the latest
`SessionStarted`). They are kept pickled, so every retrieve builds its tracker
from private copies that the caller may mutate without touching the cache.

Before a cache entry is used it is checked with one query that only reads
the `ix_events_sender_id` index,
`SELECT count(*), max(id) FROM events WHERE sender_id = ?`; a deletion or
another writer's insert changes that pair, and the conversation is then read
from the database exactly as the parent reads it.

Several writers (the cluster: Rasa replicas on one PostgreSQL database). The
check is exact there: PostgreSQL takes ids from a sequence and never reuses
one, so any insert by another replica raises max(id), and any deletion
(the forget and retention scripts) lowers the count or changes max(id). The
lock store serialises each conversation's turns across replicas, and a turn
reads (retrieve) before it writes (save), so every save starts from a
validated copy. SQLite, by contrast, reuses the ids of rows deleted at the
end of the table, so there a foreign writer that deletes and re-inserts as
many rows could go unnoticed: on SQLite keep one Rasa process.

Concurrency: the cache is only read and written in code without `await`, so
coroutines for different conversations cannot interleave there, and Rasa's
lock store serialises the messages of one conversation. It is not meant to be
shared between threads.

Use it in endpoints.yml:

    tracker_store:
      type: runtime.cached_tracker_store.CachedSQLTrackerStore
      dialect: "sqlite"
      db: "var/conversations.db"
      cache_size: 10000   # conversations kept in memory (least recently used go)
"""

from __future__ import annotations

import itertools
import json
import pickle
from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, List, Optional, Sequence, Text, Tuple

import sqlalchemy as sa
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import QueuePool
from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import Event, SessionStarted, deserialise_events
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

DEFAULT_CACHE_SIZE = 10000

# count(*) and max(id) of one sender's rows: changes with any insert or delete.
Fingerprint = Tuple[int, Optional[int]]
_FINGERPRINT = sa.text(
    f"SELECT count(*), max(id) FROM {SQLTrackerStore.SQLEvent.__tablename__} WHERE sender_id = :sender_id"
)


@dataclass(frozen=True)
class _Entry:
    """The rows the parent's `retrieve` reads for one sender, as events freshly
    deserialised from the stored JSON (never replayed, never handed out)."""

    fingerprint: Fingerprint
    session_start: Optional[float]  # latest `SessionStarted` timestamp, if any
    size: int  # number of events, one per row
    chunks: Tuple[bytes, ...]  # pickled events, one chunk per save

    @classmethod
    def of(cls, fingerprint: Fingerprint, events: List[Event]) -> _Entry:
        return cls(fingerprint, _session_start(events), len(events), (_pickle(events),))

    def events(self) -> List[Event]:
        """Fresh copies of the events."""
        return [event for chunk in self.chunks for event in pickle.loads(chunk)]

    def extended(self, fingerprint: Fingerprint, new_events: List[Event]) -> _Entry:
        """The entry after `new_events` were inserted."""
        start = _session_start(new_events, self.session_start)
        if start == self.session_start and all(_in_session(e, start) for e in new_events):
            chunks = self.chunks + (_pickle(new_events),)
            return _Entry(fingerprint, start, self.size + len(new_events), chunks)
        # A new session started: keep what the parent's query would now return.
        events = [e for e in self.events() + new_events if _in_session(e, start)]
        return _Entry.of(fingerprint, events)


def _pickle(events: List[Event]) -> bytes:
    return pickle.dumps(events, protocol=pickle.HIGHEST_PROTOCOL)


def _session_start(events: Sequence[Event], start: Optional[float] = None) -> Optional[float]:
    """`max(timestamp)` of the `SessionStarted` events, as the parent's subquery."""
    timestamps = [
        e.timestamp
        for e in events
        if e.type_name == SessionStarted.type_name and e.timestamp is not None
    ]
    if start is not None:
        timestamps.append(start)
    return max(timestamps, default=None)


def _in_session(event: Event, start: Optional[float]) -> bool:
    """The parent's filter `timestamp >= session_start OR session_start IS NULL`."""
    return start is None or (event.timestamp is not None and event.timestamp >= start)


class CachedSQLTrackerStore(SQLTrackerStore):
    """`SQLTrackerStore` with a write-through, validated LRU cache of conversations."""

    def __init__(
        self,
        domain: Optional[Domain] = None,
        cache_size: int = DEFAULT_CACHE_SIZE,
        **kwargs: Any,
    ) -> None:
        super().__init__(domain, **kwargs)
        self._configure_connections()
        if int(cache_size) < 0:
            raise ValueError(f"cache_size must be 0 or more, not {cache_size!r}")
        self.cache_size = int(cache_size)
        self._entries: OrderedDict[Text, _Entry] = OrderedDict()

    def _configure_connections(self) -> None:
        """Server databases: test pooled connections before use. SQLite: reuse
        connections instead of opening one per query.

        SQLAlchemy 1.4 opens and closes a SQLite file connection for every
        session; closing the last one checkpoints the write-ahead log, and
        the profile put that churn at a quarter of the store's time. Pooled
        connections are used by one coroutine at a time on Rasa's single
        event-loop thread, so sharing them across threads is never needed
        (check_same_thread is off only because the pool, not the thread,
        owns them).
        """
        engine: sa.engine.Engine = getattr(self, "engine")  # set by SQLTrackerStore.__init__
        if engine.dialect.name != "sqlite":
            self._check_server_connections(engine)
            return
        if engine.url.database in (None, "", ":memory:"):
            return
        url = engine.url
        engine.dispose()
        self.engine = sa.create_engine(url, poolclass=QueuePool, pool_size=5,
                                       connect_args={"check_same_thread": False})
        self.sessionmaker = sessionmaker(bind=self.engine)

    def _check_server_connections(self, engine: sa.engine.Engine) -> None:
        """Test a pooled connection before use (PostgreSQL and other servers).

        After the database server restarts, every pooled connection is dead;
        without this, each one would fail one more turn after the server is
        back. pre_ping costs one round trip when a connection is taken.
        """
        self.engine = sa.create_engine(engine.url, **{**create_engine_kwargs(engine.url), "pool_pre_ping": True})
        engine.dispose()
        self.sessionmaker = sessionmaker(bind=self.engine)

    async def retrieve(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        """Tracker of the latest conversation session, as `SQLTrackerStore` returns it."""
        with self.session_scope() as session:
            fingerprint = self._fingerprint(session, sender_id)
            entry = self._valid_entry(sender_id, fingerprint)
            if entry is None:
                events = self._load(session, sender_id, fingerprint)
            else:
                events = entry.events() if entry.size else None

        if events is None or not self.domain:
            return None
        return DialogueStateTracker.from_events(sender_id, events, self.domain.slots)

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Inserts the events the database does not have yet, and commits."""
        await self.stream_events(tracker)
        sender_id = tracker.sender_id

        with self.session_scope() as session:
            entry = self._valid_entry(sender_id, self._fingerprint(session, sender_id))
            if entry is None:
                new_events = list(self._additional_events(session, tracker))
            else:
                new_events = list(itertools.islice(tracker.events, entry.size, None))
            rows = [self._row(sender_id, event) for event in new_events]
            session.add_all(rows)
            session.flush()  # assigns the ids
            inserted = [(row.id, row.data) for row in rows]
            session.commit()

        if entry is not None:
            self._remember_insert(sender_id, entry, inserted)

    def _fingerprint(self, session: Session, sender_id: Text) -> Fingerprint:
        # Plain SQL, built once: building and compiling the same select on
        # every call was most of this query's cost (issue 21's profile).
        count, max_id = session.execute(_FINGERPRINT, {"sender_id": sender_id}).one()
        return count, max_id

    def _valid_entry(self, sender_id: Text, fingerprint: Fingerprint) -> Optional[_Entry]:
        entry = self._entries.pop(sender_id, None)
        if entry is None or entry.fingerprint != fingerprint:
            return None
        self._entries[sender_id] = entry  # now the most recently used
        return entry

    def _remember(self, sender_id: Text, entry: _Entry) -> None:
        self._entries.pop(sender_id, None)
        self._entries[sender_id] = entry
        while len(self._entries) > self.cache_size:
            self._entries.popitem(last=False)

    def _load(
        self, session: Session, sender_id: Text, fingerprint: Fingerprint
    ) -> Optional[List[Event]]:
        """The parent's `_retrieve`: events of the latest session, None without rows.

        The events are cached before they are replayed, so the cache keeps
        pristine copies. The fingerprint was read before this query: if the
        rows change in between, the entry fails its next check (never the
        other way round).
        """
        rows = self._event_query(
            session, sender_id, fetch_events_from_all_sessions=False
        ).all()
        events = deserialise_events([json.loads(row.data) for row in rows])
        if len(events) == len(rows):  # else Rasa skipped a row we could not mirror
            self._remember(sender_id, _Entry.of(fingerprint, events))
        return events if rows else None

    def _row(self, sender_id: Text, event: Event) -> SQLTrackerStore.SQLEvent:
        """The row the parent's `save` stores for `event`."""
        data = event.as_dict()
        return self.SQLEvent(
            sender_id=sender_id,
            type_name=event.type_name,
            timestamp=data.get("timestamp"),
            intent_name=data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
            action_name=data.get("name"),
            data=json.dumps(data),
        )

    def _remember_insert(
        self, sender_id: Text, entry: _Entry, inserted: List[Tuple[int, Text]]
    ) -> None:
        """Extends `entry` by the rows just inserted (id and JSON of each).

        The new fingerprint is what the rows are if nobody else touched them;
        if somebody did (say, deleted them during the save), the next check
        fails and the conversation is read from the database again.
        """
        count, max_id = entry.fingerprint
        fingerprint = (count + len(inserted), max([i for i, _ in inserted], default=max_id))
        # What a retrieve reads back, not the caller's (mutable) event objects.
        new_events = deserialise_events([json.loads(data) for _, data in inserted])
        if len(new_events) == len(inserted):
            self._remember(sender_id, entry.extended(fingerprint, new_events))
        else:  # Rasa would skip one of them on retrieve: let it
            self._entries.pop(sender_id, None)
