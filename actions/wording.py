"""All the assistant's wording, built from the facts module.

No fact is written here: every medical statement is taken from
``actions.facts``. This module decides how facts are phrased, and says
plainly where the source page is silent.
"""

from __future__ import annotations

import json
from typing import Iterable, Optional, Sequence, Tuple

from actions.facts import (
    DISCLAIMER,
    DRUG_CLASSES,
    DRUG_DETAILS_CHANGE,
    DRUGS,
    NTRK,
    NTRK_DRUGS_HOW_TAKEN,
    NTRK_INHIBITOR,
    OVERVIEW,
    QUESTIONS_FOR_TEAM_ADVICE,
    SIDE_EFFECTS,
    SOURCE,
    TKI,
    Drug,
    DrugClass,
)
from actions.drug_names import matching_side_effect
from actions.reply import Button, Reply
from actions.topics import Topic

ASK_YOUR_TEAM = "Your healthcare team or pharmacist can tell you more."
HELPLINE = f"You can also call the Canadian Cancer Society at {SOURCE.helpline}."


# --- small helpers -------------------------------------------------------------

def _bullets(items: Iterable[str]) -> str:
    return "\n".join(f"• {item}" for item in items)


def _sentence_list(items: Sequence[str]) -> str:
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} and {items[-1]}"


def _drug_names(drugs: Iterable[Drug]) -> str:
    return _sentence_list([drug.display_name for drug in drugs])


def _class_article(cls: DrugClass) -> str:
    # "a tyrosine kinase inhibitor (TKI)" / "an NTRK inhibitor"
    singular = {TKI.key: "a tyrosine kinase inhibitor (TKI)", NTRK_INHIBITOR.key: "an NTRK inhibitor"}
    return singular[cls.key]


def _drugs_in(cls: DrugClass) -> Tuple[Drug, ...]:
    return tuple(drug for drug in DRUGS if drug.drug_class == cls)


def _payload(intent: str, drug: Optional[Drug] = None) -> str:
    return f"/{intent}" + (json.dumps({"drug": drug.generic}) if drug else "")


def drug_buttons(topic: Topic) -> Tuple[Button, ...]:
    return tuple(Button(drug.display_name, _payload(topic.intent, drug)) for drug in DRUGS)


STARTER_BUTTONS: Tuple[Button, ...] = (
    Button("What is targeted therapy?", _payload(Topic.WHAT_IS_TARGETED_THERAPY.intent)),
    Button("Which drugs are used?", _payload(Topic.DRUG_LIST.intent)),
    Button("Side effects", _payload(Topic.SIDE_EFFECTS.intent)),
    Button("Where is this from?", _payload(Topic.SOURCE.intent)),
)

CAN_HELP_WITH = (
    "what targeted therapy for soft tissue sarcoma is, how it works and why it is given",
    f"the four drugs my source covers: {_drug_names(DRUGS)}",
    "how each drug works, when it is used and how it is taken",
    "what the source says about side effects",
    "where this information comes from",
)


# --- one drug ------------------------------------------------------------------

def drug_class(drug: Drug) -> str:
    cls = drug.drug_class
    text = f"{drug.display_name} is {_class_article(cls)}. {cls.what_it_is}"
    if cls.how_it_works:
        text += f" {cls.how_it_works}"
    return text


def drug_mechanism(drug: Drug) -> str:
    parts = [f"{drug.display_name} is {_class_article(drug.drug_class)}."]
    if drug.targets:
        parts.append(f"It targets {drug.targets}.")
    if drug.how_it_works:
        parts.append(drug.how_it_works)
    elif drug.drug_class.how_it_works:
        parts.append(f"{drug.drug_class.what_it_is} {drug.drug_class.how_it_works}")
    else:
        parts.append(
            f"My source does not explain exactly how {drug.generic} acts on cancer cells. "
            f"What it does say: {drug.drug_class.what_it_is} {NTRK.what_the_fusion_causes}"
        )
    return " ".join(parts)


def drug_indication(drug: Drug) -> str:
    if len(drug.indications) == 1:
        return f"{drug.display_name} may be used to treat {drug.indications[0]}."
    return f"{drug.display_name} may be used for:\n{_bullets(drug.indications)}"


def drug_duration(drug: Drug) -> str:
    if drug.how_long:
        return drug.how_long
    return (
        f"My source does not say how long {drug.generic} is usually taken. "
        "Your healthcare team plans the schedule for you."
    )


def _how_taken(drug: Drug, subject: str = "It") -> str:
    if drug.how_often:
        return f"{subject} is taken {drug.how_taken}, {drug.how_often}."
    return f"{subject} is taken {drug.how_taken}. My source does not say how often."


def drug_administration(drug: Drug) -> str:
    text = _how_taken(drug, drug.display_name)
    if drug.how_long:
        text += f" {drug.how_long}"
    return text


def drug_side_effects(drug: Drug, asked_about: Optional[str] = None) -> str:
    listed = drug.side_effects
    if asked_about:
        match = matching_side_effect(asked_about, listed)
        if match:
            return (
                f"Yes. My source names {match.name} as a possible side effect of "
                f"{drug.display_name}. Tell your healthcare team if you notice it."
            )
        return (
            f"My source does not mention {asked_about} for {drug.display_name}. That does not "
            "mean it cannot happen, only that the page I rely on does not cover it. "
            f"Please ask your healthcare team or pharmacist about it."
        )
    if listed:
        return (
            f"The side effects my source names for {drug.display_name} are:\n"
            f"{_bullets(effect.name for effect in listed)}\n"
            "It does not give a full list of side effects, so there may be others. "
            "Tell your healthcare team about any side effect you notice."
        )
    return (
        f"My source does not list side effects for {drug.display_name}. "
        "Please ask your healthcare team or pharmacist what to watch for, and tell them "
        "about anything you notice."
    )


def drug_dose(drug: Optional[Drug]) -> str:
    subject = drug.generic if drug else "any of the drugs"
    return (
        f"My source does not give doses for {subject}. {OVERVIEW.planning} "
        "Please don't change a dose without talking to them first."
    )


def drug_overview(drug: Drug) -> str:
    parts = [f"{drug.display_name} is {_class_article(drug.drug_class)} used for soft tissue sarcoma."]
    if drug.targets:
        parts.append(f"It targets {drug.targets}.")
    parts.append(drug_indication(drug).replace(f"{drug.display_name} may", "It may", 1))
    parts.append(_how_taken(drug))
    if drug.how_long:
        parts.append(drug.how_long)
    return "\n".join(parts)


DRUG_TOPIC_WORDING = {
    Topic.DRUG_OVERVIEW: drug_overview,
    Topic.DRUG_CLASS: drug_class,
    Topic.DRUG_MECHANISM: drug_mechanism,
    Topic.DRUG_INDICATION: drug_indication,
    Topic.DRUG_ADMINISTRATION: drug_administration,
    Topic.DRUG_DURATION: drug_duration,
    Topic.DOSE: drug_dose,
}


def about_drugs(topic: Topic, drugs: Sequence[Drug], side_effect: Optional[str] = None) -> Reply:
    """One reply answering a drug topic for each drug asked about."""
    if topic == Topic.SIDE_EFFECTS:
        sections = [drug_side_effects(drug, side_effect) for drug in drugs]
    else:
        sections = [DRUG_TOPIC_WORDING[topic](drug) for drug in drugs]
    return Reply("\n".join(sections))


def which_drug(topic: Topic) -> Reply:
    # Also the reply when the user named a drug the model did not pick up:
    # it must never sound as if another drug were one of the four.
    return Reply.conversational(
        f"Which drug do you mean? I have information only on {_drug_names(DRUGS)}. "
        "If you meant another medicine, I don't have information about it: please ask "
        "your pharmacist or healthcare team.",
        drug_buttons(topic),
    )


def unknown_drugs(names: Sequence[str]) -> Reply:
    return Reply.conversational(
        f"I don't have information about {_sentence_list(list(names))}. My source covers only "
        f"four targeted therapy drugs for soft tissue sarcoma: {_drug_names(DRUGS)}. "
        "For any other medicine, please ask your pharmacist or healthcare team.",
        drug_buttons(Topic.DRUG_OVERVIEW),
    )


# --- drug classes and NTRK -----------------------------------------------------

def drug_class_explained(cls: DrugClass) -> str:
    text = f"{cls.name.capitalize()} ({cls.abbreviation})\n{cls.what_it_is}"
    if cls.how_it_works:
        text += f" {cls.how_it_works}"
    else:
        text += f" {NTRK.what_a_fusion_is} {NTRK.what_the_fusion_causes}"
    return f"{text}\nDrugs in this group: {_drug_names(_drugs_in(cls))}."


def drug_classes(classes: Sequence[DrugClass] = DRUG_CLASSES) -> Reply:
    return Reply("\n".join(drug_class_explained(cls) for cls in classes))


def drug_list() -> Reply:
    groups = "\n".join(
        f"• {cls.abbreviation} ({cls.name}): {_drug_names(_drugs_in(cls))}" for cls in DRUG_CLASSES
    )
    return Reply(
        "My source names four targeted therapy drugs that may be used for soft tissue "
        f"sarcoma, in two groups:\n{groups}",
        drug_buttons(Topic.DRUG_OVERVIEW),
    )


def ntrk_fusion() -> Reply:
    return Reply(
        f"{NTRK.normal_gene_role}\n{NTRK.what_a_fusion_is} {NTRK.what_the_fusion_causes}\n"
        f"Sarcomas with an NTRK gene fusion may be treated with "
        f"{_drug_names(_drugs_in(NTRK_INHIBITOR))}, taken {NTRK_DRUGS_HOW_TAKEN}."
    )


# --- targeted therapy in general -----------------------------------------------

def what_is_targeted_therapy() -> Reply:
    return Reply(
        f"{OVERVIEW.what_it_is} {OVERVIEW.how_it_works}\n"
        f"{OVERVIEW.who_has_it} It is also known as {OVERVIEW.other_name}."
    )


def treatment_goals() -> Reply:
    return Reply(
        f"Targeted therapy may be given:\n{_bullets(OVERVIEW.goals)}\n"
        f"Using it to ease symptoms is called {OVERVIEW.palliative_term}."
    )


def treatment_planning() -> Reply:
    return Reply(f"{OVERVIEW.planning} {OVERVIEW.combined_treatment}")


# --- side effects in general ---------------------------------------------------

def _drug_specific_side_effects() -> str:
    return "; ".join(
        f"for {drug.display_name}, {_sentence_list([effect.name for effect in drug.side_effects])}"
        for drug in DRUGS
        if drug.side_effects
    )


def side_effects_general(asked_about: Optional[str] = None) -> Reply:
    drugs_with_effects = [drug for drug in DRUGS if drug.side_effects]
    if asked_about:
        for drug in drugs_with_effects:
            match = matching_side_effect(asked_about, drug.side_effects)
            if match:
                return Reply(
                    f"My source names {match.name} as a possible side effect of "
                    f"{drug.display_name} only. It does not give side effects for the other drugs."
                )
        return Reply(
            f"My source does not mention {asked_about} as a side effect of targeted therapy. "
            "It does not list the common side effects at all, so please ask your healthcare "
            "team or pharmacist about it."
        )
    return Reply(
        f"{' '.join(SIDE_EFFECTS.variability)}\n"
        f"They depend mainly on {_sentence_list(list(SIDE_EFFECTS.depends_on))}.\n"
        "My source does not list which side effects of targeted therapy are common in soft "
        "tissue sarcoma. The only drug-specific ones it names are "
        f"{_drug_specific_side_effects()}.\n"
        f"{SIDE_EFFECTS.reporting[0]}"
    )


def side_effect_timing() -> Reply:
    return Reply(
        f"If side effects happen, they can start:\n{_bullets(SIDE_EFFECTS.timing)}\n"
        f"{SIDE_EFFECTS.late_effects}"
    )


def side_effect_persistence() -> Reply:
    return Reply(" ".join(SIDE_EFFECTS.persistence) + f" {SIDE_EFFECTS.late_effects}")


def side_effect_factors() -> Reply:
    return Reply(
        "Side effects of targeted therapy depend mainly on:\n"
        f"{_bullets(SIDE_EFFECTS.depends_on)}\n{SIDE_EFFECTS.variability[1]}"
    )


def side_effect_comparison() -> Reply:
    return Reply(" ".join(SIDE_EFFECTS.comparison))


def side_effect_reporting() -> Reply:
    return Reply(" ".join(SIDE_EFFECTS.reporting))


# --- about the assistant and its source ----------------------------------------

def source() -> Reply:
    return Reply(
        f"Everything I say comes from the {SOURCE.publisher} page "
        f"\"{SOURCE.title}\" on {SOURCE.website} ({SOURCE.copyright}). "
        f"{DRUG_DETAILS_CHANGE} For the latest on a specific drug, ask your pharmacist "
        f"or healthcare team. {HELPLINE}"
    )


def full_disclaimer() -> Reply:
    return Reply.conversational("Medical disclaimer\n" + "\n".join(DISCLAIMER.full))


def questions_for_team() -> Reply:
    suggestions = (
        "Which targeted therapy drug do you suggest for me, and why?",
        "How and when do I take it, and for how long?",
        "What side effects should I watch for, and who do I call if I have them?",
        "Will I have other treatments at the same time?",
        "What is the goal of this treatment for me?",
    )
    return Reply(f"{QUESTIONS_FOR_TEAM_ADVICE} Questions you could bring:\n{_bullets(suggestions)}")


GENERAL_TOPIC_WORDING = {
    Topic.WHAT_IS_TARGETED_THERAPY: what_is_targeted_therapy,
    Topic.TREATMENT_GOALS: treatment_goals,
    Topic.TREATMENT_PLANNING: treatment_planning,
    Topic.DRUG_LIST: drug_list,
    Topic.NTRK_FUSION: ntrk_fusion,
    Topic.SIDE_EFFECT_TIMING: side_effect_timing,
    Topic.SIDE_EFFECT_PERSISTENCE: side_effect_persistence,
    Topic.SIDE_EFFECT_FACTORS: side_effect_factors,
    Topic.SIDE_EFFECT_COMPARISON: side_effect_comparison,
    Topic.SIDE_EFFECT_REPORTING: side_effect_reporting,
    Topic.SOURCE: source,
    Topic.DISCLAIMER: full_disclaimer,
    Topic.QUESTIONS_FOR_TEAM: questions_for_team,
}


# --- conversation --------------------------------------------------------------

def welcome() -> Reply:
    return Reply.conversational(
        "Hi, I'm an information assistant about targeted therapy for soft tissue sarcoma. "
        f"I answer from one trusted source, the {SOURCE.publisher} ({SOURCE.website}), "
        "and I'll tell you when it doesn't cover something. I can't give personal "
        "medical advice.\n"
        + full_disclaimer().text,
        STARTER_BUTTONS,
    )


def greet() -> Reply:
    return Reply.conversational("Hello! What would you like to know about targeted therapy?", STARTER_BUTTONS)


def goodbye() -> Reply:
    return Reply.conversational(
        f"Take care. If questions come up later, your healthcare team is the best place to start. {HELPLINE}"
    )


def thank() -> Reply:
    return Reply.conversational("You're welcome. Is there anything else you'd like to know?")


def bot_challenge() -> Reply:
    return Reply.conversational(
        "I'm an automated assistant, not a person and not a doctor. I share general "
        f"information from the {SOURCE.publisher}. For advice about your own care, please "
        f"talk to your healthcare team. {HELPLINE}"
    )


def capabilities() -> Reply:
    return Reply.conversational(
        f"I can tell you what my source says about:\n{_bullets(CAN_HELP_WITH)}\n"
        "I can't give personal medical advice.",
        STARTER_BUTTONS,
    )


def out_of_scope() -> Reply:
    return Reply.conversational(
        "Sorry, I don't have information on that. I only answer from one page about "
        "targeted therapy for soft tissue sarcoma, and I'm not a doctor, so I can't advise "
        f"on anyone's own treatment. I can help with:\n{_bullets(CAN_HELP_WITH)}\n"
        f"For anything else, your healthcare team can help. {HELPLINE}",
        STARTER_BUTTONS,
    )


def not_understood() -> Reply:
    return Reply.conversational(
        "Sorry, I'm not sure I understood. Could you say it another way? I can help with:\n"
        f"{_bullets(CAN_HELP_WITH)}",
        STARTER_BUTTONS,
    )
