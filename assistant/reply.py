"""What the assistant sends, and the one place the disclaimer is added.

Channels split a message into separate bubbles at blank lines, so replies
use single line breaks only and the disclaimer stays in the same bubble as
the answer it qualifies.

Actions never build message text themselves: wording functions return
``Reply`` objects and actions send ``reply.message()``. A reply states a
medical fact unless it is explicitly created as conversational, so a new
answer carries the disclaimer by default and cannot forget it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Dict, List, Sequence, Set, Tuple

from assistant.facts import DISCLAIMER

# The key that marks the care list in a bot message (see Reply.shows_care_list).
CARE_LIST_MARK = "care_list"


# Sentences are told apart at a full stop, question or exclamation mark
# followed by a capital.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"])")
# Shorter sentences ("It may be used for:", "Please ask your healthcare
# team.") may rightly come twice, each with what it introduces.
_SHORTEST_REPEAT = 40


def _said_once(texts: List[str]) -> List[str]:
    """Answers joined into one message, with a sentence an earlier answer
    already said left out ("how long will he be on it?" after the overview
    says it). List items stay whole: they belong to their heading."""
    said: Set[str] = set()
    kept_texts = []
    for text in texts:
        lines = []
        for line in text.split("\n"):
            if line.lstrip().startswith("•"):
                lines.append(line)
                continue
            sentences = _SENTENCE_END.split(line)
            kept = [s for s in sentences if len(s) < _SHORTEST_REPEAT or s.strip() not in said]
            said.update(s.strip() for s in sentences)
            if kept:
                lines.append(" ".join(kept))
        if lines:
            kept_texts.append("\n".join(lines))
    return kept_texts


@dataclass(frozen=True)
class Button:
    title: str
    payload: str


@dataclass(frozen=True)
class Reply:
    text: str
    buttons: Tuple[Button, ...] = ()
    states_medical_fact: bool = True
    # The patient's list of questions for the care team: the web chat fills
    # its dialog with this reply only, not with a reply to an earlier
    # message that arrives after the button was pressed.
    shows_care_list: bool = False
    # The ids of the page's facts the text states (assistant.provenance),
    # given by the wording that states them; citations are read from them.
    facts: Tuple[str, ...] = ()

    @classmethod
    def conversational(cls, text: str, buttons: Tuple[Button, ...] = ()) -> "Reply":
        """A reply that states no medical fact (greetings, safety referrals)."""
        return cls(text=text, buttons=buttons, states_medical_fact=False)

    @classmethod
    def lines(cls, replies: Sequence["Reply"]) -> "Reply":
        """Parts of one answer, each on its own line(s), with their facts."""
        return cls(
            text="\n".join(reply.text for reply in replies),
            buttons=tuple(button for reply in replies for button in reply.buttons),
            states_medical_fact=any(reply.states_medical_fact for reply in replies),
            facts=facts_of(replies),
        )

    @classmethod
    def joined(cls, replies: "list[Reply]") -> "Reply":
        """Several answers in one message, so one disclaimer closes them all.
        It states a medical fact if any part does."""
        if len(replies) == 1:
            return replies[0]
        return cls(
            text="\n".join(_said_once([reply.text.strip() for reply in replies])),
            buttons=tuple(button for reply in replies for button in reply.buttons),
            states_medical_fact=any(reply.states_medical_fact for reply in replies),
            facts=facts_of(replies),
        )

    def message(self) -> Dict[str, Any]:
        """The keyword arguments for ``dispatcher.utter_message``."""
        text = self.text.strip()
        if self.states_medical_fact:
            text = f"{text}\n{DISCLAIMER.short}"
        message: Dict[str, Any] = {"text": text}
        if self.buttons:
            message["buttons"] = [{"title": b.title, "payload": b.payload} for b in self.buttons]
        if self.shows_care_list:
            # Extra keys become the bot message's metadata, which Rasa hands
            # to the output channel (channels/socketio.py).
            message[CARE_LIST_MARK] = True
        return message


def facts_of(replies: Sequence[Reply]) -> Tuple[str, ...]:
    """The facts these replies state, each once, in order."""
    return tuple(dict.fromkeys(i for reply in replies for i in reply.facts))
