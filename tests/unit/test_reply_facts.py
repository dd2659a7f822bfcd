"""A reply carries the ids of the page facts it states (``Reply.facts``),
given by the wording that states them, and citations are read from them.

These tests hold the wording to that, both ways, for every answer there is:
each fact a reply declares is in its text, and each sentence of the page's
facts that its text says is declared. A wording change that says a fact
without declaring it, or declares one it no longer says, fails here.
"""

from __future__ import annotations

from itertools import combinations
from typing import Dict, Iterator, List, Set, Tuple

import pytest

from assistant import facts
from assistant.answers import answer_part
from assistant.facts import DRUG_CLASSES, DRUGS, DrugClass, Indication, SideEffect
from assistant.provenance import ANCHORS, SINGLE_FACTS, fact_values
from assistant.questions import (
    AboutClasses, AboutDrugs, AboutTherapy, AcrossDrugs, Compare, ConditionMention, ForConditions, InBrief,
    Question, SameDrug,
)
from assistant.topics import DRUG_TOPICS, Topic
from assistant.wording.groups import ACROSS
from assistant.wording.therapy import GENERAL_TOPIC_WORDING

# Sentences long enough that finding one in a reply means the fact is said.
SENTENCE_WORDS = 5


def _said_by(value: object) -> List[str]:
    """The strings that show a fact's value is said."""
    if isinstance(value, str):
        # A class's plural name is said in the singular ("a TKI"), a fact
        # inside a sentence without its full stop, and "as a pill" of
        # several drugs as "pills".
        said = [value.rstrip(".").removesuffix("s")]
        return said + ([value.removeprefix("as a ") + "s"] if value.startswith("as a ") else [])
    if isinstance(value, tuple):
        return [text for item in value for text in _said_by(item)]
    if isinstance(value, Indication):
        # In a short list of every situation, by its short name.
        return [value.text, value.condition.short_name]
    if isinstance(value, SideEffect):
        return [value.name]
    if isinstance(value, DrugClass):
        return _said_by((value.name, value.abbreviation))
    return []


def _questions() -> Iterator[Question]:
    for drug in DRUGS:
        yield from (AboutDrugs(topic, (drug,)) for topic in DRUG_TOPICS)
        yield AboutDrugs(Topic.SIDE_EFFECTS, (drug,), side_effect="high blood pressure")
        yield AboutDrugs(Topic.SIDE_EFFECTS, (drug,), side_effect="hair loss")
        yield SameDrug(drug)
        for size in (1, 2, 3):
            for fields in combinations(("drug_class", "how_taken", "indications"), size):
                yield InBrief(drug, fields)
    for pair in combinations(DRUGS, 2):
        yield Compare(pair)
        yield from (AcrossDrugs(topic, pair) for topic in ACROSS)
    yield from (AcrossDrugs(topic, DRUGS) for topic in ACROSS)
    yield Compare(DRUG_CLASSES)
    yield from (AboutClasses(Topic.DRUG_CLASS, (cls,)) for cls in DRUG_CLASSES)
    yield from (AboutTherapy(topic) for topic in GENERAL_TOPIC_WORDING)
    yield AboutTherapy(Topic.SIDE_EFFECTS, side_effect="high blood pressure")
    yield AboutTherapy(Topic.SIDE_EFFECTS, side_effect="hair loss")
    yield ForConditions(())
    for condition in facts.CONDITIONS:
        yield ForConditions((ConditionMention(condition, condition.name),))
    yield ForConditions((ConditionMention(None, "leiomyosarcoma"),), (facts.IMATINIB,))


QUESTIONS = list(_questions())
REPLIES: List[Tuple[Question, str, Tuple[str, ...]]] = [
    (question, reply.text, reply.facts) for question, reply in ((q, answer_part(q).reply) for q in QUESTIONS)
]
IDS = [f"{i}-{type(question).__name__}" for i, question in enumerate(QUESTIONS)]


@pytest.mark.parametrize("question,text,declared", REPLIES, ids=IDS)
def test_each_declared_fact_is_said(question, text, declared):
    values = fact_values()
    for fact_id in declared:
        assert fact_id in ANCHORS or fact_id in SINGLE_FACTS, f"{fact_id} is not a fact of the page"
        said_by = _said_by(values.get(fact_id))
        if said_by:  # an empty field's gap is said in the project's words
            assert any(s.lower() in text.lower() for s in said_by), f"{fact_id} declared, not said"


@pytest.mark.parametrize("question,text,declared", REPLIES, ids=IDS)
def test_each_sentence_of_a_fact_that_is_said_is_declared(question, text, declared):
    # Facts that share a sentence ("soft tissue sarcoma that has an NTRK gene
    # fusion" is a use of both NTRK drugs): declaring one of them is enough.
    sharing: Dict[str, Set[str]] = {}
    for fact_id, value in fact_values().items():
        if fact_id.startswith(("disclaimer.", "source.")):
            continue  # the disclaimer and the helpline close many replies
        for said in _said_by(value):
            if len(said.split()) >= SENTENCE_WORDS:
                sharing.setdefault(said, set()).add(fact_id)
    # A use said inside what a class is ("…for soft tissue sarcoma that has
    # an NTRK gene fusion") is said by that fact.
    values = fact_values()
    declared_text = " ".join(s for fact_id in declared for s in _said_by(values.get(fact_id)))
    for said, fact_ids in sharing.items():
        if said in text and said not in declared_text:
            assert fact_ids & set(declared), f"says {sorted(fact_ids)} without declaring it"


def test_the_checks_above_cover_every_kind_of_answer_that_states_facts():
    from assistant.answers import HANDLERS
    from assistant.reply import Reply

    asked = {type(question) for question in QUESTIONS}
    # The rest refer, ask which drug, or say a question back: no page facts.
    stating = {kind for kind in HANDLERS if kind not in asked}
    assert {kind.__name__ for kind in stating} == {
        "NotCovered", "WhichDrug", "UnknownDrugs", "Correction", "Described", "Decision", "Unanswered"}
    assert all(isinstance(answer_part(question).reply, Reply) for question in QUESTIONS)
