"""Drugs described instead of named, resolved through the facts
(vocabulary/descriptions.yml, assistant/facts_query.py DESCRIPTIONS)."""

import pytest

from assistant import facts_query, intents
from assistant.facts import ENTRECTINIB, LAROTRECTINIB
from assistant.questions import Compare
from assistant.topics import Topic
from assistant.understanding import understand
from tests.support.reading import nlu_message
from text.lexicon import lexicon


def drugs_of(intent: str, text: str) -> list:
    (question, *_) = understand(nlu_message(intent, text)).questions
    return [d.key for d in getattr(question, "drugs", ())]


@pytest.mark.parametrize("intent,text,keys", [
    (Topic.DRUG_ADMINISTRATION.intent, "the KIT one, how is it taken?", ["imatinib"]),
    (Topic.DRUG_ADMINISTRATION.intent, "my daily GIST pill, is it every day?", ["imatinib"]),
    (Topic.DRUG_ADMINISTRATION.intent, "the NTRK pair, pills or a drip?", ["larotrectinib", "entrectinib"]),
    (Topic.DRUG_MECHANISM.intent, "the blood vessel drug, how does it work", ["pazopanib"]),
    (Topic.DRUG_DURATION.intent, "the kit blocker pill, how long do ppl usually take it", ["imatinib"]),
    (Topic.SIDE_EFFECTS.intent, "the once a day one for after chemo, side effects?", ["pazopanib"]),
])
def test_a_described_drug_is_the_one_the_facts_fit(intent, text, keys):
    assert drugs_of(intent, text) == keys


def test_a_named_drug_wins_over_a_description():
    assert drugs_of(Topic.DRUG_ADMINISTRATION.intent, "how is votrient taken, the daily one") == ["pazopanib"]


def test_descriptions_no_drug_fits_together_are_dropped_from_the_last():
    assert [d.key for d in facts_query.drugs_described(["targets_kit", "class_ntrk"])] == ["imatinib"]


@pytest.mark.parametrize("text", ["i get the gist of it", "what is a first aid kit for", "how is it taken"])
def test_look_alikes_describe_no_drug(text):
    assert lexicon("descriptions").keys_in(text) == ()


def test_every_description_key_is_a_fact_test():
    assert set(lexicon("descriptions").keys) == set(facts_query.DESCRIPTIONS)


def test_a_described_drug_is_named_before_the_answer():
    result = understand(nlu_message(Topic.DRUG_DURATION.intent, "the kit blocker pill, how long do ppl usually take it"))
    assert [type(q).__name__ for q in result.questions] == ["Described", "AboutDrugs"]
    assert [d.key for d in result.questions[0].drugs] == ["imatinib"]


@pytest.mark.parametrize("text,topic,key", [
    # The condition and "stops working" describe the drug; the question asks how often.
    ("is the sarcoma pill they give after chemo stops working an every day thing or just some days of the week",
     Topic.DRUG_ADMINISTRATION, "pazopanib"),
    ("the gist pill is it taken every day", Topic.DRUG_ADMINISTRATION, "imatinib"),
])
def test_a_condition_in_a_description_is_not_what_is_asked(text, topic, key):
    # The classifier reads the description's condition as the question.
    message = nlu_message("ask_drug_for_condition", text, ranking=("ask_drug_for_condition", topic.intent))
    kinds = [(type(q).__name__, getattr(q, "topic", None)) for q in understand(message).questions]
    assert kinds == [("Described", None), ("AboutDrugs", topic)]


@pytest.mark.parametrize("text,key", [
    ("whats the name of the sarcoma pill that can turn your hair white", "pazopanib"),
    ("the one that raises your blood pressure, how is it taken", "pazopanib"),
])
def test_a_drug_described_by_a_side_effect_the_page_names_for_it(text, key):
    assert facts_query.drugs_described(f.value for f in lexicon("descriptions").find(text))[0].key == key


def test_drugs_described_together_are_compared_with_each_other():
    text = "the ones for the NTRK thing.. is there 2 of them? whats the difference between them"
    understood = understand(nlu_message(intents.ASK_COMPARISON, text))
    assert Compare((LAROTRECTINIB, ENTRECTINIB)) in understood.questions
