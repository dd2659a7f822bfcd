"""Scores the held-out understanding set (tests/understanding) end to end.

    python scripts/understanding_report.py [--url http://127.0.0.1:5005] [--out results/understanding]
                                           [--db results/understanding/conversations.db]

Without --url it starts the assistant on free ports (keeping its conversations
in --db when given, for scripts/gap_report.py). Writes summary.md (the
per-kind table) and failures.txt to the output folder and prints the table.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant import wording  # noqa: E402
from tests.support.servers import assistant_sender  # noqa: E402
from tests.understanding import evaluation  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", help="an assistant that is already running")
    parser.add_argument("--out", type=Path, default=Path("results/understanding"))
    parser.add_argument("--db", type=Path, help="SQLite file to keep the conversations in")
    args = parser.parse_args()
    welcome = wording.welcome().text.split("\n")[0][:60]
    with assistant_sender(args.url, args.db.resolve() if args.db else None) as send:
        messages = evaluation.run_messages(evaluation.load_messages(), send, welcome)
        turns = evaluation.run_conversations(evaluation.load_conversations(), send, welcome)
    args.out.mkdir(parents=True, exist_ok=True)
    table = evaluation.summary(messages, turns)
    (args.out / "summary.md").write_text(table + "\n")
    (args.out / "failures.txt").write_text(evaluation.failures(messages + turns) + "\n")
    print(table)
    print(f"\nDetails of every miss: {args.out / 'failures.txt'}")


if __name__ == "__main__":
    main()
