"""The questions the assistant answers, and how intents map onto them.

Each ``ask_<topic>`` intent of the NLU model asks about exactly one topic.
"""

from __future__ import annotations

from enum import Enum
from typing import Optional


class Topic(str, Enum):
    # About one drug (or, without a drug, about targeted therapy in general).
    DRUG_OVERVIEW = "drug_overview"
    DRUG_CLASS = "drug_class"
    DRUG_MECHANISM = "drug_mechanism"
    DRUG_INDICATION = "drug_indication"
    DRUG_ADMINISTRATION = "drug_administration"
    DRUG_DURATION = "drug_duration"
    SIDE_EFFECTS = "side_effects"
    DOSE = "dose"
    # About targeted therapy in general.
    WHAT_IS_TARGETED_THERAPY = "what_is_targeted_therapy"
    TREATMENT_GOALS = "treatment_goals"
    TREATMENT_PLANNING = "treatment_planning"
    DRUG_LIST = "drug_list"
    NTRK_FUSION = "ntrk_fusion"
    SIDE_EFFECT_TIMING = "side_effect_timing"
    SIDE_EFFECT_PERSISTENCE = "side_effect_persistence"
    SIDE_EFFECT_FACTORS = "side_effect_factors"
    SIDE_EFFECT_COMPARISON = "side_effect_comparison"
    SIDE_EFFECT_REPORTING = "side_effect_reporting"
    SOURCE = "source"
    DISCLAIMER = "disclaimer"
    QUESTIONS_FOR_TEAM = "questions_for_team"

    @property
    def intent(self) -> str:
        return f"ask_{self.value}"

    @property
    def is_about_a_drug(self) -> bool:
        return self in DRUG_TOPICS


DRUG_TOPICS = frozenset(
    {
        Topic.DRUG_OVERVIEW,
        Topic.DRUG_CLASS,
        Topic.DRUG_MECHANISM,
        Topic.DRUG_INDICATION,
        Topic.DRUG_ADMINISTRATION,
        Topic.DRUG_DURATION,
        Topic.SIDE_EFFECTS,
        Topic.DOSE,
    }
)

# Drug topics that can be answered in general when no drug is known.
ANSWERABLE_WITHOUT_DRUG = frozenset({Topic.DRUG_CLASS, Topic.SIDE_EFFECTS, Topic.DOSE})

GENERAL_SIDE_EFFECT_TOPICS = frozenset(
    {
        Topic.SIDE_EFFECT_TIMING,
        Topic.SIDE_EFFECT_PERSISTENCE,
        Topic.SIDE_EFFECT_FACTORS,
        Topic.SIDE_EFFECT_COMPARISON,
        Topic.SIDE_EFFECT_REPORTING,
    }
)


def topic_for_intent(intent: Optional[str]) -> Optional[Topic]:
    for topic in Topic:
        if topic.intent == intent:
            return topic
    return None


def follow_up_topic(previous: Optional[str]) -> Topic:
    """What "what about <drug>?" asks, given the topic of the last answer."""
    try:
        topic = Topic(previous)
    except ValueError:
        return Topic.DRUG_OVERVIEW
    if topic.is_about_a_drug:
        return topic
    if topic in GENERAL_SIDE_EFFECT_TOPICS:
        return Topic.SIDE_EFFECTS
    return Topic.DRUG_OVERVIEW
