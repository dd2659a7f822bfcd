"""Question understanding: cues, conditions, references, and the guard that
keeps every answer on the question asked (issue 9)."""

from typing import Sequence

import pytest

from assistant import intents, not_covered
from assistant.answers import HANDLERS, answer
from assistant.facts import DRUGS, IMATINIB, LAROTRECTINIB, PAZOPANIB
from assistant.questions import AboutDrugs, AboutTherapy, AcrossDrugs, Compare, ForConditions, NotCovered, Question, Understood
from assistant.questions import UnknownDrugs, WhichDrug
from assistant.topics import Topic
from assistant.understanding import understand
from assistant.understanding.conditions import find_conditions
from assistant.understanding.mentions import Context, referred_drugs
from assistant.wording import common
from components.condition_tagger import ConditionTagger
from tests.support.reading import nlu_message
from text.lexicon import lexicon


def understood(intent: str, text: str, drugs: Sequence[str] = (), ranking: Sequence[str] = (),
               context: Context = Context(), side_effects: Sequence[str] = ()) -> Understood:
    return understand(nlu_message(intent, text, drugs, (), side_effects, ranking), context)


def kinds(result: Understood) -> list:
    return [type(q).__name__ for q in result.questions]


# --- the list of what the page does not cover ------------------------------------

def test_every_gap_has_words_and_all_words_name_a_gap():
    assert list(lexicon("gaps").keys) == [gap.key for gap in not_covered.TOPIC_GAPS]


@pytest.mark.parametrize("gap", not_covered.TOPIC_GAPS, ids=lambda g: g.key)
def test_each_gap_reply_names_the_topic_and_someone_to_ask(gap):
    (reply,) = answer(Understood((NotCovered((gap,), (PAZOPANIB,)),))).replies
    assert f"You asked about Pazopanib (Votrient). My source doesn't cover {gap.what}." in reply.text
    assert "can't advise on anyone's own situation" in reply.text
    assert common.referral(gap.ask) in reply.text
    # Then what the page does say of the drug, as a nurse would add.
    assert reply.text.index("My source doesn't cover") < reply.text.index("is a tyrosine kinase inhibitor (TKI)")
    assert reply.states_medical_fact


def test_a_gap_about_no_drug_is_a_referral_alone():
    (reply,) = answer(Understood((NotCovered((not_covered.GAPS_BY_KEY["cost"],), ()),))).replies
    assert "My source doesn't cover costs" in reply.text
    assert not reply.states_medical_fact  # a referral, not a fact


@pytest.mark.parametrize("text,gap", [
    ("grapefruit juice and pazopanib?", "food"),
    ("how much does votrient cost", "cost"),
    ("how long before pazopanib starts working", "onset"),
    ("can i have a glass of wine on gleevec", "alcohol"),
    ("is it safe with my blood pressure pills", "other_medicines"),
    ("can my 8 year old take larotrectinib", "children"),
    ("is rozlytrek ok for someone in her 80s", "older_people"),
    ("will imatinib cure him", "cure"),
    ("where can i buy vitrakvi", "prescription"),
    ("what if gleevec stops working", "stops_working"),
])
def test_cues_find_the_uncovered_topic(text, gap):
    assert gap in lexicon("gaps").keys_in(text)


@pytest.mark.parametrize("text", [
    "how is votrient taken", "what is gleevec used for", "how does it work", "what is votrient prescribed for",
    "how long is imatinib taken", "what are the side effects of pazopanib", "is larotrectinib a pill",
])
def test_ordinary_questions_have_no_gap(text):
    assert lexicon("gaps").keys_in(text) == ()


# --- never a different question ------------------------------------------------------

@pytest.mark.parametrize("intent,text,gap", [
    (Topic.DRUG_OVERVIEW.intent, "grapefruit juice and pazopanib?", "food"),
    (Topic.DRUG_DURATION.intent, "how long before pazopanib starts working", "onset"),
    (Topic.DOSE.intent, "how much does votrient cost", "cost"),
])
def test_a_gap_is_never_answered_with_another_topic(intent, text, gap):
    result = understood(intent, text, ["pazopanib"])
    assert kinds(result) == ["NotCovered"]
    assert [g.key for g in result.questions[0].gaps] == [gap]


def test_a_covered_and_an_uncovered_part_are_both_answered():
    result = understood(Topic.DRUG_DURATION.intent, "how long is gleevec taken, and is it covered by insurance",
                        ["gleevec"])
    assert kinds(result) == ["AboutDrugs", "NotCovered"]
    (reply,) = answer(result).replies
    assert "3 years" in reply.text and "insurance" in reply.text


# --- conditions -----------------------------------------------------------------------

@pytest.mark.parametrize("text,key", [
    ("my tumour is a GIST", "gist"), ("dermatofibrosarcoma protuberans", "dfsp"), ("dfsp came back", "dfsp"),
    ("they found an ntrk gene fusion", "ntrk_fusion"), ("chemo didn't work and it's advanced", "advanced_sts"),
    ("it grew back within a year of treatment", "advanced_sts"),
])
def test_conditions_the_page_links(text, key):
    assert [m.key for m in find_conditions(text)] == [key]


@pytest.mark.parametrize("text,name", [
    ("what about leiomyosarcoma", "leiomyosarcoma"), ("ewing sarcoma", "ewing sarcoma"),
    ("my sister has leukaemia", "leukaemia"), ("is there anything for lung cancer", "lung cancer"),
])
def test_other_conditions_are_named_not_linked(text, name):
    (mention,) = find_conditions(text)
    assert mention.condition is None and mention.name == name


def test_soft_tissue_sarcoma_alone_is_not_a_condition_to_look_up():
    assert find_conditions("i have soft tissue sarcoma") == ()


def test_from_condition_to_drug_is_a_query_on_the_facts():
    (reply,) = answer(understood(intents.ASK_DRUG_FOR_CONDITION, "which drug is for gist")).replies
    assert "Imatinib (Gleevec)" in reply.text
    assert not any(drug.generic in reply.text.lower() for drug in DRUGS if drug != IMATINIB)


def test_an_unlinked_condition_is_never_guessed():
    (reply,) = answer(understood(intents.ASK_DRUG_FOR_CONDITION, "which one treats leiomyosarcoma")).replies
    assert "doesn't mention leiomyosarcoma, so it doesn't say which of these drugs, if any, is used for it" in reply.text
    assert not any(drug.generic in reply.text.lower() for drug in DRUGS)


def test_the_condition_tagger_publishes_conditions_as_entities():
    from rasa.shared.nlu.training_data.message import Message as NluMessage

    message = NluMessage({"text": "is gleevec for gist or for leiomyosarcoma?"})
    ConditionTagger().process([message])
    assert [(e["entity"], e["value"]) for e in message.get("entities")] == [
        ("condition", "gist"), ("condition", "leiomyosarcoma")]


def test_a_condition_the_tagger_took_for_a_side_effect_is_the_condition():
    from rasa.shared.nlu.training_data.message import Message as NluMessage

    message = NluMessage({"text": "gleevac for dfsp?", "entities": [
        {"entity": "side_effect", "value": "dfsp", "start": 12, "end": 16}]})
    ConditionTagger().process([message])
    assert [(e["entity"], e["value"]) for e in message.get("entities")] == [("condition", "dfsp")]


# --- comparisons and "which ones" --------------------------------------------------------

def test_two_drugs_side_by_side_with_empty_cells_said():
    result = understood(intents.ASK_COMPARISON, "votrient vs gleevec?", ["votrient", "gleevec"])
    assert result.questions == (Compare((PAZOPANIB, IMATINIB)),)
    (reply,) = answer(result).replies
    for phrase in ("side by side", "VEGF", "KIT", "once a day", "every day", "3 years", "my source doesn't say"):
        assert phrase in reply.text


def test_do_all_four_come_as_tablets():
    result = understood(Topic.DRUG_ADMINISTRATION.intent, "do all four come as tablets")
    assert result.questions == (AcrossDrugs(Topic.DRUG_ADMINISTRATION, DRUGS),)
    (reply,) = answer(result).replies
    assert reply.text.startswith("All four drugs are taken as pills.")


def test_which_ones_have_side_effects_named():
    (reply,) = answer(understood(Topic.SIDE_EFFECTS.intent, "which of them have side effects listed")).replies
    assert "Pazopanib (Votrient): high blood pressure" in reply.text
    assert "doesn't say which side effects Imatinib (Gleevec), Larotrectinib (Vitrakvi) and Entrectinib (Rozlytrek) can cause" in reply.text


# --- group follow-ups ---------------------------------------------------------------------

NTRK_PAIR = Context(group=("larotrectinib", "entrectinib"), listed=("larotrectinib", "entrectinib"))


@pytest.mark.parametrize("text,expected", [
    ("how are they taken", ["larotrectinib", "entrectinib"]),
    ("and both of them?", ["larotrectinib", "entrectinib"]),
    ("the second one", ["entrectinib"]),
])
def test_references_to_the_group(text, expected):
    assert [d.key for d in referred_drugs(text, NTRK_PAIR)] == expected


def test_the_other_one_is_the_drug_not_just_discussed():
    context = Context(drug="larotrectinib", group=("larotrectinib", "entrectinib"))
    assert [d.key for d in referred_drugs("and the other one?", context)] == ["entrectinib"]
    assert referred_drugs("and the other one?", Context(group=("larotrectinib", "entrectinib"))) is None


def test_ordinals_count_in_the_last_list_shown():
    context = Context(group=("larotrectinib", "entrectinib"), listed=tuple(d.key for d in DRUGS))
    assert [d.key for d in referred_drugs("and the first one", context)] == ["pazopanib"]


def test_a_group_follow_up_answers_for_the_group_and_keeps_it():
    result = understood(Topic.DRUG_ADMINISTRATION.intent, "how are they taken?", context=NTRK_PAIR)
    assert result.questions == (AcrossDrugs(Topic.DRUG_ADMINISTRATION, (LAROTRECTINIB, DRUGS[3])),)
    assert answer(result, NTRK_PAIR).group == ("larotrectinib", "entrectinib")


# --- feelings, symptoms, unsure classifications ------------------------------------------------

def test_feelings_are_acknowledged_before_the_answer():
    result = understood(Topic.DRUG_OVERVIEW.intent, "we are so scared, they mentioned pazopanib, what is it",
                        ["pazopanib"])
    first, second = answer(result).replies
    assert first.text.startswith("I'm sorry") and "1-888-939-3333" in first.text
    assert not first.states_medical_fact and "VEGF" in second.text


def test_a_drug_and_a_symptom_word_ask_about_side_effects():
    result = understood(intents.INFORM_DRUG, "votrient cough", ["votrient"])
    assert result.questions == (AboutDrugs(Topic.SIDE_EFFECTS, (PAZOPANIB,), "cough"),)


def test_an_unsure_reading_is_answered_only_when_its_words_bear_it_out():
    rescued = understood(intents.NLU_FALLBACK, "vitrakvi, how many times in a day", ["vitrakvi"],
                         ranking=[intents.NLU_FALLBACK, "greet"])
    assert rescued.questions == (AcrossDrugs(Topic.DRUG_ADMINISTRATION, (LAROTRECTINIB,)),) or \
        rescued.questions == (AboutDrugs(Topic.DRUG_ADMINISTRATION, (LAROTRECTINIB,)),)
    unclear = understood(intents.NLU_FALLBACK, "blue sky thinking", ranking=[intents.NLU_FALLBACK, "ask_drug_class"])
    assert unclear.questions == ()


def test_a_named_other_drug_is_never_answered_as_the_drug_in_context():
    result = understood(Topic.SIDE_EFFECTS.intent, "side effects of sunitinib", ["sunitinib"],
                        context=Context(drug="pazopanib"))
    assert result.questions == (UnknownDrugs(("sunitinib",)),)


def test_every_question_type_has_a_handler():
    assert set(HANDLERS) == set(Question.__args__)  # type: ignore[attr-defined]


def test_no_drug_no_context_asks_which_drug():
    assert understood(Topic.DRUG_MECHANISM.intent, "how does it work").questions == (
        WhichDrug(Topic.DRUG_MECHANISM),)


def test_a_general_condition_question_lists_every_situation():
    result = understood(intents.ASK_DRUG_FOR_CONDITION, "which targeted drug is for sarcoma")
    assert result.questions == (ForConditions(()),)


def test_a_choice_from_the_list_shown_keeps_the_list_for_later_ordinals():
    four = tuple(d.key for d in DRUGS)
    context = Context(group=four, listed=four)
    result = answer(understood(Topic.DRUG_CLASS.intent, "the last two, what class are they", context=context), context)
    assert result.group == ("larotrectinib", "entrectinib") and result.listed == four


def test_a_drug_asked_about_for_an_unlinked_condition_gets_what_the_page_does_say():
    result = understood(Topic.DRUG_INDICATION.intent, "larotrectinib is only for kids with leukemia right",
                        ["larotrectinib"])
    assert kinds(result) == ["ForConditions", "NotCovered"]
    (reply,) = answer(result).replies
    assert "doesn't mention leukemia, so it doesn't say whether larotrectinib is used for it" in reply.text
    assert "NTRK gene fusion" in reply.text and "use in children" in reply.text


def test_two_drugs_in_turn_become_the_group():
    first = answer(understood(Topic.DRUG_OVERVIEW.intent, "what is votrient", ["votrient"]))
    context = Context(first.drug, first.group, first.listed)
    second = answer(understood(intents.INFORM_DRUG, "what about gleevec", ["gleevec"], context=context), context)
    assert (second.drug, second.group) == ("imatinib", ("pazopanib", "imatinib"))
    context = Context(second.drug, second.group, second.listed)
    assert understood(intents.ASK_COMPARISON, "compare them", context=context).questions == (
        Compare((PAZOPANIB, IMATINIB)),)


def test_several_gaps_are_listed_one_by_one_with_each_person_to_ask_once():
    gaps = tuple(not_covered.GAPS_BY_KEY[k] for k in ("cost", "travel", "food"))
    (reply,) = answer(Understood((NotCovered(gaps),))).replies
    assert "doesn't cover any of these:\n• costs, or what drug plans and insurance cover\n• travel\n• food" in reply.text
    assert reply.text.count("Please ask") == 2  # the helpline and the pharmacist; the team is in both


def test_asking_whether_a_drug_causes_side_effects_names_no_symptom():
    (question,) = understood(Topic.SIDE_EFFECTS.intent, "can gleevec cause side effects?", ["gleevec"]).questions
    assert isinstance(question, AboutDrugs) and question.side_effect is None


# --- what the page says beside a gap --------------------------------------------------------

@pytest.mark.parametrize("intent,text,said,beside", [
    # a gap, with what the page says beside it
    (intents.ASK_NOT_COVERED, "will gleevec cure my dfsp for good?", "NotCovered", Topic.TREATMENT_GOALS),
    (intents.ASK_NOT_COVERED, "what are my chances on votrient", "NotCovered", Topic.TREATMENT_GOALS),
    (intents.ASK_NOT_COVERED, "why a pill and not an operation for my dfsp?", "NotCovered", Topic.TREATMENT_PLANNING),
    # a correction, with what else the page says it needs
    (intents.NLU_FALLBACK, "votrient is what they give first before any chemo right?", "Correction",
     Topic.TREATMENT_PLANNING),
    (intents.NLU_FALLBACK, "targeted therapy only goes after the cancer so there's no side effects right?",
     "Correction", Topic.SIDE_EFFECT_TIMING),
    (intents.NLU_FALLBACK, "targeted therapy only goes after the cancer so there's no side effects right?",
     "Correction", Topic.SIDE_EFFECT_COMPARISON),
])
def test_what_the_page_says_beside_a_gap_or_a_correction_comes_with_it(intent, text, said, beside):
    questions = understand(nlu_message(intent, text)).questions
    assert said in [type(q).__name__ for q in questions]
    assert AboutTherapy(beside) in questions


def test_hair_loss_with_votrient_names_the_hair_change_the_page_names_however_it_was_read():
    # Read as a belief ("basically chemo"), not as a question about hair.
    text = "since votrient is basically chemo in pill form im gonna lose all my hair right?"
    questions = understand(nlu_message(intents.NLU_FALLBACK, text)).questions
    assert AboutDrugs(Topic.SIDE_EFFECTS, (PAZOPANIB,)) in questions
    assert any(isinstance(q, NotCovered) and q.gaps[0].key == "hair_loss" for q in questions)


def test_another_treatment_that_is_one_of_the_pages_drugs_is_no_gap():
    text = "why would my doctor pick gleevec instead of rozlytrek?"
    questions = understand(nlu_message(intents.ASK_NOT_COVERED, text)).questions
    assert not any(isinstance(q, NotCovered) and any(g.key == "other_treatments" for g in q.gaps) for q in questions)


def test_chemo_named_beside_a_side_effect_asks_the_pages_comparison_not_other_treatments():
    text = "is gleevec going to make me lose my hair like my friend did on chemo"
    questions = understand(nlu_message(intents.ASK_NOT_COVERED, text)).questions
    assert AboutTherapy(Topic.SIDE_EFFECT_COMPARISON) in questions
    assert [g.key for q in questions if isinstance(q, NotCovered) for g in q.gaps] == ["hair_loss"]
