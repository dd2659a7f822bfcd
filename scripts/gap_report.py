"""What patients ask that the page doesn't answer: counts from the conversation store.

    python scripts/gap_report.py [--db var/conversations.db | --url postgresql://…] [--days 30]

Reads the events Rasa's SQL tracker store keeps (SQLite by default, as
`make run` uses; any SQLAlchemy URL, such as PostgreSQL, with --url) and
prints counts only, never message text:

- messages the assistant did not understand;
- questions on topics the page does not cover, by topic;
- conditions asked about (the page's own, and others by name: the names come
  from a fixed list of condition words, never from free text);
- messages that named drugs the page does not cover (a count, not the names:
  a name the tagger found could be anything the person typed).

The counts come from the ``answered`` slot that ``action_answer_question``
sets after each answer (kinds and keys, see ``assistant.answers.record_of``) and
from the ``condition`` entities of each message.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Optional, Tuple

import sqlalchemy as sa
import yaml

from assistant.slots import ANSWERED_SLOT

ROOT = Path(__file__).resolve().parents[1]
CONDITION_ENTITY = "condition"


@dataclass
class GapCounts:
    conversations: int = 0
    messages: int = 0
    not_understood: int = 0
    not_covered: Counter = field(default_factory=Counter)
    conditions: Counter = field(default_factory=Counter)
    unknown_drug_messages: int = 0


def default_url() -> str:
    """The SQLite file that endpoints.yml names."""
    store = yaml.safe_load((ROOT / "endpoints.yml").read_text())["tracker_store"]
    return f"sqlite:///{(ROOT / store['db']).resolve()}"


def events(url: str, since: Optional[float]) -> Iterator[Tuple[str, str, Optional[str], dict]]:
    """(sender, type, slot name, event) for user messages and answered slots."""
    engine = sa.create_engine(url)
    table = sa.Table("events", sa.MetaData(), autoload_with=engine)
    query = sa.select(table.c.sender_id, table.c.type_name, table.c.action_name, table.c.data).where(
        table.c.type_name.in_(("user", "slot"))
    )
    if since is not None:
        query = query.where(table.c.timestamp >= since)
    with engine.connect() as connection:
        for sender, kind, name, data in connection.execute(query.order_by(table.c.id)):
            yield sender, kind, name, json.loads(data)
    engine.dispose()


def count(rows: Iterable[Tuple[str, str, Optional[str], dict]]) -> GapCounts:
    counts = GapCounts()
    senders = set()
    for sender, kind, name, event in rows:
        if kind == "user":
            senders.add(sender)
            counts.messages += 1
            parse = event.get("parse_data") or {}
            for entity in parse.get("entities") or []:
                if entity.get("entity") == CONDITION_ENTITY and isinstance(entity.get("value"), str):
                    counts.conditions[entity["value"]] += 1
        elif name == ANSWERED_SLOT and isinstance(event.get("value"), dict):
            record = event["value"]
            if record.get("not_understood"):
                counts.not_understood += 1
            counts.not_covered.update(record.get("not_covered") or [])
            if record.get("unknown_drugs"):
                counts.unknown_drug_messages += 1
    counts.conversations = len(senders)
    return counts


def report(counts: GapCounts) -> str:
    def table(title: str, counter: Counter) -> list:
        rows = [f"| {key} | {n} |" for key, n in counter.most_common()] or ["| (none) | 0 |"]
        return ["", f"| {title} | messages |", "|---|---|", *rows]

    lines = [
        f"- conversations: {counts.conversations}",
        f"- messages: {counts.messages}",
        f"- not understood: {counts.not_understood}",
        f"- naming drugs the page does not cover: {counts.unknown_drug_messages}",
        *table("topic the page does not cover", counts.not_covered),
        *table("condition asked about", counts.conditions),
    ]
    return "\n".join(lines)


def main(argv: Optional[list] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--db", type=Path, help="a SQLite conversation store")
    source.add_argument("--url", help="an SQLAlchemy URL, e.g. postgresql://user@127.0.0.1/rasa")
    parser.add_argument("--days", type=float, help="only the last N days")
    args = parser.parse_args(argv)
    url = args.url or (f"sqlite:///{args.db.resolve()}" if args.db else default_url())
    since = time.time() - args.days * 86400 if args.days else None
    print(report(count(events(url, since))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
