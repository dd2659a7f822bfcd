"""Splits each message into sentences, once, for every later reader.

The spans (``text.sentences``) go into the message's parse data under
``assistant.intents.SENTENCES_KEY``: the safety gate decides sentence by
sentence, and question understanding reads every question in a message.
Nothing reads them in training (the gate learns from its corpus, split by
``safety.training``), so training examples are left alone.
"""

from __future__ import annotations

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from assistant.intents import SENTENCES_KEY
from components.message_reader import MessageReader
from text.sentences import Span, sentences


def sentences_of(message: Message) -> List[Span]:
    """The sentences the splitter stored on a message (split now if it did not run)."""
    stored = message.get(SENTENCES_KEY)
    if stored is None:
        return sentences(message.get(TEXT) or "")
    return [Span.from_parse_data(s) for s in stored]


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False)
class SentenceSplitter(MessageReader):
    def read(self, message: Message, text: str) -> None:
        message.set(SENTENCES_KEY, [s.as_parse_data() for s in sentences(text)], add_to_output=True)
