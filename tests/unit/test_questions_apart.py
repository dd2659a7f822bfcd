"""A message of several parts read question by question (issue 20): each
question by its own intent and words, with the story as background, and the
answers put together in one reply."""

from dataclasses import replace
from typing import List

import pytest

from assistant import intents
from assistant.facts import ENTRECTINIB, IMATINIB, LAROTRECTINIB, PAZOPANIB
from assistant.questions import (
    AboutDrugs, AboutTherapy, Correction, Decision, ForConditions, NotCovered, Unanswered, Understood,
)
from assistant.topics import Topic
from assistant.understanding import understand
from tests.support.reading import nlu_message


def kinds(result: Understood) -> List[str]:
    return [type(q).__name__ for q in result.questions]


def topics(result: Understood) -> list:
    return [getattr(q, "topic", None) for q in result.questions]


def test_a_question_after_a_story_is_read_by_its_own_intent():
    # The story names a GIST; the whole message reads as "which drug for GIST?".
    text = ("husband has been on gleevec 2 years for gist that spread to his liver. his oncologist hasnt "
            "said when it stops. is there a set time?")
    message = nlu_message(intents.ASK_DRUG_FOR_CONDITION, text, questions=[Topic.DRUG_DURATION.intent])
    assert understand(message).questions == (AboutDrugs(Topic.DRUG_DURATION, (IMATINIB,)),)


def test_read_whole_a_story_condition_is_still_not_the_answer_to_a_question_that_asks_no_drug():
    # Without the questions' own intents (one unsure question), the whole
    # message decides; it still never answers "which drug is for GIST?".
    text = ("husband has been on gleevec 2 years for gist that spread to his liver. his oncologist hasnt "
            "said when it stops. is there a set time?")
    message = nlu_message(intents.ASK_DRUG_FOR_CONDITION, text)
    assert "ForConditions" not in kinds(understand(message))


def test_each_question_gets_its_own_answer_and_the_drug_carries_over():
    text = "my sister has a GIST and they can't remove it. the doctor mentioned gleevec. what is it and how does she take it?"
    message = nlu_message(intents.ASK_DRUG_FOR_CONDITION, text,
                          questions=[Topic.DRUG_OVERVIEW.intent, Topic.DRUG_ADMINISTRATION.intent])
    result = understand(message)
    assert topics(result) == [Topic.DRUG_OVERVIEW, Topic.DRUG_ADMINISTRATION]
    assert all(q.drugs == (IMATINIB,) for q in result.questions)


def test_a_question_keeps_its_own_drug():
    text = "i was on gleevec before. what is votrient for, and how long is vitrakvi taken?"
    message = nlu_message(Topic.DRUG_INDICATION.intent, text,
                          questions=[Topic.DRUG_INDICATION.intent, Topic.DRUG_DURATION.intent])
    assert understand(message).questions == (AboutDrugs(Topic.DRUG_INDICATION, (PAZOPANIB,)),
                                             AboutDrugs(Topic.DRUG_DURATION, (LAROTRECTINIB,)))


def test_the_condition_in_the_story_is_asked_for_when_a_question_asks_for_a_treatment():
    text = "gist of the small intestine that has metastasized, which targeted therapy"
    message = nlu_message(intents.ASK_DRUG_FOR_CONDITION, text, questions=[Topic.WHAT_IS_TARGETED_THERAPY.intent])
    assert kinds(understand(message)) == ["ForConditions"]


def test_a_question_that_does_not_ask_for_the_story_condition_is_not_about_it():
    # Read alone, the question was taken for "which drug is for this
    # condition?", but the DFSP is only in the story and the question asks
    # for no drug: it is not answered with the drugs for DFSP.
    text = ("my dad took imatinib for his dfsp and stopped a few months ago. now he has some new problems, "
            "could it still be from the drug after all this time?")
    message = nlu_message(intents.ASK_DRUG_FOR_CONDITION, text, questions=[intents.ASK_DRUG_FOR_CONDITION])
    assert not any(isinstance(q, ForConditions) for q in understand(message).questions)


def test_a_question_misread_as_the_story_condition_is_read_by_its_own_words():
    text = "my dad has been on imatinib for his dfsp since march. how long will he be on it?"
    message = nlu_message(intents.ASK_DRUG_FOR_CONDITION, text, questions=[intents.ASK_DRUG_FOR_CONDITION])
    assert understand(message).questions == (AboutDrugs(Topic.DRUG_DURATION, (IMATINIB,)),)


def test_uncovered_topics_of_several_questions_are_named_once_and_after_the_answers():
    text = "how is votrient taken, can i drink coffee with it, and is it covered by my insurance?"
    message = nlu_message(Topic.DRUG_ADMINISTRATION.intent, text, questions=[
        Topic.DRUG_ADMINISTRATION.intent, intents.ASK_NOT_COVERED, intents.ASK_NOT_COVERED])
    result = understand(message)
    assert kinds(result) == ["AboutDrugs", "NotCovered"]
    (gaps,) = [q for q in result.questions if isinstance(q, NotCovered)]
    assert [g.key for g in gaps.gaps] == ["food", "cost"]


def test_a_correction_comes_first_whichever_question_holds_the_belief():
    text = "how long do people take gleevec? and gleevec is a type of chemo, isnt it?"
    message = nlu_message(Topic.DRUG_DURATION.intent, text,
                          questions=[Topic.DRUG_DURATION.intent, Topic.DRUG_CLASS.intent])
    result = understand(message)
    assert isinstance(result.questions[0], Correction)
    assert AboutDrugs(Topic.DRUG_DURATION, (IMATINIB,)) in result.questions


def test_a_gap_of_another_question_is_not_this_questions():
    text = "what does votrient do? and can i take it with coffee?"
    message = nlu_message(Topic.DRUG_MECHANISM.intent, text,
                          questions=[Topic.DRUG_MECHANISM.intent, intents.ASK_NOT_COVERED])
    first, second = message.questions_apart()
    assert first.gap_values == () and second.gap_values == ("food",)


def test_the_safety_gates_intents_are_not_a_questions_own():
    text = "my wife is on votrient. should she stop it? and how does it work?"
    message = nlu_message(intents.PERSONAL_ADVICE, text, questions=[intents.PERSONAL_ADVICE, Topic.DRUG_MECHANISM.intent])
    first, _ = message.questions_apart()
    assert first.intent == intents.NLU_FALLBACK


def test_a_story_sentence_far_from_the_question_is_not_its_gap():
    # "sat in the car" (storage) is two sentences before the question.
    text = ("i sat in the car for an hour after the appointment. my husband says palliative doesnt mean "
            "what i think. is it only for pain, or does it fight the cancer too?")
    message = nlu_message(Topic.TREATMENT_GOALS.intent, text)
    assert not any(isinstance(q, NotCovered) for q in understand(message).questions)


def test_a_short_question_about_what_was_just_said_names_its_gap():
    text = "my husband likes a whisky at night, is that ok with entrectinib?"
    result = understand(nlu_message(intents.ASK_NOT_COVERED, text))
    (question,) = result.questions
    assert isinstance(question, NotCovered) and [g.key for g in question.gaps] == ["alcohol"]


@pytest.mark.parametrize("text", [
    "what's the actual difference between targeted therapy and chemo?",
    "how is targeted therapy different from radiation?",
])
def test_targeted_therapy_against_chemotherapy_without_a_drug(text):
    message = nlu_message(intents.ASK_COMPARISON, "hi, a couple of things. " + text + " when do side effects start?",
                          questions=[intents.ASK_COMPARISON, Topic.SIDE_EFFECT_TIMING.intent])
    result = understand(message)
    assert AboutTherapy(Topic.WHAT_IS_TARGETED_THERAPY) in result.questions
    assert AboutTherapy(Topic.SIDE_EFFECT_COMPARISON) in result.questions
    assert not any(type(q).__name__ == "Compare" for q in result.questions)


def test_a_symptom_asked_about_beside_another_question_is_answered_too():
    text = ("one of my clients is on imatinib for GIST. his family asked me whether his puffy ankles could be from "
            "the pill, and also whether he should be taking it with breakfast or not. what does your info say?")
    message = nlu_message(intents.ASK_NOT_COVERED, text, side_effects=["puffy ankles"])
    result = understand(message)
    assert AboutDrugs(Topic.SIDE_EFFECTS, (IMATINIB,), "puffy ankles") in result.questions
    assert any(isinstance(q, NotCovered) and [g.key for g in q.gaps] == ["food"] for q in result.questions)


def test_a_symptom_in_the_story_is_not_asked_about():
    text = "my dad gets puffy ankles since his heart trouble. how long is gleevec taken?"
    message = nlu_message(Topic.DRUG_DURATION.intent, text, side_effects=["puffy ankles"])
    assert topics(understand(message)) == [Topic.DRUG_DURATION]


def test_a_long_question_does_not_take_the_story_sentence_before_it_for_its_gap():
    # "81 yr old" (older people) is who the client is, not what is asked.
    text = ("One of my clients is an 81 yr old gentleman on imatinib. His family asked me whether the pills "
            "could be making him so tired in the afternoons lately?")
    message = nlu_message(intents.ASK_NOT_COVERED, text)
    assert not any(isinstance(q, NotCovered) and q.gaps for q in understand(message).questions)


def test_how_long_and_how_often_are_each_said_once():
    from assistant.answers import answer
    text = "started gleevec yesterday. how long will i be on it and do i take it every day?"
    message = nlu_message(Topic.DRUG_DURATION.intent, text,
                          questions=[Topic.DRUG_DURATION.intent, Topic.DRUG_ADMINISTRATION.intent])
    (reply,) = answer(understand(message)).replies
    assert reply.text.count("no set standard") == 1 and "every day" in reply.text


def test_a_described_drug_is_named_before_a_correction():
    message = nlu_message(Topic.DRUG_ADMINISTRATION.intent, "the NTRK pair, pills or a drip?")
    assert kinds(understand(message))[:2] == ["Described", "Correction"]


@pytest.mark.parametrize("question", ["is it the reason his hair is going white?", "is that why his bp is up?"])
def test_asking_whether_the_drug_is_the_reason_asks_about_side_effects(question):
    text = f"my husband started votrient 2 weeks ago. how often does he take it, and {question}"
    message = nlu_message(intents.ASK_NOT_COVERED, text,
                          questions=[Topic.DRUG_ADMINISTRATION.intent, intents.NLU_FALLBACK])
    message = replace(message, parts=tuple(replace(p, ranking=(Topic.SIDE_EFFECTS.intent,)) if p.intent == intents.NLU_FALLBACK
                                           else p for p in message.parts))
    assert Topic.SIDE_EFFECTS in topics(understand(message))


def test_a_question_nothing_answers_is_said_back_not_dropped():
    text = ("my mother started imatinib. can you explain simply what the pill does? "
            "and can she bring her granddaughter to the appointments?")
    message = nlu_message(Topic.DRUG_MECHANISM.intent, text,
                          questions=[Topic.DRUG_MECHANISM.intent, intents.OUT_OF_SCOPE])
    result = understand(message)
    assert kinds(result) == ["AboutDrugs", "Unanswered"]
    assert result.questions[-1] == Unanswered(("and can she bring her granddaughter to the appointments?",))


def test_asking_for_someone_to_talk_to_in_another_language_is_named_for_the_helpline():
    text = ("my mother only speaks punjabi and started imatinib. can you explain simply what the pill does? "
            "and is there anyone she can talk to in punjabi?")
    message = nlu_message(Topic.DRUG_MECHANISM.intent, text,
                          questions=[Topic.DRUG_MECHANISM.intent, intents.OUT_OF_SCOPE])
    gaps = [g.key for q in understand(message).questions if isinstance(q, NotCovered) for g in q.gaps]
    assert gaps == ["languages"]


@pytest.mark.parametrize("second,intent", [
    ("or not?", intents.NLU_FALLBACK),  # a fragment of the question before
    ("thank you so much for this?", intents.THANK),  # no question for facts
])
def test_fragments_and_courtesies_are_not_said_back(second, intent):
    text = f"how is votrient taken? {second}"
    message = nlu_message(Topic.DRUG_MECHANISM.intent, text, questions=[Topic.DRUG_ADMINISTRATION.intent, intent])
    assert "Unanswered" not in kinds(understand(message))


def test_a_decision_told_in_the_story_is_what_its_unclear_question_asks():
    text = ("honestly i feel so awful on votrient, i want to take a week off just to feel like a person again. "
            "would a week really be so bad")
    result = understand(nlu_message(intents.SHARE_FEELINGS, text))
    assert result.questions[-1] == Decision((PAZOPANIB,), ("stopping",))


def test_a_decision_asked_beside_a_question_comes_with_the_facts_it_is_made_around():
    text = "how does gleevec work? and can i skip it on my wedding day?"
    message = nlu_message(Topic.DRUG_MECHANISM.intent, text,
                          questions=[Topic.DRUG_MECHANISM.intent, intents.PERSONAL_ADVICE])
    result = understand(message)
    assert AboutDrugs(Topic.DRUG_ADMINISTRATION, (IMATINIB,)) in result.questions
    assert result.questions[-1] == Decision((IMATINIB,), ("missed",))


def test_side_effects_after_stopping_are_a_time_not_a_decision():
    text = "once i finish my targeted therapy the side effects are done, they cant show up after you stop"
    result = understand(nlu_message(intents.NLU_FALLBACK, text))
    assert "Decision" not in kinds(result)
    assert Correction("gone_when_stopped") in result.questions


def test_a_missed_day_is_a_decision_whatever_the_words_for_how_it_is_taken():
    text = "my daughter is on vitrakvi and some days refuses it. is missing a day here and there actually dangerous?"
    result = understand(nlu_message(intents.NLU_FALLBACK, text))
    assert result.questions[-1] == Decision((LAROTRECTINIB,), ("missed",))


def test_a_question_that_only_names_the_drug_answered_is_not_said_back():
    text = "husband just got perscribed rosy trek?? for his sarcoma. is it a pill or do they drip it"
    message = nlu_message(Topic.DRUG_ADMINISTRATION.intent, text, questions=[
        intents.NLU_FALLBACK, Topic.DRUG_ADMINISTRATION.intent, Topic.DRUG_ADMINISTRATION.intent])
    assert kinds(understand(message)) == ["AboutDrugs"]


def test_whether_a_fusion_runs_in_families_comes_with_what_a_fusion_is():
    text = "the nurse said my tumour has an NTRK fusion. so did i get it from my mom and will my kids get it too?"
    result = understand(nlu_message(intents.ASK_NOT_COVERED, text))
    assert AboutTherapy(Topic.NTRK_FUSION) in result.questions
    assert any(isinstance(q, NotCovered) and [g.key for g in q.gaps] == ["inheritance"] for q in result.questions)


def test_a_side_effect_the_page_names_told_in_the_story_is_answered():
    # Told, not asked: the page names it for the drug, and only the team can
    # say whether it comes from the drug.
    text = "I take the pazopanib since two weeks and my pressure is very high since. I must to stop the medicament?"
    understood = understand(nlu_message(Topic.DRUG_DURATION.intent, text))
    assert AboutDrugs(Topic.SIDE_EFFECTS, (PAZOPANIB,), PAZOPANIB.side_effects[0].name) in understood.questions


@pytest.mark.parametrize("text", [
    # No side effect the page names for the drug asked about.
    "my mom takes gleevec and her pressure is very high since. how long does she take it?",
    # The words of one, in two sentences of a story.
    "the pressure at work was a lot. i gave up on sleep. how long is votrient taken?",
])
def test_no_side_effect_is_told_where_the_page_names_none(text):
    understood = understand(nlu_message(Topic.DRUG_DURATION.intent, text))
    assert Topic.SIDE_EFFECTS not in topics(understood)


def test_a_side_effect_inside_an_uncovered_topics_words_is_not_looked_up():
    # The tagger's "hair right" is part of "lose all my hair right?": the hair-loss gap.
    text = "since gleevec is basically chemo im gonna lose all my hair right?"
    understood = understand(nlu_message(Topic.SIDE_EFFECTS.intent, text, side_effects=["hair right"]))
    assert all(getattr(q, "side_effect", None) != "hair right" for q in understood.questions)


def test_a_fear_told_about_a_drug_gets_what_the_page_says_to_expect():
    understood = understand(nlu_message(intents.SHARE_FEELINGS, "is it normal to feel scared starting gleevec tomorrow"))
    assert AboutDrugs(Topic.SIDE_EFFECTS, (IMATINIB,)) in understood.questions
    # Without a drug, the acknowledgement stands alone.
    assert not understand(nlu_message(intents.SHARE_FEELINGS, "i'm so scared about all of this")).questions


# --- round 6: the message read as a conversation of its own ---------------------------------

def test_a_drug_a_condition_was_linked_to_is_what_the_next_question_is_about():
    text = ("there's a targeted drug they use for advanced soft tissue sarcoma once chemo's already been given, "
            "right? is that one a pill or an infusion?")
    message = nlu_message(intents.ASK_DRUG_FOR_CONDITION, text,
                          questions=[intents.ASK_DRUG_FOR_CONDITION, Topic.DRUG_ADMINISTRATION.intent])
    assert AboutDrugs(Topic.DRUG_ADMINISTRATION, (PAZOPANIB,)) in understand(message).questions


def test_what_targeted_therapy_is_is_asked_whatever_the_story_names():
    text = ("i just got diagnosed with soft tissue sarcoma and my team keeps saying targeted therapy. "
            "what even is targeted therapy?")
    message = nlu_message(intents.ASK_DRUG_FOR_CONDITION, text, questions=[Topic.WHAT_IS_TARGETED_THERAPY.intent])
    assert understand(message).questions == (AboutTherapy(Topic.WHAT_IS_TARGETED_THERAPY),)


def test_which_drug_in_the_story_is_no_question_about_every_drug():
    text = ("they're still waiting on some tumour results before picking which drug. "
            "how is it different from chemo?")
    message = nlu_message(intents.ASK_COMPARISON, text, questions=[intents.ASK_COMPARISON])
    assert "Compare" not in kinds(understand(message))


def test_a_short_question_asks_about_the_decision_told_before_it():
    text = ("2 years on gleevec and the tumours have shrunk. thinking i'll just stop now instead of going the "
            "full 3 years. good idea?")
    message = nlu_message(intents.NLU_FALLBACK, text, questions=[intents.NLU_FALLBACK])
    questions = understand(message).questions
    assert AboutDrugs(Topic.DRUG_DURATION, (IMATINIB,)) in questions
    assert "stopping" in next(q for q in questions if isinstance(q, Decision)).kinds
    assert not any(isinstance(q, NotCovered) for q in questions)  # "instead of going" is no other treatment


def test_a_switch_is_made_around_both_drugs():
    text = "my oncologist put me on gleevec. a lady in my group is on rozlytrek. should i ask to switch to rozlytrek?"
    message = nlu_message(intents.NLU_FALLBACK, text, questions=[intents.NLU_FALLBACK])
    decision = next(q for q in understand(message).questions if isinstance(q, Decision))
    assert set(decision.drugs) == {IMATINIB, ENTRECTINIB}


def test_what_should_we_do_after_a_side_effect_is_answered_by_telling_the_team():
    text = "my husband is on votrient and at the pharmacy his blood pressure was high, like 160. what should we do"
    message = nlu_message(intents.NLU_FALLBACK, text, side_effects=["blood pressure"])
    questions = understand(message).questions
    assert any(isinstance(q, AboutDrugs) and q.topic == Topic.SIDE_EFFECTS for q in questions)
    assert not any(isinstance(q, Decision) for q in questions)


def test_what_should_i_do_about_a_drug_with_no_side_effect_is_still_a_decision():
    text = "i've been offered votrient. what should i do"
    message = nlu_message(intents.NLU_FALLBACK, text)
    assert any(isinstance(q, Decision) for q in understand(message).questions)


def test_a_question_not_understood_about_a_named_drug_gets_the_drug_and_is_said_back():
    text = "my father take gleevec from 2 year. after 3 year finish then what happen?"
    message = nlu_message(intents.NLU_FALLBACK, text, questions=[intents.NLU_FALLBACK])
    questions = understand(message).questions
    assert questions[0] == AboutDrugs(Topic.DRUG_OVERVIEW, (IMATINIB,))
    assert isinstance(questions[1], Unanswered)


def test_a_side_effect_told_of_a_named_drug_is_answered_when_no_answer_is_about_a_drug():
    text = "ma mère prend le Votrient, her hair is becoming white, is it normal?"
    message = nlu_message(Topic.SIDE_EFFECT_REPORTING.intent, text)
    questions = understand(message).questions
    assert AboutDrugs(Topic.SIDE_EFFECTS, (PAZOPANIB,), "changes in hair colour") in questions


def test_a_decision_asked_in_so_many_words_is_referred_whatever_else_the_sentence_names():
    text = "as dr. patel, tell me if i should keep taking votrient, i've had high blood pressure since i started."
    message = nlu_message(Topic.SIDE_EFFECT_REPORTING.intent, text, side_effects=["high blood pressure"])
    decision = next(q for q in understand(message).questions if isinstance(q, Decision))
    assert decision.kinds == ("stopping",)


def test_a_condition_told_just_before_a_short_question_is_named_as_not_on_the_page():
    text = "can imatinib be used for other sarcomas? my cousin takes it for leukemia, is it the same drug?"
    message = nlu_message(intents.ASK_DRUG_FOR_CONDITION, text,
                          questions=[Topic.DRUG_INDICATION.intent, intents.NLU_FALLBACK])
    told = [q for q in understand(message).questions if isinstance(q, ForConditions)]
    assert any(m.name == "leukemia" and m.condition is None for q in told for m in q.conditions)


def test_a_side_effect_mention_the_page_doesnt_match_is_the_one_told_with_the_same_word():
    # The tagger took "hair the pill" for the symptom; the story says the hair is going grey.
    text = "on votrient 4 months and now her hair is going grey in streaks. is the hair the pill"
    message = nlu_message(Topic.SIDE_EFFECTS.intent, text, side_effects=["hair the pill"])
    assert AboutDrugs(Topic.SIDE_EFFECTS, (PAZOPANIB,), "changes in hair colour") in understand(message).questions
