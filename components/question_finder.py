"""Marks which parts of each message ask something (``text.questions``).

Reads the sentences the splitter stored and puts the parts, each asking or
background, in the parse data under ``assistant.intents.PARTS_KEY``. The
action answers the asking parts; the background only says which drug and
whose treatment it is about.
"""

from __future__ import annotations


from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.training_data.message import Message

from assistant.intents import PARTS_KEY
from components.sentence_splitter import sentences_of
from components.message_reader import MessageReader
from text.questions import parts


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False)
class QuestionFinder(MessageReader):
    def read(self, message: Message, text: str) -> None:
        message.set(PARTS_KEY, [p.as_parse_data() for p in parts(sentences_of(message))], add_to_output=True)
