"""Which facts an answer rests on, so it can cite the page's sections.

``facts_for`` names the fact ids (``assistant.provenance``) behind the answer
to one question, following what each handler of ``assistant.answers`` words;
``assistant.provenance.sections_of`` turns them into section headings. Ids of
facts the page doesn't give (``None`` fields) are dropped, so an answer that
only says "my source doesn't say" cites nothing.
"""

from __future__ import annotations

from typing import Callable, Dict, Iterable, List, Sequence, Tuple

from assistant import facts_query
from assistant import questions as q
from assistant.drug_names import matching_side_effect
from assistant.facts import DRUG_CLASSES, DRUGS, NTRK_FUSION_STS, NTRK_INHIBITOR, PAZOPANIB, Drug, DrugClass
from assistant.provenance import ANCHORS, fact_values
from assistant.questions import Question
from assistant.topics import Topic

# Facts the page gives, and gaps it states (an anchored empty field).
_STATED = frozenset(fact_values()) | frozenset(ANCHORS)

NAME = ("generic", "brands", "drug_class")
# The drug's names alone, for wording that does not say its class.
NAMED = ("generic", "brands")
# The fields each drug topic's wording uses (assistant.wording.drugs).
DRUG_TOPIC_FIELDS: Dict[Topic, Tuple[str, ...]] = {
    Topic.DRUG_OVERVIEW: (*NAME, "targets", "indications", "how_taken", "how_often", "how_long"),
    Topic.DRUG_CLASS: NAME,
    Topic.DRUG_MECHANISM: (*NAME, "targets", "how_it_works"),
    Topic.DRUG_INDICATION: (*NAMED, "indications"),
    Topic.DRUG_ADMINISTRATION: (*NAMED, "how_taken", "how_often"),
    Topic.DRUG_DURATION: ("how_long",),
    Topic.SIDE_EFFECTS: ("side_effects",),
    Topic.DOSE: (),
}
# Class facts a drug topic explains through the drug's class.
CLASS_TOPICS = frozenset({Topic.DRUG_CLASS, Topic.DRUG_MECHANISM})
CLASS_FIELDS = ("name", "abbreviation", "what_it_is", "how_it_works")

OVERVIEW_TOPICS: Dict[Topic, Tuple[str, ...]] = {
    Topic.WHAT_IS_TARGETED_THERAPY: ("overview.what_it_is", "overview.how_it_works", "overview.who_has_it",
                                     "overview.other_name"),
    Topic.TREATMENT_GOALS: ("overview.goals", "overview.palliative_term"),
    Topic.TREATMENT_PLANNING: ("overview.planning", "overview.combined_treatment"),
    Topic.DOSE: ("overview.planning",),
    Topic.NTRK_FUSION: ("ntrk_fusion.normal_gene_role", "ntrk_fusion.what_a_fusion_is",
                        "ntrk_fusion.what_the_fusion_causes", "ntrk_drugs.how_taken"),
    Topic.SIDE_EFFECTS: ("side_effects.variability", "side_effects.depends_on", "side_effects.common_side_effects",
                         "side_effects.reporting", "pazopanib.side_effects"),
    Topic.SIDE_EFFECT_TIMING: ("side_effects.timing", "side_effects.late_effects"),
    Topic.SIDE_EFFECT_PERSISTENCE: ("side_effects.persistence", "side_effects.late_effects"),
    Topic.SIDE_EFFECT_FACTORS: ("side_effects.depends_on", "side_effects.variability"),
    Topic.SIDE_EFFECT_COMPARISON: ("side_effects.comparison", "side_effects.variability"),
    Topic.SIDE_EFFECT_REPORTING: ("side_effects.reporting",),
    Topic.QUESTIONS_FOR_TEAM: ("questions_for_team",),
}


def of_drugs(drugs: Iterable[Drug], fields: Sequence[str]) -> List[str]:
    return [f"{drug.key}.{name}" for drug in drugs for name in fields]


def of_classes(classes: Iterable[DrugClass]) -> List[str]:
    ids = [f"{cls.key}.{name}" for cls in classes for name in CLASS_FIELDS]
    # A class the page gives no mechanism for is explained by the fusion.
    if any(cls.how_it_works is None for cls in classes):
        ids += ["ntrk_fusion.what_a_fusion_is", "ntrk_fusion.what_the_fusion_causes"]
    return ids


def _about_drugs(question: q.AboutDrugs) -> List[str]:
    drugs = question.drugs
    if question.topic == Topic.SIDE_EFFECTS and question.side_effect:
        drugs = tuple(d for d in drugs if matching_side_effect(question.side_effect, d.side_effects))
    ids = of_drugs(drugs, DRUG_TOPIC_FIELDS.get(question.topic, ()))
    if question.side_effects_unnamed:
        ids += ["side_effects.variability", "side_effects.depends_on", "side_effects.comparison"]
    if question.topic in CLASS_TOPICS or question.topic == Topic.DRUG_OVERVIEW:
        ids += of_classes(dict.fromkeys(d.drug_class for d in question.drugs))
    if question.topic in (Topic.DRUG_OVERVIEW, Topic.DRUG_INDICATION) and facts_query.uses_for(
            NTRK_FUSION_STS, question.drugs):
        ids += ["ntrk_fusion.what_a_fusion_is", "ntrk_fusion.what_the_fusion_causes"]
    if question.topic in (Topic.DOSE, Topic.DRUG_DURATION):
        ids.append("overview.planning")
    if question.topic == Topic.SIDE_EFFECTS and any(d.side_effects for d in drugs) and not question.side_effect:
        ids.append("side_effects.variability")
    return ids


def _about_therapy(question: q.AboutTherapy) -> List[str]:
    topic = question.topic
    if topic == Topic.SIDE_EFFECTS and question.side_effect:
        if matching_side_effect(question.side_effect, PAZOPANIB.side_effects):
            return ["pazopanib.side_effects"]
        return ["side_effects.common_side_effects"]
    if topic == Topic.DRUG_LIST:
        return of_drugs(DRUGS, NAME) + [f"{cls.key}.name" for cls in DRUG_CLASSES]
    if topic == Topic.DRUG_CLASS:
        return of_classes(DRUG_CLASSES) + of_drugs(DRUGS, NAME)
    if topic == Topic.NTRK_FUSION:
        return [*OVERVIEW_TOPICS[topic], *of_drugs(facts_query.drugs_in(NTRK_INHIBITOR), NAME)]
    return list(OVERVIEW_TOPICS.get(topic, ()))


def _compare(question: q.Compare) -> List[str]:
    classes = [s for s in question.subjects if isinstance(s, DrugClass)]
    drugs = [s for s in question.subjects if isinstance(s, Drug)]
    if classes and not drugs:
        members = facts_query.drugs_in(*classes)
        return of_classes(classes) + of_drugs(members, (*NAME, "indications", "how_taken"))
    return of_drugs(drugs if len(drugs) >= 2 else DRUGS, DRUG_TOPIC_FIELDS[Topic.DRUG_OVERVIEW] + ("side_effects",))


def _for_conditions(question: q.ForConditions) -> List[str]:
    linked = [m.condition for m in question.conditions if m.condition is not None]
    if not question.conditions or len(linked) < len(question.conditions):
        # The answer lists every situation the page links to a drug.
        return of_drugs(DRUGS, (*NAME, "indications"))
    return of_drugs(dict.fromkeys(d for c in linked for d in facts_query.drugs_for(c)), (*NAME, "indications"))


def _in_brief(question: q.InBrief) -> List[str]:
    fields = question.fields + (("how_often",) if "how_taken" in question.fields else ())
    return of_drugs((question.drug,), (*NAMED, *fields))


FACTS_OF: Dict[type, Callable[..., List[str]]] = {
    q.InBrief: _in_brief,
    q.AboutDrugs: _about_drugs,
    q.AcrossDrugs: lambda question: _about_drugs(q.AboutDrugs(question.topic, question.drugs)),
    q.AboutClasses: lambda question: of_classes(question.classes) + of_drugs(
        facts_query.drugs_in(*question.classes), NAME),
    q.Compare: _compare,
    q.ForConditions: _for_conditions,
    q.AboutTherapy: _about_therapy,
}


def facts_for(question: Question) -> Tuple[str, ...]:
    """The facts the answer to this question states (none for questions
    that get a referral or a "which drug?")."""
    found = FACTS_OF.get(type(question), lambda _: [])(question)
    return tuple(i for i in dict.fromkeys(found) if i in _STATED)
