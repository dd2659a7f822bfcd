"""Deletes one conversation from the conversation store.

Usage: .venv/bin/python scripts/forget_conversation.py SENDER_ID [DB]
       .venv/bin/python scripts/forget_conversation.py SENDER_ID --endpoints endpoints.cluster.yml

DB is a SQLite file; without it, the store the endpoints file's
`tracker_store` names (endpoints.yml: var/conversations.db, the store
`make run` uses; endpoints.cluster.yml: PostgreSQL, settings from the
environment). The assistant checks each conversation against the database
before using it, so no restart is needed: the next message from that sender
starts a new conversation. Connecting and deleting are shared with
scripts/retention.py (scripts/conversation_store.py).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Optional

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from scripts.conversation_store import (  # noqa: E402
    DEFAULT_ENDPOINTS,
    Store,
    StoreError,
    connect,
    delete_conversations,
    describe,
    fail,
    quiet_library_warnings,
    store_url,
)


def forget(sender_id: str, db: Store) -> int:
    """Deletes every event of `sender_id`; how many were deleted.

    db: a SQLite file, an SQLAlchemy URL or an engine.
    """
    engine = connect(db)
    try:
        with engine.begin() as connection:
            return delete_conversations(connection, [sender_id])
    finally:
        if engine is not db:
            engine.dispose()


def main(argv: Optional[list] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sender_id")
    parser.add_argument("db", nargs="?", type=Path, help="a SQLite conversation store")
    parser.add_argument("--endpoints", type=Path, default=DEFAULT_ENDPOINTS,
                        help="endpoints file whose tracker_store to use (default: endpoints.yml)")
    args = parser.parse_args(argv)
    try:
        store = args.db or store_url(args.endpoints)
        deleted = forget(args.sender_id, store)
    except StoreError as error:
        return fail(error)
    where = store if isinstance(store, Path) else describe(store)
    print(f"deleted {deleted} events of conversation {args.sender_id!r} from {where}")
    return 0


if __name__ == "__main__":
    quiet_library_warnings()
    sys.exit(main())
