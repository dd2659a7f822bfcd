"""The page's drugs, however they were typed, as ``drug`` entities with the
drug's key (``text.name_finder``).

Runs after the CRF tagger. A drug entity the tagger found gets the key of
the drug it names ("votreint" is pazopanib); a name the tagger missed or cut
("glee vec", "paso panib", where it tagged only "panib") becomes an entity
of its own, and the tagger's fragment inside it goes. The entity's value
stays what the person typed: the key travels beside it (``"key"``), which
the action server reads, so it never matches names again.
"""

from __future__ import annotations

from typing import Any, Dict, List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import ENTITIES
from rasa.shared.nlu.training_data.message import Message

from components.entity_spans import side_effect_over
from components.message_reader import MessageReader
from text.name_finder import name_finder
from text.phrases import words

DRUG = "drug"
KEY = "key"


def _letters(value: str) -> str:
    return "".join(w for w, _, _ in words(value))


def with_drug_keys(text: str, entities: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    finder = name_finder()
    found = finder.find(text)
    kept: List[Dict[str, Any]] = []
    for entity in entities:
        if entity.get("entity") != DRUG:
            # "votrientt side efects": a misspelled name is never a side effect.
            if not side_effect_over(entity, [(f.start, f.end) for f in found]):
                kept.append(entity)
            continue
        start, end = entity.get("start", -1), entity.get("end", -1)
        inside = next((f for f in found if f.start <= start and end <= f.end), None)
        resolved = finder.resolve(_letters(str(entity.get("value", ""))))
        if resolved is not None:
            kept.append({**entity, KEY: resolved[0]})
        elif inside is None:
            kept.append(entity)  # another medicine: "I have no information about it"
        # else: a fragment of a name found whole ("panib" of "paso panib")
    for name in found:
        covered = any(e.get("entity") == DRUG and e.get("start", -1) < name.end and name.start < e.get("end", -1)
                      for e in kept)
        if not covered:
            kept.append({"entity": DRUG, "start": name.start, "end": name.end, "value": name.text, KEY: name.key,
                         "confidence_entity": 1.0, "extractor": "DrugNameMatcher"})
    return sorted(kept, key=lambda e: e.get("start", 0))


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class DrugNameMatcher(MessageReader):
    def read(self, message: Message, text: str) -> None:
        message.set(ENTITIES, with_drug_keys(text, message.get(ENTITIES, [])), add_to_output=True)
