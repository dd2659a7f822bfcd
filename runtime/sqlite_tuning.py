"""SQLite settings for the conversation store.

Profiling showed loading and saving the tracker in SQLite at about 5 ms each
per message, most of it waiting for the journal to be synced. Write-ahead
logging with synchronous=NORMAL syncs far less often and lets readers work
while a write is in progress. A committed conversation still survives a
crash or kill of the server (only a power cut can lose the last few writes).
"""

from __future__ import annotations

import sqlite3
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()


def install() -> None:
    if not event.contains(Engine, "connect", _on_connect):
        event.listen(Engine, "connect", _on_connect)
