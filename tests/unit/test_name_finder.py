"""Drug names as people type and dictate them (text/name_finder.py) and the
entities the NLU gives them (components/drug_name_matcher.py)."""

import pytest

from components.drug_name_matcher import with_drug_keys
from tests.unit.test_drug_names import OTHER_DRUGS
from text.name_finder import name_finder


def keys(text: str) -> list:
    return [f.key for f in name_finder().find(text)]


@pytest.mark.parametrize("text,key", [
    ("glee vec how long do you take it", "imatinib"),     # split by voice typing
    ("vote rient how often", "pazopanib"),
    ("paso panib side effects", "pazopanib"),            # split and misspelled
    ("imma tinib what is it for", "imatinib"),
    ("emma tinib is it chemo", "imatinib"),           # sounds the same
    ("the larro trek tinib one", "larotrectinib"),
    ("VOTRIENT", "pazopanib"),                           # capitals
    ("pazopanibb", "pazopanib"),                         # one typo
    ("larotrecitnib", "larotrectinib"),                  # two, in a long name
    ("larotrectinibside effects", "larotrectinib"),      # run into the next word
    ("is gleevecand votrient the same", "imatinib"),
    ("husband just got perscribed rosy trek?? for his sarcoma", "entrectinib"),  # English words dictated
    ("my wife is on rose lee trek, what is it for", "entrectinib"),  # three words, the same sound
    ("glee-vac 3 years?? is that the max", "imatinib"),
    ("he is on vote tree ent, every day?", "pazopanib"),  # in pieces, one sound off
    ("the doctor said lara wreck tinny be for her", "larotrectinib"),
])
def test_names_as_typed_and_dictated_are_found(text, key):
    assert keys(text)[:1] == [key]


@pytest.mark.parametrize("name", [n for n in OTHER_DRUGS if n.strip() and n != "it"])
def test_other_medicines_are_never_one_of_the_pages_drugs(name):
    assert keys(f"what about {name}") == []


@pytest.mark.parametrize("text", ["i want to vote right now", "glee club tonight", "the pass panel", "vitamin d",
                                  "i want to vote for the entire team", "i met a lot of trek fans",
                                  "imagine that", "entre nous", "the cancer has stolen my future and i don't know",
                                  "i'm eating and sleeping ok"])
def test_english_words_are_not_names(text):
    assert keys(text) == []


def test_a_fragment_the_tagger_cut_from_a_name_is_replaced_by_the_whole_name():
    text = "paso panib side effects"
    fragment = {"entity": "drug", "start": 5, "end": 10, "value": "panib", "confidence_entity": 0.7}
    (entity,) = with_drug_keys(text, [fragment])
    assert (entity["value"], entity["key"], entity["start"]) == ("paso panib", "pazopanib", 0)


def test_a_tagged_name_keeps_its_value_and_gets_its_key():
    text = "how is votreint taken"
    (entity,) = with_drug_keys(text, [{"entity": "drug", "start": 7, "end": 15, "value": "votreint"}])
    assert (entity["value"], entity["key"]) == ("votreint", "pazopanib")


def test_another_medicine_stays_an_entity_without_a_key():
    (entity,) = with_drug_keys("is sunitinib a tki", [{"entity": "drug", "start": 3, "end": 12, "value": "sunitinib"}])
    assert "key" not in entity


def test_the_language_is_read_without_the_drug_names():
    from rasa.shared.nlu.training_data.message import Message

    from components.safety_gate import _without_drug_names

    text = "emma tinib is it chemo"
    message = Message(data={"text": text, "entities": with_drug_keys(text, [])})
    assert _without_drug_names(message).split() == ["is", "it", "chemo"]


def test_a_misspelled_name_the_tagger_took_for_a_side_effect_is_the_drug():
    text = "votrientt side efects"
    (entity,) = with_drug_keys(text, [{"entity": "side_effect", "start": 0, "end": 9, "value": "votrientt"}])
    assert (entity["entity"], entity["key"]) == ("drug", "pazopanib")


@pytest.mark.parametrize("text,key", [("lara trek tin ib how often do i take it", "larotrectinib"),
                                      ("imatnib and pazopnib are both for sarcoma?", "imatinib")])
def test_a_name_dictated_in_four_pieces_or_next_to_a_word_is_found_whole(text, key):
    first = name_finder().find(text)[0]
    assert first.key == key and " and" not in first.text


def test_little_words_in_a_row_are_not_a_name():
    assert name_finder().find("so i am at in ib now") == []


@pytest.mark.parametrize("text,name", [("what type of drug is imatinib", "imatinib"),
                                       ("vitrakvi is just for children right", "vitrakvi"),
                                       ("which is better votrient or gleevec", "votrient")])
def test_a_name_next_to_a_word_is_the_name_alone(text, name):
    assert name_finder().find(text)[0].text == name
