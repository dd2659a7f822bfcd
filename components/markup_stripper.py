"""Takes markup out of each message first, before language detection and
classification (``text.markup``): a pasted ``<iframe>`` must not make a
question look like another language, and ``<b>gleevec</b>`` is gleevec.
"""

from __future__ import annotations

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from components.stateless import StatelessComponent
from text.markup import strip_markup


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False)
class MarkupStripper(StatelessComponent):
    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        # Training examples are left as written: changing their text would
        # shift the character offsets of their entity annotations.
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            if isinstance(text, str):
                message.set(TEXT, strip_markup(text))
        return messages
