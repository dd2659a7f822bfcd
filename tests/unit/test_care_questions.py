"""The questions kept for the care team (assistant/care_questions.py), read
from messages as the NLU would read them (tests/support/reading.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Tuple

import pytest

from assistant import care_questions as cq
from assistant.care_questions import Asked, CareQuestion, DrugMention
from assistant.not_covered import Referral
from assistant.understanding import understand
from assistant.understanding.mentions import Context
from scripts.reading_grade import TARGET_GRADE, grade
from tests.support.reading import found_in, nlu_message
from text.name_finder import name_finder


def asked(intent: str, text: str) -> Asked:
    mentions = tuple(DrugMention(f.key, f.start, f.end) for f in name_finder().find(text))
    return Asked(nlu_message(intent, text), mentions, found_in("care_list", text))


def kept(intent: str, text: str, context: Context = Context()) -> Tuple[CareQuestion, ...]:
    said = asked(intent, text)
    return cq.referred(understand(said.message, context), said)


def texts(questions: Tuple[CareQuestion, ...]) -> list:
    return [q.text for q in questions]


@pytest.mark.parametrize("intent,text,context,expected,ask", [
    # An uncovered topic, in the patient's words, with "it" named.
    ("ask_not_covered", "can i drink coffee with it?", Context(drug="pazopanib"),
     "Can I drink coffee with pazopanib (Votrient)?", Referral.PHARMACIST),
    # The drug as typed becomes its full name; lead-ins and short forms go.
    ("ask_not_covered", "and also can u take gleevec with grapefruit juice", Context(),
     "Can you take imatinib (Gleevec) with grapefruit juice?", Referral.PHARMACIST),
    # A carer's words stay a carer's, short forms written out.
    ("ask_not_covered", "can our dog still sleep on the bed while hes on votrient?", Context(),
     "Can our dog still sleep on the bed while he's on pazopanib (Votrient)?", Referral.TEAM),
    # Only the question of a story, and the story's drug named before it.
    ("ask_not_covered", "my mum is 78 and started gleevec last week. is it ok for her to have wine at christmas?",
     Context(), "About imatinib (Gleevec): is it ok for her to have wine at christmas?", Referral.PHARMACIST),
    # The part of a covered question the page doesn't answer.
    ("ask_drug_administration", "how often do you take larotrectinib", Context(),
     "How often is larotrectinib (Vitrakvi) taken?", Referral.PHARMACIST),
    ("ask_drug_duration", "how long is votrient taken", Context(),
     "How long is pazopanib (Votrient) usually taken?", Referral.TEAM),
])
def test_a_referred_question_is_kept_in_the_patients_words_naming_the_drug(intent, text, context, expected, ask):
    assert kept(intent, text, context) == (CareQuestion(expected, ask),)


@pytest.mark.parametrize("intent,text", [
    ("ask_drug_administration", "how is votrient taken?"),
    ("ask_drug_indication", "what is gleevec used for"),
    ("ask_what_is_targeted_therapy", "what is targeted therapy"),
    ("ask_drug_duration", "how long do people stay on imatinib"),
])
def test_a_question_the_page_answers_is_not_kept(intent, text):
    assert kept(intent, text) == ()


def test_each_uncovered_part_of_a_message_is_kept_in_the_messages_order():
    questions = kept("ask_not_covered", "started gleevec yesterday. can i still drive to work and is it ok to have a beer?")
    assert texts(questions) == ["About imatinib (Gleevec): can I still drive to work?",
                                "About imatinib (Gleevec): is it ok to have a beer?"]
    # Covered and uncovered together: only the uncovered part.
    mixed = kept("ask_drug_administration",
                 "how is votrient taken, can i drink coffee with it, and can it change my hair colour?")
    assert texts(mixed) == ["Can I drink coffee with pazopanib (Votrient)?"]


def test_a_decision_is_kept_once_in_the_patients_words():
    said = asked("personal_advice", "should i skip a dose of votrient when i feel sick?")
    decided = cq.decision((), said)
    assert texts(tuple(decided)) == ["Should I skip a dose of pazopanib (Votrient) when I feel sick?"]
    # The dose topic of the same message adds no second, templated question.
    assert texts(kept("ask_dose", "should i skip a dose of votrient when i feel sick?")) == texts(tuple(decided))


def test_the_list_keeps_each_question_once_and_no_more_than_its_limit():
    one, two = CareQuestion("Can I fly?"), CareQuestion("Can I swim?")
    assert cq.kept((one,), (CareQuestion("can i fly?"), two)) == (one, two)
    full = tuple(CareQuestion(f"Question {i}?") for i in range(cq.MAX_QUESTIONS))
    assert cq.kept(full, (two,)) == full


@pytest.mark.parametrize("text,expected", [
    ("add: ask about travel insurance", "Ask about travel insurance."),
    ("add ask if the scan is before the next cycle to my list", "Ask if the scan is before the next cycle."),
    ("add to my list: can i fly with votrient", "Can I fly with pazopanib (Votrient)?"),
])
def test_add_keeps_the_words_after_it(text, expected):
    # The patient's own question: the assistant names no one to ask.
    assert cq.added(asked("add_care_question", text)) == CareQuestion(expected, None)


@pytest.mark.parametrize("text", ["add", "please add:", "add: ...", "put on my list please"])
def test_add_with_nothing_to_add_keeps_nothing(text):
    assert cq.added(asked("add_care_question", text)) is None


@pytest.mark.parametrize("text,count,number", [
    ("remove the second one", 3, 2), ("delete number 3", 3, 3), ("remove the last one", 4, 4),
    ("take the first one off", 2, 1), ("remove it", 2, None),
])
def test_which_question_to_remove(text, count, number):
    assert cq.item_number(asked("remove_care_question", text), count) == number


def test_slot_values_round_trip_and_junk_is_dropped():
    question = CareQuestion("Can I fly?", Referral.PHARMACIST)
    assert CareQuestion.from_slot(question.as_slot()) == question
    assert CareQuestion.from_slot(CareQuestion("Ask about parking.", None).as_slot()).ask is None
    assert CareQuestion.from_slot({"question": "x", "ask": "NOBODY"}) is None
    assert CareQuestion.from_slot("Can I fly?") is None


def test_a_long_clause_is_shortened_at_a_word():
    text = "can i " + "really " * 60 + "drink coffee with votrient?"
    (question,) = kept("ask_not_covered", text)
    assert len(question.text) <= cq.MAX_CHARS + 1 and question.text.endswith("…")


def test_the_kept_questions_read_at_grade_8_or_below():
    from assistant.wording.care_list import care_list
    questions = sum((kept(*case) for case in [
        ("ask_not_covered", "can i drink coffee with votrient?"),
        ("ask_drug_duration", "how long is votrient taken"),
        ("ask_drug_administration", "how often do you take larotrectinib"),
        ("ask_not_covered", "is it ok to go in a hot tub while on gleevec"),
    ]), ())
    assert len(questions) == 4
    assert grade(care_list(questions).text) <= TARGET_GRADE


def test_the_care_wording_keeps_up_with_the_question_finders_words():
    """assistant/care_wording.json keeps its own copy (the action server has no
    YAML); it must not fall behind text/question_words.yml."""
    import json

    import yaml

    finder = yaml.safe_load(Path(__file__).resolve().parents[2].joinpath("text", "question_words.yml").read_text())
    wording = json.loads(cq.WORDING_FILE.read_text())
    assert set(finder["lead_ins"]) <= set(wording["lead_ins"])
    assert set(wording["question_starts"]) <= set(finder["openers"])


def test_the_list_is_offered_once_as_soon_as_it_holds_two():
    one, two, three = CareQuestion("A?"), CareQuestion("B?"), CareQuestion("C?")
    assert cq.after_referral((), (one,), offered=False) == ((one,), False)
    assert cq.after_referral((one,), (two,), offered=False) == ((one, two), True)
    assert cq.after_referral((one, two), (three,), offered=True) == ((one, two, three), False)
    # A question already kept adds nothing, and offers nothing.
    assert cq.after_referral((one, two), (one,), offered=False) == ((one, two), False)


@pytest.mark.parametrize("text,said_back", [
    ("few questions - does she take it forever?", "Does she take it forever?"),
    ("and also is there anyone she can talk to in punjabi", "Is there anyone she can talk to in punjabi?"),
    ("is it chemo - or not?", "Is it chemo - or not?"),
])
def test_a_question_is_said_back_in_the_patients_words_without_its_label(text, said_back):
    assert cq.in_own_words(text) == said_back
