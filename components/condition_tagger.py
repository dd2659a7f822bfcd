"""Tags the conditions a message names as ``condition`` entities.

GIST, DFSP, an NTRK gene fusion and advanced soft tissue sarcoma after
chemotherapy are the page's conditions; their entity value is the condition's
key in ``assistant.facts`` ("gist"). Any other sarcoma subtype or cancer is
tagged by its name ("leiomyosarcoma"), so the answer can say the page does not
link it to a drug. The patterns live in ``assistant.understanding.conditions``,
beside the rest of question understanding; this component only publishes
what they find, so the conversation store (and ``scripts/gap_report.py``)
sees which conditions people ask about.

A rule-based extractor rather than a learned one: condition names are a
closed, spelled-out vocabulary, and a CRF would need every subtype in its
training data to tag it.
"""

from __future__ import annotations


from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import ENTITIES
from rasa.shared.nlu.training_data.message import Message

from assistant.understanding.conditions import condition_spans
from components.entity_spans import side_effect_over
from components.message_reader import MessageReader

CONDITION = "condition"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class ConditionTagger(MessageReader):
    def read(self, message: Message, text: str) -> None:
        mentions = condition_spans(text)
        found = [
            {"entity": CONDITION, "value": mention.key, "start": start, "end": end,
             "confidence_entity": 1.0, "extractor": self.__class__.__name__}
            for mention, start, end in mentions
        ]
        if found:
            # "gleevac for dfsp?": a condition the tagger took for a side effect is the condition.
            spans = [(start, end) for _, start, end in mentions]
            kept = [e for e in message.get(ENTITIES, []) if not side_effect_over(e, spans)]
            message.set(ENTITIES, kept + found, add_to_output=True)
