"""The source page as sections and sentences, for provenance checks only.

The assistant never reads the page at run time: the facts live in
``assistant.facts`` and their anchors in ``assistant.provenance``. This module
is used by the tests and by ``scripts/check_source.py`` to find an anchored
sentence in the stored page or in a new copy of it.

The page is plain text (the format of the stored copy): blocks separated by
blank lines; a one-line block without end punctuation is a heading; "•"
lines are list items, one sentence each (wrapped lines that follow belong
to the item); the last line, "helpline | website
| ©", is the footer. Sentences are compared after ``normalise``, so line
wrapping, spacing, curly quotes and dashes never count as a change.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Tuple

ROOT = Path(__file__).resolve().parents[1]
# The stored copy, beside the project; only checks read it.
STORED_PAGE = ROOT.parent / "shared" / "source" / "targeted-therapy-soft-tissue-sarcoma.txt"

# Not a heading on the page: the name given to the footer line's section.
FOOTER = "(page footer)"

_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
        "\u00a0": " ", "\u2009": " ", "\u202f": " ",
    }
)
_BULLET = re.compile(r"^\s*[•·*\-]\s+")
# A sentence ends at . ! ? or : followed by space and a capital, digit or quote.
_SENTENCE_END = re.compile(r"(?<=[.!?:])\s+(?=[A-Z0-9\"'(])")
_ENDS_SENTENCE = re.compile(r"[.!?:][\"')\]]*$")


def normalise(text: str) -> str:
    """Text as compared: Unicode-normalised, straight quotes and hyphens,
    single spaces. Case and words are kept: those are real changes."""
    text = unicodedata.normalize("NFKC", text).translate(_TYPOGRAPHY)
    return " ".join(text.split())


def digest(text: str) -> str:
    """A short, stable fingerprint of a sentence's normalised text."""
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()[:8]


@dataclass(frozen=True)
class Section:
    heading: str
    sentences: Tuple[str, ...]

    def find(self, fingerprint: str) -> Optional[int]:
        """The position of the sentence with this digest, if any."""
        return next((i for i, s in enumerate(self.sentences) if digest(s) == fingerprint), None)


@dataclass(frozen=True)
class Page:
    sections: Tuple[Section, ...]

    @property
    def title(self) -> str:
        return self.sections[0].heading

    def section(self, heading: str) -> Optional[Section]:
        return next((s for s in self.sections if s.heading == heading), None)

    def sentences(self) -> Iterator[Tuple[str, int, str]]:
        """(heading, position, sentence) for every sentence, in page order."""
        for section in self.sections:
            for position, sentence in enumerate(section.sentences):
                yield section.heading, position, sentence


def _blocks(text: str) -> List[List[str]]:
    blocks: List[List[str]] = [[]]
    for line in text.splitlines():
        if line.strip():
            blocks[-1].append(line.strip())
        elif blocks[-1]:
            blocks.append([])
    return [block for block in blocks if block]


def _is_heading(block: List[str]) -> bool:
    line = block[0]
    return len(block) == 1 and not _BULLET.match(line) and "|" not in line and not _ENDS_SENTENCE.search(line)


def _block_sentences(block: List[str]) -> List[str]:
    if "|" in block[0] and len(block) == 1:
        return [normalise(item) for item in block[0].split("|") if item.strip()]
    sentences: List[str] = []
    paragraph: List[str] = []

    def flush() -> None:
        if paragraph:
            sentences.extend(_SENTENCE_END.split(normalise(" ".join(paragraph))))
            paragraph.clear()

    in_item = False
    for line in block:
        if _BULLET.match(line):
            flush()
            sentences.append(normalise(_BULLET.sub("", line)))
            in_item = True
        elif in_item:
            # A list item wrapped over several lines.
            sentences[-1] = normalise(f"{sentences[-1]} {line}")
        else:
            paragraph.append(line)
    flush()
    return [s for s in sentences if s]


def parse(text: str) -> Page:
    sections: List[Tuple[str, List[str]]] = []
    for block in _blocks(text):
        if _is_heading(block):
            sections.append((normalise(block[0]), []))
        elif "|" in block[0] and len(block) == 1:
            sections.append((FOOTER, _block_sentences(block)))
        else:
            if not sections:
                raise ValueError("the page must start with its title")
            sections[-1][1].extend(_block_sentences(block))
    return Page(tuple(Section(heading, tuple(sentences)) for heading, sentences in sections))


def read(path: Path = STORED_PAGE) -> Page:
    return parse(path.read_text(encoding="utf-8"))


def index(page: Page) -> Dict[Tuple[str, str], int]:
    """(heading, digest) → position, for every sentence of the page."""
    return {(heading, digest(sentence)): position for heading, position, sentence in page.sentences()}
