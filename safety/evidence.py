"""Evidence before routing: is a sentence about the right thing at all?

The safety classifier weighs a sentence; it can score a background line
("kids are 7 and 12") high for reasons nobody can see. So it may route a
sentence to the crisis or emergency reply only when the sentence also says
something of that kind: the word lists in ``evidence.yml`` (wanting to die,
self-harm, no way out, lethal amounts; red-flag symptoms; hopelessness for
the gentle check-in). Each list has its look-alikes beside it (idioms, the
cancer "dying", the page's named side effects), blanked first; a red flag
that is negated, asked about ("could it cause chest pain?") or long past
("a stroke years ago") is not happening now.

Phrases are matched word by word, typos included, as ``text.phrases`` says
(the same matcher reads the NLU's vocabulary).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, FrozenSet, List, Optional, Tuple

import yaml

from text.phrases import Phrase, PhraseIndex, Speller, english_words, phrases, vocabulary_of, words

EVIDENCE_FILE = Path(__file__).with_name("evidence.yml")

CRISIS = "crisis"
CONCERN = "concern"
EMERGENCY = "emergency"
KINDS = (CRISIS, CONCERN, EMERGENCY)

# How many words before a red flag a negation or a question reaches.
_NOT_NOW_REACH = 6
# A year named in the sentence ("a stroke in 2019") puts its red flags in the past.
_YEAR = re.compile(r"(19[5-9]|20[0-2])\d")

__all__ = ["CRISIS", "CONCERN", "EMERGENCY", "KINDS", "EvidenceFinder", "WordLists", "finder", "words"]


@dataclass(frozen=True)
class WordLists:
    evidence: Dict[str, PhraseIndex]
    not_evidence: Dict[str, PhraseIndex]
    not_now_before: PhraseIndex
    not_now_anywhere: PhraseIndex
    not_now_stops: FrozenSet[str]

    @classmethod
    def load(cls, path: Path = EVIDENCE_FILE) -> "WordLists":
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return cls(
            evidence={k: PhraseIndex(phrases(data[k]["evidence"])) for k in KINDS},
            not_evidence={k: PhraseIndex(phrases(data[k].get("not_evidence"))) for k in KINDS},
            not_now_before=PhraseIndex(phrases(data[EMERGENCY].get("not_now_before"))),
            not_now_anywhere=PhraseIndex(phrases(data[EMERGENCY].get("not_now_anywhere"))),
            not_now_stops=frozenset(str(w) for w in data[EMERGENCY].get("not_now_stops") or ()),
        )

    @property
    def vocabulary(self) -> FrozenSet[str]:
        """Every plain word the lists use, for typo matching."""
        return vocabulary_of([*self.evidence.values(), *self.not_evidence.values()])


class EvidenceFinder:
    def __init__(self, lists: WordLists, known_words: FrozenSet[str] = frozenset()) -> None:
        self._lists = lists
        self._speller = Speller(lists.vocabulary, known_words)

    def read(self, text: str) -> "SentenceEvidence":
        """A sentence's words, read once, for every question below."""
        found = words(text)
        return SentenceEvidence(self._lists, text, found, [self._speller.spelled(w) for w, _, _ in found])

    def found(self, text: str, kind: str) -> List[Phrase]:
        return self.read(text).found(kind)

    def has(self, text: str, kind: str) -> bool:
        return self.read(text).has(kind)

    def happening_now(self, text: str, start: int) -> bool:
        return self.read(text).happening_now(start)

    def blank_look_alikes(self, text: str, *kinds: str) -> str:
        return self.read(text).blank_look_alikes(*kinds)


class SentenceEvidence:
    """What one sentence's words are evidence of."""

    def __init__(self, lists: WordLists, text: str, spans: List[Tuple[str, int, int]], tokens: List[str]) -> None:
        self._lists = lists
        self.text = text
        self._spans = spans
        self._tokens = tokens
        self._masks: Dict[str, List[bool]] = {}
        self._long_past: Optional[bool] = None

    def _blanked(self, kind: str) -> List[bool]:
        """Which words are a look-alike of this kind of evidence."""
        if kind not in self._masks:
            masked = [False] * len(self._tokens)
            for start, end in self._lists.not_evidence[kind].spans(self._tokens):
                for i in range(start, end):
                    masked[i] = True
            self._masks[kind] = masked
        return self._masks[kind]

    def found(self, kind: str) -> List[Phrase]:
        """The evidence phrases of this kind in the sentence, look-alikes
        blanked, and for emergencies only red flags happening now."""
        masked = self._blanked(kind)
        hits = []
        for start, end in self._lists.evidence[kind].spans(self._tokens):
            if any(masked[start:end]):
                continue
            if kind == EMERGENCY and not self._now(start):
                continue
            hits.append(tuple(self._tokens[start:end]))
        return hits

    def has(self, kind: str) -> bool:
        return bool(self.found(kind))

    def _now(self, at: int) -> bool:
        if self._long_past is None:
            self._long_past = bool(self._lists.not_now_anywhere.spans(self._tokens)) or any(
                _YEAR.fullmatch(t) for t in self._tokens)
        if self._long_past:
            return False
        before = self._tokens[max(0, at - _NOT_NOW_REACH):at]
        stops = [i for i, token in enumerate(before) if token in self._lists.not_now_stops]
        if stops:
            before = before[stops[-1] + 1:]
        return not self._lists.not_now_before.spans(before)

    def happening_now(self, start: int) -> bool:
        """Whether the red flag at character ``start`` is happening now (not
        negated, asked about, or long past)."""
        at = next((i for i, (_, _, end) in enumerate(self._spans) if end > start), len(self._spans))
        return self._now(at)

    def blank_look_alikes(self, *kinds: str) -> str:
        """The sentence with these kinds' look-alikes (every kind's when none
        is named) replaced by spaces, for the precise patterns and the
        classifier: "dying to know" is not "dying", and "i don't want to die"
        must not score like "i want to die"."""
        masks = [self._blanked(kind) for kind in kinds or KINDS]
        chars = list(self.text)
        for i, (_, start, end) in enumerate(self._spans):
            if any(mask[i] for mask in masks):
                chars[start:end] = " " * (end - start)
        return "".join(chars)


@lru_cache(maxsize=1)
def finder() -> EvidenceFinder:
    return EvidenceFinder(WordLists.load(), english_words())
