"""The conversation store, as the maintenance commands reach it.

Shared by scripts/forget_conversation.py (one person's conversation) and
scripts/retention.py (conversations past the retention period): where the
store is, how to connect to it, how to take the write lock and how to delete
whole conversations. Both work on the `events` table of Rasa's
SQLTrackerStore (one row per event, keyed by `sender_id`), which the
project's CachedSQLTrackerStore (runtime/cached_tracker_store.py) also uses.

Where: the `tracker_store` section of an endpoints file, read with Rasa's own
`read_endpoint_config`, so `${NAME}` is replaced from the environment exactly
as the Rasa server does (a name that is not set is an error; Rasa 3.6
replaces it only in an unquoted YAML value, so a quoted `"${DB_PORT}"` is
refused with that hint), and the URL is built by Rasa's
`SQLTrackerStore.get_db_url`. Dialects: `sqlite` (the
default, endpoints.yml) and `postgresql` (endpoints.cluster.yml). A relative
SQLite `db` is taken relative to the endpoints file's folder, the folder the
assistant runs from, so a cron job started elsewhere finds the same file.

Safe while the assistant runs: every deletion is one short transaction.
`write_lock` also holds the store's write lock (SQLite `BEGIN IMMEDIATE`;
PostgreSQL `LOCK TABLE events IN SHARE ROW EXCLUSIVE MODE`, which pauses
inserts, never reads), so nothing the assistant writes can slip in between
a check and a delete (retention checks each batch again under it). The assistant's cache checks every conversation against the table
before use, so it notices deleted rows.

Nothing here prints or logs a sender id or message text.
"""

from __future__ import annotations

import re
import sys
import warnings
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Dict, Iterator, Sequence, Union

import sqlalchemy as sa
from sqlalchemy.engine import URL, Connection, Engine, make_url

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_ENDPOINTS = ROOT / "endpoints.yml"
DIALECTS = ("sqlite", "postgresql")
BUSY_TIMEOUT_SECONDS = 30  # SQLite: wait this long for the assistant's write to finish
CONNECT_TIMEOUT_SECONDS = 10  # PostgreSQL: give up on an unreachable server after this
LOCK_TIMEOUT = "10s"  # PostgreSQL: give up on the table lock after this

Store = Union[Path, str, URL, Engine]  # a SQLite file, a URL, or an engine
PLACEHOLDER = re.compile(r"\$\{[^}]*\}")


class StoreError(Exception):
    """The store cannot be used: the message says why, without secrets."""


def events_table() -> sa.Table:
    """Rasa's `events` table, as SQLTrackerStore declares it."""
    from rasa.core.tracker_store import SQLTrackerStore

    return SQLTrackerStore.SQLEvent.__table__


def store_url(endpoints: Path) -> URL:
    """The database of the endpoints file's `tracker_store`, as Rasa builds it."""
    from rasa.core.tracker_store import SQLTrackerStore, validate_port
    from rasa.shared.exceptions import RasaException
    from rasa.utils.endpoints import read_endpoint_config

    endpoints = Path(endpoints)
    if not endpoints.is_file():
        raise StoreError(f"no endpoints file at {endpoints}")
    try:
        config = read_endpoint_config(str(endpoints), "tracker_store")
    except RasaException as error:  # such as a ${NAME} that is not set
        raise StoreError(f"cannot read {endpoints}: {error}") from None
    if config is None:
        raise StoreError(f"{endpoints} has no tracker_store section")
    settings: Dict[str, Any] = dict(config.kwargs)
    _refuse_placeholders(endpoints, {"url": config.url, **settings})
    dialect = str(settings.get("dialect") or "sqlite")
    if dialect not in DIALECTS:
        raise StoreError(
            f"{endpoints}: tracker_store dialect {dialect!r} is not supported (only {', '.join(DIALECTS)})"
        )
    db = str(settings.get("db") or "rasa.db")
    if dialect == "sqlite":
        return sqlite_url(endpoints.resolve().parent / db)
    try:
        port = validate_port(settings.get("port"))
    except RasaException as error:
        raise StoreError(f"{endpoints}: {error}") from None
    url = SQLTrackerStore.get_db_url(
        dialect, config.url, port, db, settings.get("username"), settings.get("password"),
        query=settings.get("query"),
    )
    return make_url(url)


def _refuse_placeholders(endpoints: Path, settings: Dict[str, Any]) -> None:
    """A ${NAME} Rasa left as it is: Rasa 3.6 replaces it only in a plain
    (unquoted) YAML value, so `port: "${DB_PORT}"` reaches the store as text."""
    left = {key: PLACEHOLDER.findall(value) for key, value in settings.items()
            if isinstance(value, str) and PLACEHOLDER.search(value)}
    if left:
        keys = ", ".join(f"{key} ({' '.join(names)})" for key, names in sorted(left.items()))
        raise StoreError(
            f"{endpoints}: tracker_store {keys} not replaced from the environment. Rasa replaces "
            "${NAME} only in unquoted values: write, for example, `port: ${DB_PORT}` without quotes "
            "(the Rasa server reads the file the same way)."
        )


def sqlite_url(db: Union[Path, str]) -> URL:
    return make_url(f"sqlite:///{Path(db).resolve()}")


def describe(url: URL) -> str:
    """The URL with its password hidden, for messages."""
    return url.render_as_string(hide_password=True)


def connect(store: Store) -> Engine:
    """An engine on the store, checked: it answers and has the `events` table.

    Raises StoreError with a clear message otherwise. A SQLite file that does
    not exist is an error, never created: a wrong path must not look like an
    empty store.
    """
    if isinstance(store, Engine):
        return store
    url = sqlite_url(store) if isinstance(store, Path) else make_url(store)
    engine = _engine(url)
    try:
        with engine.connect() as connection:
            has_events = sa.inspect(connection).has_table(events_table().name)
    except sa.exc.DBAPIError as error:
        engine.dispose()
        reason = str(error.orig).strip().splitlines()[0] if error.orig else type(error).__name__
        raise StoreError(f"cannot reach the conversation store {describe(url)}: {reason}") from None
    if not has_events:
        engine.dispose()
        raise StoreError(f"{describe(url)} has no events table: is it the assistant's conversation store?")
    return engine


def _engine(url: URL) -> Engine:
    from rasa.core.tracker_store import create_engine_kwargs

    if url.get_backend_name() == "sqlite":
        if not url.database or url.database == ":memory:" or not Path(url.database).is_file():
            raise StoreError(f"no conversation store at {url.database or '(no file)'}")
        # pysqlite's own transaction handling off, so that `begin` below
        # really starts the transaction, with SQLite's write lock.
        engine = sa.create_engine(
            url, connect_args={"timeout": BUSY_TIMEOUT_SECONDS, "isolation_level": None}
        )
        sa.event.listen(engine, "begin", _begin_immediate)
        return engine
    if url.get_backend_name() != "postgresql":
        raise StoreError(f"{describe(url)}: only sqlite and postgresql are supported")
    kwargs = create_engine_kwargs(url)  # as Rasa: POSTGRESQL_SCHEMA and pool settings
    kwargs["connect_args"] = {**kwargs.get("connect_args", {}), "connect_timeout": CONNECT_TIMEOUT_SECONDS}
    return sa.create_engine(url, **kwargs)


def _begin_immediate(connection: Connection) -> None:
    connection.exec_driver_sql("BEGIN IMMEDIATE")


@contextmanager
def write_lock(engine: Engine) -> Iterator[Connection]:
    """A transaction that holds the store's write lock until it commits.

    The assistant keeps reading meanwhile; its next insert waits for the
    commit (keep the transaction short).
    """
    with engine.begin() as connection:  # SQLite: BEGIN IMMEDIATE (see _engine)
        if engine.dialect.name == "postgresql":
            connection.exec_driver_sql(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'")
            connection.exec_driver_sql(f"LOCK TABLE {events_table().name} IN SHARE ROW EXCLUSIVE MODE")
        yield connection


def delete_conversations(connection: Connection, sender_ids: Sequence[str]) -> int:
    """Deletes every row of these senders; the number of rows deleted."""
    if not sender_ids:
        return 0
    events = events_table()
    return connection.execute(events.delete().where(events.c.sender_id.in_(list(sender_ids)))).rowcount


def quiet_library_warnings() -> None:
    """No deprecation notices from Rasa's and SQLAlchemy's imports on stderr
    (a cron job mails whatever it prints there): only our own messages."""
    from sqlalchemy.util import deprecations

    # What SQLALCHEMY_SILENCE_UBER_WARNING=1 sets, had it been set before the import.
    deprecations.SILENCE_UBER_WARNING = True
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        # Their imports add warning filters of their own ("once" for
        # DeprecationWarning), hence imported first, then ours on top.
        import rasa.core.tracker_store  # noqa: F401
        import rasa.utils.endpoints  # noqa: F401
    warnings.simplefilter("ignore", DeprecationWarning)


def fail(error: StoreError) -> int:
    """Prints the error for a command line and returns its exit status."""
    print(f"error: {error}", file=sys.stderr)
    return 1
