"""Deletes one conversation from the SQLite conversation store.

Usage: .venv/bin/python scripts/forget_conversation.py SENDER_ID [DB]
(DB defaults to var/conversations.db, the store `make run` uses). The SQL
tracker store reads the database on every message, so no restart is needed:
the next message from that sender starts a new conversation.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path


def forget(sender_id: str, db: Path) -> int:
    with sqlite3.connect(db) as connection:
        deleted = connection.execute("DELETE FROM events WHERE sender_id = ?", (sender_id,)).rowcount
    return deleted


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    database = Path(sys.argv[2] if len(sys.argv) > 2 else "var/conversations.db")
    print(f"deleted {forget(sys.argv[1], database)} events of conversation {sys.argv[1]!r} from {database}")
