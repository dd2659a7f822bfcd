"""Answer planning: what to answer for each understood question.

Pure functions with no Rasa types. ``answer`` runs every question of an
``Understood`` through one table of handlers (``HANDLERS``), joins the parts
into one reply, and says what the conversation is now about. Wording is left
to ``assistant.wording``; facts are queried through ``assistant.facts_query``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Callable, Dict, List, Optional, Sequence, Set, Tuple, Type

from assistant import care_questions, facts_query, provenance, safety_wording
from assistant import questions as q
from assistant.drug_names import matching_side_effect
from assistant.facts import DRUGS, NTRK_INHIBITOR, Drug, DrugClass
from assistant.questions import Question, Understood
from assistant.reply import Reply, facts_of
from assistant.topics import Topic
from assistant.understanding.mentions import Context
from assistant.wording import conversation, corrections, drugs as drug_wording, gaps, groups, therapy


@dataclass(frozen=True)
class Part:
    """The answer to one question of a message."""

    reply: Reply
    # The drugs it was about, in order (they become the conversation's context).
    drugs: Tuple[Drug, ...] = ()
    topic: Optional[Topic] = None
    # Another drug was asked about: the drug in context no longer is.
    forgets_drug: bool = False


@dataclass(frozen=True)
class Answer:
    replies: Tuple[Reply, ...]
    topic: Optional[Topic]
    # The one drug the conversation is now about (None when several or none).
    drug: Optional[str]
    # The drugs just discussed together, for "they", "both", "the other one".
    group: Tuple[str, ...]
    # The last list of drugs shown, for "the second one".
    listed: Tuple[str, ...]
    # What was answered, for scripts/gap_report.py: kinds and keys, no text.
    record: Dict[str, Any] = field(default_factory=dict)
    # Page sections the facts came from, for "where does this come from?".
    sections: Tuple[str, ...] = ()


def _about_drugs(question: q.AboutDrugs) -> Part:
    said: List[Reply] = []
    unlisted = False
    for drug in question.drugs:
        if question.topic == Topic.SIDE_EFFECTS and question.side_effect:
            effect = matching_side_effect(question.side_effect, drug.side_effects)
            if effect:
                said.append(drug_wording.side_effect_listed(drug, effect))
            else:
                said.append(drug_wording.side_effect_not_listed(drug, question.side_effect))
                unlisted = True
        else:
            said.append(drug_wording.DRUG_TOPIC_WORDING[question.topic](drug))
    if question.side_effects_unnamed or unlisted:
        # What the page says of all targeted therapy still answers "is
        # the tiredness from her pill?" in part.
        said.append(drug_wording.side_effects_in_general())
    if question.topic in (Topic.DRUG_OVERVIEW, Topic.DRUG_INDICATION):
        said += filter(None, [drug_wording.fusion_explained(question.drugs)])
    return Part(Reply.lines(said), question.drugs, question.topic)


def _across_drugs(question: q.AcrossDrugs) -> Part:
    if question.topic not in groups.ACROSS:
        return _about_drugs(q.AboutDrugs(question.topic, question.drugs))
    return Part(groups.across_drugs(question.topic, question.drugs), question.drugs, question.topic)


def _about_classes(question: q.AboutClasses) -> Part:
    members = facts_query.drugs_in(*question.classes)
    return Part(groups.drug_classes(question.classes), members, Topic.DRUG_CLASS)


def _compare(question: q.Compare) -> Part:
    subjects = question.subjects
    if subjects and all(isinstance(s, DrugClass) for s in subjects):
        classes = tuple(s for s in subjects if isinstance(s, DrugClass))
        return Part(groups.compare_classes(classes), facts_query.drugs_in(*classes))
    compared = tuple(s for s in subjects if isinstance(s, Drug))
    if len(compared) < 2:
        compared = DRUGS
    return Part(groups.compare_drugs(compared), compared, Topic.DRUG_OVERVIEW)


def _for_conditions(question: q.ForConditions) -> Part:
    linked = [m.condition for m in question.conditions if m.condition is not None]
    drugs = tuple(dict.fromkeys(d for c in linked for d in facts_query.drugs_for(c)))
    return Part(groups.for_conditions(question.conditions, question.drugs), drugs, Topic.DRUG_INDICATION)


def _about_therapy(question: q.AboutTherapy) -> Part:
    if question.topic == Topic.SIDE_EFFECTS and question.side_effect:
        for drug in DRUGS:
            effect = matching_side_effect(question.side_effect, drug.side_effects)
            if effect:
                return Part(therapy.side_effect_of_one_drug_only(effect, drug), topic=question.topic)
        return Part(therapy.side_effect_not_in_source(question.side_effect), topic=question.topic)
    return Part(therapy.GENERAL_TOPIC_WORDING[question.topic](), THERAPY_TOPIC_DRUGS.get(question.topic, ()),
                question.topic)


# General answers that list drugs, so "they" and "the second one" can follow.
THERAPY_TOPIC_DRUGS: Dict[Topic, Tuple[Drug, ...]] = {
    Topic.DRUG_LIST: DRUGS,
    Topic.NTRK_FUSION: facts_query.drugs_in(NTRK_INHIBITOR),
}


def _not_covered(question: q.NotCovered) -> Part:
    return Part(gaps.topics_not_covered(question.gaps, question.drugs), question.drugs)


def _in_brief(question: q.InBrief) -> Part:
    return Part(drug_wording.in_brief(question.drug, question.fields), (question.drug,))


def _unanswered(question: q.Unanswered) -> Part:
    return Part(gaps.questions_unanswered([care_questions.in_own_words(text) for text in question.asked]))


def _which_drug(question: q.WhichDrug) -> Part:
    return Part(drug_wording.which_drug(question.topic), topic=question.topic, forgets_drug=True)


def _unknown_drugs(question: q.UnknownDrugs) -> Part:
    return Part(drug_wording.unknown_drugs(list(question.names)), forgets_drug=True)


def _correction(question: q.Correction) -> Part:
    return Part(corrections.correction(question.claim, question.drugs), question.drugs)


def _same_drug(question: q.SameDrug) -> Part:
    return Part(drug_wording.same_drug(question.drug), (question.drug,))


def _described(question: q.Described) -> Part:
    return Part(drug_wording.described(question.drugs), question.drugs)


def _decision(question: q.Decision) -> Part:
    drug = question.drugs[0] if len(question.drugs) == 1 else None
    return Part(safety_wording.personal_advice(drug, question.kinds), question.drugs)


HANDLERS: Dict[Type, Callable[[Any], Part]] = {
    q.AboutDrugs: _about_drugs,
    q.AcrossDrugs: _across_drugs,
    q.AboutClasses: _about_classes,
    q.Compare: _compare,
    q.ForConditions: _for_conditions,
    q.AboutTherapy: _about_therapy,
    q.NotCovered: _not_covered,
    q.WhichDrug: _which_drug,
    q.UnknownDrugs: _unknown_drugs,
    q.Correction: _correction,
    q.SameDrug: _same_drug,
    q.Described: _described,
    q.Decision: _decision,
    q.Unanswered: _unanswered,
    q.InBrief: _in_brief,
}


def answer_part(question: Question, context: Context = Context()) -> Part:
    if _about_the_source(question):
        # "Where does this come from?" names the sections of the last answer.
        return Part(therapy.source(context.sections), topic=Topic.SOURCE)
    return HANDLERS[type(question)](question)


# Questions about the source itself: the sections of the answer before stay.
ABOUT_THE_SOURCE = frozenset({Topic.SOURCE, Topic.DISCLAIMER})


def about_the_source(understood: Understood) -> bool:
    return all(isinstance(qn, q.AboutTherapy) and qn.topic in ABOUT_THE_SOURCE for qn in understood.questions)


def sections_of(parts: Sequence[Part]) -> Tuple[str, ...]:
    """The page sections the answer's facts come from, in page order."""
    return provenance.sections_of(facts_of([part.reply for part in parts]))


def record_of(understood: Understood) -> Dict[str, Any]:
    not_covered: List[str] = []
    conditions: List[str] = []
    for question in understood.questions:
        if isinstance(question, q.NotCovered):
            not_covered += [gap.key for gap in question.gaps] or ["unknown"]
        if isinstance(question, q.Unanswered):
            # Counted, never kept in words: the report holds no one's text.
            not_covered += ["unanswered"] * len(question.asked)
        if isinstance(question, q.ForConditions):
            conditions += [mention.key for mention in question.conditions]
    return {
        "questions": [type(q).__name__ for q in understood.questions],
        "not_covered": not_covered,
        "conditions": conditions,
        "unknown_drugs": len(understood.unknown_drugs),
        "feelings": understood.feelings,
    }


# What says what a drug is: its class, how it is taken, what it is for.
IN_BRIEF_FIELDS = ("drug_class", "how_taken", "indications")
# Answers about more drugs than this are about a list, not a drug to introduce.
MOST_DRUGS_IN_BRIEF = 2
# Questions whose answer is about the drugs they hold. A topic the page
# doesn't cover ("can i drink on votrient?") is named first, then what the
# page does say of the drug, as a nurse would.
_ABOUT_DRUGS = (q.AboutDrugs, q.AcrossDrugs, q.Decision, q.Correction, q.Described, q.NotCovered)
# Questions said before any other, and so before what a drug is. They
# answer what was said, not a topic: never left out for another answer's facts.
_FIRST = (q.Described, q.Correction, q.SameDrug)
# A question with the answer worded for it.
Answered = Tuple[Question, Part]


def _with_drugs_in_brief(answered: Sequence[Answered], context: Context) -> List[Answered]:
    """The answers, with what each drug they are about is, in brief, where
    no answer says it ("how long will dad be on gleevec?" also hears that it
    is a daily pill, a TKI, for GISTs and DFSP), after any correction. A
    drug the conversation is already about was introduced before."""
    discussed = {context.drug, *context.group}
    drugs = list(dict.fromkeys(d for question, _ in answered if isinstance(question, _ABOUT_DRUGS)
                               for d in question.drugs))
    if not drugs or len(drugs) > MOST_DRUGS_IN_BRIEF:
        return list(answered)
    stated = set(facts_of([part.reply for _, part in answered]))
    briefs: List[Answered] = []
    for drug in drugs:
        if drug.key in discussed:
            continue
        fields = tuple(f for f in IN_BRIEF_FIELDS if f"{drug.key}.{f}" not in stated)
        if fields:
            brief = q.InBrief(drug, fields)
            briefs.append((brief, answer_part(brief)))
    # After what was said first, before the first answer about a drug; after
    # everything when only gaps are named.
    first = next((i for i, (question, _) in enumerate(answered)
                  if not isinstance(question, (*_FIRST, q.NotCovered))), len(answered))
    return [*answered[:first], *briefs, *answered[first:]]


def _not_said_twice(answered: Sequence[Answered]) -> List[Answered]:
    """The answers, without one whose facts another answer states
    ("what is it and how is it taken?": the overview says how)."""
    facts = [set(part.reply.facts) for _, part in answered]
    kept = []
    stated: Set[str] = set()
    for i, (question, part) in enumerate(answered):
        # Said already, or said again, with more, by a later answer.
        later = any(facts[i] < other for other in facts[i + 1:])
        if facts[i] and (facts[i] <= stated or later) and not isinstance(question, _FIRST):
            continue
        stated |= facts[i]
        kept.append((question, part))
    return kept


def _about_the_source(question: Question) -> bool:
    return isinstance(question, q.AboutTherapy) and question.topic == Topic.SOURCE


def answer(understood: Understood, context: Context = Context()) -> Answer:
    """Every part of the message answered, in one reply, after an
    acknowledgement when the person is frightened or overwhelmed."""
    answered = [(question, answer_part(question, context)) for question in understood.questions]
    answered = _with_drugs_in_brief(_not_said_twice(answered), context)
    current = sections_of([part for question, part in answered if not _about_the_source(question)])
    # "Where is this from?" names the sections of this message's answer, or
    # else of the answer before (which then stay for the next question).
    parts = [answer_part(question, replace(context, sections=current or context.sections))
             if _about_the_source(question) else part for question, part in answered]
    source_only = about_the_source(understood)
    sections = context.sections if source_only else current
    replies: List[Reply] = [conversation.acknowledgement()] if understood.feelings else []
    if parts:
        joined = Reply.joined([part.reply for part in parts])
        replies.append(joined if source_only else therapy.cited(joined, sections))
    discussed = tuple(dict.fromkeys(drug.key for part in parts for drug in part.drugs))
    drug, group, listed = context.drug, context.group, context.listed
    if any(part.forgets_drug for part in parts):
        drug = None
    if len(discussed) == 1:
        # One drug: "it". The group stays while the drug is one of it, so
        # "the other one" can follow; after one drug and then another, the
        # two are the group ("compare them", "and the other one?").
        previous, drug = drug, discussed[0]
        if drug not in group:
            group = (previous, drug) if previous and previous != drug else ()
    elif discussed:
        drug, group = None, discussed
        # A choice from the list shown ("the last two") keeps the list.
        if not set(discussed) <= set(listed):
            listed = discussed
    topic = next((part.topic for part in parts if part.topic is not None), None)
    return Answer(tuple(replies), topic, drug, group, listed, record_of(understood), sections)
