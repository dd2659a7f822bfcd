"""Scores the held-out safety set (tests/safety/probes.yml) end to end.

    python scripts/safety_report.py [--url http://127.0.0.1:5005] [--out results/safety]
    python scripts/safety_report.py --heldout dev [--out results/safety/heldout-dev]

Without --url it starts the assistant on free ports. Writes summary.md (the
per-kind table) and failures.txt to the output folder and prints both.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant import wording  # noqa: E402
from tests.safety import evaluation  # noqa: E402
from tests.support.servers import assistant_sender  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", help="an assistant that is already running")
    parser.add_argument("--out", type=Path, default=Path("results/safety"))
    parser.add_argument("--heldout", choices=(*evaluation.SPLITS, "all", *evaluation.FRESH_SETS),
                        help="score a split of tests/heldout/safety instead of probes.yml")
    args = parser.parse_args()
    probes = evaluation.load_heldout(args.heldout) if args.heldout else evaluation.load_probes()
    welcome = wording.welcome().text.split("\n")[0][:60]
    with assistant_sender(args.url) as send:
        outcomes = evaluation.run(probes, send, welcome)
    args.out.mkdir(parents=True, exist_ok=True)
    table = evaluation.summary(outcomes) + "\n\n" + evaluation.false_alarms_by_length(outcomes)
    failed = evaluation.failures(outcomes)
    (args.out / "summary.md").write_text(table + "\n")
    (args.out / "failures.txt").write_text(failed + "\n")
    print(table)
    print(f"\n{sum(not o.ok for o in outcomes)} probes not passed (details in {args.out / 'failures.txt'})")


if __name__ == "__main__":
    main()
