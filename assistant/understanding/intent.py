"""Which intent to answer a message by.

A confident question intent is taken as it is. When the classifier was
unsure (``nlu_fallback``), took a question for feelings alone or for
something off-topic, or called a question "not covered" that names no
uncovered topic, the best-ranked question intent whose own words are in the
message is used instead. With none, the message is not a question: "not
sure I understood" is kept for messages that really are unclear.
"""

from __future__ import annotations

import re
from typing import Optional

from assistant import intents
from assistant.topics import Topic, topic_for_intent
from assistant.understanding import cues
from assistant.understanding.mentions import asks_which
from assistant.understanding.reading import Reading

# Intents that ask no question about the page's subject.
NOT_QUESTIONS = frozenset(
    {intents.NLU_FALLBACK, intents.ASK_HELPLINE, intents.SHARE_FEELINGS, intents.OUT_OF_SCOPE, *intents.SAFETY_INTENTS,
     intents.GREET, intents.GOODBYE, intents.THANK, intents.BOT_CHALLENGE, intents.ASK_CAPABILITIES,
     *intents.CARE_LIST_INTENTS}
)
# "which targeted therapy", "what treatment is there", "which one".
_ASKS_FOR_A_TREATMENT = re.compile(
    r"\b(which|what|any|is there)\b(\s+\w+){0,3}\s+(therap(y|ies)|treatments?|drugs?|pills?|medicines?|meds|"
    r"medications?|ones?)\b|\bwhat (would|could|can|will) (be used|they (use|give|try))\b",
    re.I)
_WHAT_IT_IS = re.compile(r"\b(is|means?)\s+(this\s+|that\s+)?(a\s+)?(molecular\s+)?targeted\s+therap", re.I)
# How far down the classifier's ranking an unsure message is looked up.
RANKING_DEPTH = 6


def confirmed(intent: str, reading: Reading) -> bool:
    """Whether the words of a message bear out an intent: its cue is there,
    not only a likeness to training examples."""
    text = reading.text
    if intent == intents.ASK_NOT_COVERED:
        return bool(reading.gaps())
    if intent == intents.ASK_DRUG_FOR_CONDITION:
        return bool(reading.conditions)
    if intent == intents.ASK_COMPARISON:
        return cues.asks_to_compare(text)
    if intent == intents.INFORM_DRUG:
        return reading.has_subject and len(text.split()) <= 4
    topic = topic_for_intent(intent)
    return topic is not None and cues.asks_topic(topic, text) and (reading.has_subject or not topic.is_about_a_drug)


def _unsure(reading: Reading) -> bool:
    intent = reading.message.intent
    # A request about the care list that names a drug may be a question
    # ("how often does he take pazopanib, i forgot what the nurse said").
    return intent in (intents.NLU_FALLBACK, intents.SHARE_FEELINGS, intents.OUT_OF_SCOPE,
                      *intents.CARE_LIST_INTENTS) or (
        intent == intents.ASK_NOT_COVERED and not reading.gaps()
    )


def _story_asks_another_topic(reading: Reading) -> Optional[str]:
    """In a message with background, the intent was read from the whole
    story: when its topic's words are not in the questions and another
    topic's are, the questions decide. A condition only the story names
    ("my sarcoma spread after chemo ... does votrient raise blood
    pressure?") is what the person has, not what they ask."""
    intent = reading.message.intent
    if intent == intents.ASK_DRUG_FOR_CONDITION and _condition_only_in_background(reading):
        asked = reading.topics_asked()
        if Topic.DRUG_INDICATION in asked or (asks_which(reading.text) and not asked):
            # "rhabdomyosarcoma in my son, which pill treats it?": the
            # story's condition is what the question asks about.
            return None
        if asked:
            return asked[0].intent
        return intents.ASK_NOT_COVERED if reading.gaps() else None
    topic = topic_for_intent(intent or "")
    if (topic is None or len(reading.questions) == len(reading.message.parts) or cues.asks_topic(topic, reading.text)
            or (reading.message.focus is not None and not topic.is_about_a_drug)):
        # A question read on its own as one about targeted therapy itself
        # ("what is meaning of target?") was classified by its own words.
        return None
    others = [t for t in reading.topics_asked() if t != topic]
    return others[0].intent if others else None


def _condition_only_in_background(reading: Reading) -> bool:
    """A condition only in the story, or in a drug's description ("is the
    pill for GIST taken every day?"), not in what the question asks."""
    around = len(reading.questions) < len(reading.message.parts) or bool(reading.message.descriptions)
    return around and not reading.conditions_asked


def _asks_for_a_treatment(reading: Reading) -> bool:
    return asks_which(reading.text) or _ASKS_FOR_A_TREATMENT.search(reading.text) is not None


def _condition_not_asked(reading: Reading) -> bool:
    """A question the classifier took for "which drug is for this
    condition?" when the condition is only in the story and the question
    asks for no drug ("my dad took imatinib for his dfsp ... could it still
    be from the drug?")."""
    return (reading.message.intent == intents.ASK_DRUG_FOR_CONDITION and _condition_only_in_background(reading)
            and Topic.DRUG_INDICATION not in reading.topics_asked() and not _asks_for_a_treatment(reading))


def _asks_for_the_story_condition(reading: Reading) -> bool:
    """One question of a story, read alone, that asks for a treatment and
    names none, after a condition ("gist that has spread to the liver,
    which targeted therapy?"): which drug is for that condition."""
    # "What even is targeted therapy?" asks what it is, not for a drug;
    # "which targeted therapy?" and "what targeted therapy is there?" do.
    about_therapy = _WHAT_IT_IS.search(reading.text) is not None
    return (reading.message.focus is not None and bool(reading.conditions) and not reading.named
            and not about_therapy and _ASKS_FOR_A_TREATMENT.search(reading.text) is not None
            and not any(t not in (Topic.DRUG_OVERVIEW, Topic.DRUG_INDICATION) for t in reading.topics_asked()))


def question_intent(reading: Reading) -> Optional[str]:
    intent = reading.message.intent
    alone = reading.message.focus is not None
    if _asks_for_the_story_condition(reading):
        return intents.ASK_DRUG_FOR_CONDITION
    if _condition_not_asked(reading):
        intent = intents.NLU_FALLBACK
    elif not _unsure(reading):
        return _story_asks_another_topic(reading) or intent
    for candidate in reading.message.ranking[:RANKING_DEPTH]:
        if candidate not in NOT_QUESTIONS and confirmed(candidate, reading) and not (
                candidate == intents.ASK_DRUG_FOR_CONDITION and not reading.conditions_asked
                and (alone or not _asks_for_a_treatment(reading))):
            return candidate
    if reading.gaps():
        return intents.ASK_NOT_COVERED
    if any(mention.condition for mention in reading.conditions_asked):
        return intents.ASK_DRUG_FOR_CONDITION
    if reading.named and reading.symptom:
        return Topic.SIDE_EFFECTS.intent
    if reading.has_subject and reading.topics_asked():
        # "the vitrakvi medicine, how many time in day": a drug and a topic's
        # own words, even when no intent came close.
        return reading.topics_asked()[0].intent
    if any(mention.condition for mention in reading.conditions) and _asks_for_a_treatment(reading):
        # "my dad has a gist they can't operate on, which one is for him?"
        return intents.ASK_DRUG_FOR_CONDITION
    return intent if intent == intents.ASK_NOT_COVERED else None
