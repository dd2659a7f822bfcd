"""Questions asked of the facts: which drugs treat a condition, which share a fact.

Like rasa-sdk's knowledge-base storage, it answers "objects with these
attributes" and "attributes of this object", so "what treats GIST?" or "which
ones are pills?" is a query here, not a new branch of wording.
"""

from __future__ import annotations

from typing import Callable, Dict, Iterable, List, Optional, Sequence, Tuple, TypeVar

from assistant.facts import (
    ADVANCED_STS, DFSP, DRUGS, GIST, HAIR_COLOUR_CHANGES, HYPERTENSION, NTRK_INHIBITOR, TKI, Condition, Drug,
    DrugClass, Indication,
)

T = TypeVar("T")


def uses_for(condition: Condition, drugs: Sequence[Drug] = DRUGS) -> Tuple[Tuple[Drug, Indication], ...]:
    """Every (drug, indication) the page gives for a condition."""
    return tuple((drug, use) for drug in drugs for use in drug.indications if use.condition == condition)


def drugs_for(condition: Condition) -> Tuple[Drug, ...]:
    return tuple(dict.fromkeys(drug for drug, _ in uses_for(condition)))


def drugs_in(*classes: DrugClass) -> Tuple[Drug, ...]:
    """The page's drugs in any of these classes, in the page's order."""
    return tuple(drug for drug in DRUGS if drug.drug_class in classes)


def group_by(drugs: Sequence[Drug], value: Callable[[Drug], Optional[T]]) -> List[Tuple[Optional[T], Tuple[Drug, ...]]]:
    """Drugs grouped by a fact, in the order first seen: [(value, drugs), …].

    >>> from assistant.facts import PAZOPANIB, IMATINIB, LAROTRECTINIB
    >>> [(v, [d.key for d in ds]) for v, ds in group_by([PAZOPANIB, IMATINIB, LAROTRECTINIB], lambda d: d.how_long)][0]
    (None, ['pazopanib', 'larotrectinib'])
    """
    groups: dict = {}
    for drug in drugs:
        groups.setdefault(value(drug), []).append(drug)
    return [(key, tuple(members)) for key, members in groups.items()]


def _treats(condition: Condition) -> Callable[[Drug], bool]:
    return lambda drug: any(use.condition == condition for use in drug.indications)


def _targets(protein: str) -> Callable[[Drug], bool]:
    return lambda drug: protein in (drug.targets or "")


# What a description in a message says about a drug, as a test of its facts
# (the words for each live in vocabulary/descriptions.yml).
DESCRIPTIONS: Dict[str, Callable[[Drug], bool]] = {
    "targets_kit": _targets("KIT"),
    "targets_vegf": _targets("VEGF"),
    "class_tki": lambda drug: drug.drug_class == TKI,
    "class_ntrk": lambda drug: drug.drug_class == NTRK_INHIBITOR,
    "for_gist": _treats(GIST),
    "for_dfsp": _treats(DFSP),
    "after_chemo": lambda drug: any(use.condition == ADVANCED_STS and "chemotherapy" in use.situation
                                    for use in drug.indications),
    "once_a_day": lambda drug: drug.how_often == "once a day",
    "daily": lambda drug: drug.how_often in ("once a day", "every day"),
    "causes_hair_colour_change": lambda drug: HAIR_COLOUR_CHANGES in drug.side_effects,
    "causes_high_blood_pressure": lambda drug: HYPERTENSION in drug.side_effects,
}


def drugs_described(descriptions: Iterable[str], drugs: Sequence[Drug] = DRUGS) -> Tuple[Drug, ...]:
    """The drugs that fit every description: "my daily gist pill" is the one
    taken every day and used for GIST. Descriptions no drug fits together
    are dropped one at a time from the last, so "the kit one for dfsp" still
    finds imatinib and a stray word doesn't empty the answer.

    >>> [d.key for d in drugs_described(["daily", "for_gist"])]
    ['imatinib']
    >>> [d.key for d in drugs_described(["class_ntrk"])]
    ['larotrectinib', 'entrectinib']
    """
    tests = [DESCRIPTIONS[d] for d in dict.fromkeys(descriptions) if d in DESCRIPTIONS]
    while tests:
        fitting = tuple(drug for drug in drugs if all(test(drug) for test in tests))
        if fitting:
            return fitting
        tests.pop()
    return ()


# Wrong beliefs (vocabulary/beliefs.yml) and what the facts say of each drug:
# True where the page contradicts the belief about that drug. A belief about
# targeted therapy as a whole is contradicted when it is in THERAPY_BELIEFS.
CONTRADICTS: Dict[str, Callable[[Drug], bool]] = {
    # Every drug on the page is a targeted therapy drug.
    "is_chemo": lambda drug: True,
    "is_radiation": lambda drug: True,
    "is_immunotherapy": lambda drug: True,
    "is_injection": lambda drug: "pill" in drug.how_taken,
    "is_first_line": lambda drug: any("already been given" in use.situation for use in drug.indications),
    "no_side_effects": lambda drug: True,
    "twice_a_day": lambda drug: drug.how_often == "once a day",
    # "No standard, up to 3 years" is not "for life"; where the page gives no
    # length it is silent.
    "for_life": lambda drug: drug.how_long is not None,
    # Every drug's uses are particular kinds of sarcoma.
    "all_sarcomas": lambda drug: True,
    "only_one_use": lambda drug: len({use.condition for use in drug.indications}) > 1,
    "lowers_blood_pressure": lambda drug: HYPERTENSION in drug.side_effects,
    # Targeted therapy also aims to stop the cancer growing and spreading.
    "only_palliative": lambda drug: True,
    # It aims at certain molecules and keeps harm to normal cells low.
    "harms_healthy_cells": lambda drug: True,
    # Late side effects can show up months or years after treatment.
    "gone_when_stopped": lambda drug: True,
    # Side effects can start any time during or after treatment.
    "only_at_start": lambda drug: True,
}
# Claims about several drugs at once, contradicted by the drugs together.
CONTRADICTS_TOGETHER: Dict[str, Callable[[Sequence[Drug]], bool]] = {
    # Each drug on the page is its own, with its own name.
    "same_drug": lambda drugs: len(set(drugs)) > 1,
}
THERAPY_BELIEFS = frozenset({
    "is_chemo", "is_radiation", "is_immunotherapy", "no_side_effects", "all_sarcomas", "only_palliative",
    "harms_healthy_cells", "gone_when_stopped", "only_at_start",
})


def contradicted(belief: str, drugs: Sequence[Drug]) -> bool:
    """Whether the page says otherwise, for these drugs (or for targeted
    therapy as a whole when there are none)."""
    if belief in CONTRADICTS_TOGETHER:
        return CONTRADICTS_TOGETHER[belief](drugs)
    if belief not in CONTRADICTS:
        return False
    if not drugs:
        return belief in THERAPY_BELIEFS
    return all(CONTRADICTS[belief](drug) for drug in drugs)
