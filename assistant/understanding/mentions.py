"""Resolves what a message refers to: drugs, classes, and "they", "both",
"the other one", "the second one" from the conversation so far.

Small pure functions of the message and the ``Context`` (the drug and the
group last discussed), in the manner of rasa-sdk's knowledge-base utilities.
An ambiguous reference resolves to nothing rather than a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, List, Optional, Tuple

from assistant.drug_names import drug_by_key, resolve_drug, resolve_drug_class
from assistant.facts import DRUGS, Drug, DrugClass


@dataclass(frozen=True)
class Context:
    """What the conversation was about before this message."""

    drug: Optional[str] = None
    # Keys of the drugs last discussed together, in the order shown.
    group: Tuple[str, ...] = ()
    # Keys of the drugs in the last list shown ("the second one").
    listed: Tuple[str, ...] = ()
    # Topic of the last answer (``Topic`` value).
    topic: Optional[str] = None
    # Headings of the page sections the last factual answer came from.
    sections: Tuple[str, ...] = ()


_ORDINALS = {"first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2, "fourth": 3, "4th": 3, "last": -1}
_ORDINAL_WORD = r"(first|1st|second|2nd|third|3rd|fourth|4th|last)"
_ORDINAL = re.compile(
    rf"\b(?:the )?{_ORDINAL_WORD} (?:one|drug|pill|medicine|of them)\b|\bthe {_ORDINAL_WORD}\s*[?.!]*$", re.I
)
_LAST_TWO = re.compile(r"\b(last|final) (two|2)\b", re.I)
_FIRST_TWO = re.compile(r"\b(first|top) (two|2)\b", re.I)
_OTHER = re.compile(r"\b(the )?other (one|drug|pill|medicine|medication)\b|\bthe other\b", re.I)
_ALL = re.compile(
    r"\ball (four|4|the drugs|of the drugs|these drugs|the medicines|the pills|of them|of these|these)\b|"
    r"\b(these|those|the) (four|4) (drugs|medicines|pills|meds)\b|\beach of (them|these|the drugs)\b|"
    r"\bany of (them|these|the drugs|the (4|four))\b|\bevery one of\b|\bthe (4|four)\b",
    re.I,
)
_WHICH = re.compile(
    r"\bwhich (\w+ )?(ones?|drugs?|pills?|medicines?|meds?|medications?)\b|\bwhich of (them|these|those|the)\b|"
    r"\bone of (them|these|those|the drugs)\b|"
    r"\bwhich (is|are)\b",
    re.I,
)
_PLURAL = re.compile(r"\b(they|them|their|both|these|those|either|the two|these two|the pair|each one|each of them)\b", re.I)
_CLASS_WORDS = re.compile(r"\btkis?\b|tyrosine kinase|\bn?trk inhibitors?\b|\bntrk (drugs|ones|pills)\b", re.I)


def unique(items: Iterable) -> Tuple:
    seen: List = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return tuple(seen)


@lru_cache(maxsize=512)
def drugs_named(entity_values: Tuple[str, ...], text: str) -> Tuple[Tuple[Drug, ...], Tuple[str, ...]]:
    """The page's drugs the message names, in order, and the other drug names.

    From the entities alone: the NLU finds every drug name, however typed
    (``components/drug_name_matcher.py``), and gives it the drug's key.
    """
    known: List[Drug] = []
    unknown: List[str] = []
    for value in entity_values:
        drug = resolve_drug(value)
        if drug is not None:
            known.append(drug)
        elif resolve_drug_class(value) is None:
            unknown.append(value)
    ordered = sorted(unique(known), key=lambda drug: _position(drug, text))
    return tuple(ordered), unique(unknown)


def _position(drug: Drug, text: str) -> int:
    lowered = text.lower()
    positions = [lowered.find(name.lower()) for name in (drug.generic, *drug.brands, *drug.misspellings)]
    found = [p for p in positions if p >= 0]
    return min(found) if found else len(text)


@lru_cache(maxsize=512)
def classes_named(entity_values: Tuple[str, ...], text: str) -> Tuple[DrugClass, ...]:
    named = [cls for cls in (resolve_drug_class(v) for v in entity_values) if cls is not None]
    for match in _CLASS_WORDS.finditer(text):
        cls = resolve_drug_class(match.group(0).replace("drugs", "inhibitors").replace("ones", "inhibitors")
                                 .replace("pills", "inhibitors"))
        if cls is not None:
            named.append(cls)
    return unique(named)


def _drugs(keys: Tuple[str, ...]) -> Tuple[Drug, ...]:
    return tuple(d for d in (drug_by_key(k) for k in keys) if d is not None)


def referred_drugs(text: str, context: Context, which: bool = True) -> Optional[Tuple[Drug, ...]]:
    """The drugs "they", "both", "the other one" or "the second one" refer
    to; with ``which``, also those "which one" asks among.

    >>> ctx = Context(drug="larotrectinib", group=("larotrectinib", "entrectinib"))
    >>> [d.key for d in referred_drugs("and the other one?", ctx)]
    ['entrectinib']
    >>> [d.key for d in referred_drugs("how are they taken?", ctx)]
    ['larotrectinib', 'entrectinib']
    >>> referred_drugs("how is it taken?", ctx) is None
    True
    """
    group = _drugs(context.group) or DRUGS
    listed = _drugs(context.listed) or group
    if _ALL.search(text):
        return group if context.group and len(group) > 1 and not re.search(r"\b(four|4)\b", text) else DRUGS
    if _LAST_TWO.search(text):
        return listed[-2:]
    if _FIRST_TWO.search(text):
        return listed[:2]
    if _OTHER.search(text):
        others = tuple(d for d in group if d.key != context.drug)
        return others if len(others) == 1 else None
    ordinal = _ORDINAL.search(text)
    if ordinal and len(listed) > 1:
        index = _ORDINALS[(ordinal.group(1) or ordinal.group(2)).lower()]
        if -len(listed) <= index < len(listed):
            return (listed[index],)
    if which and _WHICH.search(text):
        return group if context.group else DRUGS
    if _PLURAL.search(text) and len(group) > 1 and context.group:
        return group
    return None


def asks_which(text: str) -> bool:
    return _WHICH.search(text) is not None or _ALL.search(text) is not None

