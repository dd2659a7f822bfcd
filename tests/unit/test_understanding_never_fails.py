"""Every training message, under every context, is understood and answered
without an exception (an exception would reach the patient as "I can't look
that up right now"), and every factual reply still ends with the disclaimer."""

import re
from pathlib import Path
from typing import List, Tuple

import pytest
import yaml

from assistant.answers import answer
from assistant.facts import DISCLAIMER, DRUGS
from assistant.understanding import Message, understand
from assistant.understanding.mentions import Context
from tests.support.reading import nlu_message

ROOT = Path(__file__).resolve().parents[2]
_ENTITY = re.compile(r"\[([^\]]+)\]\((\w+)\)")
FOUR = tuple(d.key for d in DRUGS)
CONTEXTS = [
    Context(),
    Context(drug="pazopanib", topic="side_effects"),
    Context(group=("larotrectinib", "entrectinib"), listed=FOUR, topic="drug_class"),
    Context(drug="imatinib", group=("pazopanib", "imatinib"), listed=("pazopanib", "imatinib")),
]


def _messages() -> List[Tuple[str, Message]]:
    data = yaml.safe_load((ROOT / "data/nlu.yml").read_text())
    messages = []
    for block in data["nlu"]:
        if "intent" not in block:
            continue
        for line in block["examples"].splitlines():
            if not line.strip().startswith("- "):
                continue
            raw = line.strip()[2:]
            entities = _ENTITY.findall(raw)
            text = _ENTITY.sub(r"\1", raw)
            values = {kind: tuple(v for v, k in entities if k == kind) for kind in ("drug", "drug_class", "side_effect")}
            ranking = (block["intent"], "nlu_fallback")
            messages.append((block["intent"], nlu_message(block["intent"], text, values["drug"], values["drug_class"],
                                                          values["side_effect"], ranking)))
            # The same words when the classifier was unsure.
            messages.append(("nlu_fallback", nlu_message("nlu_fallback", text, values["drug"], values["drug_class"],
                                                         values["side_effect"], ("nlu_fallback", block["intent"]))))
    return messages


MESSAGES = _messages()


@pytest.mark.parametrize("context", CONTEXTS, ids=["new", "one-drug", "ntrk-pair", "tki-pair"])
def test_every_message_is_answered_without_error(context):
    assert len(MESSAGES) > 3000
    for _, message in MESSAGES:
        result = answer(understand(message, context), context)
        for reply in result.replies:
            text = reply.message()["text"]
            assert text.strip(), message.text
            if reply.states_medical_fact:
                assert text.endswith(DISCLAIMER.short), message.text
