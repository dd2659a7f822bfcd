"""Decides what to answer for a factual question, given the conversation so far.

Pure functions with no Rasa types, so every drug x topic combination can be
unit-tested. The thin actions in ``actions.actions`` only collect a
``Question`` from the tracker and send the resulting ``Answer``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional, Tuple

from actions import wording
from actions.drug_names import drug_by_key, resolve_drug, resolve_drug_class
from actions.facts import Drug
from actions.reply import Reply
from actions.topics import ANSWERABLE_WITHOUT_DRUG, Topic

# Side-effect questions that clearly ask about targeted therapy as a whole,
# even when a drug was discussed earlier in the conversation.
# Questions that, asked about a drug class ("how do TKIs work?"), are answered
# by explaining the class.
CLASS_LEVEL_TOPICS = frozenset(
    {Topic.DRUG_CLASS, Topic.DRUG_MECHANISM, Topic.DRUG_OVERVIEW, Topic.DRUG_INDICATION}
)
_ABOUT_THERAPY_IN_GENERAL = re.compile(r"targeted|in general|generally|overall|any of (them|these)", re.I)


@dataclass(frozen=True)
class Question:
    topic: Topic
    text: str = ""
    drug_mentions: Tuple[str, ...] = ()
    class_mentions: Tuple[str, ...] = ()
    side_effect_mentions: Tuple[str, ...] = ()
    drug_in_context: Optional[str] = None


@dataclass(frozen=True)
class Answer:
    reply: Reply
    topic: Topic
    # The drug the conversation is now about (None clears it).
    drug: Optional[str]


def _mentioned_drugs(question: Question) -> Tuple[Tuple[Drug, ...], Tuple[str, ...]]:
    known: list = []
    unknown: list = []
    for mention in question.drug_mentions:
        drug = resolve_drug(mention)
        if drug is None:
            # A drug class typed as a drug ("ntrk inhibitors") is not unknown.
            if resolve_drug_class(mention) is None and mention not in unknown:
                unknown.append(mention)
        elif drug not in known:
            known.append(drug)
    return tuple(known), tuple(unknown)


def _general_answer(question: Question) -> Reply:
    topic = question.topic
    if topic == Topic.SIDE_EFFECTS:
        return wording.side_effects_general(next(iter(question.side_effect_mentions), None))
    if topic == Topic.DOSE:
        return Reply(wording.drug_dose(None))
    if topic == Topic.DRUG_CLASS:
        return wording.drug_classes()
    return wording.GENERAL_TOPIC_WORDING[topic]()


def answer(question: Question) -> Answer:
    topic = question.topic
    classes = tuple(
        cls for cls in (resolve_drug_class(m) for m in question.class_mentions) if cls is not None
    )
    known, unknown = _mentioned_drugs(question)

    if unknown and not known:
        # Never fall back to the drug in context: the user asked about another one.
        return Answer(wording.unknown_drugs(unknown), topic, drug=None)

    if not topic.is_about_a_drug:
        return Answer(_general_answer(question), topic, drug=question.drug_in_context)

    if topic in CLASS_LEVEL_TOPICS and classes and not known:
        return Answer(wording.drug_classes(classes), topic, drug=question.drug_in_context)

    drugs = known
    in_context = drug_by_key(question.drug_in_context)
    asks_in_general = topic == Topic.SIDE_EFFECTS and _ABOUT_THERAPY_IN_GENERAL.search(question.text)
    if not drugs and in_context and not asks_in_general:
        drugs = (in_context,)

    if not drugs:
        if topic in ANSWERABLE_WITHOUT_DRUG:
            return Answer(_general_answer(question), topic, drug=question.drug_in_context)
        return Answer(wording.which_drug(topic), topic, drug=None)

    reply = wording.about_drugs(topic, drugs, next(iter(question.side_effect_mentions), None))
    if unknown:
        note = wording.unknown_drugs(unknown).text
        reply = Reply(f"{reply.text}\n{note}", reply.buttons)
    return Answer(reply, topic, drug=drugs[-1].key)
