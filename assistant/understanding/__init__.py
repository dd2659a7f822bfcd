"""Question understanding: from an NLU reading of a message to typed questions.

The intent says what kind of question a message is (``intent``); the
entities, the cues (``cues``), the condition finder (``conditions``) and the
conversation context (``mentions``) fill in what it is about (``reading``).
The result, an ``Understood``, holds every part of the message that needs an
answer, so "how long is gleevec taken, and is it covered?" is answered in
both parts, and "grapefruit juice and pazopanib?" is never answered with the
pazopanib overview.

Each kind of intent has one function that builds its questions
(``QUESTIONS_BY_INTENT``); every other intent asks about one topic.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Callable, Dict, List, Optional, Set, Tuple

from assistant import intents
from assistant import facts_query
from assistant.facts_query import drugs_in
from assistant.drug_names import drug_by_key
from assistant.facts import DRUGS, NTRK_FUSION_STS, Drug
from assistant.not_covered import GAPS_BY_KEY
from assistant.questions import (
    AboutClasses,
    AboutDrugs,
    AboutTherapy,
    AcrossDrugs,
    Compare,
    Correction,
    Decision,
    Described,
    ForConditions,
    NotCovered,
    Question,
    SameDrug,
    UnknownDrugs,
    Understood,
    Unanswered,
    WhichDrug,
    names_no_gap,
)
from assistant.topics import ANSWERABLE_WITHOUT_DRUG, Topic, follow_up_topic, topic_for_intent
from assistant.understanding import around, cues, decisions, side_effects, together
from assistant.understanding.intent import question_intent
from assistant.understanding.mentions import Context, asks_which, unique
from assistant.understanding.reading import Message, Part, Reading

__all__ = ["Message", "Context", "understand", "decision_asked"]

Questions = Tuple[Question, ...]

# Topics that, asked about a drug class ("how do TKIs work?"), are answered
# by explaining the class.
CLASS_LEVEL_TOPICS = frozenset({Topic.DRUG_CLASS, Topic.DRUG_MECHANISM, Topic.DRUG_OVERVIEW})
# Topics answered with what each drug's facts say when asked across drugs,
# in the order they are tried when a message's words name several.
GROUPABLE_TOPICS = (
    Topic.SIDE_EFFECTS, Topic.DRUG_DURATION, Topic.DRUG_ADMINISTRATION, Topic.DRUG_MECHANISM, Topic.DRUG_INDICATION,
    Topic.DRUG_CLASS, Topic.DOSE,
)
# Topics a named condition turns into "which drug is for this condition?".
CONDITION_TOPICS = frozenset({Topic.DRUG_INDICATION, Topic.DRUG_OVERVIEW, Topic.DRUG_LIST})
# Topics that answer part of a question about long-term effects: the page
# covers late side effects, and says nothing more.
LATE_EFFECT_TOPICS = frozenset({Topic.SIDE_EFFECT_TIMING, Topic.SIDE_EFFECT_PERSISTENCE})
# Side-effect questions that clearly ask about targeted therapy as a whole,
# even when a drug was discussed earlier in the conversation.
_IN_GENERAL = ("targeted", "in general", "generally", "overall")
_ASKS_TARGETS = re.compile(r"\btarget|\bproteins?\b|aimed at|\bvegf\b|\bkit\b", re.I)
# Gaps that come with a comparison: "which is better?" is not on the page.
_COMPARISON_GAPS = ("comparing_results", "success")
# Gaps a condition's own words hold: "advanced, after chemo".
_CONDITION_GAPS = ("other_treatments",)


def understand(message: Message, context: Context = Context()) -> Understood:
    """Everything a message asks, and what the page says of a side effect
    it tells of ("my bp has been creeping up" on pazopanib)."""
    understood = _read(message, context)
    questions = side_effects.with_what_to_do(understood.questions + side_effects.told(message, understood.questions))
    return replace(understood, questions=questions or _unclear_about_a_drug(Reading(message, context)))


def _unclear_about_a_drug(reading: Reading) -> Questions:
    """A question not understood about a drug the message names ("my father
    taking gleevec ... after 3 year finish then what happen?"): what the
    page says of the drug, and the question said back with who can answer
    it, rather than "not sure I understood"."""
    asked = tuple(p.text for p in reading.questions)
    if not reading.named or not asked or reading.message.intent in intents.SAFETY_INTENTS:
        return ()
    return (AboutDrugs(Topic.DRUG_OVERVIEW, reading.named), Unanswered(asked))


def _read(message: Message, context: Context) -> Understood:
    """A message of several parts is read question by question
    (``Message.questions_apart``), each with the background, and their
    questions are put together in order (``together.one_answer``)."""
    apart = message.questions_apart()
    if not apart:
        return _understand(message, context)
    found: List[Understood] = []
    heard = context
    for question in apart:
        found.append(_understand(question, heard))
        heard = _after(heard, found[-1].questions)
    asked = tuple(q for result in found for q in result.questions)
    # A question nothing answered is said back, with who can answer it.
    answered_drugs = {d.key for q in asked if together.says_something(q) for d in getattr(q, "drugs", ())}
    unanswered = tuple(q.focus.text for q, result in zip(apart, found)
                       if q.focus is not None and together.unanswered(q.focus, result.questions)
                       and not _only_names(q.focus, message, answered_drugs))
    if not any(together.says_something(q) for q in together.one_answer(asked)):
        # No question read alone is one the assistant can answer: the
        # message as a whole may be ("the letter says my partner is booked
        # for molecular targeted therapy. what does that mean?").
        whole = _understand(message, context)
        if any(together.says_something(q) for q in whole.questions) or not (asked or unanswered):
            return whole
    questions = together.one_answer(asked + ((Unanswered(unanswered),) if unanswered else ()))
    unknown = tuple(dict.fromkeys(name for result in found for name in result.unknown_drugs))
    return Understood(questions, bool(message.feelings), unknown)


def _after(context: Context, questions: Questions) -> Context:
    """The context for a message's next question: the drug a condition was
    just linked to ("there's a pill for advanced sarcoma after chemo,
    right? is that one taken daily?"), as if answered a turn before."""
    linked = unique(d for q in questions if isinstance(q, ForConditions) and not q.drugs
                    for m in q.conditions if m.condition is not None for d in facts_query.drugs_for(m.condition))
    if len(linked) == 1:
        return replace(context, drug=linked[0].key)
    if linked:
        return replace(context, drug=None, group=tuple(d.key for d in linked))
    return context


def _only_names(question: Part, message: Message, answered: Set[str]) -> bool:
    """An unclear question that names a drug the answers are about ("husband
    just got perscribed rosy trek??"): it says which drug, and asks nothing
    of its own to say back."""
    named = {m.value for m in message.mentions if m.entity == "drug" and question.holds(m.start, m.end)}
    return question.intent == intents.NLU_FALLBACK and bool(named) and named <= answered


def _understand(message: Message, context: Context) -> Understood:
    reading = Reading(message, context)
    intent = question_intent(reading)
    if intent in (intents.INFORM_DRUG, Topic.DRUG_OVERVIEW.intent) and _drug_and_symptom(reading):
        # "votrient cough": a drug and a symptom word ask about side effects.
        intent = Topic.SIDE_EFFECTS.intent
    reading = reading.with_intent(intent)
    build = QUESTIONS_BY_INTENT.get(intent or "", _topic_questions)
    same = tuple(SameDrug(d) for d in reading.named if d.key in reading.message.named_twice)
    answers = build(reading)
    answers += side_effects.asked(reading, answers)
    corrections = _corrections(reading)
    questions = tuple(dict.fromkeys(same + _described(reading, corrections + answers) + corrections + answers
                                    + decisions.decision(reading, tuple(filter(together.says_something, corrections + answers)))))
    if message.intent == intents.SHARE_FEELINGS:
        questions = side_effects.feared(reading, questions)
    questions = around.with_what_the_page_says(questions + around.conditions_just_told(reading, questions))
    if any(not names_no_gap(q) for q in questions):
        # "I couldn't find that" only when nothing else is answered.
        questions = tuple(q for q in questions if not names_no_gap(q))
    return Understood(questions, bool(message.feelings), reading.unknown)


def _described(reading: Reading, answers: Questions) -> Questions:
    """Which drug a description stands for ("his daily GIST pill"), said
    first when the answers are about it."""
    described = reading.described
    if not described or not any(set(getattr(q, "drugs", ())) & set(described) for q in answers):
        return ()
    return (Described(described),)


def decision_asked(message: Message, drugs: Tuple[Drug, ...], context: Context = Context()) -> Understood:
    """A message the safety gate read as a personal decision ("should i stop
    votrient?"): the page's facts it is made around, what else it asks
    ("can i drink wine on votrient?" is also a topic the page doesn't
    cover), and the referral last, so it is never all the person hears."""
    understood = understand(replace(message, intent=intents.ASK_NOT_COVERED), context)
    # The decision's own referral comes last, once, for the drugs decided for.
    asked = tuple(q for q in understood.questions if not isinstance(q, Decision)) if understood.names_anything else ()
    kinds = tuple(dict.fromkeys(f.value for f in message.decisions))
    if asked and not kinds:
        # The gate's net caught a word ("they cant show up after you stop")
        # that the decision vocabulary reads as no decision: the answers are
        # what the message asks.
        return Understood(asked, understood.feelings, understood.unknown_drugs)
    # "What should we do?" after a side effect is no decision to refer.
    questions = side_effects.with_what_to_do(
        tuple(dict.fromkeys(asked + decisions.facts_around(kinds, drugs))) + (Decision(drugs, kinds),))
    return Understood(questions, understood.feelings, understood.unknown_drugs)


# The page's fact that follows each "No:" (``assistant.wording.corrections``).
BELIEF_TOPICS: Dict[str, Topic] = {
    "is_chemo": Topic.DRUG_CLASS,
    "is_radiation": Topic.DRUG_CLASS,
    "is_immunotherapy": Topic.DRUG_CLASS,
    "is_injection": Topic.DRUG_ADMINISTRATION,
    "is_first_line": Topic.DRUG_INDICATION,
    "no_side_effects": Topic.SIDE_EFFECTS,
    "twice_a_day": Topic.DRUG_ADMINISTRATION,
    "for_life": Topic.DRUG_DURATION,
    "all_sarcomas": Topic.DRUG_INDICATION,
    "only_one_use": Topic.DRUG_INDICATION,
    "lowers_blood_pressure": Topic.SIDE_EFFECTS,
    "only_palliative": Topic.TREATMENT_GOALS,
    "harms_healthy_cells": Topic.SIDE_EFFECT_COMPARISON,
    "gone_when_stopped": Topic.SIDE_EFFECT_PERSISTENCE,
    "only_at_start": Topic.SIDE_EFFECT_TIMING,
    "same_drug": Topic.DRUG_CLASS,
}
# Without a drug, the same beliefs about targeted therapy as a whole.
THERAPY_BELIEF_TOPICS: Dict[str, Topic] = {
    "is_chemo": Topic.WHAT_IS_TARGETED_THERAPY,
    "is_radiation": Topic.WHAT_IS_TARGETED_THERAPY,
    "is_immunotherapy": Topic.WHAT_IS_TARGETED_THERAPY,
    "no_side_effects": Topic.SIDE_EFFECTS,
    "all_sarcomas": Topic.WHAT_IS_TARGETED_THERAPY,
    "only_palliative": Topic.TREATMENT_GOALS,
    "harms_healthy_cells": Topic.SIDE_EFFECT_COMPARISON,
    "gone_when_stopped": Topic.SIDE_EFFECT_PERSISTENCE,
    "only_at_start": Topic.SIDE_EFFECT_TIMING,
}


def _corrections(reading: Reading) -> Questions:
    """A plain "No:" and the page's fact, first, for every wrong belief the
    page contradicts; nothing for what the page is silent on."""
    drugs = reading.named or reading.described or reading.referred or ()
    found: List[Question] = []
    for belief in dict.fromkeys(b.value for b in reading.message.beliefs):
        topic = (BELIEF_TOPICS if drugs else THERAPY_BELIEF_TOPICS).get(belief)
        if topic is None:
            continue
        fact: Question = (AboutDrugs(topic, tuple(drugs)) if drugs and topic.is_about_a_drug
                          else AboutTherapy(topic, None))
        if not facts_query.contradicted(belief, drugs):
            # The page is silent ("does she take vitrakvi forever?"): what it
            # does say on the topic, never a yes.
            found.append(fact)
            continue
        found += [Correction(belief, tuple(drugs)), fact]
        found += [AboutTherapy(topic, None) for topic in around.SAID_WITH_CORRECTIONS.get(belief, ())]
    return tuple(dict.fromkeys(found))


def _drug_and_symptom(reading: Reading) -> bool:
    return bool(reading.named) and reading.symptom is not None


# --- one function per kind of intent ---------------------------------------------------

def _comparison_questions(reading: Reading) -> Questions:
    subjects: List = list(reading.named)
    if reading.classes:
        if reading.named:
            # "gleevec vs the NTRK inhibitors": the class stands for its drugs.
            subjects += [d for d in drugs_in(*reading.classes) if d not in reading.named]
        else:
            subjects = list(reading.classes)
    if len(subjects) < 2 and len(reading.described) >= 2:
        # "the ones for the NTRK thing, what's the difference between them?"
        subjects += [d for d in reading.described if d not in subjects]
    if len(subjects) < 2:
        # "is it better than gleevec?": the drug in context is the other one.
        in_context = drug_by_key(reading.context.drug)
        subjects += [d for d in (*(reading.referred or ()), in_context) if d is not None and d not in subjects]
    subjects = list(unique(subjects))
    if len(subjects) < 2 and reading.classes:
        subjects = list(drugs_in(*reading.classes))
    if not subjects and reading.message.focus is not None and "other_treatments" not in reading.message.gap_values:
        # One question of several that compares nothing the page names
        # ("is it called anything else?"): not a comparison.
        return ()
    if not subjects and "other_treatments" in reading.message.gap_values:
        # "what's the difference between targeted therapy and chemo?": what
        # the page says of targeted therapy beside chemotherapy.
        gaps = tuple(g for g in reading.gaps() if g not in ("other_treatments",) + _COMPARISON_GAPS)
        return (AboutTherapy(Topic.WHAT_IS_TARGETED_THERAPY), AboutTherapy(Topic.SIDE_EFFECT_COMPARISON)
                ) + _not_covered(gaps, ())
    if len(subjects) == 1:
        # "is votrient the same as chemo?": one of the page's drugs against
        # something the page doesn't compare it with.
        drug = subjects[0]
        return (AboutDrugs(Topic.DRUG_OVERVIEW, (drug,)),) + _not_covered(reading.gaps(), (drug,), always=True)
    gaps = tuple(g for g in reading.gaps() if g in _COMPARISON_GAPS)
    return (Compare(tuple(subjects)),) + _not_covered(gaps, reading.named)


def _condition_questions(reading: Reading) -> Questions:
    asked = reading.topics_asked()
    if not reading.conditions and (reading.named or (asks_which(reading.text) and asked)):
        # "which drug is aimed at VEGF?", "what is gleevec for?": a question
        # about the drugs, not from a condition.
        topic = next(iter(asked), Topic.DRUG_INDICATION)
        return (_about_topic(topic, reading.with_intent(topic.intent)),)
    # "After chemo" is the page's own situation for pazopanib, not a question
    # about chemotherapy; every other uncovered part is named ("is gist
    # hereditary?", "can she keep working?").
    gaps = tuple(g for g in reading.gaps() if g not in _CONDITION_GAPS)
    general = tuple(q for q in _covered_topics_asked(reading, exclude=()) if isinstance(q, AboutTherapy))
    return (ForConditions(reading.conditions, reading.named),) + general + _not_covered(gaps, reading.named)


def _gap_questions(reading: Reading) -> Questions:
    """Topics the page doesn't cover, and any covered topic asked with them."""
    covered = _covered_topics_asked(reading, exclude=())
    if reading.conditions_asked:
        # "larotrectinib is only for kids with leukemia, right?"
        covered = (ForConditions(reading.conditions_asked, reading.named),) + covered
    drugs = reading.meant
    if "inheritance" in reading.gaps() and any(m.condition == NTRK_FUSION_STS for m in reading.conditions):
        # "my tumour has an NTRK fusion, did i get it from my mom?": not on
        # the page, but what a fusion is, is.
        covered += (AboutTherapy(Topic.NTRK_FUSION),)
    return covered + _not_covered(reading.gaps(), drugs, always=True)


def _topic_questions(reading: Reading) -> Questions:
    topic = _topic(reading)
    if topic is None:
        return _gap_questions(reading) if reading.gaps() else ()
    gaps = reading.gaps(topic)
    if reading.unknown and not reading.named:
        # Never fall back to the drug in context, or to a class ("is
        # dasatinib a TKI?"): the user asked about another drug.
        return (UnknownDrugs(reading.unknown),) + _not_covered(gaps, ())
    if _compares(reading, topic):
        return _comparison_questions(reading)
    # A question about a drug it names is about that drug ("she has a GIST
    # ... gleevec. what is it?"); the story's condition is background.
    conditions = reading.conditions_asked if reading.named else reading.conditions
    if conditions and topic in CONDITION_TOPICS:
        main: Question = ForConditions(conditions, reading.named)
    else:
        main = _about_topic(topic, reading)
    general = _covered_topics_asked(reading, exclude=(topic,)) if isinstance(main, WhichDrug) else ()
    if general:
        # "doctor said palliative. what does it mean?": the question is about
        # targeted therapy, not about a drug to ask for.
        return general + _not_covered(gaps, ())
    if not gaps:
        if not isinstance(main, WhichDrug):
            # "how long will i be on it and do i take it every day?": every
            # question of the message, each in its own words.
            return (main,) + _covered_topics_asked(reading, exclude=(topic,))
        return (main,)
    # Answer the covered part only when the message really asks it: its own
    # words, or a side effect named ("does it cause high blood pressure, and
    # can I drink?"), never just because of the intent.
    main_asked = (
        cues.asks_topic(topic, reading.text)
        or topic in LATE_EFFECT_TOPICS
        # "will it make me lose my hair?": what the page does name, with the gap.
        or (topic == Topic.SIDE_EFFECTS and (bool(reading.message.side_effect_values) or "hair_loss" in gaps))
    )
    main_asked = main_asked or isinstance(main, ForConditions)
    covered = ((main,) if main_asked and not isinstance(main, WhichDrug) else ()) + _covered_topics_asked(
        reading, exclude=(topic,)
    )
    return covered + _not_covered(gaps, tuple(getattr(main, "drugs", ())) or reading.named, always=True)


QUESTIONS_BY_INTENT: Dict[str, Callable[[Reading], Questions]] = {
    intents.ASK_COMPARISON: _comparison_questions,
    intents.ASK_DRUG_FOR_CONDITION: _condition_questions,
    intents.ASK_NOT_COVERED: _gap_questions,
}


# --- helpers ------------------------------------------------------------------------------

def _topic(reading: Reading) -> Optional[Topic]:
    if reading.message.intent == intents.INFORM_DRUG:
        return follow_up_topic(reading.context.topic)
    return topic_for_intent(reading.message.intent)


def _not_covered(gaps: Tuple[str, ...], drugs: Tuple[Drug, ...], always: bool = False) -> Questions:
    if not gaps and not always:
        return ()
    return (NotCovered(tuple(GAPS_BY_KEY[g] for g in gaps), drugs),)


def _covered_topics_asked(reading: Reading, exclude: Tuple[Topic, ...]) -> Questions:
    """The topics a message asks in its own words: a drug's, for the drugs it
    names, and those of targeted therapy as a whole ("can i have it with
    chemo at the same time?") whatever it names."""
    named = bool(reading.named or reading.classes)
    return tuple(
        _about_topic(topic, reading.with_intent(topic.intent)) for topic in reading.topics_asked()
        if topic not in exclude and (named or not topic.is_about_a_drug)
    )


def _compares(reading: Reading, topic: Topic) -> bool:
    """A comparison asked with another intent: "are NTRK inhibitors better
    than TKIs?", "is votrient like gleevec?". Two drugs and one topic's own
    words ("how long is imatinib taken compared to pazopanib") are answered
    on that topic for both instead."""
    if not cues.asks_to_compare(reading.text):
        return False
    if len(reading.classes) >= 2 and not reading.named:
        return True
    own_words = topic.is_about_a_drug and topic != Topic.DRUG_CLASS and cues.asks_topic(topic, reading.text)
    return len(reading.named) >= 2 and not own_words


def _about_topic(topic: Topic, reading: Reading) -> Question:
    """One topic, for whatever the message is about: drugs named, a class, a
    group referred to, the drug in context, or targeted therapy in general."""
    text, named, classes = reading.text, reading.named, reading.classes
    side_effect = reading.side_effect
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
        return AcrossDrugs(topic, drugs_in(*classes))
    if named:
        if len(named) > 2 and topic in GROUPABLE_TOPICS:
            return AcrossDrugs(topic, named)
        return AboutDrugs(topic, named, side_effect)
    general = topic == Topic.SIDE_EFFECTS and any(word in text.lower() for word in _IN_GENERAL)
    referred = None if general else reading.referred
    if referred:
        if len(referred) > 1 and topic in GROUPABLE_TOPICS:
            return AcrossDrugs(topic, referred)
        return AboutDrugs(topic, referred, side_effect)
    described = reading.described
    if described:
        # "the kit one, how is it taken?": the drugs the facts say fit.
        if len(described) > 1 and topic in GROUPABLE_TOPICS:
            return AcrossDrugs(topic, described)
        return AboutDrugs(topic, described, side_effect)
    if reading.message.intent == intents.INFORM_DRUG:
        # "What about X?" with X not recognised: never the drug in context.
        return WhichDrug(topic)
    in_context = drug_by_key(reading.context.drug)
    if in_context and not general:
        return AboutDrugs(topic, (in_context,), side_effect)
    if topic == Topic.DRUG_CLASS:
        return AboutClasses(topic, ())
    if topic in ANSWERABLE_WITHOUT_DRUG:
        return AboutTherapy(topic, side_effect)
    return WhichDrug(topic)
