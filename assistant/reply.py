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

from dataclasses import dataclass
from typing import Any, Dict, Tuple

from assistant.facts import DISCLAIMER


@dataclass(frozen=True)
class Button:
    title: str
    payload: str


@dataclass(frozen=True)
class Reply:
    text: str
    buttons: Tuple[Button, ...] = ()
    states_medical_fact: bool = True

    @classmethod
    def conversational(cls, text: str, buttons: Tuple[Button, ...] = ()) -> "Reply":
        """A reply that states no medical fact (greetings, safety referrals)."""
        return cls(text=text, buttons=buttons, states_medical_fact=False)

    @classmethod
    def joined(cls, replies: "list[Reply]") -> "Reply":
        """Several answers in one message, so one disclaimer closes them all.
        It states a medical fact if any part does."""
        if len(replies) == 1:
            return replies[0]
        return cls(
            text="\n".join(reply.text.strip() for reply in replies),
            buttons=tuple(button for reply in replies for button in reply.buttons),
            states_medical_fact=any(reply.states_medical_fact for reply in replies),
        )

    def message(self) -> Dict[str, Any]:
        """The keyword arguments for ``dispatcher.utter_message``."""
        text = self.text.strip()
        if self.states_medical_fact:
            text = f"{text}\n{DISCLAIMER.short}"
        message: Dict[str, Any] = {"text": text}
        if self.buttons:
            message["buttons"] = [{"title": b.title, "payload": b.payload} for b in self.buttons]
        return message
