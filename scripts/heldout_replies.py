"""Collects the assistant's replies to a held-out message set, for judging.

Each message goes to a running assistant's REST channel in a conversation
of its own (as a new user would write), and one JSON line per message is
written: its id, kind, split, text, the set's expectations and the reply as
the person reads it (welcome message left out). Judges who have not seen
the code then score the lines against the expectations; nothing here
scores or looks at intents.

    python scripts/heldout_replies.py tests/heldout/understanding/messages.yml \
        --split dev --url http://127.0.0.1:5005 --out results/heldout/dev.jsonl
"""

from __future__ import annotations

import argparse
import json
import uuid
from pathlib import Path
from typing import Dict, Iterable, List, Optional

import requests
import yaml

# The welcome every new conversation opens with; not part of the answer.
WELCOME_START = "Hello, I can tell you about targeted therapy"


def reply_to(url: str, text: str, timeout: float = 60) -> str:
    sender = f"heldout-{uuid.uuid4().hex}"
    response = requests.post(f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=timeout)
    response.raise_for_status()
    texts = [m.get("text", "") for m in response.json() if m.get("text")]
    return "\n\n".join(t for t in texts if not t.startswith(WELCOME_START))


def messages(path: Path, split: Optional[str]) -> Iterable[Dict]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for message in data["messages"]:
        if split is None or message.get("split") == split:
            yield message


def main(argv: Optional[List[str]] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("messages", type=Path)
    parser.add_argument("--split", help="dev or sealed (default: every message)")
    parser.add_argument("--url", default="http://127.0.0.1:5005")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as out:
        for message in messages(args.messages, args.split):
            line = {key: message.get(key) for key in ("id", "kind", "split", "text", "expect")}
            line["reply"] = reply_to(args.url, message["text"])
            out.write(json.dumps(line, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
