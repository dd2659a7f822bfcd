"""The held-out understanding set (issue 9), end to end over REST.

`heldout.yml` and `conversations.yml` were written before the model changed
and are never trained on (`tests/unit/test_nlu_data_split.py` checks this).
Targets: at least 95 % of the messages of every kind answered as labelled,
and no reply anywhere that answers a different question from the one asked.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path
from typing import Dict, List

import pytest

from assistant import wording
from tests.support.servers import running_assistant
from tests.understanding import evaluation

MESSAGES = evaluation.load_messages()
CONVERSATIONS = evaluation.load_conversations()
RESULTS = Path(__file__).resolve().parents[2] / "results" / "understanding"
TARGET = 0.95
KINDS = {"condition_to_drug", "unlinked_condition", "comparison", "across_drugs", "not_covered", "mixed",
         "feelings", "plain_miss", "paraphrase"}


@pytest.fixture(scope="module")
def outcomes() -> List[evaluation.Outcome]:
    welcome = wording.welcome().text.split("\n")[0][:60]
    with running_assistant() as assistant:
        messages = evaluation.run_messages(MESSAGES, assistant.send, welcome)
        turns = evaluation.run_conversations(CONVERSATIONS, assistant.send, welcome)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "summary.md").write_text(evaluation.summary(messages, turns) + "\n")
    (RESULTS / "failures.txt").write_text(evaluation.failures(messages + turns) + "\n")
    return messages + turns


def test_the_set_covers_every_kind_the_issue_asks_for():
    kinds = Counter(m.kind for m in MESSAGES)
    assert len(MESSAGES) >= 300 and set(kinds) == KINDS
    assert len(CONVERSATIONS) >= 12 and all(len(c.turns) >= 2 for c in CONVERSATIONS)
    assert len({m.id for m in MESSAGES}) == len(MESSAGES)


def test_every_kind_reaches_the_target(outcomes):
    by_kind: Dict[str, List[evaluation.Outcome]] = defaultdict(list)
    for outcome in outcomes:
        by_kind[outcome.turn.kind].append(outcome)
    below = {
        kind: f"{sum(o.ok for o in group)}/{len(group)}"
        for kind, group in by_kind.items()
        if sum(o.ok for o in group) < TARGET * len(group)
    }
    assert not below, f"{below}\n" + evaluation.failures(outcomes)


def test_no_reply_answers_a_different_question(outcomes):
    different = [o for o in outcomes if o.answers_a_different_question]
    assert not different, evaluation.failures(different)
