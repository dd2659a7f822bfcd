"""The one sentence and clause splitter (text/sentences.py)."""

import pytest

from text.sentences import Span, clauses, sentences, split, units

MESSAGES = [
    "my dad is 79. dr. lee says it can't be cured; can votrient help the pain?",
    "how is votrient taken? also i don't see the point of going on",
    "fever of 39.7 and shaking!!! what do i do",
    "i am fine.\n\nbut tired",
    "ok",
    "",
    "   ...   ",
    "so long story, i was diagnosed in 2019 but honestly the hair thing bothers me most. is it the pazopanib?",
]


@pytest.mark.parametrize("text", MESSAGES)
def test_every_span_is_the_text_at_its_offsets(text):
    found, parts = split(text)
    for span in found + [c for cs in parts for c in cs] + units(found):
        assert text[span.start:span.end] == span.text and span.text == span.text.strip() and span.text


def test_sentences_end_at_punctuation_and_line_breaks_not_after_abbreviations_or_in_numbers():
    assert [s.text for s in sentences(MESSAGES[0])] == [
        "my dad is 79.", "dr. lee says it can't be cured", "can votrient help the pain?"]
    assert [s.text for s in sentences(MESSAGES[2])] == ["fever of 39.7 and shaking!!!", "what do i do"]
    assert [s.text for s in sentences(MESSAGES[3])] == ["i am fine.", "but tired"]


@pytest.mark.parametrize("text,expected", [
    # punctuation said to voice typing ends the sentence, and is left out
    ("did she take her pill or not period what do we do", ["did she take her pill or not", "what do we do"]),
    ("what does it do to the cancer question mark and why", ["what does it do to the cancer", "and why"]),
    # the word itself is no punctuation
    ("my period is late on votrient", ["my period is late on votrient"]),
    ("a long period of worry. can i take it", ["a long period of worry.", "can i take it"]),
    # a numbered list's items, without their numbers
    ("1 - is it chemo? 2 - do i take it with food 3 - how many times a day",
     ["is it chemo?", "do i take it with food", "how many times a day"]),
    ("i took it for 2 - 3 weeks", ["i took it for 2 - 3 weeks"]),
])
def test_spoken_punctuation_and_numbered_items_end_sentences(text, expected):
    assert [s.text for s in sentences(text)] == expected


def test_a_second_thought_joined_on_is_its_own_clause():
    sentence = sentences("im ok with the pills but i just want it all to be over honestly")[0]
    assert [c.text for c in clauses(sentence)] == [
        "im ok with the pills", "but i just want it all to be over", "honestly"]


def test_a_clause_too_short_to_mean_anything_stays_with_the_one_before():
    sentence = sentences("how long do i take it but why")[0]
    assert clauses(sentence) == [sentence]


def test_units_are_the_sentences_then_the_clauses_of_longer_ones_without_repeats():
    found = sentences("how is votrient taken? im tired of it but i keep going")
    assert [u.text for u in units(found)] == [
        "how is votrient taken?", "im tired of it but i keep going", "im tired of it", "but i keep going"]


def test_spans_round_trip_through_parse_data():
    span = Span(3, 9, "abcdef")
    assert Span.from_parse_data(span.as_parse_data()) == span


def test_nothing_to_read_gives_no_sentences():
    assert sentences("") == [] and sentences("   ") == []
