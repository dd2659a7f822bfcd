"""One sentence and clause splitter for the whole assistant.

A message is read sentence by sentence: the safety gate decides on each
sentence, never on the story around it, and question understanding reads
every question in a message. Sentences end at ``.``, ``!``, ``?``, ``;`` or a
line break (not after "dr." or inside "39.7"); a sentence splits again into
clauses before the words in ``clause_joins.yml`` that join a second thought
on ("i'm coping but i don't see the point any more"), because people write
long unpunctuated lines as often as tidy sentences.

Pure Python over a data file, so it is unit-tested on its own; the NLU
component ``components.sentence_splitter`` runs it once per message and puts
the spans in the parse data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, FrozenSet, Iterable, Iterator, List, Optional, Pattern, Sequence, Tuple

import yaml

WORDS_FILE = Path(__file__).with_name("clause_joins.yml")

# A clause shorter than this ("ok", "yes but") means nothing on its own and
# stays part of its sentence.
MIN_CLAUSE_CHARS = 8


@dataclass(frozen=True)
class Span:
    """A part of a message, by character offsets into it."""

    start: int
    end: int
    text: str

    def as_parse_data(self) -> Dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_parse_data(cls, data: Dict[str, Any]) -> "Span":
        return cls(int(data["start"]), int(data["end"]), str(data["text"]))


@dataclass(frozen=True)
class _Breaks:
    sentence: Pattern[str]
    clause: Pattern[str]
    abbreviations: FrozenSet[str]
    # Punctuation said aloud ("period"), and the words around it that make
    # it a word of its own ("my period", "a period of").
    spoken_not_after: FrozenSet[str] = frozenset()
    spoken_not_before: FrozenSet[str] = frozenset()


# Runs of end punctuation followed by a space or the end (not "39.7"),
# semicolons, line breaks, and a numbered item's "2 -" or "3)" (left out).
_SENTENCE_END = re.compile(r"[.!?…]+(?=\s|$)|[;\n]+|(?:^|\s)\d{1,2}\s*[-–)]\s+(?=[a-z])")
_WORD_BEFORE = re.compile(r"([\w.]+)$")


@lru_cache(maxsize=1)
def _breaks(path: Path = WORDS_FILE) -> _Breaks:
    words = yaml.safe_load(path.read_text(encoding="utf-8"))
    joins = _alternatives(words["clause_joins"])
    spoken = _alternatives(words["spoken_ends"])
    return _Breaks(
        sentence=re.compile(rf"{_SENTENCE_END.pattern}|(?<=\s)(?:{spoken})(?=\s|$)", re.I),
        clause=re.compile(rf",?\s+(?=\b(?:{joins})\b)", re.I),
        abbreviations=frozenset(a.lower() for a in words["abbreviations"]),
        spoken_not_after=frozenset(words["spoken_ends_not_after"]),
        spoken_not_before=frozenset(words["spoken_ends_not_before"]),
    )


def _alternatives(phrases: Iterable[str]) -> str:
    """A regex alternation of phrases, longest first, any spaces between words."""
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrases, key=len, reverse=True))


_WORD_AFTER = re.compile(r"\s*(\w+)")


def _said_as_a_word(text: str, match: "re.Match[str]", breaks: _Breaks) -> bool:
    """"my period", "a period of time": the word, not punctuation said aloud."""
    before = _WORD_BEFORE.search(text[:match.start()].rstrip())
    after = _WORD_AFTER.match(text, match.end())
    return bool((before and before.group(1).lower() in breaks.spoken_not_after)
                or (after and after.group(1).lower() in breaks.spoken_not_before))


def _ends(text: str, pattern: Pattern[str], breaks: Optional[_Breaks] = None) -> Iterator[Tuple[int, int]]:
    abbreviations = breaks.abbreviations if breaks else frozenset()
    for match in pattern.finditer(text):
        if match.group()[0].isalpha() and breaks and _said_as_a_word(text, match, breaks):
            continue
        if match.group().startswith("."):
            before = _WORD_BEFORE.search(text, 0, match.start())
            if before and before.group(1).lower().rstrip(".") in abbreviations:
                continue  # "dr. lee"
        if match.group()[0] in ".!?…":
            yield match.end(), match.end()  # the sentence keeps its "?"
        else:
            yield match.start(), match.end()


def _pieces(text: str, offset: int, ends: Iterable[Tuple[int, int]], min_chars: int = 1) -> List[Span]:
    spans: List[Span] = []
    start = 0
    for end, next_start in [*ends, (len(text), len(text))]:
        piece = text[start:end]
        stripped = piece.strip()
        if len(stripped) >= min_chars or (stripped and not spans):
            lead = len(piece) - len(piece.lstrip())
            spans.append(Span(offset + start + lead, offset + start + lead + len(stripped), stripped))
        elif stripped:
            # Too short to stand alone: it belongs to the piece before.
            last = spans[-1]
            new_end = offset + start + len(piece.rstrip())
            spans[-1] = Span(last.start, new_end, text[last.start - offset:new_end - offset])
        start = next_start
    return spans


def sentences(text: str) -> List[Span]:
    """The sentences of a message, in order.

    >>> [s.text for s in sentences("my dad is 79. dr. lee says it can't be cured; can votrient help the pain?")]
    ['my dad is 79.', "dr. lee says it can't be cured", 'can votrient help the pain?']
    """
    breaks = _breaks()
    return _pieces(text, 0, _ends(text, breaks.sentence, breaks))


def clauses(sentence: Span) -> List[Span]:
    """A sentence's clauses; the sentence itself when it has only one."""
    parts = _pieces(sentence.text, sentence.start, _ends(sentence.text, _breaks().clause), MIN_CLAUSE_CHARS)
    return parts if len(parts) > 1 else [sentence]


def split(text: str) -> Tuple[List[Span], List[List[Span]]]:
    """Sentences, and each sentence's clauses."""
    found = sentences(text)
    return found, [clauses(s) for s in found]


def units(sentence_spans: Sequence[Span]) -> List[Span]:
    """What is read on its own: every sentence, then the clauses of the
    sentences that have more than one, without repeats."""
    seen: List[Span] = list(sentence_spans)
    for sentence in sentence_spans:
        for clause in clauses(sentence):
            if clause not in seen:
                seen.append(clause)
    return seen
