"""Base for the components that rewrite a message's text before it is read."""

from __future__ import annotations

from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from components.message_reader import MessageReader


class TextRewriter(MessageReader):
    def rewrite(self, text: str) -> str:
        raise NotImplementedError

    def read(self, message: Message, text: str) -> None:
        message.set(TEXT, self.rewrite(text))
