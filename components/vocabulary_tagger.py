"""Tags the phrases of one vocabulary file in each message (``text.lexicon``).

Configured with the vocabulary's name (``vocabulary/<name>.yml``) and the
parse-data key it publishes under: ``gaps`` (topics the page doesn't cover)
and ``decisions`` (personal decisions asked). The action server and the
safety gate read them from there; no one reads the message's words again.

Published as parse data, not as entities: these are spans of meaning
("coffee" is the food gap), not names the dialogue fills slots from, and
Rasa's story tests compare every entity a message gets.
"""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.training_data.message import Message

from components.message_reader import MessageReader
from text.lexicon import Lexicon, lexicon


def found_as_parse_data(vocabulary: Lexicon, text: str) -> List[Dict[str, Any]]:
    return [f.as_parse_data() for f in vocabulary.find(text)]


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False)
class VocabularyTagger(MessageReader):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"vocabulary": None, "key": None}

    def __init__(self, config: Dict[Text, Any]) -> None:
        if not config.get("vocabulary") or not config.get("key"):
            raise ValueError("VocabularyTagger needs `vocabulary` and `key`")
        self._lexicon = lexicon(config["vocabulary"])
        self._key = config["key"]

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "VocabularyTagger":
        return cls(config)

    def read(self, message: Message, text: str) -> None:
        message.set(self._key, found_as_parse_data(self._lexicon, text), add_to_output=True)
