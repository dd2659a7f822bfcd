"""The questions of a message read question by question, as one answer.

Each question of a message of several parts is understood on its own
(``Message.questions_apart``); this puts what they ask back together: each
question once, a described drug named first, then corrections, the answers
in the order asked, what the page doesn't cover once per drug, and a
decision's referral last.
"""

from __future__ import annotations

from typing import List, Tuple

from assistant.questions import (
    AboutTherapy, Correction, Decision, Described, NotCovered, Question, SameDrug, WhichDrug, names_no_gap,
)
from assistant.topics import Topic

# Where each kind of question goes in the answer; answers (1) keep the order asked.
_PLACES: Tuple[Tuple[type, int], ...] = (
    (Described, -1), (Correction, 0), (SameDrug, 0), (NotCovered, 2), (Decision, 2),
)


def says_something(question: Question) -> bool:
    """More than "which drug?" or "I couldn't find that"."""
    return not (names_no_gap(question) or isinstance(question, WhichDrug))


def _asks_for_the_source(question: Question) -> bool:
    return isinstance(question, AboutTherapy) and question.topic == Topic.SOURCE


def _place(question: Question) -> int:
    return next((place for kind, place in _PLACES if isinstance(question, kind)), 1)


def _gaps_once_per_drug(questions: Tuple[Question, ...]) -> List[Question]:
    merged: List[Question] = []
    for question in dict.fromkeys(questions):
        earlier = next((i for i, q in enumerate(merged) if isinstance(q, NotCovered) and isinstance(question, NotCovered)
                        and q.drugs == question.drugs), None)
        if earlier is None:
            merged.append(question)
            continue
        first = merged[earlier]
        assert isinstance(first, NotCovered) and isinstance(question, NotCovered)
        merged[earlier] = NotCovered(tuple(dict.fromkeys(first.gaps + question.gaps)), first.drugs)
    return merged


def one_answer(questions: Tuple[Question, ...]) -> Tuple[Question, ...]:
    merged = _gaps_once_per_drug(questions)
    if any(says_something(q) and not _asks_for_the_source(q) for q in merged):
        # "Which drug?" or "I couldn't find that" for a fragment ("first
        # day?") beside real answers is noise; so is the source for "what
        # does your info say?" after the questions it asks about.
        merged = [q for q in merged if says_something(q) and not _asks_for_the_source(q)]
    return tuple(sorted(merged, key=_place))
