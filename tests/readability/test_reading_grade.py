"""Plain language (issue 10): the reading grade of every reply, end to end.

Every message of the other suites is sent over REST; each distinct message
the assistant sends back (one chat bubble: an answer with its disclaimer,
the welcome, a referral) is graded with textstat's Flesch-Kincaid grade, offline (scripts/reading_grade.py).
At least 90 % of the distinct replies must be at grade 8 or below, and
90 % of every reply given (each counted as often as it was sent, so the
welcome every conversation opens with weighs what it weighs for patients).
The distribution goes to results/readability/summary.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import Dict

import pytest

from scripts import reading_grade
from tests.readability import corpus
from tests.support.servers import running_assistant

RESULTS = Path(__file__).resolve().parents[2] / "results" / "readability"
TARGET_SHARE = 0.90


@pytest.fixture(scope="module")
def replies() -> Dict[str, int]:
    """Each distinct reply message, with how many times it was sent."""
    seen: Dict[str, int] = {}
    with running_assistant() as assistant:
        for n, conversation in enumerate(corpus.conversations()):
            for message in conversation:
                for reply in assistant.send(f"grade-{n}", message):
                    text = (reply.get("text") or "").strip()
                    if text:
                        seen[text] = seen.get(text, 0) + 1
    return seen


def _report(replies: Dict[str, int]) -> str:
    graded = sorted(((reading_grade.grade(text), text) for text in replies), reverse=True)
    distinct = reading_grade.Distribution(tuple(g for g, _ in graded))
    every = reading_grade.Distribution(tuple(g for g, text in graded for _ in range(replies[text])))
    lines = [
        "# Reading grade of the assistant's replies (Flesch-Kincaid, textstat, offline)",
        "",
        f"- Distinct replies: {distinct.summary()}",
        f"- Every reply given: {every.summary()}",
        "",
        "| grade | distinct replies | every reply given |",
        "|---|---|---|",
        *(f"| {label} | {a} | {b} |" for (label, a), (_, b) in zip(distinct.bands(), every.bands())),
        "",
        "## The hardest replies",
        "",
        *(f"- {g:.1f}: {text[:300]!r}" for g, text in graded[:25]),
    ]
    return "\n".join(lines) + "\n"


def test_the_corpus_reaches_every_kind_of_reply(replies):
    assert sum(len(c) for c in corpus.conversations()) >= 800
    assert len(replies) >= 300, "too few distinct replies to say anything about the wording"


def test_nine_in_ten_replies_read_at_grade_8_or_below(replies):
    RESULTS.mkdir(parents=True, exist_ok=True)
    report = _report(replies)
    (RESULTS / "summary.md").write_text(report, encoding="utf-8")
    share = reading_grade.Distribution(tuple(reading_grade.grade(t) for t in replies)).share_at_or_below()
    assert share >= TARGET_SHARE, report
    every = reading_grade.Distribution(
        tuple(reading_grade.grade(t) for t, sent in replies.items() for _ in range(sent))
    ).share_at_or_below()
    assert every >= TARGET_SHARE, report
