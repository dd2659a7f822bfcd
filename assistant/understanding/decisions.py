"""Personal decisions asked among other questions, and the page's facts
each is made around.

"can i just stop?" is referred to the healthcare team (``Decision``), after
how long the drug is usually taken and who plans it; "is missing a day
dangerous?" after how it is taken. The words of a decision are the NLU's
(``vocabulary/decisions.yml``); which facts go with which decision is here.
"""

from __future__ import annotations

import re
from typing import Dict, Tuple

from assistant import intents
from assistant.facts import Drug
from assistant.questions import AboutDrugs, Decision, Question
from assistant.topics import Topic
from assistant.understanding import cues
from assistant.understanding.reading import Found, Part, Reading

Questions = Tuple[Question, ...]


def decision(reading: Reading, answers: Questions) -> Questions:
    """A personal decision asked beside other questions ("... and what do i
    do if i forget one?") is referred after their answers, with the page's
    facts it is made around; a question with a covered topic of its own
    ("do side effects go away once you stop?") is answered instead. A
    message that only asks a decision is the safety action's
    (``decision_asked``)."""
    if reading.message.intent == intents.PERSONAL_ADVICE:
        return ()
    message = reading.message
    deciding = [p for p in message.questions_holding(message.decisions) if not _asks_more(p, message.decisions)]
    if not deciding and not answers:
        # "i want to take a week off ... would a week really be so bad": a
        # decision told in the story is what its unclear question asks.
        deciding = [p for p in message.parts if not p.asks and any(p.holds(f.start, f.end) for f in message.decisions)]
    if not deciding:
        return ()
    # "thinking i'll just stop now ... good idea?": a short question asks
    # about the decision told just before it.
    deciding += [p for q in deciding if _short(q) for p in message.told_before(q)]
    kinds = tuple(dict.fromkeys(f.value for f in message.decisions
                                if any(p.holds(f.start, f.end) for p in deciding)))
    drugs = reading.named or reading.referred or ()
    if SWITCHING in kinds and drugs:
        # A switch is between the drug taken and the one asked about: both
        # uses are what it is made around.
        drugs = tuple(dict.fromkeys(reading.in_the_message + drugs))
    return facts_around(kinds, drugs) + (Decision(drugs, kinds),)


# The decision kind (vocabulary/decisions.yml) of starting, keeping or
# switching a drug.
SWITCHING = "starting"


# The page's facts a personal decision is made around: "can i just stop?"
# gets how long the drug is usually taken and who plans it; "can i skip
# the weekend?" how it is taken.
DECISION_FACTS: Dict[str, Topic] = {
    "stopping": Topic.DRUG_DURATION,
    "missed": Topic.DRUG_ADMINISTRATION,
    "timing": Topic.DRUG_ADMINISTRATION,
    "starting": Topic.DRUG_INDICATION,
    "right_for_me": Topic.DRUG_INDICATION,
    "dose": Topic.DOSE,
}


def _short(question: Part) -> bool:
    return len(question.text.split()) <= SHORT_QUESTION_WORDS


# "good idea?", "makes sense?", "thats fine right": a question this short
# asks about what was said before it.
SHORT_QUESTION_WORDS = 4


def _asks_more(question: Part, decisions: Tuple[Found, ...]) -> bool:
    """Whether a question holding a decision asks a covered topic of its own
    ("do side effects go away once you stop?"); the fact the decision is made
    around is none ("is missing a day dangerous?" and how it is taken)."""
    around = tuple(DECISION_FACTS[f.value] for f in decisions
                   if f.value in DECISION_FACTS and question.holds(f.start, f.end))
    if _ASKED_OUTRIGHT.search(question.text):
        # "tell me if i should keep taking votrient, my blood pressure is
        # high": the decision is what it asks, whatever else it names.
        return False
    return cues.asks_any_topic(question.text, but=around)


# "should i ...", "should my mom ...", "tell me if i should ...": a decision
# asked in so many words (not "should i tell them", which the page answers).
_ASKED_OUTRIGHT = re.compile(r"\b(should (i|he|she|we|they|my \w+)|(i|he|she|we|they) should)\b"
                             r"(?! (tell|call|phone|ring|let|mention|report|ask))", re.I)


def facts_around(kinds: Tuple[str, ...], drugs: Tuple[Drug, ...]) -> Questions:
    if not drugs:
        return ()
    return tuple(dict.fromkeys(AboutDrugs(DECISION_FACTS[k], drugs) for k in kinds if k in DECISION_FACTS))
