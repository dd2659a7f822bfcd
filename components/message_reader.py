"""Base for the components that read each message's text once and add
what they find to it (or, for the rewriters, replace it)."""

from __future__ import annotations

from typing import List

from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from components.stateless import StatelessComponent


class MessageReader(StatelessComponent):
    def read(self, message: Message, text: str) -> None:
        raise NotImplementedError

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        # Training examples are left as written: nothing trained reads what
        # these components add, and a rewritten text would shift the
        # character offsets of their entity annotations.
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            if isinstance(text, str):
                self.read(message, text)
        return messages
