"""Question understanding: from an NLU reading of a message to typed questions.

The intent says what kind of question a message is; the entities, the cues
(``cues``), the condition finder (``conditions``) and the conversation context
(``mentions``) fill in what it is about. The result, an ``Understood``, holds
every part of the message that needs an answer, so "how long is gleevec
taken, and is it covered?" is answered in both parts, and "grapefruit juice
and pazopanib?" is never answered with the pazopanib overview.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import List, Optional, Tuple

from actions import intents
from actions.drug_names import drug_by_key
from actions.facts import DRUGS, Drug
from actions.not_covered import GAPS_BY_KEY
from actions.questions import (
    AboutClasses,
    AboutDrugs,
    AboutTherapy,
    AcrossDrugs,
    Compare,
    ForConditions,
    NotCovered,
    Question,
    UnknownDrugs,
    Understood,
    WhichDrug,
)
from actions.topics import ANSWERABLE_WITHOUT_DRUG, Topic, follow_up_topic, topic_for_intent
from actions.understanding import cues
from actions.understanding.conditions import find_conditions
from actions.understanding.mentions import (
    Context,
    asks_which,
    classes_named,
    drugs_in,
    drugs_named,
    referred_drugs,
    unique,
)

# Topics that, asked about a drug class ("how do TKIs work?"), are answered
# by explaining the class.
CLASS_LEVEL_TOPICS = frozenset({Topic.DRUG_CLASS, Topic.DRUG_MECHANISM, Topic.DRUG_OVERVIEW})
# Topics answered with what each drug's facts say when asked across drugs.
GROUPABLE_TOPICS = (
    Topic.SIDE_EFFECTS, Topic.DRUG_DURATION, Topic.DRUG_ADMINISTRATION, Topic.DRUG_MECHANISM, Topic.DRUG_INDICATION,
    Topic.DRUG_CLASS, Topic.DOSE,
)
# Side-effect questions that clearly ask about targeted therapy as a whole,
# even when a drug was discussed earlier in the conversation.
_IN_GENERAL = ("targeted", "in general", "generally", "overall")
_ASKS_TARGETS = re.compile(r"\btarget|\bproteins?\b|aimed at|\bvegf\b|\bkit\b", re.I)


@dataclass(frozen=True)
class Message:
    """The NLU reading of one message."""

    intent: Optional[str]
    text: str = ""
    drug_values: Tuple[str, ...] = ()
    class_values: Tuple[str, ...] = ()
    side_effect_values: Tuple[str, ...] = ()
    # Every intent the classifier considered, best first (``intent_ranking``).
    ranking: Tuple[str, ...] = ()


# Intents that ask a question about the page's subject.
_NOT_QUESTIONS = frozenset(
    {intents.NLU_FALLBACK, intents.ASK_HELPLINE, intents.SHARE_FEELINGS, intents.OUT_OF_SCOPE, *intents.SAFETY_INTENTS,
     intents.GREET, intents.GOODBYE, intents.THANK, intents.BOT_CHALLENGE, intents.ASK_CAPABILITIES}
)


def _confirmed(intent: str, text: str, subject: bool) -> bool:
    """Whether the words of a message bear out an intent the classifier was
    unsure of: its cue is there, not only a likeness to training examples."""
    if intent == intents.ASK_NOT_COVERED:
        return bool(cues.gaps_in(text))
    if intent == intents.ASK_DRUG_FOR_CONDITION:
        return bool(find_conditions(text))
    if intent == intents.ASK_COMPARISON:
        return cues.asks_to_compare(text)
    if intent == intents.INFORM_DRUG:
        return subject and len(text.split()) <= 4
    topic = topic_for_intent(intent)
    return topic is not None and cues.asks_topic(topic, text) and (subject or not topic.is_about_a_drug)


def question_intent(message: Message, named: Tuple[Drug, ...], subject: bool = False) -> Optional[str]:
    """The intent to answer by. A confident question intent is taken as it
    is. When the classifier was unsure (``nlu_fallback``), took a question
    for feelings alone or for something off-topic, or called a question
    "not covered" that names no uncovered topic, the best-ranked question intent whose cue is in the
    message is used instead; with none, the message is not a question."""
    intent, text = message.intent, message.text
    unsure = (
        intent == intents.NLU_FALLBACK
        or intent in (intents.SHARE_FEELINGS, intents.OUT_OF_SCOPE)
        or (intent == intents.ASK_NOT_COVERED and not cues.gaps_in(text))
    )
    if not unsure:
        return intent
    for candidate in message.ranking[:6]:
        if candidate not in _NOT_QUESTIONS and _confirmed(candidate, text, subject):
            return candidate
    if cues.gaps_in(text):
        return intents.ASK_NOT_COVERED
    if any(mention.condition for mention in find_conditions(text)):
        return intents.ASK_DRUG_FOR_CONDITION
    symptom = cues.symptom_after_drug(text, named)
    if symptom:
        return Topic.SIDE_EFFECTS.intent
    if subject:
        # "the vitrakvi medicine, how many time in day": a drug and a topic's
        # own words, even when no intent came close.
        asked = [t for t in cues.TOPIC_CUES if t != Topic.DRUG_OVERVIEW and cues.asks_topic(t, text)]
        if asked:
            return asked[0].intent
    return intent if intent == intents.ASK_NOT_COVERED else None


def understand(message: Message, context: Context = Context()) -> Understood:
    text = message.text
    named, unknown = drugs_named(message.drug_values, text)
    classes = classes_named(message.class_values, text)
    feelings = cues.expresses_feelings(text)
    subject = bool(named or classes or referred_drugs(text, context) or asks_which(text))
    intent = question_intent(message, named, subject)
    symptom = cues.symptom_after_drug(text, named)
    if symptom and intent in (intents.INFORM_DRUG, Topic.DRUG_OVERVIEW.intent, Topic.SIDE_EFFECTS.intent):
        # "votrient cough": a drug and a symptom word ask about side effects.
        intent = Topic.SIDE_EFFECTS.intent
        if not message.side_effect_values:
            message = Message(intent, text, message.drug_values, message.class_values, (symptom,), message.ranking)
    message = Message(intent, text, message.drug_values, message.class_values, message.side_effect_values,
                      message.ranking)

    if intent == intents.ASK_COMPARISON:
        return Understood((_comparison(message, named, classes, context),) + _gap_questions(text, named, None),
                          feelings, unknown)
    if intent == intents.ASK_DRUG_FOR_CONDITION:
        conditions = find_conditions(text)
        asked = [t for t in cues.TOPIC_CUES if t != Topic.DRUG_OVERVIEW and cues.asks_topic(t, text)]
        if not conditions and (named or asks_which(text)) and (asked or named):
            asked = asked or [Topic.DRUG_INDICATION]
            # "which drug is aimed at VEGF": a question across the drugs.
            message = Message(asked[0].intent, text, message.drug_values, message.class_values,
                              message.side_effect_values, message.ranking)
            return Understood((_about_topic(asked[0], message, named, classes, context),), feelings, unknown)
        return Understood((ForConditions(conditions, named),) + _gap_questions(text, named, None), feelings, unknown)

    topic = _topic(message, context)
    gaps = cues.gaps_in(text, topic)
    if intent == intents.ASK_NOT_COVERED or (topic is None and gaps):
        drugs = named or _drugs_in_context(text, context)
        covered = tuple(
            _about_topic(t, Message(t.intent, text, message.drug_values, message.class_values), named, classes, context)
            for t in cues.TOPIC_CUES
            if t != Topic.DRUG_OVERVIEW and cues.asks_topic(t, text) and (named or classes)
        )
        return Understood(covered + (NotCovered(tuple(GAPS_BY_KEY[g] for g in gaps), drugs),), feelings, unknown)
    if topic is None:
        return Understood((), feelings, unknown)

    if unknown and not named and not classes and not gaps:
        # Never fall back to the drug in context: the user asked about another one.
        return Understood((UnknownDrugs(unknown),), feelings, unknown)

    if _compares(text, named, classes, topic):
        return Understood((_comparison(message, named, classes, context),) + _gap_questions(text, named, None),
                          feelings, unknown)
    conditions = find_conditions(text)
    if conditions and topic in (Topic.DRUG_INDICATION, Topic.DRUG_OVERVIEW, Topic.DRUG_LIST):
        main: Question = ForConditions(conditions, named)
    else:
        main = _about_topic(topic, message, named, classes, context)

    if not gaps:
        return Understood((main,), feelings, unknown)
    gap_question = NotCovered(tuple(GAPS_BY_KEY[g] for g in gaps), _subject_drugs(main) or named)
    # Answer the covered part only when the message really asks it: a side
    # effect named ("does it cause high blood pressure, and can I drink?")
    # or the topic's own words, never just because of the intent.
    main_asked = cues.asks_topic(topic, text) or (
        topic == Topic.SIDE_EFFECTS and bool(message.side_effect_values) and "hair_loss" not in gaps
    )
    others = tuple(
        _about_topic(t, Message(t.intent, text, message.drug_values, message.class_values), named, classes, context)
        for t in cues.TOPIC_CUES
        if t not in (topic, Topic.DRUG_OVERVIEW) and cues.asks_topic(t, text) and (named or classes)
    )
    covered = ((main,) if main_asked and not isinstance(main, WhichDrug) else ()) + others
    return Understood(covered + (gap_question,), feelings, unknown)


def _topic(message: Message, context: Context) -> Optional[Topic]:
    if message.intent == intents.INFORM_DRUG:
        return follow_up_topic(context.topic)
    return topic_for_intent(message.intent)


def _drugs_in_context(text: str, context: Context) -> Tuple[Drug, ...]:
    referred = referred_drugs(text, context)
    if referred:
        return referred
    drug = drug_by_key(context.drug)
    return (drug,) if drug else ()


def _about_topic(
    topic: Topic, message: Message, named: Tuple[Drug, ...], classes: tuple, context: Context
) -> Question:
    text = message.text
    side_effect = next(iter(message.side_effect_values), None)
    if topic == Topic.DRUG_LIST and asks_which(text):
        # "which drug has side effects listed?" asks a fact across the drugs,
        # not for the list: answer the fact.
        facts_asked = [t for t in GROUPABLE_TOPICS if cues.asks_topic(t, text)]
        if facts_asked:
            return AcrossDrugs(facts_asked[0], DRUGS)
    if not topic.is_about_a_drug:
        return AboutTherapy(topic, side_effect)
    if classes and not named:
        if topic in CLASS_LEVEL_TOPICS and not asks_which(text) and not _ASKS_TARGETS.search(text):
            return AboutClasses(topic, classes)
        return AcrossDrugs(topic, drugs_in(classes))
    if named:
        if len(named) > 2 and topic in GROUPABLE_TOPICS:
            return AcrossDrugs(topic, named)
        return AboutDrugs(topic, named, side_effect)
    general = topic == Topic.SIDE_EFFECTS and any(word in text.lower() for word in _IN_GENERAL)
    referred = None if general else referred_drugs(text, context)
    if referred:
        if len(referred) > 1 and topic in GROUPABLE_TOPICS:
            return AcrossDrugs(topic, referred)
        return AboutDrugs(topic, referred, side_effect)
    if message.intent == intents.INFORM_DRUG:
        # "What about X?" with X not recognised: never the drug in context.
        return WhichDrug(topic)
    in_context = drug_by_key(context.drug)
    if in_context and not general:
        return AboutDrugs(topic, (in_context,), side_effect)
    if topic == Topic.DRUG_CLASS:
        return AboutClasses(topic, ())
    if topic in ANSWERABLE_WITHOUT_DRUG:
        return AboutTherapy(topic, side_effect)
    return WhichDrug(topic)


def _comparison(message: Message, named: Tuple[Drug, ...], classes: tuple, context: Context) -> Question:
    subjects: List = list(named)
    if classes:
        if named:
            # "gleevec vs the NTRK inhibitors": the class stands for its drugs.
            subjects += [d for d in drugs_in(classes) if d not in named]
        else:
            subjects = list(classes)
    if len(subjects) < 2:
        referred = referred_drugs(message.text, context) or ()
        in_context = drug_by_key(context.drug)
        extra = [d for d in (*referred, in_context) if d is not None and d not in subjects]
        subjects += extra
    subjects = list(unique(subjects))
    if len(subjects) < 2:
        subjects = list(drugs_in(classes)) if classes else subjects
    return Compare(tuple(subjects))


def _compares(text: str, named: Tuple[Drug, ...], classes: tuple, topic: Topic) -> bool:
    """A comparison asked with another intent: "are NTRK inhibitors better
    than TKIs?", "is votrient like gleevec?". Two drugs and one topic's own
    words ("how long is imatinib taken compared to pazopanib") are answered
    on that topic for both instead."""
    if not cues.asks_to_compare(text):
        return False
    if len(classes) >= 2 and not named:
        return True
    own_words = topic.is_about_a_drug and topic != Topic.DRUG_CLASS and cues.asks_topic(topic, text)
    return len(named) >= 2 and not own_words


def _subject_drugs(question: Question) -> Tuple[Drug, ...]:
    return tuple(getattr(question, "drugs", ()) or ())


def _gap_questions(text: str, named: Tuple[Drug, ...], topic: Optional[Topic]) -> Tuple[Question, ...]:
    gaps = [g for g in cues.gaps_in(text, topic) if g in ("comparing_results", "success")]
    if not gaps:
        return ()
    return (NotCovered(tuple(GAPS_BY_KEY[g] for g in gaps), named),)
