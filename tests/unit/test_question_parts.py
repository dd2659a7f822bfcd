"""Questions and background in one message (text/questions.py), and what
understanding makes of them: every question answered, the background never
taken for the question."""

import pytest

from assistant.topics import Topic
from assistant.understanding import understand
from tests.support.reading import nlu_message
from text.questions import asks, parts
from text.sentences import sentences


def asking(text: str) -> list:
    return [p.text for p in parts(sentences(text)) if p.asks]


def test_three_questions_in_one_sentence_are_three_parts():
    assert asking("how is votrient taken, can i drink coffee with it, and can it change my hair colour?") == [
        "how is votrient taken", "can i drink coffee with it", "can it change my hair colour?"]


def test_a_relative_clause_and_the_sentence_after_it_are_background():
    text = ("first my home blood pressure cuff, which i bought for my dad, is reading like 150 over 95 most "
            "mornings. is this the pill? how is it taken, which one is better?")
    assert asking(text) == ["is this the pill?", "how is it taken", "which one is better?"]


def test_a_story_keeps_only_its_questions():
    text = ("first time here. i'm 48, GIST found in april, too big to operate. started gleevec yesterday. "
            "how long will i be on it and do i take it every day?")
    assert asking(text) == ["how long will i be on it", "do i take it every day?"]


@pytest.mark.parametrize("text", ["how i felt after chemo was awful", "what the doctor said made no sense",
                                  "when i started i was tired", "my kids are 8 and 11", "turns out the surgeon was right",
                                  "everything went all right"])
def test_background_that_starts_like_a_question_does_not_ask(text):
    assert not asks(text)


@pytest.mark.parametrize("text", ["and how is it taken", "so is it a pill", "i was wondering if it is daily",
                                  "tell me about gleevec", "votrient side effects?", "also its once a day right",
                                  "so its a pill you take at home yeah"])
def test_questions_ask(text):
    assert asks(text)


def test_a_message_with_no_question_word_is_all_question():
    assert asking("votrient side effects") == ["votrient side effects"]


def test_a_gap_in_the_background_is_not_the_question():
    text = "we took a flight from calgary to see the specialist. what are the side effects of votrient"
    result = understand(nlu_message(Topic.SIDE_EFFECTS.intent, text, ["votrient"]))
    assert [type(q).__name__ for q in result.questions] == ["AboutDrugs"]


def test_a_gap_in_the_question_is_still_named():
    text = "i had chemo last year. can i drink coffee with votrient?"
    result = understand(nlu_message("ask_not_covered", text, ["votrient"]))
    (question,) = result.questions
    assert [g.key for g in question.gaps] == ["food"]


@pytest.mark.parametrize("text,topic", [
    ("my leiomyosarcoma came back in my lungs after chemo and now its votrient. does it mess with blood pressure?",
     Topic.SIDE_EFFECTS),
    ("mums gist has spread to her liver, she is on gleevec. how long will she need to take it for?", Topic.DRUG_DURATION),
])
def test_a_condition_only_the_story_names_is_not_the_question(text, topic):
    # The classifier read the story; the condition in it is what the person has.
    result = understand(nlu_message("ask_drug_for_condition", text))
    assert [(type(q).__name__, getattr(q, "topic", None)) for q in result.questions] == [("AboutDrugs", topic)]


def test_a_condition_in_the_story_that_the_question_asks_about_still_asks_which_drug():
    result = understand(nlu_message("ask_drug_for_condition", "rhabdomyosarcoma in my 6 yr old, which pill treats it"))
    assert [type(q).__name__ for q in result.questions] == ["ForConditions"]


def test_a_condition_in_the_question_still_asks_which_drug():
    text = "my brother has a gist they cant operate on. which drug is used for that kind of gist?"
    result = understand(nlu_message("ask_drug_for_condition", text))
    assert [type(q).__name__ for q in result.questions] == ["ForConditions"]


@pytest.mark.parametrize("text,gap", [
    ("our girl is 15 and has a sarcoma with an ntrk fusion. is vitrakvi used for kids?", "children"),
    ("dad has a gist on imatinib. is gist hereditary?", "inheritance"),
])
def test_a_condition_question_still_names_what_the_page_doesnt_cover(text, gap):
    result = understand(nlu_message("ask_drug_for_condition", text))
    assert [type(q).__name__ for q in result.questions] == ["ForConditions", "NotCovered"]
    assert [g.key for g in result.questions[1].gaps] == [gap]


@pytest.mark.parametrize("intent,text,topic", [
    ("ask_drug_for_condition", "they found an ntrk fusion in my tumour. what even is an ntrk fusion?", Topic.NTRK_FUSION),
    ("ask_side_effects", "finished gleevec last year. can side effects show up after you stopped?", Topic.SIDE_EFFECT_TIMING),
    ("ask_drug_indication", "the team said votrient would be palliative. what does palliative mean?", Topic.TREATMENT_GOALS),
])
def test_a_question_about_targeted_therapy_as_a_whole_is_answered_beside_the_drugs(intent, text, topic):
    result = understand(nlu_message(intent, text))
    assert topic in [getattr(q, "topic", None) for q in result.questions]


def test_is_this_from_the_drug_asks_about_side_effects():
    text = "mum is on pazopanib. her hair has gone white in patches. could that be from the pills?"
    result = understand(nlu_message("share_feelings", text))
    assert [getattr(q, "topic", None) for q in result.questions] == [Topic.SIDE_EFFECTS]


def test_having_chemo_at_the_same_time_gets_the_pages_planning_fact_and_the_gap():
    result = understand(nlu_message("ask_not_covered", "can you have targeted therapy and chemo at the same time?"))
    assert [getattr(q, "topic", None) for q in result.questions] == [Topic.TREATMENT_PLANNING, None]
    assert [g.key for g in result.questions[1].gaps] == ["other_treatments"]


def test_a_topic_of_targeted_therapy_is_answered_beside_a_gap_with_no_drug_named():
    text = "do side effects go away once you stop? and who pays for these pills"
    result = understand(nlu_message("ask_not_covered", text))
    assert [type(q).__name__ for q in result.questions] == ["AboutTherapy", "NotCovered"]


def test_a_decision_asked_beside_other_questions_is_referred_after_their_answers():
    text = "how long do people take imatinib? and what do i do if i forget one"
    result = understand(nlu_message(Topic.DRUG_DURATION.intent, text))
    assert result.questions[0].topic == Topic.DRUG_DURATION and type(result.questions[-1]).__name__ == "Decision"


def test_a_decision_in_the_story_is_not_asked():
    result = understand(nlu_message(Topic.DRUG_ADMINISTRATION.intent, "i forgot my pill yesterday. how is gleevec taken?"))
    assert [type(q).__name__ for q in result.questions] == ["AboutDrugs"]


def test_a_question_about_targeted_therapy_is_answered_instead_of_asking_which_drug():
    text = "doctor say palliative for my father. what is the meaning of palliative?"
    result = understand(nlu_message(Topic.DRUG_OVERVIEW.intent, text))
    assert [getattr(q, "topic", None) for q in result.questions] == [Topic.TREATMENT_GOALS]


@pytest.mark.parametrize("text,topic", [
    ("my mother have GIST, doctor say gleevec. how many year she must to take?", Topic.DRUG_DURATION),
    ("doctor give me votrient. i take one time in day or more?", Topic.DRUG_ADMINISTRATION),
    ("what mean NTRK fusion? doctor tell me maybe i have", Topic.NTRK_FUSION),
])
def test_questions_in_non_native_english_ask_their_topic(text, topic):
    result = understand(nlu_message("nlu_fallback", text))
    assert topic in [getattr(q, "topic", None) for q in result.questions]


def test_when_side_effects_start_is_the_pages_timing_not_how_soon_the_drug_works():
    result = understand(nlu_message("ask_not_covered", "when do side effects usually kick in with targeted therapy?"))
    assert [getattr(q, "topic", None) for q in result.questions] == [Topic.SIDE_EFFECT_TIMING]


def test_half_questions_in_a_list_each_ask_their_topic():
    result = understand(nlu_message("ask_not_covered", "gleevec: how long, what for, and how much does it cost"))
    topics = [getattr(q, "topic", None) for q in result.questions]
    assert Topic.DRUG_DURATION in topics and Topic.DRUG_INDICATION in topics
    assert [g.key for g in result.questions[-1].gaps] == ["cost"]


def test_hair_falling_out_names_the_gap_and_the_hair_change_the_page_does_name():
    text = "votrient makes your hair fall out, everybody knows that. just want to know how soon"
    result = understand(nlu_message("ask_not_covered", text))
    assert Topic.SIDE_EFFECTS in [getattr(q, "topic", None) for q in result.questions]
    assert "hair_loss" in [g.key for q in result.questions for g in getattr(q, "gaps", ())]


@pytest.mark.parametrize("text", [
    "his family asked me whether his puffy ankles could be from the pill",
    "my mom wants to know if she can still garden",
    "im wondering whether the hair thing is permanent",
])
def test_a_reported_question_asks(text):
    assert asks(text)


@pytest.mark.parametrize("text", ["my kids asked if i was ok", "i wasnt sure if i should laugh or cry"])
def test_being_asked_is_not_asking(text):
    assert not asks(text)


def test_a_formal_pair_of_questions_is_two_questions():
    text = ("I should like to know, firstly, how long I shall be required to take this medication, and secondly, "
            "whether it is a form of chemotherapy.")
    assert len(asking(text)) == 2 and asking(text)[-1] == "whether it is a form of chemotherapy."


@pytest.mark.parametrize("text", ["I'd appreciate a plain explanation of what a TKI does",
                                  "im trying to understand what the fusion thing means"])
def test_a_request_for_an_explanation_asks(text):
    assert asks(text)


@pytest.mark.parametrize("text", ["torn about whether to tell my boss im on gleevec or just keep it to myself",
                                  "cant decide whether to take it with breakfast"])
def test_a_dilemma_asks(text):
    assert asks(text)
