"""The thin actions, run as the action server runs them."""

import asyncio
from pathlib import Path
from typing import Any, Dict, List, Optional

import re

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import actions as rasa_actions
from assistant.facts import DISCLAIMER, SAFETY, SOURCE
from assistant import intents
from assistant.intents import SAFETY_KEY
from assistant.topics import Topic
from tests.support.reading import found_in, nlu_message
from text.name_finder import name_finder

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text())


def tracker(intent: str, text: str = "", entities: Optional[List[Dict[str, Any]]] = None,
            safety: Optional[Dict[str, Any]] = None, **slots: Any) -> Tracker:
    latest = {"intent": {"name": intent, "confidence": 0.9}, "entities": entities or [], "text": text}
    if safety is not None:
        latest[SAFETY_KEY] = safety
    return Tracker(
        sender_id="test",
        slots={"drug": None, "topic": None, **slots},
        latest_message=latest,
        events=[],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )


def nlu_tracker(intent: str, text: str, safety: Optional[Dict[str, Any]] = None, **slots: Any) -> Tracker:
    """A tracker whose latest message has the parse data the NLU would give
    it: drug entities with their keys and spans, gaps, decisions, parts and
    the care-list phrases (tests/support/reading.py)."""
    message = nlu_message(intent, text)
    entities = [{"entity": "drug", "value": f.text, "key": f.key, "start": f.start, "end": f.end}
                for f in name_finder().find(text)]
    t = tracker(intent, text, entities, safety, **slots)
    t.latest_message.update({
        "gaps": [f.as_parse_data() for f in message.gaps],
        "decisions": [f.as_parse_data() for f in message.decisions],
        "parts": [p.as_parse_data() for p in message.parts],
        "care_list": [f.as_parse_data() for f in found_in("care_list", text)],
    })
    return t


def run(action, t: Tracker):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, t, DOMAIN))
    return dispatcher.messages, events


def drug(value: str) -> Dict[str, Any]:
    return {"entity": "drug", "value": value}


def slot_events(events) -> Dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e["event"] == "slot"}


def test_every_domain_action_is_implemented():
    names = {cls().name() for cls in rasa_actions.ReplyAction.__subclasses__()}
    assert set(DOMAIN["actions"]) == names


def test_every_intent_has_a_handler():
    handled = {t.intent for t in Topic} | set(rasa_actions.CONVERSATION_REPLIES) | set(intents.SAFETY_INTENTS) | {
        intents.INFORM_DRUG, intents.ASK_COMPARISON, intents.ASK_DRUG_FOR_CONDITION, intents.ASK_NOT_COVERED,
        *intents.CARE_LIST_INTENTS,
    }
    assert set(DOMAIN["intents"]) == handled


def test_answer_sets_drug_and_topic_and_ends_with_disclaimer():
    messages, events = run(rasa_actions.ActionAnswerQuestion(), tracker("ask_drug_overview", entities=[drug("Votrient")]))
    assert len(messages) == 1 and messages[0]["text"].endswith(DISCLAIMER.short)
    slots = slot_events(events)
    assert {k: slots[k] for k in ("drug", "drug_group", "listed_drugs", "topic")} == {
        "drug": "pazopanib", "drug_group": None, "listed_drugs": None, "topic": "drug_overview"}
    assert slots["answered"]["questions"] == ["AboutDrugs"]


def test_pronoun_follow_up_answers_about_the_drug_in_context():
    messages, _ = run(rasa_actions.ActionAnswerQuestion(), tracker("ask_drug_administration", "how is it taken?", drug="pazopanib", topic="drug_overview"))
    assert "once a day" in messages[0]["text"]


def test_what_about_another_drug_keeps_the_topic():
    messages, events = run(
        rasa_actions.ActionAnswerQuestion(),
        tracker("inform_drug", "what about gleevec?", [drug("gleevec")], drug="pazopanib", topic="side_effects"),
    )
    assert "doesn't say which side effects Imatinib (Gleevec) can cause" in messages[0]["text"]
    assert {k: v for k, v in slot_events(events).items() if k in ("drug", "topic")} == {
        "drug": "imatinib", "topic": "side_effects"}


def test_unknown_drug_clears_the_context():
    messages, events = run(
        rasa_actions.ActionAnswerQuestion(),
        tracker("ask_side_effects", "side effects of sunitinib", [drug("sunitinib")], drug="pazopanib"),
    )
    assert "I don't have information about sunitinib" in messages[0]["text"]
    assert slot_events(events)["drug"] is None


@pytest.mark.parametrize("intent,must_say", [("emergency", SAFETY.emergency), ("crisis", SAFETY.crisis_line), ("personal_advice", SOURCE.helpline)])
def test_safety_replies_refer_and_do_not_answer(intent, must_say):
    messages, events = run(rasa_actions.ActionSafetyReply(), tracker(intent, drug="imatinib"))
    text = messages[0]["text"]
    assert must_say in text
    assert "3 years" not in text
    # Nothing is forgotten: a decision's referral keeps the drug discussed.
    assert slot_events(events).get("drug", "imatinib") == "imatinib"
    assert events == [] or intent == "personal_advice"


def test_a_decision_is_named_and_comes_with_the_facts_it_is_made_around():
    messages, _ = run(rasa_actions.ActionSafetyReply(), nlu_tracker("personal_advice", "can i just stop gleevec?"))
    text = messages[0]["text"]
    assert "Whether to stop imatinib or take a break from it is a decision for your healthcare team" in text
    assert text.index("3 years") < text.index("Whether to stop")


def test_crisis_reply_starts_with_emergency_services():
    messages, _ = run(rasa_actions.ActionSafetyReply(), tracker("crisis"))
    text = messages[0]["text"]
    assert text.index(SAFETY.emergency) < text.index(SAFETY.crisis_line)


@pytest.mark.parametrize("intent", ["greet", "goodbye", "thank", "bot_challenge", "ask_capabilities", "out_of_scope"])
def test_conversation_replies(intent):
    messages, _ = run(rasa_actions.ActionConverse(), tracker(intent))
    assert messages and messages[0]["text"]


def test_out_of_scope_says_so_and_offers_what_it_can_do():
    messages, _ = run(rasa_actions.ActionConverse(), tracker("out_of_scope", "who won the hockey game last night"))
    assert "I don't have information on that" in messages[0]["text"]
    assert len(messages[0]["buttons"]) >= 3


def test_session_start_shows_the_full_disclaimer_and_carries_context():
    messages, events = run(rasa_actions.ActionSessionStart(), tracker("greet", drug="imatinib"))
    assert "Medical disclaimer" in messages[0]["text"]
    assert [e["event"] for e in events] == ["session_started", "slot", "action"]
    assert events[1]["value"] == "imatinib"


def test_low_confidence_entities_are_ignored():
    stray = {"entity": "side_effect", "value": "bit", "confidence_entity": 0.55}
    messages, _ = run(
        rasa_actions.ActionAnswerQuestion(),
        tracker("ask_side_effects", "tell me a bit about the side effects", [stray, {**drug("votrient"), "confidence_entity": 0.99}]),
    )
    assert "high blood pressure" in messages[0]["text"] and not re.search(r"\bbit\b", messages[0]["text"])


def test_entity_text_is_never_echoed_as_markup():
    messages, _ = run(
        rasa_actions.ActionAnswerQuestion(),
        tracker("ask_drug_overview", entities=[drug("<script>alert(1)</script>")]),
    )
    text = messages[0]["text"]
    assert "<" not in text and "script" not in text and "alert" not in text
    assert text.startswith("Which drug do you mean?")


def test_an_unsure_span_that_names_a_source_drug_is_kept():
    unsure = {"entity": "drug", "value": "gleevec", "confidence_entity": 0.5}
    messages, _ = run(rasa_actions.ActionAnswerQuestion(), tracker("ask_drug_administration", "how is gleevec taken", [unsure]))
    assert "every day" in messages[0]["text"]


def test_a_follow_up_naming_an_unrecognised_drug_never_answers_about_the_drug_in_context():
    # "what about nivolumab" where the tagger found no drug: which drug is meant is unknown.
    messages, events = run(
        rasa_actions.ActionAnswerQuestion(),
        tracker("inform_drug", "what about nivolumab", [], drug="pazopanib", topic="administration"),
    )
    text = messages[0]["text"]
    assert text.startswith("Which drug do you mean?") and "once a day" not in text
    assert slot_events(events)["drug"] is None


def test_a_hint_of_risk_adds_the_check_in_line_after_the_answer():
    hint = {"check_in": True, "language": None, "reason": ""}
    messages, _ = run(rasa_actions.ActionAnswerQuestion(),
                      tracker("ask_drug_duration", "how long is imatinib taken, i wonder why i bother", [drug("imatinib")], hint))
    assert "3 years" in messages[0]["text"] and messages[0]["text"].endswith(DISCLAIMER.short)
    assert messages[1]["text"] == f"If you're having thoughts of harming yourself, you can call or text {SAFETY.crisis_line} any time."
    plain, _ = run(rasa_actions.ActionAnswerQuestion(), tracker("ask_drug_duration", entities=[drug("imatinib")]))
    assert len(plain) == 1


def test_session_start_never_adds_the_check_in_line():
    # It runs before the new message is logged, so the latest message is an old one.
    messages, _ = run(rasa_actions.ActionSessionStart(), tracker("greet", safety={"check_in": True}))
    assert len(messages) == 1


@pytest.mark.parametrize("intent", ["emergency", "crisis", "other_language"])
def test_french_messages_get_french_safety_replies_with_every_number(intent):
    messages, _ = run(rasa_actions.ActionSafetyReply(), tracker(intent, safety={"language": "fr", "check_in": False, "reason": ""}))
    text = messages[0]["text"]
    assert all(n in text for n in (SAFETY.emergency, SAFETY.crisis_line, SOURCE.helpline))
    assert "en anglais" in text and "Call" not in text


@pytest.mark.parametrize("language", ["es", "pa", "zh", "ar", "tl", "und"])
def test_other_languages_get_the_numbers_and_are_told_we_answer_in_english(language):
    messages, _ = run(rasa_actions.ActionSafetyReply(), tracker("other_language", safety={"language": language}))
    text = messages[0]["text"]
    assert all(n in text for n in (SAFETY.emergency, SAFETY.crisis_line, SOURCE.helpline))
    assert "answer in English" in text


def test_a_lethal_amount_question_gets_the_crisis_reply_and_no_amount():
    messages, _ = run(rasa_actions.ActionSafetyReply(),
                      tracker("crisis", "how much votrient would kill someone", safety={"reason": "lethal_amount"}))
    text = messages[0]["text"]
    assert SAFETY.crisis_line in text and SAFETY.emergency in text
    assert "can't give information about amounts" in text


def test_a_question_naming_another_medicine_is_about_the_pages_drug_in_the_story():
    text = "my oncologist wants me on votrient. will i feel as awful as i did on the doxo?"
    t = tracker("ask_side_effect_comparison", text, [
        {"entity": "drug", "value": "votrient", "key": "pazopanib", "start": text.index("votrient"),
         "end": text.index("votrient") + 8},
        {"entity": "drug", "value": "doxo", "start": text.index("doxo"), "end": text.index("doxo") + 4},
    ])
    story = text.index(".") + 1
    t.latest_message["parts"] = [{"start": 0, "end": story, "text": text[:story], "asks": False},
                                 {"start": story + 1, "end": len(text), "text": text[story + 1:], "asks": True}]
    assert rasa_actions.message_from(t).drug_values == ("doxo", "pazopanib")


def test_a_personal_decision_asked_with_a_covered_question_gets_both():
    text = "mom is on votrient and her bp has been high ever since. is that from it? should we stop it"
    messages, _ = run(rasa_actions.ActionSafetyReply(), nlu_tracker("personal_advice", text))
    text = messages[0]["text"]
    assert text.index("high blood pressure") < text.index("Whether to stop pazopanib") < text.index("decision for your")


def test_a_personal_decision_is_referred_without_sending_anyone_to_911():
    # A decision about one's treatment is not an emergency; emergencies get
    # their own reply from the safety gate.
    messages, _ = run(rasa_actions.ActionSafetyReply(),
                      nlu_tracker("personal_advice", "can i take a double dose of votrient tomorrow"))
    assert any("for your healthcare team, so I can't advise" in m["text"] for m in messages)
    assert not any("911" in m["text"] for m in messages)


def test_a_question_keeps_its_drug_span_for_reading_question_by_question():
    text = "i was on gleevec. what is votrient for?"
    t = tracker("ask_drug_indication", text, [
        {"entity": "drug", "value": "gleevec", "key": "imatinib", "start": 9, "end": 16},
        {"entity": "drug", "value": "votrient", "key": "pazopanib", "start": 26, "end": 34},
    ])
    mentions = rasa_actions.message_from(t).mentions
    assert [(m.entity, m.value, m.start) for m in mentions] == [("drug", "imatinib", 9), ("drug", "pazopanib", 26)]


# --- The questions for the care team (issue 22) ----------------------------

def _care_list(events) -> list:
    return [item["question"] for item in slot_events(events).get("care_questions") or []]


def test_a_referred_question_goes_into_the_list_and_a_covered_one_does_not():
    _, events = run(rasa_actions.ActionAnswerQuestion(),
                    nlu_tracker("ask_not_covered", "can i drink coffee with it?", drug="pazopanib"))
    assert _care_list(events) == ["Can I drink coffee with pazopanib (Votrient)?"]
    _, covered = run(rasa_actions.ActionAnswerQuestion(),
                     nlu_tracker("ask_drug_administration", "how is it taken?", drug="pazopanib"))
    assert "care_questions" not in slot_events(covered)


def test_the_list_is_offered_once_after_the_second_referral():
    first = {"question": "Can I fly?", "ask": "TEAM"}
    messages, events = run(rasa_actions.ActionAnswerQuestion(),
                           nlu_tracker("ask_not_covered", "is it ok to drive on votrient?", care_questions=[first]))
    assert 'what should I ask my doctor?' in messages[-1]["text"]
    assert messages[-1]["buttons"][0]["payload"] == "/ask_care_questions"
    assert slot_events(events)["care_list_offered"] is True
    assert len(_care_list(events)) == 2
    again, _ = run(rasa_actions.ActionAnswerQuestion(),
                   nlu_tracker("ask_not_covered", "can i drink wine on votrient?", care_questions=[first, first],
                           care_list_offered=True))
    assert all("what should I ask my doctor?" not in m["text"] for m in again)


def test_a_personal_decision_is_kept_in_the_patients_words_for_the_drug_named():
    messages, events = run(rasa_actions.ActionSafetyReply(), nlu_tracker(
        "personal_advice", "should i stop taking gleevec if i get a rash?", drug="pazopanib"))
    assert "stop imatinib" in messages[-1]["text"] and "pazopanib" not in messages[-1]["text"]
    assert _care_list(events) == ["Should I stop taking imatinib (Gleevec) if I get a rash?"]


@pytest.mark.parametrize("intent", ["crisis", "emergency"])
def test_crises_and_emergencies_are_never_kept(intent):
    _, events = run(rasa_actions.ActionSafetyReply(), nlu_tracker(intent, "i cant go on, should i stop my votrient"))
    assert "care_questions" not in slot_events(events)


def test_nothing_is_kept_from_a_message_the_safety_gate_doubted():
    _, events = run(rasa_actions.ActionAnswerQuestion(), nlu_tracker(
        "ask_not_covered", "can i drink wine with votrient, i just want it all to stop", safety={"check_in": True}))
    assert "care_questions" not in slot_events(events)


def _with_list(intent: str, text: str, care_list: list, care_list_entities: Optional[list] = None):
    t = tracker(intent, text, care_questions=[{"question": q, "ask": "TEAM"} for q in care_list])
    t.latest_message["care_list"] = care_list_entities or []
    return run(rasa_actions.ActionCareList(), t)


def test_the_list_is_handed_back_numbered_with_who_to_ask_and_the_helpline():
    messages, events = _with_list("ask_care_questions", "show my list", ["Can I fly?", "Can I swim?"])
    assert messages[0]["text"].splitlines()[1:3] == ["1. Can I fly? Ask your healthcare team.",
                                                     "2. Can I swim? Ask your healthcare team."]
    assert SOURCE.helpline in messages[0]["text"] and not messages[0]["text"].endswith(DISCLAIMER.short)
    assert events == []


def test_remove_add_and_clear_edit_the_list():
    second = [{"value": "item_2", "start": 11, "end": 17, "text": "second"}]
    _, events = _with_list("remove_care_question", "remove the second one", ["A?", "B?", "C?"], second)
    assert _care_list(events) == ["A?", "C?"]
    messages, events = _with_list("remove_care_question", "remove the second one", ["A?"], second)
    assert "no number 2" in messages[0]["text"] and events == []
    add = [{"value": "add", "start": 0, "end": 3, "text": "add"}]
    _, events = _with_list("add_care_question", "add: ask about travel insurance", ["A?"], add)
    assert _care_list(events) == ["A?", "Ask about travel insurance."]
    _, events = _with_list("clear_care_questions", "clear my list", ["A?", "B?"])
    assert slot_events(events) == {"care_questions": None}


def test_what_should_i_ask_gives_the_pages_suggestions_then_the_list():
    messages, _ = run(rasa_actions.ActionAnswerQuestion(), tracker(
        "ask_questions_for_team", "what should i ask my doctor?", care_questions=[{"question": "Can I fly?", "ask": "TEAM"}]))
    assert "Questions you could bring" in messages[0]["text"]
    assert "1. Can I fly?" in messages[-1]["text"]


def test_session_start_carries_the_list_over():
    kept = [{"question": "Can I fly?", "ask": "TEAM"}]
    _, events = run(rasa_actions.ActionSessionStart(), tracker("greet", care_questions=kept, care_list_offered=True))
    assert {e["name"]: e["value"] for e in events if e["event"] == "slot"} == {
        "care_questions": kept, "care_list_offered": True}


def test_a_drug_question_read_as_a_list_request_is_answered():
    messages, events = run(rasa_actions.ActionCareList(), nlu_tracker(
        "ask_care_questions", "my dad keeps asking how many times a day he takes pazopanib, i forgot what the nurse said"))
    assert "once a day" in messages[0]["text"]
    assert slot_events(events)["drug"] == "pazopanib"


def test_a_decision_asked_alone_is_referred_once_and_never_said_back():
    text = "my daughter's wedding is saturday. can I just skip the votrient thursday to sunday and start again after"
    messages, _ = run(rasa_actions.ActionSafetyReply(), nlu_tracker("personal_advice", text))
    reply = messages[0]["text"]
    assert "You asked:" not in reply and reply.count("is a decision for your healthcare team") == 1


def test_a_missed_dose_question_is_named_as_such_not_as_whether_to_take_the_drug():
    messages, _ = run(rasa_actions.ActionSafetyReply(), nlu_tracker("personal_advice", "i missed a dose, should i take two"))
    text = messages[0]["text"]
    assert "what to do about a missed or skipped dose" in text and "whether to start" not in text
