"""Wrong beliefs: a plain "No:" first, then the page's fact; never a
correction where the page is silent (vocabulary/beliefs.yml,
assistant/facts_query.py CONTRADICTS, assistant/wording/corrections.py)."""

import pytest

from assistant.answers import answer
from assistant.topics import Topic
from assistant.understanding import understand
from tests.support.reading import nlu_message


def reply(intent: str, text: str) -> str:
    (first, *_) = answer(understand(nlu_message(intent, text))).replies
    return first.text


@pytest.mark.parametrize("intent,text,starts,then", [
    (Topic.DRUG_CLASS.intent, "entrectinib is a type of chemo, isn't it?", "No: Entrectinib (Rozlytrek) is not chemotherapy",
     "NTRK inhibitor"),
    (Topic.DRUG_ADMINISTRATION.intent, "votrient is a shot you get at the clinic?", "No: Pazopanib (Votrient) is not given as a shot",
     "once a day"),
    ("nlu_fallback", "entrectinib is the IV one they give at the hospital right? need to book a ride",
     "No: Entrectinib (Rozlytrek) is not given as a shot", "as a pill"),
    (Topic.DRUG_INDICATION.intent, "pazopanib is what you get first, before any chemo?",
     "No: my source doesn't describe Pazopanib (Votrient) as a first treatment", "already been given"),
    ("ask_side_effects", "good thing targeted therapy has no side effects", "No: targeted therapy can have side effects",
     "few or none"),
    (Topic.DRUG_ADMINISTRATION.intent, "i take my votrient morning and night, thats how its done?",
     "No: my source says Pazopanib (Votrient) is taken once a day, not twice", "once a day"),
    (Topic.DRUG_DURATION.intent, "so gleevec is a lifelong thing then", "No: my source doesn't say Imatinib (Gleevec) is taken for life",
     "3 years"),
    (Topic.DRUG_INDICATION.intent, "vitrakvi works on all sarcomas doesnt it",
     "No: my source doesn't say Larotrectinib (Vitrakvi) is used for every sarcoma", "NTRK gene fusion"),
    (Topic.DRUG_INDICATION.intent, "gleevec is just for gist isnt it", "No: my source names more than one use for Imatinib",
     "DFSP"),
    (Topic.SIDE_EFFECTS.intent, "votrient is good for blood pressure isnt it",
     "No: my source says Pazopanib (Votrient) may raise blood pressure", "hypertension"),
    (Topic.TREATMENT_GOALS.intent, "targeted therapy is purely palliative, right",
     "No: targeted therapy is not only used to ease symptoms", "spreading"),
    (Topic.SIDE_EFFECT_COMPARISON.intent, "these targeted drugs kill healthy cells too dont they",
     "No: targeted therapy is not aimed at every fast-growing cell", "healthy cells"),
    (Topic.SIDE_EFFECT_PERSISTENCE.intent, "side effects only happen while ur on the pill, once u stop ur fine right",
     "No: side effects don't always end when treatment stops", "permanent"),
    (Topic.DRUG_CLASS.intent, "vitrakvi and rozlytrek are the same drug with different brand names arent they",
     "No: Larotrectinib (Vitrakvi) and Entrectinib (Rozlytrek) are different drugs", "NTRK inhibitor"),
    (Topic.WHAT_IS_TARGETED_THERAPY.intent, "targeted therapy, it is same like immunotherapy?",
     "No: targeted therapy is not immunotherapy", "molecules"),
    (Topic.SIDE_EFFECT_COMPARISON.intent, "the targeted pill, it burn also the good cell?",
     "No: targeted therapy is not aimed at every fast-growing cell", "healthy cells"),
    (Topic.SIDE_EFFECTS.intent, "five months on votrient and nothing, so im in the clear now?",
     "No: side effects don't only come at the start of treatment", "months or even years"),
    ("nlu_fallback", "my sister says if it was going to give me side effects it would of happened right away",
     "No: side effects don't only come at the start of treatment", "a few days or weeks after"),
    (Topic.DRUG_CLASS.intent, "so rozlytrek is basically a milder chemo in pill form",
     "No: Entrectinib (Rozlytrek) is not chemotherapy", "NTRK inhibitor"),
    ("nlu_fallback", "so votrient basically poisons the tumour cells directly the same way chemo does",
     "No: Pazopanib (Votrient) is not chemotherapy. It is a targeted therapy drug", "tyrosine kinase inhibitor"),
    ("nlu_fallback", "once i finish my targeted therapy the side effects are done, they cant show up after you stop",
     "No: side effects don't always end when treatment stops", "months or even years"),
])
def test_a_wrong_belief_is_corrected_first_with_the_pages_fact(intent, text, starts, then):
    text_of_reply = reply(intent, text)
    assert text_of_reply.startswith(starts) and then in text_of_reply
    assert "what applies to your own treatment" in text_of_reply


def test_a_belief_the_page_is_silent_on_is_not_corrected():
    # The page says nothing of imatinib coming first or not.
    assert not reply(Topic.DRUG_INDICATION.intent, "imatinib is given first, before any chemo?").startswith("No")


@pytest.mark.parametrize("intent,text", [
    # The page gives no length for larotrectinib and no schedule beyond "daily" for imatinib.
    (Topic.DRUG_DURATION.intent, "larotrectinib is for life, isnt it?"),
    (Topic.DRUG_ADMINISTRATION.intent, "gleevec is twice a day right"),
    # A place is no claim about the drug's form.
    (Topic.SIDE_EFFECTS.intent, "i left the leaflet at the hospital, what side effects does rozlytrek have?"),
])
def test_a_belief_the_page_gives_no_answer_to_is_not_corrected(intent, text):
    assert not reply(intent, text).startswith("No")


def test_one_drug_by_its_two_names_is_not_called_two_drugs():
    assert "different drugs" not in reply(Topic.DRUG_CLASS.intent, "is gleevec the same drug as imatinib?")


def test_a_belief_is_not_taken_for_a_question_about_other_treatments():
    assert "doesn't cover other treatments" not in reply(Topic.DRUG_CLASS.intent, "entrectinib is a type of chemo, right?")


def test_chemo_named_in_a_comparison_is_no_belief():
    assert not reply("ask_side_effect_comparison", "are the side effects milder than chemo").startswith("No")


def test_a_drug_named_by_its_brand_and_its_generic_name_is_one_drug():
    text = reply("ask_comparison", "is gleevec the same thing as imatinib?")
    assert text.startswith("Gleevec is the brand name of imatinib. They are the same drug.")


def test_two_different_drugs_are_not_called_the_same():
    assert "same drug" not in reply("ask_comparison", "is gleevec the same thing as votrient?")


def test_every_belief_has_its_facts_test_its_no_and_its_fact():
    from assistant import facts_query
    from assistant.understanding import BELIEF_TOPICS, THERAPY_BELIEF_TOPICS
    from assistant.wording.corrections import CLAIMS
    from text.lexicon import lexicon

    beliefs = set(lexicon("beliefs").keys)
    contradicted = set(facts_query.CONTRADICTS) | set(facts_query.CONTRADICTS_TOGETHER)
    assert beliefs == contradicted == set(CLAIMS) == set(BELIEF_TOPICS)
    assert set(THERAPY_BELIEF_TOPICS) == facts_query.THERAPY_BELIEFS


@pytest.mark.parametrize("text", ["gleevec is basically just a weaker chemo isnt it",
                                  "votrient is a kind of radiation, right?"])
def test_a_drug_taken_for_chemo_or_radiation_also_gets_what_sets_targeted_therapy_apart(text):
    said = reply(Topic.DRUG_CLASS.intent, text)
    assert said.startswith("No:") and "usually leaves healthy cells alone" in said


def test_a_belief_the_page_is_silent_on_still_gets_what_the_page_says():
    text = reply("nlu_fallback", "my wife is on vitrakvi, does she take it forever?")
    assert not text.startswith("No") and "doesn't say how long Larotrectinib (Vitrakvi)" in text


@pytest.mark.parametrize("text,starts", [
    ("so votrient works on any kind of sarcoma", "No:"),
    ("pazopanib is basically targeted radiation", "No: Pazopanib (Votrient) is not"),
    ("side effects from gleevec are only temporary anyway", "No:"),
    ("this medicine is chemical like chemo? vitrakvi i mean", "No: Larotrectinib (Vitrakvi) is not chemotherapy"),
])
def test_more_wordings_of_a_belief_are_corrected_plainly(text, starts):
    assert reply("nlu_fallback", text).startswith(starts)
