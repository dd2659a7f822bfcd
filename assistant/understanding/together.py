"""The questions of a message read question by question, as one answer.

Each question of a message of several parts is understood on its own
(``Message.questions_apart``); this puts what they ask back together: each
question once, a described drug named first, then corrections, the answers
in the order asked, what the page doesn't cover once per drug, and a
decision's referral last.
"""

from __future__ import annotations

from typing import List, Tuple

from assistant import intents
from assistant.questions import (
    AboutTherapy, Correction, Decision, Described, NotCovered, Question, SameDrug, Unanswered, WhichDrug, names_no_gap,
)
from assistant.topics import Topic
from assistant.understanding.reading import Part

# Where each kind of question goes in the answer; answers (1) keep the order asked.
_PLACES: Tuple[Tuple[type, int], ...] = (
    (Described, -1), (Correction, 0), (SameDrug, 0), (NotCovered, 2), (Unanswered, 2), (Decision, 2),
)
# Questions that ask for no fact: greetings, thanks, feelings ("why me?"),
# the care list. Nothing is said back for them.
_CONVERSATIONAL = frozenset({
    intents.GREET, intents.GOODBYE, intents.THANK, intents.BOT_CHALLENGE, intents.ASK_CAPABILITIES,
    intents.SHARE_FEELINGS, *intents.CARE_LIST_INTENTS,
})
# Shorter than this, a question leans on another ("or not?", "is that real?").
_FEWEST_WORDS = 4
# A part ending on one of these was cut from its sentence ("... had 6 rounds
# of doxorubicin which"): not a question of its own.
_CUT_AFTER = frozenset({"which", "who", "and", "or", "but", "that", "so", "because"})


def says_something(question: Question) -> bool:
    """More than "which drug?" or "I couldn't find that"."""
    return not (names_no_gap(question) or isinstance(question, WhichDrug))


def unanswered(question: Part, answers: Tuple[Question, ...]) -> bool:
    """Whether a question of several, understood on its own, got nothing
    the page says or a gap that names it: it is then said back, never
    dropped."""
    words = question.text.lower().rstrip(" ?.!,;:").split()
    if question.intent in _CONVERSATIONAL or len(words) < _FEWEST_WORDS or words[-1] in _CUT_AFTER:
        return False
    return not any(says_something(q) or isinstance(q, WhichDrug) for q in answers)


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
