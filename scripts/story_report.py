"""Fails when any conversation test story failed, and shows which ones.

`rasa test core --e2e --fail-on-prediction-errors` stops at the first wrong
prediction and writes no report; running without it and checking here lists
every failing story in one CI run.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml


def main(results: Path) -> int:
    failed_file = results / "failed_test_stories.yml"
    if not failed_file.exists():
        print(f"missing {failed_file}: did `rasa test core` run?", file=sys.stderr)
        return 1
    failed = (yaml.safe_load(failed_file.read_text()) or {}).get("stories") or []
    if failed:
        print(failed_file.read_text())
        print(f"{len(failed)} conversation test stories failed", file=sys.stderr)
        return 1
    print("all conversation test stories passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "results/conversations")))
