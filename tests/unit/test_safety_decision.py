"""How the layers combine (safety/decision.py), sentence by sentence, with
the classifier's scores given."""

from typing import Dict, List, Optional

from safety.classifier import Scores
from safety.decision import NEXT_READING, Decision, SentenceReading, Thresholds, decide, read_sentence, NO_DECISION_ASKED
from text.sentences import sentences, units

CALM = Scores(crisis=0.01, emergency=0.01, concern=0.01)


def readings(text: str, scores: Optional[Dict[str, Scores]] = None) -> List[SentenceReading]:
    """The message read as the gate reads it; a sentence scores CALM unless given."""
    given = scores or {}
    return [read_sentence(u.text, lambda s: given.get(s, CALM)) for u in units(sentences(text))]


def decision(text: str, intent: Optional[str] = "ask_drug_overview", scores: Optional[Dict[str, Scores]] = None,
             language: Optional[str] = None) -> Decision:
    return decide(text, readings(text, scores), intent, language)


def test_a_lethal_amount_question_is_a_crisis_even_when_the_classifier_reads_a_dose_question():
    assert decision("how much imatinib would be fatal", "ask_dose") == Decision("crisis", "lethal_amount")


def test_patterns_win_over_a_calm_classifier():
    assert decision("i can't breathe", "ask_side_effects").intent == "emergency"


def test_a_crisis_in_one_sentence_of_a_long_story_is_found():
    story = "my husband is 79 and on votrient. he sleeps badly. honestly i want to die."
    assert decision(story).intent == "crisis"


def test_the_classifier_routes_a_sentence_with_evidence_at_its_threshold():
    t = Thresholds()
    sentence = "i keep thinking about the bridge on my way home"
    assert decision(sentence, scores={sentence: Scores(t.crisis, 0.0, 0.0)}).intent == "crisis"
    assert decision(sentence, scores={sentence: Scores(t.crisis - 0.01, 0.0, 0.0)}).intent is None
    red_flag = "my husband is suddenly very dizzy and pale"
    assert decision(red_flag, scores={red_flag: Scores(0.0, t.emergency, 0.0)}).intent == "emergency"


def test_a_sentence_without_evidence_never_routes_and_a_high_score_only_adds_the_check_in():
    t = Thresholds()
    sentence = "kids are 7 and 12"
    for scores in (Scores(0.99, 0.0, 0.0), Scores(0.0, 0.99, 0.0)):
        assert decision(sentence, scores={sentence: scores}).intent is None
    assert decision(sentence, scores={sentence: Scores(t.check_in_without_evidence, 0.0, 0.0)}).check_in
    assert not decision(sentence, scores={sentence: Scores(t.check_in_without_evidence - 0.01, 0.0, 0.0)}).check_in


def test_look_alikes_and_red_flags_not_happening_now_do_not_route():
    for text in ("i'm dying to know if my hair goes back to brown",
                 "can i crush his pill, he has trouble swallowing since his stroke years ago",
                 "could votrient cause chest pain",
                 "i don't want to die before my daughter finishes school. can votrient give me time?"):
        assert decision(text).intent is None, text


def test_the_intent_classifier_alone_never_routes_to_a_crisis_or_an_emergency():
    overruled = decision("my husband has to look after me and i feel sad", "crisis")
    assert overruled == Decision(NEXT_READING, "intent_classifier_overruled", check_in=True)
    assert decision("loose stools once in a while on imatinib", "emergency").intent == NEXT_READING


def test_crisis_and_emergency_win_over_the_language_and_keep_it():
    found = decision("je pense à en finir", "nlu_fallback", language="fr")
    assert found.intent == "crisis" and found.language == "fr"


def test_a_message_in_another_language_gets_the_language_reply_not_a_referral():
    assert decision("¿cuántos mg tomo?", "ask_dose", language="es") == Decision(
        "other_language", "language", language="es")


def test_doses_missed_and_vomited_doses_are_referred_not_sent_to_911():
    for text in ("imatinib 400mg or 600mg for GIST?", "i missed my votrient dose",
                 "i threw up about 20 min after my votrient this morning. do i take another one?",
                 "my son vomited his larotrectinib dose, should he have another"):
        assert decision(text, "ask_drug_indication").intent == "personal_advice", text


def test_a_vomited_dose_with_a_red_flag_is_still_an_emergency():
    assert decision("i threw up my gleevec and now i'm vomiting blood").intent == "emergency"


def test_a_personal_decision_the_classifier_gave_up_on_is_referred():
    assert decision("should i stop", "nlu_fallback").intent == "personal_advice"
    assert decision("tell me something funny", "nlu_fallback").intent is None


def test_unclear_risk_keeps_the_answer_and_adds_the_check_in():
    t = Thresholds()
    with_evidence = "i sometimes wonder if it would be easier to not wake up"
    for scores in (Scores(t.check_in_crisis, 0.0, 0.0), Scores(0.0, 0.0, t.concern)):
        found = decision(with_evidence, scores={with_evidence: scores})
        assert found.intent is None and found.check_in
    hopeless = "honestly whats the point"
    assert decision(f"how long is imatinib taken? {hopeless}", "ask_drug_duration",
                    scores={hopeless: Scores(0.0, 0.0, t.concern)}).check_in
    # words of hopelessness alone are enough; a concern score alone must be clear
    assert decision("how long is imatinib taken? honestly whats the point", "ask_drug_duration").check_in
    plain = "how long is imatinib taken"
    assert not decision(plain, scores={plain: Scores(0.0, 0.0, t.check_in_without_evidence - 0.01)}).check_in
    assert decision(plain, scores={plain: Scores(0.0, 0.0, t.check_in_without_evidence)}).check_in


def test_the_intent_classifiers_other_language_guess_for_english_is_not_trusted():
    assert decision("pls halp", "other_language").intent == "nlu_fallback"


def test_a_named_side_effect_said_plainly_is_a_question_and_its_severe_form_an_emergency():
    for text in ("my blood pressure is 150/95 since starting votrient, is that the drug?",
                 "my hair went completely white on pazopanib, will it come back?"):
        assert decision(text, "ask_side_effects").intent is None, text
    severe = "my blood pressure is through the roof and i have a crushing headache and lost vision in one eye"
    assert decision(severe, "ask_side_effects").intent == "emergency"


def test_the_classifiers_personal_advice_stands_only_when_a_decision_is_asked():
    text = "should i tell my boss i'm on imatinib?"
    asked = decide(text, readings(text), "personal_advice", None, decision_asked=True)
    not_asked = decide(text, readings(text), "personal_advice", None, decision_asked=False)
    assert asked.intent is None  # the classifier's reading stands
    assert not_asked.intent == NO_DECISION_ASKED


def test_a_missed_dose_is_a_decision_whatever_the_word_lists_say():
    text = "i forgot my gleevec pill this morning"
    assert decide(text, readings(text), "ask_dose", None, decision_asked=False).intent == "personal_advice"
