"""Which messages are not in English, detected offline.

The assistant answers in English only, so a message in another language
gets a short reply with the emergency and crisis numbers and the helpline
(in French when the message is in French). Getting this wrong for an English
message would hide the answer a patient asked for, so:

- a message mostly in another script (Gurmukhi, Chinese, Arabic, Cyrillic...)
  is named by lingua (the ``lingua-language-detector`` package, whose models
  ship inside the wheel; nothing is downloaded), which is reliable there;
- a message in Latin letters is English when more than half its words are
  English: common English words (spaCy's lexeme probabilities from
  ``spacy-lookups-data``) plus the words of the English training data, less
  the words only the other languages' training examples use;
- otherwise it is in the language whose training examples supply at least
  half its words, or, failing that, the one lingua names with confidence.

Drug names and other words of the domain count for no side, and a message
too short to tell is read as English. lingua runs in its low-accuracy mode
(trigram models, about 25 MB in memory; the high-accuracy models take about
20 MB per language), which the vocabulary checks make up for on short text.
"""

from __future__ import annotations

import gzip
import json
import re
import unicodedata
from pathlib import Path
from dataclasses import dataclass
from typing import Dict, FrozenSet, Iterable, List, Mapping, Optional, Set, Tuple

from lingua import Language, LanguageDetectorBuilder

# English, French, and the languages most spoken at home in Canada after them.
CANDIDATES: Dict[Language, str] = {
    Language.ENGLISH: "en", Language.FRENCH: "fr", Language.SPANISH: "es", Language.PUNJABI: "pa",
    Language.CHINESE: "zh", Language.ARABIC: "ar", Language.TAGALOG: "tl", Language.PORTUGUESE: "pt",
    Language.ITALIAN: "it", Language.GERMAN: "de", Language.VIETNAMESE: "vi", Language.PERSIAN: "fa",
    Language.RUSSIAN: "ru", Language.URDU: "ur", Language.HINDI: "hi", Language.KOREAN: "ko",
    Language.POLISH: "pl", Language.UKRAINIAN: "uk", Language.TAMIL: "ta", Language.GUJARATI: "gu",
}
# The code for a language we cannot name (still not English).
UNDETERMINED = "und"
_TOKEN = re.compile(r"\w+(?:['’]\w+)?")
# spaCy's log probability of a word in English text; above this, it is common.
COMMON_ENGLISH_LOGPROB = -11.0
# A message whose words are more than half English is English.
MAX_ENGLISH_SHARE = 0.5
# ... and one whose words are at least half those of one other language's
# examples (and not English words) is in that language.
MIN_OTHER_SHARE = 0.5
MIN_LINGUA_CONFIDENCE = 0.5
# Below this many words lingua guesses too wildly ("hw lng gleevc": Vietnamese).
MIN_WORDS_FOR_LINGUA = 3


def words(text: str) -> List[str]:
    """Lowercased words of two letters or more; single letters ("k", "u",
    "y") and tokens with digits ("400mg", "paz0panib") say too little."""
    tokens = (t.lower().replace("’", "'") for t in _TOKEN.findall(text))
    return [t for t in tokens if len(t) > 1 and not any(c.isdigit() or c == "_" for c in t)]


def _has_vowel(word: str) -> bool:
    return any(unicodedata.normalize("NFD", c)[0] in "aeiouy" for c in word)


def _is_latin(char: str) -> bool:
    return unicodedata.name(char, "").startswith("LATIN")


def common_english_words() -> Set[str]:
    import spacy_lookups_data  # the data package; needed only when training

    table = Path(spacy_lookups_data.__file__).parent / "data" / "en_lexeme_prob.json.gz"
    with gzip.open(table, "rt", encoding="utf-8") as handle:
        probabilities = json.load(handle)
    return {w for w, logprob in probabilities.items() if logprob >= COMMON_ENGLISH_LOGPROB and words(w) == [w]}


@dataclass(frozen=True)
class Vocabularies:
    """Built once at training time and stored with the model."""

    english: FrozenSet[str]
    # language code -> words its examples use that are not English words
    others: Mapping[str, FrozenSet[str]]
    # drug names and the like, which say nothing about the language
    domain: FrozenSet[str]

    @classmethod
    def build(cls, examples: Iterable[Tuple[str, str]], domain: Iterable[str]) -> "Vocabularies":
        """From (text, language code) pairs of training examples."""
        by_language: Dict[str, Set[str]] = {}
        for text, language in examples:
            if language != UNDETERMINED:  # examples of mixed languages tell us nothing
                by_language.setdefault(language, set()).update(words(text))
        english_examples = by_language.pop("en", set())
        foreign = set().union(*by_language.values()) - english_examples
        english = (common_english_words() | english_examples) - foreign
        return cls(
            english=frozenset(english),
            others={code: frozenset(found - english) for code, found in sorted(by_language.items())},
            domain=frozenset(w for name in domain for w in words(name)),
        )

    def to_json(self) -> Dict[str, object]:
        return {"english": sorted(self.english), "domain": sorted(self.domain),
                "others": {code: sorted(found) for code, found in self.others.items()}}

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> "Vocabularies":
        others = data["others"]
        assert isinstance(others, dict)
        english, domain = data["english"], data["domain"]
        assert isinstance(english, list) and isinstance(domain, list)
        return cls(english=frozenset(english), domain=frozenset(domain),
                   others={code: frozenset(found) for code, found in others.items()})


class LanguageDetector:
    def __init__(self, vocabularies: Vocabularies) -> None:
        self.vocabularies = vocabularies
        self._lingua = (
            LanguageDetectorBuilder.from_languages(*CANDIDATES)
            .with_low_accuracy_mode()
            .with_preloaded_language_models()
            .build()
        )

    def _lingua_guess(self, text: str) -> Optional[Tuple[str, float]]:
        values = self._lingua.compute_language_confidence_values(text)
        if not values:
            return None
        return CANDIDATES[values[0].language], values[0].value

    def detect(self, text: Optional[str]) -> Optional[str]:
        """The language code of a message not in English; None for English
        (and for anything too short to tell, which is read as English)."""
        if not text:
            return None
        vocabularies = self.vocabularies
        # Drug names are in Latin letters in every language: leave them out.
        letters = [c for w in _TOKEN.findall(text) if w.lower() not in vocabularies.domain for c in w if c.isalpha()]
        if not letters:
            return None
        if sum(not _is_latin(c) for c in letters) > len(letters) / 2:
            guess = self._lingua_guess(text)
            return guess[0] if guess and guess[0] != "en" else UNDETERMINED
        tokens = [w for w in words(text) if w not in vocabularies.domain]
        if not tokens:
            return None
        english_share = sum(w in vocabularies.english for w in tokens) / len(tokens)
        if english_share > MAX_ENGLISH_SHARE:
            return None
        shares = {code: sum(w in found for w in tokens) / len(tokens) for code, found in vocabularies.others.items()}
        best = max(shares, key=shares.__getitem__, default=None)
        if best is not None and shares[best] >= MIN_OTHER_SHARE:
            return best
        # Text-speak ("hw lng") is English shorthand, not a language lingua knows.
        if len(tokens) < MIN_WORDS_FOR_LINGUA or sum(map(_has_vowel, tokens)) <= len(tokens) / 2:
            return None
        guess = self._lingua_guess(" ".join(tokens))
        if guess is None or guess[0] == "en" or guess[1] < MIN_LINGUA_CONFIDENCE:
            return None
        return guess[0]
