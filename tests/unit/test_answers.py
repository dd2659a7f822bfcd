"""Every drug x topic answer: the page's fact, or an honest 'not in my source'."""

import itertools
import re
from typing import Sequence

import pytest

from assistant.answers import Answer, answer
from assistant.facts import DISCLAIMER, DRUGS, IMATINIB, PAZOPANIB, SOURCE
from assistant.questions import AboutDrugs, Understood
from assistant.reply import Reply
from assistant.topics import DRUG_TOPICS, Topic
from assistant.understanding import understand
from assistant.understanding.mentions import Context
from assistant.wording import common, conversation, drugs as drug_wording, gaps, groups, therapy
from tests.support.reading import nlu_message

NOT_IN_SOURCE = "doesn't say"


def ask(topic: Topic, drugs: Sequence[str] = (), text: str = "", side_effects: Sequence[str] = (),
        classes: Sequence[str] = (), context: Context = Context()) -> Answer:
    """The answer to a question whose NLU reading is given."""
    message = nlu_message(topic.intent, text, drugs, classes, side_effects)
    return answer(understand(message, context), context)


def reply_of(result: Answer) -> Reply:
    (reply,) = result.replies
    return reply


# What each drug x topic answer must say (all lower case). Taken from the page.
EXPECTED = {
    ("pazopanib", Topic.DRUG_CLASS): ["tyrosine kinase inhibitor"],
    ("pazopanib", Topic.DRUG_MECHANISM): ["vegf", "blood vessels"],
    ("pazopanib", Topic.DRUG_INDICATION): ["advanced", "chemotherapy", "within 1 year"],
    ("pazopanib", Topic.DRUG_ADMINISTRATION): ["pill", "once a day"],
    ("pazopanib", Topic.DRUG_DURATION): ["doesn't say how long"],
    ("pazopanib", Topic.SIDE_EFFECTS): ["high blood pressure", "hair colour", "not give a full list"],
    ("pazopanib", Topic.DOSE): ["does not give doses"],
    ("imatinib", Topic.DRUG_CLASS): ["tyrosine kinase inhibitor"],
    ("imatinib", Topic.DRUG_MECHANISM): ["kit protein", "tyrosine kinases"],
    ("imatinib", Topic.DRUG_INDICATION): ["gist", "unresectable or metastatic", "dfsp", "recurrent"],
    ("imatinib", Topic.DRUG_ADMINISTRATION): ["pill", "every day"],
    ("imatinib", Topic.DRUG_DURATION): ["no set standard", "3 years"],
    ("imatinib", Topic.SIDE_EFFECTS): ["doesn't say which side effects imatinib (gleevec) can cause", "few or none",
                                       "fewer and milder"],
    ("imatinib", Topic.DOSE): ["does not give doses"],
}
for key in ("larotrectinib", "entrectinib"):
    EXPECTED.update(
        {
            (key, Topic.DRUG_CLASS): ["ntrk inhibitor"],
            (key, Topic.DRUG_MECHANISM): [f"doesn't say exactly how {key} (", "acts on cancer cells", "ntrk gene fusion", "trk fusion proteins"],
            (key, Topic.DRUG_INDICATION): ["ntrk gene fusion"],
            (key, Topic.DRUG_ADMINISTRATION): ["pill", f"doesn't say how often {key} (", "is taken"],
            (key, Topic.DRUG_DURATION): [f"doesn't say how long {key} (", "is usually taken"],
            (key, Topic.SIDE_EFFECTS): [f"doesn't say which side effects {key} (", "can cause", "in general"],
            (key, Topic.DOSE): ["does not give doses"],
        }
    )


def all_replies():
    """Every reply the wording layer can produce, for the invariant checks."""
    for drug, topic in itertools.product(DRUGS, DRUG_TOPICS):
        yield from ask(topic, [drug.generic]).replies
    for topic in Topic:
        yield from ask(topic).replies
    for module in (common, conversation, drug_wording, gaps, groups, therapy):
        for name in dir(module):
            fn = getattr(module, name)
            if callable(fn) and getattr(fn, "__module__", "") == module.__name__ and not name.startswith("_"):
                try:
                    result = fn()
                except TypeError:
                    continue
                if isinstance(result, Reply):
                    yield result
    yield groups.compare_drugs(DRUGS)
    yield groups.compare_classes(groups.DRUG_CLASSES)
    for topic in groups.ACROSS:
        yield groups.across_drugs(topic, DRUGS)


@pytest.mark.parametrize("drug,topic", sorted(EXPECTED, key=lambda k: (k[0], k[1].value)))
def test_drug_topic_answer_states_the_page_fact(drug, topic):
    text = reply_of(ask(topic, [drug])).message()["text"].lower()
    for phrase in EXPECTED[(drug, topic)]:
        assert phrase in text, f"{drug}/{topic.value}: missing {phrase!r} in {text!r}"


def test_every_drug_topic_is_covered_by_the_expectations():
    assert {(d.key, t) for d in DRUGS for t in DRUG_TOPICS if t != Topic.DRUG_OVERVIEW} == set(EXPECTED)


def test_every_factual_reply_ends_with_the_disclaimer():
    for reply in all_replies():
        if reply.states_medical_fact:
            assert reply.message()["text"].endswith(DISCLAIMER.short)


def test_replies_use_no_number_the_page_does_not_give():
    # Guards against invented doses or durations. 911 and 988 are the safety
    # numbers; 2024 is the page's copyright year.
    allowed = {"1", "3", "1-888-939-3333", "911", "988", "2024"}
    for reply in all_replies():
        numbers = set(re.findall(r"\d[\d-]*\d|\d", reply.message()["text"]))
        assert numbers <= allowed, (numbers - allowed, reply.text)


def test_drug_overview_combines_the_drug_facts():
    text = reply_of(ask(Topic.DRUG_OVERVIEW, ["Gleevec"])).text
    for phrase in ("Imatinib (Gleevec)", "tyrosine kinase inhibitor", "KIT", "GIST", "DFSP", "every day", "3 years"):
        assert phrase in text


def test_what_all_targeted_therapy_does_is_said_once_for_drugs_without_named_side_effects():
    text = reply_of(ask(Topic.SIDE_EFFECTS, ["larotrectinib", "entrectinib"], "side effects of vitrakvi and rozlytrek?")).text
    assert text.count("fewer and milder") == 1 and "and side effects." in text
    # The page names pazopanib's own: no general paragraph instead of them.
    assert "in general" not in reply_of(ask(Topic.SIDE_EFFECTS, ["pazopanib"], "votrient side effects")).text


def test_general_topics_answer_from_the_page():
    expectations = {
        Topic.WHAT_IS_TARGETED_THERAPY: ["molecules", "molecular targeted therapy", "normal cells"],
        Topic.TREATMENT_GOALS: ["growing, dividing and spreading", "palliative"],
        Topic.TREATMENT_PLANNING: ["doses", "schedule", "other treatments"],
        Topic.DRUG_LIST: ["Pazopanib (Votrient)", "Imatinib (Gleevec)", "Larotrectinib (Vitrakvi)", "Entrectinib (Rozlytrek)", "TKIs", "NTRK inhibitors"],
        Topic.NTRK_FUSION: ["nerve cells", "breaks away", "TRK fusion proteins"],
        Topic.SIDE_EFFECTS: ["few or none", "does not list which side effects", "high blood pressure", "healthcare team"],
        Topic.SIDE_EFFECT_TIMING: ["during", "right after", "days or weeks", "months or even years"],
        Topic.SIDE_EFFECT_PERSISTENCE: ["clear up by themselves", "permanent"],
        Topic.SIDE_EFFECT_FACTORS: ["which drug it is", "dose", "the way it is given", "health in general"],
        Topic.SIDE_EFFECT_COMPARISON: ["fewer and milder", "chemotherapy", "radiation"],
        Topic.SIDE_EFFECT_REPORTING: ["healthcare team", "earlier"],
        Topic.DOSE: ["does not give doses", "healthcare team"],
        Topic.SOURCE: [SOURCE.publisher, SOURCE.website, SOURCE.helpline],
        Topic.DISCLAIMER: ["does not take the place of your relationship with your doctor", "qualified healthcare professional"],
        Topic.QUESTIONS_FOR_TEAM: ["healthcare team", "side effects"],
    }
    for topic, phrases in expectations.items():
        text = reply_of(ask(topic)).text
        for phrase in phrases:
            assert phrase in text, (topic, phrase)


def test_follow_up_without_a_drug_uses_the_drug_in_context():
    result = ask(Topic.DRUG_ADMINISTRATION, text="how is it taken", context=Context(drug="pazopanib"))
    assert "once a day" in reply_of(result).text and result.drug == "pazopanib"


def test_drug_topic_without_any_drug_asks_which_drug():
    reply = reply_of(ask(Topic.DRUG_MECHANISM, text="how does it work"))
    assert reply.text.startswith("Which drug") and len(reply.buttons) == 4
    assert not reply.states_medical_fact


@pytest.mark.parametrize("name", ["sunitinib", "ibuprofen", "pembrolizumab"])
def test_unknown_drug_is_never_answered_as_a_known_one(name):
    result = ask(Topic.SIDE_EFFECTS, [name], context=Context(drug="pazopanib"))
    text = reply_of(result).text
    assert f"I don't have information about {name}" in text
    assert "high blood pressure" not in text
    for drug in DRUGS:
        assert drug.display_name in text
    assert result.drug is None


def test_known_and_unknown_drug_together():
    # The known drug is answered; the unknown name is not echoed as if it
    # were one of the page's drugs (the gap report counts it).
    text = reply_of(ask(Topic.DRUG_ADMINISTRATION, ["votrient", "sutent"])).text
    assert "once a day" in text and "sutent" not in text


def test_two_drugs_in_one_question_are_both_answered():
    reply = reply_of(ask(Topic.DRUG_INDICATION, ["gleevec", "vitrakvi"]))
    assert "GIST" in reply.text and "NTRK gene fusion" in reply.text
    assert reply.text.count(DISCLAIMER.short) == 0  # added once, on sending
    assert reply.message()["text"].count(DISCLAIMER.short) == 1


def test_side_effect_named_by_the_user():
    yes = reply_of(ask(Topic.SIDE_EFFECTS, ["votrient"], side_effects=["high blood pressure"]))
    # Named, without a "Yes" that would also answer "is it dangerous?".
    assert "My source names high blood pressure" in yes.text and "yes" not in yes.text.lower()
    no = reply_of(ask(Topic.SIDE_EFFECTS, ["votrient"], side_effects=["feeling sick"]))
    assert "does not mention feeling sick" in no.text and not no.text.startswith("Yes")
    silent = reply_of(ask(Topic.SIDE_EFFECTS, ["gleevec"], side_effects=["nausea"]))
    assert "does not mention nausea" in silent.text


def test_general_side_effect_question_ignores_the_drug_in_context():
    result = ask(Topic.SIDE_EFFECTS, text="what are the side effects of targeted therapy", context=Context(drug="imatinib"))
    assert "few or none" in reply_of(result).text


def test_drug_class_questions():
    tki = reply_of(ask(Topic.DRUG_MECHANISM, classes=["tkis"], text="how do tkis work")).text
    assert "block tyrosine kinases" in tki and "Imatinib (Gleevec)" in tki and "NTRK" not in tki
    both = reply_of(ask(Topic.DRUG_CLASS)).text
    assert "TKIs" in both and "NTRK inhibitors" in both


def test_no_reply_has_a_blank_line():
    # Channels split text at blank lines; the disclaimer must stay attached.
    for reply in all_replies():
        assert "\n\n" not in reply.message()["text"], reply.text


def test_the_wording_counts_the_drugs_from_the_facts():
    assert common.number_word(4) == "four" and common.number_word(12) == "12"
    assert f"the {common.number_word(len(DRUGS))} drugs my source covers" in "\n".join(common.CAN_HELP_WITH)


def test_answers_joined_in_one_message_say_each_sentence_once():
    overview = Reply("It is taken as a pill, every day.\nThere is no set standard for how long imatinib is taken.")
    duration = Reply("There is no set standard for how long imatinib is taken. Your healthcare team plans it.")
    assert Reply.joined([overview, duration]).text == (
        "It is taken as a pill, every day.\nThere is no set standard for how long imatinib is taken.\n"
        "Your healthcare team plans it.")


def test_list_items_and_short_sentences_may_come_twice():
    first = Reply("Pazopanib may be used for:\n• some advanced soft tissue sarcoma\nPlease ask your healthcare team.")
    second = Reply("Imatinib may be used for:\n• some advanced soft tissue sarcoma\nPlease ask your healthcare team.")
    assert Reply.joined([first, second]).text.count("• some advanced soft tissue sarcoma") == 2
    assert Reply.joined([first, second]).text.count("Please ask your healthcare team.") == 2


def test_an_answer_about_a_drug_says_what_the_drug_is_when_nothing_else_does():
    text = reply_of(ask(Topic.DRUG_DURATION, ["gleevec"], "how long will dad be on gleevec")).text
    assert text.index("Imatinib (Gleevec) is a tyrosine kinase inhibitor (TKI), taken as a pill, every day.") < text.index(
        "3 years")
    assert "It may be used for gastrointestinal stromal tumours (GISTs) that are unresectable or metastatic." in text
    # An answer that says it already is not told twice.
    overview = reply_of(ask(Topic.DRUG_OVERVIEW, ["gleevec"], "what is gleevec")).text
    assert overview.count("is a tyrosine kinase inhibitor (TKI)") == 1


def test_a_drug_the_conversation_is_already_about_is_not_introduced_again():
    understood = understand(nlu_message(Topic.DRUG_DURATION.intent, "how long do people take it?"),
                            Context(drug="imatinib"))
    text = answer(understood, Context(drug="imatinib")).replies[0].text
    assert "3 years" in text and "is a tyrosine kinase inhibitor" not in text


def test_a_question_said_back_is_not_claimed_to_be_missing_from_the_page():
    # Nothing answered it and no gap named it: the page may still answer it
    # in words the assistant didn't follow, so the reply says only that.
    one = gaps.questions_unanswered(["Is anyone there who speaks Punjabi?"]).text
    assert one.startswith("You asked: “Is anyone there who speaks Punjabi?” I couldn't find an answer")
    assert "doesn't cover" not in one and "1-888-939-3333" in one
    two = gaps.questions_unanswered(["Can I swim?", "Can I fly?"]).text
    assert "• “Can I swim?”" in two and "I couldn't find answers to these" in two


def test_a_side_effect_the_page_does_not_name_comes_with_what_it_says_in_general():
    def said(drug, effect):
        return answer(Understood((AboutDrugs(Topic.SIDE_EFFECTS, (drug,), effect),))).replies[0].text

    unlisted = said(IMATINIB, "tiredness")
    assert "does not mention tiredness for Imatinib (Gleevec)" in unlisted
    assert "Here is what my source says about targeted therapy in general." in unlisted
    # A side effect the page names is answered as named, without the rest.
    assert "in general" not in said(PAZOPANIB, "high blood pressure")


def test_a_side_effect_the_page_names_comes_with_the_others_it_names_for_the_drug():
    text = answer(Understood((AboutDrugs(Topic.SIDE_EFFECTS, (PAZOPANIB,), "my hair went grey"),))).replies[0].text
    assert "names changes in hair colour as a possible side effect" in text
    assert "It also names high blood pressure (hypertension)." in text
    assert "Tell your healthcare team about any side effect you notice." in text


@pytest.mark.parametrize("drug,effect", [(PAZOPANIB, "high blood pressure"), (PAZOPANIB, None),
                                         (IMATINIB, "tiredness"), (IMATINIB, None)])
def test_every_side_effect_answer_says_to_tell_the_team_and_why_soon(drug, effect):
    # "should she be calling them?" is answered before it is asked.
    text = answer(Understood((AboutDrugs(Topic.SIDE_EFFECTS, (drug,), effect),))).replies[0].text
    assert "Tell your healthcare team about any side effect you notice." in text
    assert "The earlier they hear about a problem, the earlier they can suggest ways" in text
    assert text.count("Tell your healthcare team") == 1
