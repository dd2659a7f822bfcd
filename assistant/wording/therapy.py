"""Wording for targeted therapy in general, side effects in general, and the source."""

from __future__ import annotations

from dataclasses import replace
from typing import Callable, Dict, Sequence

from assistant.facts import (
    DISCLAIMER,
    DRUG_DETAILS_CHANGE,
    DRUGS,
    OVERVIEW,
    QUESTIONS_FOR_TEAM_ADVICE,
    SIDE_EFFECTS,
    SOURCE,
    Drug,
    SideEffect,
)
from assistant.provenance import SECTION_PHRASES, SECTION_TOPICS, ids, of_drugs
from assistant.reply import Reply
from assistant.topics import Topic
from assistant.wording.common import bullets, sentence_list
from assistant.wording.drugs import also_named, drug_dose
from assistant.wording.gaps import no_common_side_effects
from assistant.wording.groups import drug_classes, drug_list, ntrk_fusion


def what_is_targeted_therapy() -> Reply:
    return Reply(
        f"{OVERVIEW.what_it_is}\n{OVERVIEW.how_it_works}\n"
        f"{OVERVIEW.who_has_it} It is also known as {OVERVIEW.other_name}.",
        facts=ids(OVERVIEW, "what_it_is", "how_it_works", "who_has_it", "other_name"),
    )


def treatment_goals() -> Reply:
    return Reply(
        f"Targeted therapy may be given:\n{bullets(OVERVIEW.goals)}\n"
        f"Using it to ease symptoms is called {OVERVIEW.palliative_term}.",
        facts=ids(OVERVIEW, "goals", "palliative_term"),
    )


def treatment_planning() -> Reply:
    return Reply(f"{OVERVIEW.planning} {OVERVIEW.combined_treatment}",
                 facts=ids(OVERVIEW, "planning", "combined_treatment"))


def _named_side_effects() -> Sequence[Drug]:
    return [drug for drug in DRUGS if drug.side_effects]


def _drug_specific_side_effects() -> str:
    named = _named_side_effects()
    lines = [
        f"For {drug.display_name}, it names {sentence_list([effect.name for effect in drug.side_effects])}."
        for drug in named
    ]
    only = "one drug only" if len(named) == 1 else "some drugs only"
    return f"It names side effects for {only}. " + " ".join(lines)


def side_effects_general() -> Reply:
    return Reply(
        f"{' '.join(SIDE_EFFECTS.variability)}\n"
        f"They depend most on {sentence_list(list(SIDE_EFFECTS.depends_on))}.\n"
        f"{no_common_side_effects()} {_drug_specific_side_effects()}\n"
        f"{SIDE_EFFECTS.reporting[0]}",
        facts=ids(SIDE_EFFECTS, "variability", "depends_on", "common_side_effects", "reporting")
        + of_drugs(_named_side_effects(), "side_effects"),
    )


def side_effect_of_one_drug_only(effect: SideEffect, drug: Drug) -> Reply:
    return Reply(
        f"My source names {effect.name} as a possible side effect of "
        f"{drug.display_name} only.{also_named(drug, effect)} It does not give side effects for the other drugs.",
        facts=ids(drug, "side_effects"),
    )


def side_effect_not_in_source(asked_about: str) -> Reply:
    return Reply(
        f"My source does not mention {asked_about} as a side effect of targeted therapy. "
        f"{no_common_side_effects()} Please ask your healthcare team or pharmacist about it.",
        facts=ids(SIDE_EFFECTS, "common_side_effects"),
    )


def side_effect_timing() -> Reply:
    return Reply(
        f"If side effects happen, they can start:\n{bullets(SIDE_EFFECTS.timing)}\n"
        f"{SIDE_EFFECTS.late_effects}",
        facts=ids(SIDE_EFFECTS, "timing", "late_effects"),
    )


def side_effect_persistence() -> Reply:
    return Reply(" ".join(SIDE_EFFECTS.persistence) + f" {SIDE_EFFECTS.late_effects}",
                 facts=ids(SIDE_EFFECTS, "persistence", "late_effects"))


def side_effect_factors() -> Reply:
    return Reply(
        "What side effects of targeted therapy are like depends most on:\n"
        f"{bullets(SIDE_EFFECTS.depends_on)}\n{SIDE_EFFECTS.variability[1]}",
        facts=ids(SIDE_EFFECTS, "depends_on", "variability"),
    )


def side_effect_comparison() -> Reply:
    # Milder on the whole is no promise for one person.
    return Reply(f"{' '.join(SIDE_EFFECTS.comparison)} {SIDE_EFFECTS.variability[0]}",
                 facts=ids(SIDE_EFFECTS, "comparison", "variability"))


def side_effect_reporting() -> Reply:
    return Reply(" ".join(SIDE_EFFECTS.reporting), facts=ids(SIDE_EFFECTS, "reporting"))


def dose_in_general() -> Reply:
    return drug_dose(None)


def sections_named(sections: Sequence[str]) -> str:
    """"the section on side effects", "the start of the page and the sections on …" """
    phrases = [SECTION_PHRASES[s] for s in sections if s in SECTION_PHRASES]
    topics = [SECTION_TOPICS[s] for s in sections if s in SECTION_TOPICS]
    if topics:
        phrases.append(f"the section{'s' if len(topics) > 1 else ''} on {sentence_list(topics)}")
    return sentence_list(phrases)


def citation(sections: Sequence[str]) -> str:
    """The short line that ends a factual answer: where on the page it is."""
    return f"From {sections_named(sections)}."


def cited(reply: Reply, sections: Sequence[str]) -> Reply:
    """The answer with its citation line (the disclaimer still follows it)."""
    if not sections or not reply.states_medical_fact:
        return reply
    return replace(reply, text=f"{reply.text.strip()}\n{citation(sections)}")


def source(sections: Sequence[str] = ()) -> Reply:
    """The page, the sections the last answer came from, and the helpline."""
    last = f"My last answer came from {sections_named(sections)}.\n" if sections else ""
    return Reply(
        f"Everything I say comes from one page by the {SOURCE.publisher}. "
        f"The page is called \"{SOURCE.title}\". You can find it on {SOURCE.website} ({SOURCE.copyright}).\n"
        f"{last}"
        f"{DRUG_DETAILS_CHANGE} For the latest on a specific drug, ask your pharmacist "
        f"or healthcare team. You can also call the Society's helpline at {SOURCE.helpline}.",
        facts=ids(SOURCE, "publisher", "title", "website", "copyright", "helpline") + ("drug_details_change",),
    )


def full_disclaimer() -> Reply:
    return replace(Reply.conversational("Medical disclaimer\n" + "\n".join(DISCLAIMER.full)),
                   facts=ids(DISCLAIMER, "full"))


def questions_for_team() -> Reply:
    suggestions = (
        "Which targeted therapy drug do you suggest for me, and why?",
        "How and when do I take it, and for how long?",
        "What side effects should I watch for, and who do I call if I have them?",
        "Will I have other treatments at the same time?",
        "What is the goal of this treatment for me?",
    )
    return Reply(f"{QUESTIONS_FOR_TEAM_ADVICE} Questions you could bring:\n{bullets(suggestions)}",
                 facts=("questions_for_team",))


GENERAL_TOPIC_WORDING: Dict[Topic, Callable[[], Reply]] = {
    Topic.WHAT_IS_TARGETED_THERAPY: what_is_targeted_therapy,
    Topic.TREATMENT_GOALS: treatment_goals,
    Topic.TREATMENT_PLANNING: treatment_planning,
    Topic.DRUG_LIST: drug_list,
    Topic.NTRK_FUSION: ntrk_fusion,
    Topic.SIDE_EFFECTS: side_effects_general,
    Topic.SIDE_EFFECT_TIMING: side_effect_timing,
    Topic.SIDE_EFFECT_PERSISTENCE: side_effect_persistence,
    Topic.SIDE_EFFECT_FACTORS: side_effect_factors,
    Topic.SIDE_EFFECT_COMPARISON: side_effect_comparison,
    Topic.SIDE_EFFECT_REPORTING: side_effect_reporting,
    Topic.DOSE: dose_in_general,
    Topic.DRUG_CLASS: drug_classes,
    Topic.SOURCE: source,
    Topic.DISCLAIMER: full_disclaimer,
    Topic.QUESTIONS_FOR_TEAM: questions_for_team,
}
