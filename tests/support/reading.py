"""Messages as the NLU would read them, for unit tests of understanding:
the gap phrases come from the same word lists the NLU tags
(``vocabulary/gaps.yml``), so a test states only the text and the intent."""

from __future__ import annotations

from typing import Sequence, Tuple

from assistant.understanding import Message
from text.lexicon import lexicon


def gap_spans(text: str) -> Tuple[Tuple[str, str], ...]:
    return tuple((f.key, f.text) for f in lexicon("gaps").find(text))


def nlu_message(intent: "str | None", text: str, drugs: Sequence[str] = (), classes: Sequence[str] = (),
                side_effects: Sequence[str] = (), ranking: Sequence[str] = ()) -> Message:
    return Message(intent, text, tuple(drugs), tuple(classes), tuple(side_effects), tuple(ranking), gap_spans(text))
