"""The precise layer: wordings we know are caught every time, and the
referral nets send personal decisions to the healthcare team."""

import pytest

from safety.patterns import DOSE_AMOUNT, LETHAL_AMOUNT, MISSED_DOSE, VOMITED_DOSE, PERSONAL_DECISION, matched_tier

EMERGENCIES = [
    "i have chest pain right now",
    "does votrient cause chest pain? i have it now",
    "my husband cant breathe",
    "i think i overdosed on gleevec",
    "i took too many pills",
    "my son swallowed a handful of my pazopanib",
    "she collapsed and is unresponsive",
    "i'm coughing up blood",
    "i took a double dose by mistake",
    "i took 10 of my pazopanib tablets",
    "took 3 gleevec by accident and my heart is pounding",
    "my son overdosed and he is not waking up",
    "i think i'm having a heart attack",
    "worst headache of my life and my vision went blurry",
    "her face is drooping on one side",
    "my lips are swelling up",
    "i have a fever and i'm on imatinib",
    "my temp is 38.9",
    "there is blood in my vomit",
    "black tarry stool this morning",
    "he is having a seizure",
    "j'ai mal à la poitrine et je n'arrive pas à respirer",
    "mon mari a fait une crise d'épilepsie",
]
CRISES = [
    "sometimes i wish i could just stop existing",
    "i keep thinking about not existing anymore",
    "i want to kill myself",
    "thinking about suicide",
    "i dont want to live anymore",
    "i've been hurting myself",
    "im going to take all my pills to end my life",
    "i cant go on like this",
    "nobody would care if i was gone",
    "my son keeps saying he wants to die",
    "i might just take all my votrient at once and be done with it",
    "i have been having thoughts of ending things",
    "i think about not waking up",
    "je pense à en finir",
    "je veux mourir",
    "quiero morir",
]
LETHAL = [
    "how much pazopanib does it take to kill someone",
    "is it possible to die from too much gleevec",
    "what is a fatal dose of imatinib",
    "lethal amount of votrient",
    "how many votrient pills would be an overdose you dont wake up from",
    "can u OD on larotrectinib and die",
    "whats the toxic amount of entrectinib",
    "quelle dose de pazopanib serait mortelle",
]
ORDINARY = [
    "does a generic version of votrient exist",
    "will my existing blood pressure pills be ok",
    "can pazopanib cause high blood pressure",
    "how long do i take imatinib",
    "what if i miss a dose",
    "does targeted therapy help with pain",
    "what is the dose of votrient",
    "tell me about the side effects",
    "is it safe to double up if i forget",
    "does targeted therapy kill the tumour",
    "how much does imatinib kill the cancer cells",
    "my mother passed away from cancer, how does imatinib work",
    "waiting for the scan results is killing me",
    "my wife is going to kill me for asking again but how many times a day is votrient taken",
    "my dad died of a heart attack years ago",
    "is sarcoma fatal",
]


@pytest.mark.parametrize("text", EMERGENCIES)
def test_emergencies(text):
    assert matched_tier(text) == "emergency"


@pytest.mark.parametrize("text", CRISES + LETHAL)
def test_crises(text):
    assert matched_tier(text) == "crisis"


@pytest.mark.parametrize("text", LETHAL)
def test_lethal_amount_questions_are_recognised_as_such(text):
    assert LETHAL_AMOUNT.search(text)


@pytest.mark.parametrize("text", ORDINARY + ["", None])
def test_ordinary_questions_pass_through(text):
    assert matched_tier(text) is None


@pytest.mark.parametrize("text", ["imatinib 400mg or 600mg for GIST?", "is 1.5 g too much", "600 milligrams ok?", "800MG"])
def test_the_dose_net_catches_units_written_against_the_number(text):
    assert DOSE_AMOUNT.search(text)


@pytest.mark.parametrize("text", ["my temp is 38.5", "i am 45 years old", "stage 4 gist", "400 people"])
def test_the_dose_net_leaves_other_numbers_alone(text):
    assert not DOSE_AMOUNT.search(text)


def test_missed_doses_and_personal_decisions():
    assert MISSED_DOSE.search("forgot to take my gleevec pills this morning")
    assert not MISSED_DOSE.search("i forgot what you said about side effects")
    assert PERSONAL_DECISION.search("is gleevec right for me")


def test_a_drug_brought_up_is_mentioned_and_a_pill_brought_up_is_vomited():
    assert not VOMITED_DOSE.search("so the oncologist brought up gleevec and i always thought it was for leukemia")
    assert VOMITED_DOSE.search("she brought the pill up an hour after her votrient")
    assert VOMITED_DOSE.search("i threw up my pill this morning")


@pytest.mark.parametrize("text,tier", [
    ("started giving all my things away to my cousins", "crisis"),
    ("giving away my stuff because we're moving house", None),
    ("said my goodbyes, i won't be around after this weekend", "crisis"),
    ("my lawyer helped me put my will in order, is votrient covered by insurance", None),
    ("i take all my pills at once in the morning, is that ok", None),
])
def test_warning_signs_need_their_context(text, tier):
    assert matched_tier(text) == tier


@pytest.mark.parametrize("text", [
    "im going to stop everything and end this myself",
    "ive been biting and hitting myself when the pain gets bad",
    "on the phone he said hes going to finish it",
    "i cut my arms again last night",
    "is there a way to make my death look like it was from the cancer",
    "anyone know if u take like 30 gleevecs do u die",
    "my partner took a lot of his gleevec on purpose tonight",
])
def test_self_harm_an_ending_of_ones_own_making_and_a_deliberate_overdose_are_crises(text):
    assert matched_tier(text) == "crisis"


@pytest.mark.parametrize("text", [
    "my granddaughter chewed open my gleevec blister pack",
    "i gave my 4 year old the wrong amount of larotrectinib",
    "sudden severe belly pain and my stomach is hard as a board",
    "im coughing and cant get enough air",
])
def test_children_given_or_taking_medicine_and_acute_red_flags_are_emergencies(text):
    assert matched_tier(text) == "emergency"


@pytest.mark.parametrize("text", [
    "took my gleevec late on purpose to avoid nausea",
    "the pharmacy gave me the wrong dose",
    "my son took 2 and did not die lol",
    "took pazopanib with a big breakfast by mistake",
    "I accidentally took my pazopanib with a big breakfast",
])
def test_look_alikes_of_those_are_not(text):
    assert matched_tier(text) is None
