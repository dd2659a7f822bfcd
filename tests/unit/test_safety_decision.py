"""How the layers combine (safety/decision.py), with the classifier's scores given."""

import pytest

from safety.classifier import Scores
from safety.decision import Decision, Thresholds, decide

CALM = Scores(crisis=0.01, emergency=0.01, concern=0.01)


def test_a_lethal_amount_question_is_a_crisis_even_when_the_classifier_reads_a_dose_question():
    decision = decide("how much imatinib would be fatal", "ask_dose", CALM, None)
    assert decision == Decision("crisis", "lethal_amount")


def test_patterns_win_over_a_calm_classifier():
    assert decide("i can't breathe", "ask_side_effects", CALM, None).intent == "emergency"


def test_the_classifier_catches_what_no_pattern_lists():
    assert decide("some unlisted wording", "greet", Scores(0.7, 0.1, 0.1), None).intent == "crisis"
    assert decide("some unlisted wording", "greet", Scores(0.1, 0.6, 0.1), None).intent == "emergency"
    assert decide("some unlisted wording", "greet", Scores(0.45, 0.6, 0.1), None).intent == "emergency"


def test_crisis_and_emergency_win_over_the_language_and_keep_it():
    decision = decide("je pense à en finir", "nlu_fallback", CALM, "fr")
    assert decision.intent == "crisis" and decision.language == "fr"


def test_a_message_in_another_language_gets_the_language_reply_not_a_referral():
    assert decide("¿cuántos mg tomo?", "ask_dose", CALM, "es") == Decision("other_language", "language", language="es")


@pytest.mark.parametrize("text", ["imatinib 400mg or 600mg for GIST?", "i missed my votrient dose"])
def test_doses_and_missed_doses_are_always_referred(text):
    assert decide(text, "ask_drug_indication", CALM, None).intent == "personal_advice"


def test_a_personal_decision_the_classifier_gave_up_on_is_referred():
    assert decide("should i stop", "nlu_fallback", CALM, None).intent == "personal_advice"
    assert decide("tell me something funny", "nlu_fallback", CALM, None).intent is None


def test_unclear_risk_keeps_the_answer_and_adds_the_check_in():
    thresholds = Thresholds()
    for scores in (Scores(thresholds.check_in_crisis, 0.0, 0.0), Scores(0.0, 0.0, thresholds.concern)):
        decision = decide("how long is imatinib taken, i wonder why i bother", "ask_drug_duration", scores, None)
        assert decision.intent is None and decision.check_in
    assert not decide("how long is imatinib taken", "ask_drug_duration", CALM, None).check_in


def test_the_intent_classifier_alone_may_still_read_a_crisis():
    assert decide("a wording", "crisis", CALM, None) == Decision(None, "intent_classifier")


def test_the_intent_classifiers_other_language_guess_for_english_is_not_trusted():
    assert decide("pls halp", "other_language", CALM, None).intent == "nlu_fallback"
