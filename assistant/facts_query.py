"""Questions asked of the facts: which drugs treat a condition, which share a fact.

Like rasa-sdk's knowledge-base storage, it answers "objects with these
attributes" and "attributes of this object", so "what treats GIST?" or "which
ones are pills?" is a query here, not a new branch of wording.
"""

from __future__ import annotations

from typing import Callable, List, Optional, Sequence, Tuple, TypeVar

from assistant.facts import DRUGS, Condition, Drug, DrugClass, Indication

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
    >>> [(v, [d.key for d in ds]) for v, ds in group_by([PAZOPANIB, IMATINIB, LAROTRECTINIB], lambda d: d.how_long)][1]
    (None, ['pazopanib', 'larotrectinib'])
    """
    groups: dict = {}
    for drug in drugs:
        groups.setdefault(value(drug), []).append(drug)
    return [(key, tuple(members)) for key, members in groups.items()]
