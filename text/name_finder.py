"""The page's drug names as people type and dictate them.

Voice typing splits names ("glee vec", "vote rient"), people misspell them
("paso panib", "votreint"), write them in capitals or run them into the next
word. Every run of one to three words is joined and compared with the
page's names (generic, brand and the misspellings ``assistant.facts``
lists): the same, one typo away (two for names of ten letters or more;
rapidfuzz's Levenshtein distance), sounding the same (jellyfish's
metaphone), or sounding nearly the same and spelled nearly the same ("rosy
trek", "vote tree ent"). Words that are all English ("rosy trek") are a name only that
last way, so "vote right" and "future and i" stay words. A run that is, or is as close to, another medicine
(``vocabulary/other_drugs.yml``) is never one of the page's drugs, and a
single English word is never a typo of a name.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, FrozenSet, List, Optional, Sequence, Tuple

import jellyfish
import yaml
from rapidfuzz.distance import Levenshtein

from text.phrases import english_words, words

OTHER_DRUGS = Path(__file__).resolve().parents[1] / "vocabulary" / "other_drugs.yml"
MAX_RUN = 4
MIN_LENGTH = 6
MAX_REMEMBERED = 50_000


@dataclass(frozen=True)
class NameFound:
    key: str
    start: int
    end: int
    text: str
    # "exact", "run-on", "typo" or "sound": how the name was recognised.
    how: str


def _sound(text: str) -> str:
    """Metaphone, with any first vowel as one: "emma tinib" sounds like imatinib."""
    sound = jellyfish.metaphone(text)
    return "A" + sound[1:] if sound[:1] in "AEIOU" and sound else sound


def _typos_allowed(name: str) -> int:
    return 1 if len(name) < 10 else 2


def _near_typos_allowed(name: str) -> int:
    """Typos allowed in a run that also sounds nearly like the name."""
    return max(2, len(name) // 4)


# A name's sound this long or longer can be one sound off ("RSTRK" for RSLTRK).
MIN_NEAR_SOUND = 5
# A name dictated in three words sounds the same, spelled further off:
# "rose lee trek" (RSLTRK) for "rozlytrek".
MIN_SAME_SOUND = 6


def _spelled_loosely_like(joined: str, name: str, distance: int) -> bool:
    """A dictated name's letters: within half the name's length of typos,
    and within three letters of its length."""
    return distance <= len(name) // 2 and abs(len(joined) - len(name)) <= 3


def _same_long_sound(joined: str, name: str, distance: int, sound: str, name_sound: str) -> bool:
    return sound == name_sound and len(sound) >= MIN_SAME_SOUND and _spelled_loosely_like(joined, name, distance)


def _said_in_pieces(joined: str, name: str, distance: int, sound: str, name_sound: str) -> bool:
    # Starting as the name starts: "vote tree ent", never "is imatinib".
    return (joined[:2] == name[:2] and len(name_sound) >= MIN_NEAR_SOUND
            and Levenshtein.distance(sound, name_sound) <= 1 and _spelled_loosely_like(joined, name, distance))


class NameFinder:
    def __init__(self, names: Dict[str, str], others: Sequence[str], english: FrozenSet[str] = frozenset()) -> None:
        self._names = {n.lower(): key for n, key in names.items()}
        self._others = frozenset(o.lower() for o in others)
        self._english = english
        self._sounds: Dict[str, str] = {}
        self._name_sounds = {name: _sound(name) for name in self._names}
        for name, key in self._names.items():
            self._sounds.setdefault(self._name_sounds[name], key)
        # A sound shared with another medicine belongs to no drug of ours.
        self._other_sounds = frozenset(_sound(o) for o in self._others)
        self._sound_of_no_other = frozenset(self._sounds) - self._other_sounds
        # Runs of letters already resolved (bounded: a long-running server).
        self._resolved: Dict[Tuple[str, bool, bool, bool], Optional[Tuple[str, str]]] = {}

    def resolve(self, joined: str, single_english_word: bool = False, one_word: bool = True,
                english_words: bool = False) -> Optional[Tuple[str, str]]:
        """(key, how) for a run of letters, or None. Only one typed word can
        be a name run into another ("imatnib and" is a name and a word);
        ``english_words``: the run is all English words, a name only by its sound."""
        asked = (joined, single_english_word, one_word, english_words)
        if asked not in self._resolved:
            if len(self._resolved) >= MAX_REMEMBERED:
                self._resolved.clear()
            self._resolved[asked] = self._resolve(*asked)
        return self._resolved[asked]

    def _resolve(self, joined: str, single_english_word: bool, one_word: bool,
                 english_words: bool) -> Optional[Tuple[str, str]]:
        if joined in self._names:
            return self._names[joined], "exact"
        run_on = self._run_on(joined) if one_word else None
        if run_on:
            return run_on, "run-on"
        if len(joined) < MIN_LENGTH or joined in self._others or single_english_word:
            return None
        distances = {n: Levenshtein.distance(joined, n) for n in self._names}
        close = {self._names[n] for n, d in distances.items() if d <= _typos_allowed(n)}
        if close and not english_words:
            return (close.pop(), "typo") if len(close) == 1 and not self._closer_to_another(joined, distances) else None
        sound = _sound(joined)
        if sound in self._sound_of_no_other and len(sound) >= 4 and not english_words:
            return self._sounds[sound], "sound"
        if not english_words:
            # A name said in pieces, not all English words, sounding one
            # sound off: "vote tree ent", "lara wreck tinny be".
            pieces = set() if one_word else {self._names[n] for n, d in distances.items()
                                              if _said_in_pieces(joined, n, d, sound, self._name_sounds[n])}
            if len(pieces) == 1 and not self._closer_to_another(joined, distances):
                return pieces.pop(), "sound"
            return None
        # Dictated words nearly sounding, spelled and as long as a name: "rosy
        # trek"; never "future and i".
        near = {self._names[n] for n, d in distances.items()
                if (d <= _near_typos_allowed(n) and abs(len(joined) - len(n)) <= 1
                    and len(self._name_sounds[n]) >= MIN_NEAR_SOUND and Levenshtein.distance(sound, self._name_sounds[n]) <= 1)
                or _same_long_sound(joined, n, d, sound, self._name_sounds[n])}
        if len(near) == 1 and not self._closer_to_another(joined, distances):
            return near.pop(), "sound"
        return None

    def _closer_to_another(self, joined: str, distances: Dict[str, int]) -> bool:
        """Whether another medicine is as close as the nearest of our names."""
        nearest = min(distances.values())
        return any(Levenshtein.distance(joined, o, score_cutoff=nearest) <= nearest for o in self._others)

    def _run_on(self, joined: str) -> Optional[str]:
        """A name run into an English word: "larotrectinibside", "gleevecand"."""
        for name, key in self._names.items():
            if len(name) >= MIN_LENGTH and joined.startswith(name) and joined[len(name):] in self._english:
                return key
        return None

    def find(self, text: str) -> List[NameFound]:
        """The page's drugs named in a text, longest runs first, no word in two."""
        tokens = words(text)
        used = [False] * len(tokens)
        found: List[NameFound] = []
        for size in range(MAX_RUN, 0, -1):
            for i in range(len(tokens) - size + 1):
                if any(used[i:i + size]):
                    continue
                run = tokens[i:i + size]
                letters = [w for w, _, _ in run]
                if not all(w.isalpha() for w in letters):
                    continue
                if size > 2 and max(len(w) for w in letters) < 4:
                    continue  # "am at in ib": little words, not a name said in pieces
                joined = "".join(letters)
                single_english = size == 1 and joined in self._english
                # "vote right" is two words, not a name: English words are a name only by its sound.
                # ... and so are English words beside little ones ("i'm eating").
                english_run = size > 1 and all(w in self._english or len(w) < 3 for w in letters)
                if english_run and min(len(w) for w in letters) < 3:
                    continue  # "i'm eating", "am at in ib": little words, not a name said in pieces
                if size > 1 and any(w in self._names for w in letters):
                    continue  # "votrient or": the name, and a word after it
                resolved = self.resolve(joined, single_english, size == 1, english_run)
                if resolved is None:
                    continue
                start, end = run[0][1], run[-1][2]
                found.append(NameFound(resolved[0], start, end, text[start:end], resolved[1]))
                for j in range(i, i + size):
                    used[j] = True
        return sorted(found, key=lambda f: f.start)


@lru_cache(maxsize=1)
def name_finder() -> NameFinder:
    from assistant.facts import DRUGS

    names = {name: drug.key for drug in DRUGS for name in (drug.generic, *drug.brands, *drug.misspellings)}
    others = yaml.safe_load(OTHER_DRUGS.read_text(encoding="utf-8"))["names"]
    # The page's own names are never "English words" here ("gleevec" is in
    # no dictionary, but a brand could be).
    return NameFinder(names, others, english_words() - frozenset(n.lower() for n in names))
