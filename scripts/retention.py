"""Deletes conversations whose last event is older than the retention period.

    python scripts/retention.py [--days N] [--endpoints endpoints.yml] [--dry-run]

N defaults to the environment's RETENTION_DAYS, else 30. A conversation (all
rows of one sender_id in Rasa's `events` table) is deleted, whole, when its
LAST event is older than N days: a conversation that started long ago but is
still going on is kept whole. The store is the endpoints file's
`tracker_store` (SQLite for endpoints.yml, PostgreSQL for
endpoints.cluster.yml, ${NAME} taken from the environment as Rasa does).

Safe while the assistant runs: conversations are deleted in batches, each in
one short transaction that holds the store's write lock and checks again that
every conversation of the batch is still past the cutoff (one that got a new
message meanwhile is kept). The assistant's cache notices deleted rows.

Prints counts only, never a sender id or message text. Exit status: 0 done,
1 the store cannot be read or reached, 2 a bad argument. With --dry-run it
prints what it would delete and deletes nothing. See docs/retention.md for
running it on a schedule.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Sequence

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from scripts.conversation_store import (  # noqa: E402
    DEFAULT_ENDPOINTS,
    Store,
    StoreError,
    connect,
    delete_conversations,
    events_table,
    fail,
    quiet_library_warnings,
    store_url,
    write_lock,
)

DEFAULT_DAYS = 30
DAYS_ENV = "RETENTION_DAYS"
BATCH_SIZE = 500  # conversations per transaction: keeps each lock short
SECONDS_PER_DAY = 86400


@dataclass(frozen=True)
class Outcome:
    conversations: int
    events: int
    cutoff: float  # unix seconds: conversations whose last event is before this


def expired(connection: sa.engine.Connection, cutoff: float,
            sender_ids: Optional[Sequence[str]] = None) -> Dict[str, int]:
    """Senders whose last event is before `cutoff`, with their number of rows.

    sender_ids: only among these (the batch being deleted).
    """
    events = events_table()
    query = (
        sa.select(events.c.sender_id, sa.func.count())
        .group_by(events.c.sender_id)
        .having(sa.func.max(events.c.timestamp) < cutoff)
    )
    if sender_ids is not None:
        query = query.where(events.c.sender_id.in_(list(sender_ids)))
    return {sender: count for sender, count in connection.execute(query)}


def batches(items: Sequence[str], size: int) -> Iterable[List[str]]:
    for start in range(0, len(items), size):
        yield list(items[start:start + size])


def apply_retention(store: Store, days: float, dry_run: bool = False, now: Optional[float] = None,
                    batch_size: int = BATCH_SIZE) -> Outcome:
    """Deletes (or with dry_run, counts) the conversations past `days`.

    store: a SQLite file, an SQLAlchemy URL or an engine. Raises StoreError
    when the store cannot be reached or fails part way (batches already
    committed stay deleted; running again finishes the job).
    """
    if days <= 0:
        raise ValueError(f"days must be more than 0, not {days!r}")
    if batch_size < 1:
        raise ValueError(f"batch_size must be 1 or more, not {batch_size!r}")
    cutoff = (time.time() if now is None else now) - days * SECONDS_PER_DAY
    engine = connect(store)
    conversations = events = 0
    try:
        with engine.connect() as connection:  # a plain read: no lock
            candidates = expired(connection, cutoff)
        if dry_run:
            return Outcome(len(candidates), sum(candidates.values()), cutoff)
        for batch in batches(sorted(candidates), batch_size):
            with write_lock(engine) as connection:
                # Again under the lock: a conversation that got a message
                # since the read above is no longer past the cutoff.
                still_expired = expired(connection, cutoff, batch)
                deleted = delete_conversations(connection, sorted(still_expired))
            conversations += len(still_expired)
            events += deleted
    except sa.exc.DBAPIError as error:
        reason = str(error.orig).strip().splitlines()[0] if error.orig else type(error).__name__
        raise StoreError(
            f"the conversation store failed after {conversations} conversations ({events} events) "
            f"were deleted: {reason}"
        ) from None
    finally:
        if engine is not store:
            engine.dispose()
    return Outcome(conversations, events, cutoff)


def report(outcome: Outcome, days: float, dry_run: bool) -> str:
    """Counts only: never a sender id or message text."""
    before = datetime.fromtimestamp(outcome.cutoff, timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    what = f"{plural(outcome.conversations, 'conversation')} ({plural(outcome.events, 'event')})"
    when = f"last event older than {days:g} days, before {before}"
    if dry_run:
        return f"would delete {what}: {when}. Dry run: nothing deleted."
    return f"deleted {what}: {when}."


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def positive_days(text: str) -> int:
    try:
        days = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"a whole number of days is needed, not {text!r}") from None
    if days < 1:
        raise argparse.ArgumentTypeError(f"days must be 1 or more, not {days}")
    return days


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--days", type=positive_days,
                        help=f"retention period in days (default: ${DAYS_ENV}, else {DEFAULT_DAYS})")
    parser.add_argument("--endpoints", type=Path, default=DEFAULT_ENDPOINTS,
                        help="endpoints file whose tracker_store to clean (default: endpoints.yml)")
    parser.add_argument("--dry-run", action="store_true", help="count what would be deleted, delete nothing")
    args = parser.parse_args(argv)
    days = args.days
    if days is None:
        from_env = os.environ.get(DAYS_ENV, "").strip()
        try:
            days = positive_days(from_env) if from_env else DEFAULT_DAYS
        except argparse.ArgumentTypeError as error:
            parser.error(f"{DAYS_ENV}: {error}")
    try:
        outcome = apply_retention(store_url(args.endpoints), days, dry_run=args.dry_run)
    except StoreError as error:
        return fail(error)
    print(report(outcome, days, args.dry_run))
    return 0


if __name__ == "__main__":
    quiet_library_warnings()
    sys.exit(main())
