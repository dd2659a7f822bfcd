"""Base for the components that rewrite a message's text before it is read."""

from __future__ import annotations

from typing import List

from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from components.stateless import StatelessComponent


class TextRewriter(StatelessComponent):
    def rewrite(self, text: str) -> str:
        raise NotImplementedError

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        # Training examples are left as written: changing their text would
        # shift the character offsets of their entity annotations.
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            if isinstance(text, str):
                message.set(TEXT, self.rewrite(text))
        return messages
