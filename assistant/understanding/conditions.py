"""Finds the conditions a message names: the page's, and any other.

The page links four situations to drugs (``assistant.facts.CONDITIONS``). Any
other sarcoma subtype or cancer ("leiomyosarcoma", "leukemia") is returned by
name, unlinked, so the answer can say the page doesn't link it to a drug
instead of guessing.

>>> [m.key for m in find_conditions("my tumour is a GIST, which drug is that")]
['gist']
>>> [m.name for m in find_conditions("is there anything for leiomyosarcoma?")]
['leiomyosarcoma']
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import List, Pattern, Tuple

from assistant.facts import ADVANCED_STS, DFSP, GIST, NTRK_FUSION_STS, Condition
from assistant.questions import ConditionMention


def _p(pattern: str) -> Pattern[str]:
    return re.compile(pattern, re.I)


_LINKED: Tuple[Tuple[Condition, Pattern[str]], ...] = (
    (GIST, _p(r"\bgists?\b|gastro ?-?intestinal stromal|stromal tumou?r|\bgastro stromal")),
    (DFSP, _p(r"\bdfsp\b|dermato ?fibro ?sarcoma|dermatofib|protuberans")),
    (NTRK_FUSION_STS, _p(r"\b(n?trk)\b.{0,25}\b(fusion|fused|positive|rearrange|mutation|gene)|\bn?trk[ -]?(\+|positive|fusion)|gene fusion|fusion gene")),
    (
        ADVANCED_STS,
        _p(
            r"(after|post|following|had|tried|finished|done|through|failed|beyond) (the |his |her |my |their )?(chemo|chemotherapy)|"
            r"(chemo|chemotherapy) (didn'?t|did not|stopped|has stopped|failed|isn'?t|wasn'?t|hasn'?t|no longer|is done|finished|over)|"
            r"(grew|growing|grow|came back|come back|back|spread|progress\w*|returned|worse)\b.{0,40}\b(within|in less than|under|before) "
            r"(a|one|1) (year|yr)|within (a|one|1) (year|yr)|(within|less than|under|only|just) (\d+|a few|few|several|twelve|six) months|"
            r"\b\d+ months? (after|post|since)|advanced (soft tissue )?sarcoma"
        ),
    ),
)

# Sarcoma subtypes and other cancers the page says nothing about.
_UNLINKED = _p(
    r"\b(?!dermatofibrosarcoma)([a-z]+sarcomas?)\b|\bmpnst\b|malignant peripheral nerve sheath|alveolar soft part|"
    r"\b(ewing'?s?|kaposi'?s?|bone|uterine|synovial|pleomorphic|undifferentiated|alveolar|epithelioid|"
    r"myxoid|clear cell|spindle cell)\s+(sarcoma|cell sarcoma)s?\b|"
    r"\b(leuka?emia|lymphoma|myeloma|melanoma|glioma|glioblastoma|neuroblastoma|mesothelioma|carcinoma|"
    r"desmoids?( tumou?rs?)?|chordoma|(breast|lung|thyroid|kidney|renal|colon|bowel|prostate|skin|liver|"
    r"pancreatic|ovarian|stomach|bone|brain|blood|bladder|cervical|colorectal|head and neck) (cancer|tumou?rs?))\b"
)
_GENERIC_SARCOMA = {"sarcoma", "sarcomas"}


def _normalised(name: str) -> str:
    return " ".join(name.lower().replace("'", "").split())


@lru_cache(maxsize=512)
def condition_spans(text: str) -> Tuple[Tuple[ConditionMention, int, int], ...]:
    """Every condition named, with where it is: the page's first, each once."""
    found: List[Tuple[ConditionMention, int, int]] = []
    for condition, pattern in _LINKED:
        match = pattern.search(text)
        if match:
            found.append((ConditionMention(condition, condition.key), match.start(), match.end()))
    for match in _UNLINKED.finditer(text):
        name = _normalised(match.group(0))
        if name in _GENERIC_SARCOMA or any(mention.name == name for mention, _, _ in found):
            continue
        found.append((ConditionMention(None, name), match.start(), match.end()))
    return tuple(found)


def find_conditions(text: str) -> Tuple[ConditionMention, ...]:
    return tuple(mention for mention, _, _ in condition_spans(text))


def mention_from_entity(value: str) -> ConditionMention:
    """The mention a ``condition`` entity stands for: a page condition's key,
    or the name of one the page does not link to a drug."""
    linked = next((condition for condition, _ in _LINKED if condition.key == value), None)
    return ConditionMention(linked, value)
