"""Side effects in a message: asked about in a question, told of in the
story, or feared. Each gets what the page says of it for the drug the
answers are about, or that the page doesn't name it."""

from __future__ import annotations

from typing import Tuple

from assistant.drug_names import matching_side_effect, resolve_drug
from assistant.questions import AboutDrugs, Decision, Question
from assistant.topics import Topic
from assistant.understanding import together
from assistant.understanding.reading import Message, Reading

Questions = Tuple[Question, ...]
# The decision kind (vocabulary/decisions.yml) a side effect's answer settles.
WHAT_TO_DO = frozenset({"what_to_do"})


def speaks_of_side_effects(questions: Questions) -> bool:
    return any(getattr(q, "topic", None) == Topic.SIDE_EFFECTS for q in questions)


def told(message: Message, questions: Questions) -> Questions:
    """A side effect the page names for a drug the answers are about, told
    anywhere in the message, story included ("my pressure is very high
    since"), when no answer speaks of side effects: the page names it, and
    only the healthcare team can say whether it comes from the drug."""
    if speaks_of_side_effects(questions):
        return ()
    drugs = dict.fromkeys(d for q in questions if together.says_something(q) for d in getattr(q, "drugs", ()))
    if not drugs:
        # "ma mère prend le Votrient ... her hair is becoming white, is it
        # normal?": the drug the message names, when no answer is about one.
        drugs = dict.fromkeys(filter(None, map(resolve_drug, message.drug_values)))
    # Each sentence on its own: "pressure" and "up" in two sentences of a story tell nothing.
    sentences = [part.text for part in message.parts] or [message.text]
    found = []
    for drug in drugs:
        effect = next(filter(None, (matching_side_effect(s, drug.side_effects) for s in sentences)), None)
        if effect is not None:
            found.append(AboutDrugs(Topic.SIDE_EFFECTS, (drug,), effect.name))
    return tuple(found)


def asked(reading: Reading, answers: Questions) -> Questions:
    """A symptom named in a question that no answer speaks of ("could his
    puffy ankles be from the pill, and should he take it with breakfast?"):
    what the page says, or that it doesn't name it, for the drug."""
    effect = next(iter(reading.message.side_effects_asked), None)
    if effect is None or speaks_of_side_effects(answers) or not reading.meant:
        return ()
    return (AboutDrugs(Topic.SIDE_EFFECTS, reading.meant, effect),)


def feared(reading: Reading, questions: Questions) -> Questions:
    """A fear or a hard time told about a drug ("is it normal to feel scared
    starting gleevec tomorrow"): after the acknowledgement, what the page
    says to expect of it, as a nurse would, unless the words ask more."""
    drugs = reading.named or reading.described
    if not drugs or any(together.says_something(q) and not isinstance(q, Decision) for q in questions):
        return questions
    # Before a decision told in the story, whose referral comes last.
    return (AboutDrugs(Topic.SIDE_EFFECTS, drugs),) + questions


def with_what_to_do(questions: Questions) -> Questions:
    """"Her pressure is 150 over 90, what should we do?": after a side
    effect, what the page says to do (tell the healthcare team, soon) is the
    answer, said with it; no personal decision is referred."""
    if not speaks_of_side_effects(questions):
        return questions
    return tuple(q for q in questions if not (isinstance(q, Decision) and q.kinds and set(q.kinds) <= WHAT_TO_DO))
