"""Which parts of a message ask something, and which are background.

A message is split into sentences and clauses (``text.sentences``), and a
clause again before a new question that follows a comma or "and" ("how is
it taken, can i drink coffee with it, and can it change my hair colour?").
A part asks when it has a question mark, starts with a question opener,
ends with a tag such as "right" or reports a question ("his family asked me
whether ...") (``question_words.yml``); "how i felt", "what the doctor said" don't. When no
part asks ("votrient side effects"), the whole message is the question.

Pure Python over a data file; ``components.question_finder`` runs it once per
message and puts the parts in the parse data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, FrozenSet, List, Sequence, Tuple

import yaml

from assistant.understanding.reading import Part
from text.phrases import Phrase, phrases, words
from text.sentences import Span, clauses

WORDS_FILE = Path(__file__).with_name("question_words.yml")


@dataclass(frozen=True)
class _Words:
    openers: Tuple[Phrase, ...]
    tags: Tuple[Phrase, ...]
    tags_not_after: FrozenSet[str]
    reported: Tuple[Phrase, ...]
    lead_ins: FrozenSet[str]
    not_asking_after: Dict[str, Tuple[Phrase, ...]]
    new_question: "re.Pattern[str]"


@lru_cache(maxsize=1)
def _words(path: Path = WORDS_FILE) -> _Words:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    openers = tuple(sorted(phrases(data["openers"]), key=len, reverse=True))
    single = sorted({o[0] for o in openers if len(o) == 1}, key=len, reverse=True)
    joins = "|".join(re.escape(j) for j in data["new_question_after"] if j != ",")
    # A comma, or a joining word, right before a one-word opener.
    new_question = re.compile(rf"(?:,\s*(?:(?:{joins})\s+)?|\s+(?:{joins})\s+)(?=(?:{'|'.join(single)})\b)", re.I)
    return _Words(
        openers=openers,
        tags=phrases(data["tags"]),
        tags_not_after=frozenset(str(w) for w in data["tags_not_after"]),
        reported=phrases(data["reported"]),
        lead_ins=frozenset(str(w) for w in data["lead_ins"]),
        not_asking_after={str(k): phrases(v) for k, v in data["not_asking_after"].items()},
        new_question=new_question,
    )


def _starts_with(tokens: Sequence[str], phrase: Phrase) -> bool:
    return tuple(tokens[:len(phrase)]) == phrase


def asks(text: str) -> bool:
    """Whether a part asks something: a question mark, or a question opener
    first (after lead-ins such as "and" or "so") not followed by a
    background subject ("how i felt")."""
    if "?" in text:
        return True
    label, colon, after = text.partition(":")
    if colon and len(label.split()) <= 3 and after.strip():
        # "gleevec: how long": the question after its label.
        return asks(after)
    vocabulary = _words()
    tokens = [w for w, _, _ in words(text)]
    if _ends_with_tag(tokens, vocabulary) or _reports_a_question(tokens, vocabulary):
        return True
    while tokens and (tokens[0] in vocabulary.lead_ins or tokens[0].isdigit()):
        # "and so ...", or a list's number ("2 - do i take it with food").
        tokens = tokens[1:]
    for opener in vocabulary.openers:
        if _starts_with(tokens, opener):
            rest = tokens[len(opener):]
            blocked = vocabulary.not_asking_after.get(" ".join(opener), ())
            return not any(_starts_with(rest, b) for b in blocked)
    return False


def _reports_a_question(tokens: Sequence[str], vocabulary: _Words) -> bool:
    return any(tuple(tokens[i:i + len(phrase)]) == phrase
               for phrase in vocabulary.reported for i in range(len(tokens) - len(phrase)))


def _ends_with_tag(tokens: Sequence[str], vocabulary: _Words) -> bool:
    for tag in vocabulary.tags:
        if len(tokens) > len(tag) + 1 and tuple(tokens[-len(tag):]) == tag:
            return tokens[-len(tag) - 1] not in vocabulary.tags_not_after
    return False


def _split_questions(clause: Span) -> List[Span]:
    """A clause cut before each new question a comma or "and" starts."""
    pieces: List[Span] = []
    start = 0
    for match in _words().new_question.finditer(clause.text):
        head = clause.text[start:match.start()]
        rest = clause.text[match.end():]
        # Only where both sides stand alone as a question or a statement.
        if len(head.strip()) >= 6 and len(rest.strip()) >= 6 and asks(rest):
            pieces.append(_span(clause, start, match.start()))
            start = match.end()
    pieces.append(_span(clause, start, len(clause.text)))
    return [p for p in pieces if p.text]


def _span(clause: Span, start: int, end: int) -> Span:
    piece = clause.text[start:end]
    lead = len(piece) - len(piece.lstrip())
    text = piece.strip()
    return Span(clause.start + start + lead, clause.start + start + lead + len(text), text)


def parts(sentence_spans: Sequence[Span]) -> List[Part]:
    """Every part of a message, in order, each marked asking or not. When no
    part asks, all of them do: the whole message is the question."""
    found = [
        Part(piece.start, piece.end, piece.text, asks(piece.text))
        for sentence in sentence_spans
        for clause in clauses(sentence)
        for piece in _split_questions(clause)
    ]
    if not any(p.asks for p in found):
        return [Part(p.start, p.end, p.text, True) for p in found]
    return found
