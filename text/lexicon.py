"""A vocabulary kept in a data file: keys, the phrases that name each, and
their look-alikes.

Every file in ``vocabulary/`` with phrases is one: gaps (what the page
doesn't cover), decisions, descriptions of drugs and wrong beliefs. Each key has
``phrases`` and ``not``: a look-alike's words are blanked before the key's
phrases are matched, so "pay attention" is never a cost. Matching is
``text.phrases``'s: word by word, with typos.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Tuple

import yaml

from assistant.understanding.reading import Found
from text.phrases import Phrase, PhraseIndex, Speller, english_words, phrases, vocabulary_of, words

VOCABULARY = Path(__file__).resolve().parents[1] / "vocabulary"


class Lexicon:
    def __init__(self, entries: Dict[str, Tuple[PhraseIndex, PhraseIndex]]) -> None:
        self.keys = tuple(entries)
        self._speller = Speller(vocabulary_of(index for pair in entries.values() for index in pair), english_words())
        # Every key's phrases and look-alikes in one index, so a message is
        # read in one pass, not two per key.
        self._owners: Dict[Phrase, List[Tuple[int, bool]]] = {}
        for rank, (phrase_index, look_alikes) in enumerate(entries.values()):
            for index, is_look_alike in ((phrase_index, False), (look_alikes, True)):
                for phrase in index:
                    self._owners.setdefault(phrase, []).append((rank, is_look_alike))
        self._index = PhraseIndex(tuple(self._owners))

    @classmethod
    def load(cls, path: Path) -> "Lexicon":
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        return cls({
            str(key): (PhraseIndex(phrases(entry.get("phrases"))), PhraseIndex(phrases(entry.get("not"))))
            for key, entry in data.items()
        })

    def find(self, text: str) -> List[Found]:
        """Every key's phrases in the text, in key order then text order; a
        key whose phrase lies inside one of its look-alikes is not found there."""
        spans = words(text)
        tokens = [self._speller.spelled(w) for w, _, _ in spans]
        blanked: Dict[int, set] = {}
        hits: List[Tuple[int, int, int]] = []
        for start, phrase in self._index.matches(tokens):
            end = start + len(phrase)
            for rank, is_look_alike in self._owners[phrase]:
                if is_look_alike:
                    blanked.setdefault(rank, set()).update(range(start, end))
                else:
                    hits.append((rank, start, end))
        found = []
        for rank, start, end in sorted(dict.fromkeys(hits)):
            if blanked.get(rank, set()).intersection(range(start, end)):
                continue
            first, last = spans[start][1], spans[end - 1][2]
            found.append(Found(self.keys[rank], text[first:last], first, last))
        return found

    def keys_in(self, text: str) -> Tuple[str, ...]:
        """The keys found, each once, in the file's order."""
        seen = {f.value for f in self.find(text)}
        return tuple(k for k in self.keys if k in seen)


@lru_cache(maxsize=None)
def lexicon(name: str) -> Lexicon:
    """``vocabulary/<name>.yml``, loaded once."""
    return Lexicon.load(VOCABULARY / f"{name}.yml")
