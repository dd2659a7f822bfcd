"""Turns what a user typed into one canonical drug, drug class or side effect.

This is the only place where brand names, misspellings and typos are resolved.
Exact names only (generic, brand, the misspellings ``assistant.facts``
lists): typos, split and dictated names are recognised in the NLU
(``text/name_finder.py``), which gives each drug entity its key. Unknown
names resolve to ``None``: the assistant must never answer about one of its
drugs when the user meant another one (sunitinib is not imatinib).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Dict, Iterable, Optional, TypeVar

from assistant.facts import DRUG_CLASSES, DRUGS, Drug, DrugClass, SideEffect

T = TypeVar("T")

_WORD = re.compile(r"[a-z0-9]+")


def normalise(text: str) -> str:
    """Lowercase, keep letters and digits only: " Gleevec® " -> "gleevec"."""
    return " ".join(_WORD.findall(text.lower()))


def _index(pairs: Iterable[tuple]) -> Dict[str, T]:
    return {normalise(name): item for name, item in pairs}


_DRUGS_BY_NAME: Dict[str, Drug] = _index(
    (name, drug)
    for drug in DRUGS
    for name in (drug.generic, *drug.brands, *drug.misspellings)
)
_CLASSES_BY_NAME: Dict[str, DrugClass] = _index(
    (name, cls) for cls in DRUG_CLASSES for name in (cls.abbreviation, cls.name, *cls.aliases)
)


def _lookup(text: str, index: Dict[str, T]) -> Optional[T]:
    key = normalise(text)
    if not key:
        return None
    if key in index:
        return index[key]
    # "imatinib mesylate", "the votrient pills": try each word on its own.
    for word in key.split():
        if word in index:
            return index[word]
    return None


@lru_cache(maxsize=4096)
def resolve_drug(text: str) -> Optional[Drug]:
    """The drug a user meant, or None when it is not one of the page's drugs."""
    return _lookup(text, _DRUGS_BY_NAME)


@lru_cache(maxsize=1024)
def resolve_drug_class(text: str) -> Optional[DrugClass]:
    return _lookup(text, _CLASSES_BY_NAME)


def drug_by_key(key: Optional[str]) -> Optional[Drug]:
    return next((drug for drug in DRUGS if drug.key == key), None)


def matching_side_effect(text: str, known: Iterable[SideEffect]) -> Optional[SideEffect]:
    """The listed side effect a user's wording refers to, if any.

    Every word of one of its word sets must appear, so "hair loss" never
    matches hair colour changes and "low blood pressure" never matches
    hypertension.
    """
    words = set(normalise(text).split())
    for effect in known:
        if any(set(word_set) <= words for word_set in effect.recognised_by):
            return effect
    return None
