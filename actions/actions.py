"""Thin Rasa custom actions.

Each action turns the tracker into plain values (``message_from``,
``context_from``), asks ``assistant.understanding`` what the message asks and
``assistant.answers`` what to answer, and sends the replies through
``ReplyAction``, the only code that talks to the dispatcher (so
``Reply.message()`` and with it the disclaimer can't be bypassed).
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Dict, List, Optional, Text, Tuple

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from assistant import care_questions, intents, safety_wording, wording
from assistant.answers import Answer, answer
from assistant.care_questions import Asked, CareQuestion, DrugMention
from assistant.drug_names import drug_by_key, resolve_drug
from assistant.facts import Drug
from assistant.intents import (
    BELIEFS_KEY, CARE_LIST_KEY, DECISIONS_KEY, DESCRIPTIONS_KEY, FEELINGS_KEY, GAPS_KEY, PARTS_KEY, SAFETY_KEY,
)
from assistant.reply import Reply
from assistant.slots import (
    ANSWERED_SLOT, CARE_OFFERED_SLOT, CARE_QUESTIONS_SLOT, CARRIED_SLOTS, DRUG_SLOT, GROUP_SLOT, LISTED_SLOT,
    SECTIONS_SLOT, TOPIC_SLOT,
)
from assistant.wording import care_list as care_wording
from assistant.questions import Understood
from assistant.topics import Topic
from assistant.understanding import Message, decision_asked, understand
from assistant.understanding.mentions import Context, drugs_named
from assistant.understanding.reading import Found, Mention, Part, asked

# The entity tagger may tag a stray word ("a bit") with low confidence; such a
# guess must not turn into "my source does not mention bit". The CRF tagger's
# confidences are marginal probabilities: on the held-out set every correct
# entity scored at least 0.71 ("what about nivolumab"), so the floor is 0.6.
MIN_ENTITY_CONFIDENCE = 0.6
# Entity text is echoed in replies ("I don't have information about X"), so
# a value with anything but letters, digits, spaces and a little punctuation
# (markup, code, URLs) is not a name and is dropped, never echoed.
_PLAIN_NAME = re.compile(r"[\w][\w\s'.-]{0,59}")


@dataclass(frozen=True)
class Outcome:
    replies: Tuple[Reply, ...]
    events: Tuple[EventType, ...] = field(default=())
    # The questions these replies send on to the care team: kept in the
    # patient's list by ReplyAction (assistant/care_questions.py).
    referred: Tuple[CareQuestion, ...] = field(default=())


def safety_notes(tracker: Tracker) -> Dict[str, Any]:
    """What the safety gate decided about the latest message (language,
    check-in); empty for messages it was not asked about."""
    notes = tracker.latest_message.get(SAFETY_KEY)
    return notes if isinstance(notes, dict) else {}


class ReplyAction(Action, ABC):
    """Sends an action's replies; subclasses only decide what they are.

    When the safety gate saw possible but unclear risk in the message, the
    answer is followed by the gentle 988 check-in line, whichever action
    answered; and the questions it referred go into the patient's list for
    the care team, which is offered once, after the second.
    """

    # False for actions that do not answer the user's latest message.
    answers_latest_message = True

    @abstractmethod
    def respond(self, tracker: Tracker) -> Outcome:
        ...

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        outcome = kept_for_the_care_team(tracker, self.respond(tracker))
        replies = outcome.replies
        if self.answers_latest_message:
            replies += safety_wording.follow_ups(safety_notes(tracker))
        for reply in replies:
            dispatcher.utter_message(**reply.message())
        return list(outcome.events)


def care_list_from(tracker: Tracker) -> Tuple[CareQuestion, ...]:
    value = tracker.get_slot(CARE_QUESTIONS_SLOT)
    found = (CareQuestion.from_slot(item) for item in value) if isinstance(value, list) else ()
    return tuple(question for question in found if question is not None)


def care_list_events(questions: Tuple[CareQuestion, ...]) -> Tuple[EventType, ...]:
    return (SlotSet(CARE_QUESTIONS_SLOT, [question.as_slot() for question in questions] or None),)


def kept_for_the_care_team(tracker: Tracker, outcome: Outcome) -> Outcome:
    """The outcome with its referred questions added to the patient's list.
    Nothing is kept from a message the safety gate had doubts about."""
    if not outcome.referred or safety_notes(tracker).get("check_in"):
        return outcome
    current = care_list_from(tracker)
    questions, offer = care_questions.after_referral(current, outcome.referred,
                                                     bool(tracker.get_slot(CARE_OFFERED_SLOT)))
    if questions == current:
        return outcome
    if not offer:
        return replace(outcome, events=outcome.events + care_list_events(questions))
    return replace(outcome, replies=outcome.replies + (care_wording.offer(questions),),
                   events=outcome.events + care_list_events(questions) + (SlotSet(CARE_OFFERED_SLOT, True),))


def _latest_intent(tracker: Tracker) -> Optional[str]:
    return (tracker.latest_message.get("intent") or {}).get("name")


def _mentions(tracker: Tracker) -> Tuple[Mention, ...]:
    """The confident entities of the latest message, in order. A drug's
    value is its key when the NLU recognised the name
    (components/drug_name_matcher.py)."""
    found: List[Mention] = []
    for item in tracker.latest_message.get("entities") or []:
        entity, value = item.get("entity"), item.get("key") or item.get("value")
        if not isinstance(entity, str) or not isinstance(value, str):
            continue
        # Entities from button payloads carry no confidence: they are certain.
        # A less confident span that names one of the page's drugs is still
        # that drug; any other unsure guess is dropped.
        confident = item.get("confidence_entity", 1.0) >= MIN_ENTITY_CONFIDENCE
        if not confident and not (entity == "drug" and resolve_drug(value) is not None):
            continue
        name = " ".join(value.split())
        if _PLAIN_NAME.fullmatch(name):
            start, end = item.get("start"), item.get("end")
            spanned = isinstance(start, int) and isinstance(end, int)
            found.append(Mention(entity, name, start if spanned else -1, end if spanned else -1))
    return tuple(found)


def _entity_values(mentions: Tuple[Mention, ...], entity: str, parts: Tuple[Part, ...] = ()) -> Tuple[str, ...]:
    """The values of one entity, in order: those named in the message's
    questions when there are any there: "i was on gleevec before, what is
    votrient for?" asks about votrient. A question that names none of the
    page's drugs is about the story's."""
    values = [(m.value, m.start < 0 or asked(parts, m.start, m.end)) for m in mentions if m.entity == entity]
    asked_names = tuple(name for name, in_question in values if in_question)
    if entity == "drug" and not any(resolve_drug(name) for name in asked_names):
        # "my oncologist wants me on votrient ... will i feel as awful as on
        # the doxo?": another medicine in the question, the page's drug in the story.
        asked_names += tuple(name for name, in_question in values if not in_question and resolve_drug(name))
    return asked_names or tuple(name for name, _ in values)


def _parse_list(tracker: Tracker, key: str) -> List[Dict[str, Any]]:
    found = tracker.latest_message.get(key)
    return [item for item in found if isinstance(item, dict)] if isinstance(found, list) else []


def _parts(tracker: Tracker) -> Tuple[Part, ...]:
    """The question finder's parts (components/question_finder.py)."""
    return tuple(Part.from_parse_data(p) for p in _parse_list(tracker, PARTS_KEY)
                 if isinstance(p.get("start"), int) and isinstance(p.get("end"), int))


def _found(tracker: Tracker, key: str) -> Tuple[Found, ...]:
    """What a vocabulary tagger found (components/vocabulary_tagger.py)."""
    return tuple(Found.from_parse_data(f) for f in _parse_list(tracker, key) if f.get("value"))


def message_from(tracker: Tracker) -> Message:
    """The NLU reading of the latest message, with unsure entity guesses dropped."""
    parts = _parts(tracker)
    mentions = _mentions(tracker)
    return Message(
        intent=_latest_intent(tracker),
        text=tracker.latest_message.get("text") or "",
        drug_values=_entity_values(mentions, "drug", parts),
        class_values=_entity_values(mentions, "drug_class", parts),
        side_effect_values=_entity_values(mentions, "side_effect", parts),
        ranking=tuple(
            item.get("name") for item in tracker.latest_message.get("intent_ranking") or [] if item.get("name")
        ),
        gaps=_found(tracker, GAPS_KEY),
        parts=parts,
        descriptions=_found(tracker, DESCRIPTIONS_KEY),
        beliefs=_found(tracker, BELIEFS_KEY),
        named_twice=_named_twice(tracker),
        decisions=_found(tracker, DECISIONS_KEY),
        mentions=mentions,
        feelings=_found(tracker, FEELINGS_KEY),
    )


def _named_twice(tracker: Tracker) -> Tuple[str, ...]:
    """Drugs the message names by two different names ("is gleevec the same
    as imatinib?"): the NLU gave both entities the same key."""
    names: Dict[str, set] = {}
    for item in tracker.latest_message.get("entities") or []:
        key, value = item.get("key"), item.get("value")
        if item.get("entity") == "drug" and isinstance(key, str) and isinstance(value, str):
            names.setdefault(key, set()).add(" ".join(value.lower().split()))
    return tuple(key for key, found in names.items() if len(found) > 1)


def asked_from(tracker: Tracker, message: Optional[Message] = None) -> Asked:
    """What a referred question is written from: the message, where it
    names the page's drugs, and its `care_list` phrases."""
    mentions = tuple(
        DrugMention(item["key"], item["start"], item["end"])
        for item in tracker.latest_message.get("entities") or []
        if item.get("entity") == "drug" and isinstance(item.get("key"), str)
        and isinstance(item.get("start"), int) and isinstance(item.get("end"), int)
    )
    return Asked(message or message_from(tracker), mentions, _found(tracker, CARE_LIST_KEY))


def context_from(tracker: Tracker) -> Context:
    def keys(slot: str) -> Tuple[str, ...]:
        value = tracker.get_slot(slot)
        return tuple(value) if isinstance(value, list) else ()

    return Context(
        drug=tracker.get_slot(DRUG_SLOT),
        group=keys(GROUP_SLOT),
        listed=keys(LISTED_SLOT),
        topic=tracker.get_slot(TOPIC_SLOT),
        sections=keys(SECTIONS_SLOT),
    )


def answer_latest(tracker: Tracker, understood: Optional[Understood] = None,
                  message: Optional[Message] = None) -> Optional[Outcome]:
    """The answer to every question in the latest message, keeping what was
    discussed in slots; None when it asks no question the assistant knows.
    ``message``: the latest message as already read (``message_from``)."""
    context = context_from(tracker)
    message = message or message_from(tracker)
    understood = understood or understand(message, context)
    if not understood.questions:
        return None
    result: Answer = answer(understood, context)
    return Outcome(
        result.replies + _the_list_when_asked(tracker, understood),
        (
            SlotSet(DRUG_SLOT, result.drug),
            SlotSet(GROUP_SLOT, list(result.group) or None),
            SlotSet(LISTED_SLOT, list(result.listed) or None),
            SlotSet(TOPIC_SLOT, result.topic.value if result.topic else context.topic),
            SlotSet(ANSWERED_SLOT, result.record),
            SlotSet(SECTIONS_SLOT, list(result.sections) or None),
        ),
        care_questions.referred(understood, asked_from(tracker, message)),
    )


def _the_list_when_asked(tracker: Tracker, understood: Understood) -> Tuple[Reply, ...]:
    """"What should I ask my doctor?": after the page's own suggestions,
    the patient's list, when it holds anything."""
    questions = care_list_from(tracker)
    asks_for_it = any(getattr(question, "topic", None) == Topic.QUESTIONS_FOR_TEAM for question in understood.questions)
    return (care_wording.care_list(questions),) if asks_for_it and questions else ()


def _not_understood_record() -> EventType:
    return SlotSet(ANSWERED_SLOT, {"questions": [], "not_understood": True})


class ActionAnswerQuestion(ReplyAction):
    """Answers every factual question."""

    def name(self) -> Text:
        return "action_answer_question"

    def respond(self, tracker: Tracker) -> Outcome:
        return answer_latest(tracker) or Outcome((wording.not_understood(),), (_not_understood_record(),))


CONVERSATION_REPLIES: Dict[str, Callable[[], Reply]] = {
    intents.GREET: wording.greet,
    intents.GOODBYE: wording.goodbye,
    intents.THANK: wording.thank,
    intents.BOT_CHALLENGE: wording.bot_challenge,
    intents.ASK_CAPABILITIES: wording.capabilities,
    intents.ASK_HELPLINE: wording.helpline,
    intents.SHARE_FEELINGS: wording.feelings_heard,
    intents.OUT_OF_SCOPE: wording.out_of_scope,
}


class ActionConverse(ReplyAction):
    """Greetings, thanks, goodbyes, 'are you a bot?', help, the helpline,
    feelings and out-of-scope; feelings are acknowledged before any reply."""

    def name(self) -> Text:
        return "action_converse"

    def respond(self, tracker: Tracker) -> Outcome:
        intent = _latest_intent(tracker) or ""
        if intent in (intents.SHARE_FEELINGS, intents.OUT_OF_SCOPE):
            # Feelings first, and often a question after them; or a question
            # the classifier took for off-topic whose words are on the page's
            # subject (a condition, a topic the page doesn't cover).
            message = message_from(tracker)
            understood = understand(message, context_from(tracker))
            if intent == intents.SHARE_FEELINGS:
                # However it is put ("i feel so awful on votrient"), the
                # feeling is acknowledged before the answer.
                understood = replace(understood, feelings=True)
            answered = answer_latest(tracker, understood, message)
            if answered is not None:
                return answered
        reply = CONVERSATION_REPLIES.get(intent, wording.not_understood)()
        feelings = bool(message_from(tracker).feelings) and intent != intents.SHARE_FEELINGS
        return Outcome((wording.acknowledgement(), reply) if feelings else (reply,))


class ActionSafetyReply(ReplyAction):
    """Emergencies, crises, personal medical decisions and messages not in
    English: refer, never advise."""

    def name(self) -> Text:
        return "action_safety_reply"

    def respond(self, tracker: Tracker) -> Outcome:
        intent = _latest_intent(tracker)
        if intent != intents.PERSONAL_ADVICE:
            # Emergencies and crises: nothing is kept for the list.
            return Outcome((safety_wording.safety_reply(intent, safety_notes(tracker)),))
        message = message_from(tracker)
        decided_for = self._decided_for(tracker, message)
        # "should i stop votrient?" is about votrient, whatever was discussed
        # before; the referral comes with the page's facts the decision is
        # made around, and with what else the message asks.
        understood = decision_asked(message, decided_for, context_from(tracker))
        return answer_latest(tracker, understood, message) or Outcome(
            (safety_wording.personal_advice(None),))

    @staticmethod
    def _decided_for(tracker: Tracker, message: Message) -> Tuple[Drug, ...]:
        """The drugs the decision is about: those named, else the one in context."""
        named, _ = drugs_named(message.drug_values, message.text)
        in_context = drug_by_key(tracker.get_slot(DRUG_SLOT))
        return named or ((in_context,) if in_context else ())


class ActionNotUnderstood(ReplyAction):
    """Low NLU or dialogue confidence: answer only what the message's own
    words bear out, and otherwise say so honestly instead of guessing."""

    def name(self) -> Text:
        return "action_not_understood"

    def respond(self, tracker: Tracker) -> Outcome:
        # An unsure classification is still answered when the message's own
        # words bear out a question (assistant.understanding.question_intent).
        answered = answer_latest(tracker)
        if answered is not None:
            return answered
        if bool(message_from(tracker).feelings):
            return Outcome((wording.feelings_heard(),))
        return Outcome((wording.not_understood(),), (_not_understood_record(),))


class ActionSessionStart(ReplyAction):
    """Welcomes every new conversation with the full disclaimer."""

    # Runs before the user's message is logged.
    answers_latest_message = False

    def name(self) -> Text:
        return "action_session_start"

    def respond(self, tracker: Tracker) -> Outcome:
        carried = tuple(
            SlotSet(name, value)
            for name, value in tracker.slots.items()
            if name in CARRIED_SLOTS and value is not None
        )
        return Outcome(
            (wording.welcome(),),
            (SessionStarted(), *carried, ActionExecuted("action_listen")),
        )


class ActionCareList(ReplyAction):
    """The patient's list of questions for the care team: shows it, adds
    to it, removes one, clears it (assistant/care_questions.py)."""

    def name(self) -> Text:
        return "action_care_list"

    def respond(self, tracker: Tracker) -> Outcome:
        questions = care_list_from(tracker)
        intent = _latest_intent(tracker)
        said = asked_from(tracker)
        if said.mentions and intent != intents.ADD_CARE_QUESTION:
            # "...how many times a day is he supposed to take pazopanib, i
            # forgot what the nurse said" asks about the drug, not for the list.
            answered = answer_latest(tracker)
            if answered is not None:
                return answered
        if intent == intents.CLEAR_CARE_QUESTIONS:
            return Outcome((care_wording.cleared(),), care_list_events(()))
        if intent == intents.ADD_CARE_QUESTION:
            return self._add(said, questions)
        if intent == intents.REMOVE_CARE_QUESTION:
            return self._remove(said, questions)
        return Outcome((care_wording.care_list(questions),))

    @staticmethod
    def _add(asked: Asked, questions: Tuple[CareQuestion, ...]) -> Outcome:
        new = care_questions.added(asked)
        if new is None:
            return Outcome((care_wording.not_added(),))
        after = care_questions.kept(questions, (new,))
        if after == questions and len(questions) >= care_questions.MAX_QUESTIONS:
            return Outcome((care_wording.list_full(care_questions.MAX_QUESTIONS),))
        return Outcome((care_wording.added(new, after),), care_list_events(after))

    @staticmethod
    def _remove(asked: Asked, questions: Tuple[CareQuestion, ...]) -> Outcome:
        number = care_questions.item_number(asked, len(questions))
        if number is None:
            return Outcome((care_wording.which_to_remove(len(questions)),))
        if not 1 <= number <= len(questions):
            return Outcome((care_wording.no_such_question(number, len(questions)),))
        after = questions[:number - 1] + questions[number:]
        return Outcome((care_wording.removed(questions[number - 1], after),), care_list_events(after))
