"""Word-list phrases matched against text, word by word.

Shared by the safety evidence lists (``safety/evidence.yml``) and the
vocabulary the NLU tags (``vocabulary/*.yml``, ``text/lexicon.py``).

Matching is by words: lowercased, apostrophes dropped ("can't" = "cant"), a
trailing ``*`` matching any word it starts, a ``?`` any one word, and a range
such as ``65-99`` any whole number in it ("is 65-99" matches "is 78"). A typed word
of six letters or more that is not English stands for the list word one typo
away (rapidfuzz's Levenshtein distance), so "sucidal" counts as "suicidal"
but "putting" never as "cutting"; the English words are spaCy's lemma lookup
tables (spacy-lookups-data, a pinned package: nothing downloads).
"""

from __future__ import annotations

import gzip
import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Dict, FrozenSet, Iterable, Iterator, List, Optional, Sequence, Tuple

import spacy_lookups_data
from rapidfuzz.distance import Levenshtein
from rapidfuzz.process import extractOne

Phrase = Tuple[str, ...]
# A word, its start and its end in the text.
Word = Tuple[str, int, int]

MIN_FUZZY_LENGTH = 6
# Typed words remembered with what they stand for (bounded: a long-running server).
_MAX_SPELLINGS = 50_000
_PHRASE_WORD = re.compile(r"\d+-\d+|[a-z0-9]+\*?|\?")
_RANGE = re.compile(r"(\d+)-(\d+)")
_APOSTROPHES = re.compile(r"['’`´]")
# Apostrophes become NUL first, so "can't" stays one word and offsets hold.
_TEXT_WORD = re.compile("[a-z0-9\u0000]+")


def words(text: str) -> List[Word]:
    """Lowercased words with their character offsets; apostrophes dropped
    ("can't" is one word, "cant")."""
    lowered = _APOSTROPHES.sub("\u0000", text.lower())
    found = []
    for match in _TEXT_WORD.finditer(lowered):
        word = match.group().replace("\u0000", "")
        if word:
            found.append((word, match.start(), match.end()))
    return found


def phrases(items: Optional[Iterable[object]]) -> Tuple[Phrase, ...]:
    """Each list entry as its words, a trailing ``*`` kept ("self harm*")."""
    return tuple(tuple(_PHRASE_WORD.findall(_APOSTROPHES.sub("", str(item).lower()))) for item in items or ())


def _matches(tokens: Sequence[str], phrase: Phrase, at: int) -> bool:
    if at + len(phrase) > len(tokens):
        return False
    for token, expected in zip(tokens[at:], phrase):
        if expected == "?":
            continue
        number = _RANGE.fullmatch(expected)
        if number:
            if not (token.isdigit() and int(number.group(1)) <= int(token) <= int(number.group(2))):
                return False
            continue
        if expected.endswith("*"):
            if not token.startswith(expected[:-1]):
                return False
        elif token != expected:
            return False
    return True


class PhraseIndex:
    """Phrases by their first word, so a text is matched in one pass over
    its words instead of one pass per phrase."""

    def __init__(self, items: Sequence[Phrase]) -> None:
        self.phrases = tuple(p for p in items if p)
        self._by_first: Dict[str, List[Phrase]] = {}
        # Phrases whose first word ends in "*", by that word's first letter.
        self._starred: Dict[str, List[Phrase]] = {}
        # Phrases that start with a range of numbers.
        self._numbered: List[Phrase] = []
        for phrase in self.phrases:
            if _RANGE.fullmatch(phrase[0]):
                self._numbered.append(phrase)
            elif phrase[0].endswith("*"):
                self._starred.setdefault(phrase[0][0], []).append(phrase)
            else:
                self._by_first.setdefault(phrase[0], []).append(phrase)

    def __bool__(self) -> bool:
        return bool(self.phrases)

    def __iter__(self) -> Iterator[Phrase]:
        return iter(self.phrases)

    def matches(self, tokens: Sequence[str]) -> Iterator[Tuple[int, Phrase]]:
        """(first word, phrase) for every phrase in the words."""
        for i, token in enumerate(tokens):
            candidates = self._by_first.get(token, [])
            starred = [p for p in self._starred.get(token[:1], ()) if token.startswith(p[0][:-1])]
            numbered = self._numbered if token.isdigit() else ()
            for phrase in (*candidates, *starred, *numbered):
                if _matches(tokens, phrase, i):
                    yield i, phrase

    def spans(self, tokens: Sequence[str]) -> List[Tuple[int, int]]:
        """Every (first word, after last word) a phrase covers."""
        return [(i, i + len(phrase)) for i, phrase in self.matches(tokens)]


def vocabulary_of(indexes: Iterable[PhraseIndex]) -> FrozenSet[str]:
    """Every plain word (no ``*`` or ``?``) some phrase uses."""
    return frozenset(
        w for index in indexes for phrase in index for w in phrase
        if not w.endswith("*") and w != "?" and not _RANGE.fullmatch(w)
    )


@lru_cache(maxsize=1)
def english_words() -> FrozenSet[str]:
    """Every word form spaCy's English lemma lookup knows (about 67,000)."""
    path = Path(spacy_lookups_data.__file__).parent / "data" / "en_lemma_lookup.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as file:
        lookup: Dict[str, str] = json.load(file)
    return frozenset(_APOSTROPHES.sub("", w.lower()) for pair in lookup.items() for w in pair)


class Speller:
    """What a typed word stands for: itself, or, for a word that is not
    English, the list word of six letters or more one typo away."""

    def __init__(self, vocabulary: FrozenSet[str], known_words: FrozenSet[str] = frozenset()) -> None:
        self._vocabulary = sorted(w for w in vocabulary if len(w) >= MIN_FUZZY_LENGTH)
        # Words that are never read as a typo of another: the lists' own, and
        # English (the shared set, not a copy per list).
        self._own = vocabulary
        self._english = known_words
        self._spellings: Dict[str, str] = {}

    def spelled(self, word: str) -> str:
        if word in self._own or word in self._english or len(word) < MIN_FUZZY_LENGTH:
            return word
        spelled = self._spellings.get(word)
        if spelled is None:
            found = extractOne(word, self._vocabulary, scorer=Levenshtein.distance, score_cutoff=1)
            spelled = found[0] if found else word
            if len(self._spellings) < _MAX_SPELLINGS:
                self._spellings[word] = spelled
        return spelled
