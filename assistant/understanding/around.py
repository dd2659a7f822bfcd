"""What the page says around a question: the facts a reply needs beside a
gap the page doesn't cover, a wrong belief it corrects, or a condition told
just before a short question.

"Will it cure me?" is not on the page, but what targeted therapy is given
for is; "votrient is chemo, right?" is corrected, and what sets targeted
therapy apart from chemotherapy follows. Each table below says which of the
page's topics go with which gap or belief; the functions add them to the
questions a message was understood to ask.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Dict, Tuple

from assistant.questions import AboutDrugs, AboutTherapy, ForConditions, NotCovered, Question
from assistant.topics import Topic
from assistant.understanding.conditions import find_conditions
from assistant.understanding.mentions import unique
from assistant.understanding.reading import Reading, short

Questions = Tuple[Question, ...]

# What else the page says that a correction needs. Chemotherapy or
# radiation by another name: what sets targeted therapy apart (it usually
# spares healthy cells, so its side effects are milder). No side effects:
# that they are milder, and when they can come. Given first, before chemo:
# the team plans each person's treatment.
SAID_WITH_CORRECTIONS: Dict[str, Tuple[Topic, ...]] = {
    "is_chemo": (Topic.SIDE_EFFECT_COMPARISON,),
    "is_radiation": (Topic.SIDE_EFFECT_COMPARISON,),
    "no_side_effects": (Topic.SIDE_EFFECT_COMPARISON, Topic.SIDE_EFFECT_TIMING),
    "is_first_line": (Topic.TREATMENT_PLANNING,),
}


# What the page does say beside a topic it doesn't cover, said after the
# gap: "will it cure me?" hears what targeted therapy is given for; "why a
# pill and not surgery?" that the team plans each person's treatment, and
# other treatments may come with it.
SAID_WITH_GAPS: Dict[str, Topic] = {
    "cure": Topic.TREATMENT_GOALS,
    "success": Topic.TREATMENT_GOALS,
    "other_treatments": Topic.TREATMENT_PLANNING,
    "stops_working": Topic.TREATMENT_PLANNING,
}


def with_what_the_page_says(questions: Questions) -> Questions:
    """The page's facts around each gap named, however the question was read."""
    questions = tuple(q for question in questions for q in _side_effects_beside_chemo(question))
    gaps = [g.key for q in questions if isinstance(q, NotCovered) for g in q.gaps]
    if not gaps:
        return questions
    around = tuple(AboutTherapy(SAID_WITH_GAPS[g]) for g in gaps if g in SAID_WITH_GAPS)
    return _with_hair_changes(tuple(dict.fromkeys(questions + around)))


# Gaps about side effects: chemotherapy named beside one ("will i lose my
# hair like her friend did on chemo?") asks the page's comparison.
SIDE_EFFECT_GAPS = frozenset({"hair_loss", "long_term_effects"})


def _side_effects_beside_chemo(question: Question) -> Questions:
    if not isinstance(question, NotCovered):
        return (question,)
    keys = {g.key for g in question.gaps}
    if "other_treatments" not in keys or not keys & SIDE_EFFECT_GAPS:
        return (question,)
    gaps = tuple(g for g in question.gaps if g.key != "other_treatments")
    return (AboutTherapy(Topic.SIDE_EFFECT_COMPARISON), replace(question, gaps=gaps))


def conditions_just_told(reading: Reading, questions: Questions) -> Questions:
    """"My cousin takes it for leukemia ... is it the same drug?": a condition
    the page doesn't link to any drug, told right before a short question,
    is named as not on the page, for the drug the message is about."""
    focus = reading.message.focus
    if focus is None or not short(focus.text) or any(isinstance(q, ForConditions) for q in questions):
        return ()
    # Only the sentence right before it: a story's other conditions ("my
    # husband had lung cancer") are background.
    before = reading.message.told_before(focus)[-1:]
    unlinked = tuple(m for part in before for m in find_conditions(part.text) if m.condition is None)
    if not unlinked:
        return ()
    return (ForConditions(unlinked, reading.named or reading.in_the_message),)


def _with_hair_changes(questions: Questions) -> Questions:
    """"Votrient makes your hair fall out, right?": hair loss is not on the
    page, but the change it does name for the drug (hair colour) is said
    with the gap."""
    drugs = unique(d for q in questions if isinstance(q, NotCovered) and any(g.key == "hair_loss" for g in q.gaps)
                   for d in q.drugs if d.side_effects)
    if not drugs or any(isinstance(q, AboutDrugs) and q.topic == Topic.SIDE_EFFECTS for q in questions):
        return questions
    first_gap = next(i for i, q in enumerate(questions) if isinstance(q, NotCovered))
    return questions[:first_gap] + (AboutDrugs(Topic.SIDE_EFFECTS, drugs),) + questions[first_gap:]
