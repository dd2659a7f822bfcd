"""The messages whose replies are graded: every question the other suites ask.

The understanding set (messages and conversations), the NLU test set and the
red-team probes together reach every kind of reply: facts, comparisons,
gaps, referrals, safety replies, the welcome and the fallbacks. Each
conversation keeps its own sender, so follow-ups get their real replies.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import List, Sequence

import yaml

from tests.understanding import evaluation

TESTS = Path(__file__).resolve().parents[1]
# "[votrient](drug)" and "[votrient]{...}" are training annotations, not text.
ANNOTATION = re.compile(r"\[([^\]]+)\](\([^)]*\)|\{[^}]*\})")

Conversation = Sequence[str]


def nlu_test_messages() -> List[str]:
    data = yaml.safe_load((TESTS / "nlu" / "nlu_test.yml").read_text(encoding="utf-8"))
    messages = []
    for block in data["nlu"]:
        for line in block.get("examples", "").splitlines():
            if line.strip().startswith("- "):
                messages.append(ANNOTATION.sub(r"\1", line.strip()[2:]))
    return messages


def redteam_conversations() -> List[Conversation]:
    probes = yaml.safe_load((TESTS / "redteam" / "probes.yml").read_text(encoding="utf-8"))
    singles = [[probe["text"]] for probe in probes["single_turn"]]
    multis = [[turn["text"] for turn in probe["turns"]] for probe in probes["multi_turn"]]
    return singles + multis


def conversations() -> List[Conversation]:
    """Every message, as the conversations they are sent in."""
    return [
        *([turn.text] for turn in evaluation.load_messages()),
        *([turn.text for turn in conversation.turns] for conversation in evaluation.load_conversations()),
        *([message] for message in nlu_test_messages()),
        *redteam_conversations(),
    ]
