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

Matching is by words: lowercased, apostrophes dropped, a trailing ``*``
matching any word it starts, a ``?`` any one word. A typed word of six
letters or more that is not English matches the list word one typo away
(rapidfuzz's Levenshtein distance), so "sucidal" counts as "suicidal" but
"putting" never as "cutting"; the English words are spaCy's lemma lookup
tables (spacy-lookups-data, a pinned package: nothing downloads).
"""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, FrozenSet, Iterator, List, Optional, Sequence, Tuple

import yaml
import spacy_lookups_data
from rapidfuzz.distance import Levenshtein
from rapidfuzz.process import extractOne

EVIDENCE_FILE = Path(__file__).with_name("evidence.yml")

CRISIS = "crisis"
CONCERN = "concern"
EMERGENCY = "emergency"
KINDS = (CRISIS, CONCERN, EMERGENCY)

_MIN_FUZZY_LENGTH = 6
# Typed words remembered with what they stand for (bounded: a long-running server).
_MAX_SPELLINGS = 50_000
# How many words before a red flag a negation or a question reaches.
_NOT_NOW_REACH = 6
# A year named in the sentence ("a stroke in 2019") puts its red flags in the past.
_YEAR = re.compile(r"(19[5-9]|20[0-2])\d")
_PHRASE_WORD = re.compile(r"[a-z0-9]+\*?|\?")
_APOSTROPHES = re.compile(r"['’`´]")
# Apostrophes become NUL first, so "can't" stays one word and offsets hold.
_TEXT_WORD = re.compile("[a-z0-9\u0000]+")

Phrase = Tuple[str, ...]


def words(text: str) -> List[Tuple[str, int, int]]:
    """Lowercased words with their character offsets; apostrophes dropped
    ("can't" is one word, "cant")."""
    lowered = _APOSTROPHES.sub("\u0000", text.lower())
    found = []
    for match in _TEXT_WORD.finditer(lowered):
        word = match.group().replace("\u0000", "")
        if word:
            found.append((word, match.start(), match.end()))
    return found


def _phrases(items: Optional[Sequence[str]]) -> Tuple[Phrase, ...]:
    """Each list entry as its words, a trailing ``*`` kept ("self harm*")."""
    return tuple(tuple(_PHRASE_WORD.findall(_APOSTROPHES.sub("", str(item).lower()))) for item in items or ())


def _matches(tokens: Sequence[str], phrase: Phrase, at: int) -> bool:
    if at + len(phrase) > len(tokens):
        return False
    for token, expected in zip(tokens[at:], phrase):
        if expected == "?":
            continue
        if expected.endswith("*"):
            if not token.startswith(expected[:-1]):
                return False
        elif token != expected:
            return False
    return True


class PhraseIndex:
    """Phrases by their first word, so a sentence is matched in one pass
    over its words instead of one pass per phrase."""

    def __init__(self, phrases: Sequence[Phrase]) -> None:
        self.phrases = tuple(p for p in phrases if p)
        self._by_first: Dict[str, List[Phrase]] = {}
        # Phrases whose first word ends in "*", by that word's first letter.
        self._starred: Dict[str, List[Phrase]] = {}
        for phrase in self.phrases:
            if phrase[0].endswith("*"):
                self._starred.setdefault(phrase[0][0], []).append(phrase)
            else:
                self._by_first.setdefault(phrase[0], []).append(phrase)

    def __bool__(self) -> bool:
        return bool(self.phrases)

    def __iter__(self) -> Iterator[Phrase]:
        return iter(self.phrases)

    def spans(self, tokens: Sequence[str]) -> List[Tuple[int, int]]:
        found = []
        for i, token in enumerate(tokens):
            candidates = self._by_first.get(token, [])
            starred = [p for p in self._starred.get(token[:1], ()) if token.startswith(p[0][:-1])]
            for phrase in (*candidates, *starred):
                if _matches(tokens, phrase, i):
                    found.append((i, i + len(phrase)))
        return found


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
            evidence={k: PhraseIndex(_phrases(data[k]["evidence"])) for k in KINDS},
            not_evidence={k: PhraseIndex(_phrases(data[k].get("not_evidence"))) for k in KINDS},
            not_now_before=PhraseIndex(_phrases(data[EMERGENCY].get("not_now_before"))),
            not_now_anywhere=PhraseIndex(_phrases(data[EMERGENCY].get("not_now_anywhere"))),
            not_now_stops=frozenset(str(w) for w in data[EMERGENCY].get("not_now_stops") or ()),
        )

    @property
    def vocabulary(self) -> FrozenSet[str]:
        """Every plain word (no ``*``) the lists use, for typo matching."""
        lists = [*self.evidence.values(), *self.not_evidence.values()]
        return frozenset(w for phrases in lists for phrase in phrases for w in phrase if not w.endswith("*"))


def english_words() -> FrozenSet[str]:
    """Every word form spaCy's English lemma lookup knows (about 67,000)."""
    path = Path(spacy_lookups_data.__file__).parent / "data" / "en_lemma_lookup.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as file:
        lookup: Dict[str, str] = json.load(file)
    return frozenset(_APOSTROPHES.sub("", w.lower()) for pair in lookup.items() for w in pair)


class EvidenceFinder:
    def __init__(self, lists: WordLists, known_words: FrozenSet[str] = frozenset()) -> None:
        self._lists = lists
        self._vocabulary = sorted(w for w in lists.vocabulary if len(w) >= _MIN_FUZZY_LENGTH)
        # Words that are never read as a typo of another: the lists' own, and English.
        self._known = lists.vocabulary | known_words
        self._spellings: Dict[str, str] = {}

    def _spelled(self, word: str) -> str:
        """The list word a typed word stands for: itself, or, for a word that
        is not English, the list word of six letters or more one typo away."""
        if word in self._known or len(word) < _MIN_FUZZY_LENGTH:
            return word
        spelled = self._spellings.get(word)
        if spelled is None:
            found = extractOne(word, self._vocabulary, scorer=Levenshtein.distance, score_cutoff=1)
            spelled = found[0] if found else word
            if len(self._spellings) < _MAX_SPELLINGS:
                self._spellings[word] = spelled
        return spelled

    def read(self, text: str) -> "SentenceEvidence":
        """A sentence's words, read once, for every question below."""
        found = words(text)
        return SentenceEvidence(self._lists, text, found, [self._spelled(w) for w, _, _ in found])

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
