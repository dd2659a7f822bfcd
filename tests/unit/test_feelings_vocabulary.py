"""Feelings told in a message (vocabulary/feelings.yml): found however they
are written, never in their look-alikes (an upset stomach, numb fingers)."""

import pytest

from text.lexicon import lexicon

FEELINGS = lexicon("feelings")


@pytest.mark.parametrize("text", [
    "mentally i'm a wreck and i keep googling at 3am",
    "we very scare because his sister chemo was very hard",
    "he is 75 and very worry about this",
    "honestly i'm terrifed",                         # one typo
    "the doctor said dfsp and i just froze",
    "everything has happened so fast",
    "i feel so alone in this",
])
def test_feelings_are_found(text):
    assert FEELINGS.find(text), text


@pytest.mark.parametrize("text", [
    "i have an upset stomach on gleevec",
    "my fingers went numb last week",
    "is it given alone or with chemo",
    "i lost the leaflet, how is it taken",
    "not worried, just curious how it works",
    "does it affect the nervous system",
    "is it hard to swallow the pills",
])
def test_look_alikes_are_not_feelings(text):
    assert not FEELINGS.find(text), FEELINGS.find(text)
