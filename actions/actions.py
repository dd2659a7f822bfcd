"""Thin Rasa custom actions.

Each action reads what it needs from the tracker, asks ``actions.answers`` or
``actions.wording`` for replies, and sends them through ``ReplyAction``, the
only code that talks to the dispatcher (so ``Reply.message()`` and with it
the disclaimer can't be bypassed).
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Optional, Sequence, Text, Tuple

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import safety_wording, wording
from actions.answers import Answer, Question, answer
from actions.intents import SAFETY_KEY
from actions.drug_names import drug_by_key, resolve_drug
from actions.reply import Reply
from actions.topics import FOLLOW_UP_INTENT, Topic, follow_up_topic, topic_for_intent

DRUG_SLOT = "drug"
TOPIC_SLOT = "topic"
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


def safety_notes(tracker: Tracker) -> Dict[str, Any]:
    """What the safety gate decided about the latest message (language,
    check-in); empty for messages it was not asked about."""
    notes = tracker.latest_message.get(SAFETY_KEY)
    return notes if isinstance(notes, dict) else {}


class ReplyAction(Action, ABC):
    """Sends an action's replies; subclasses only decide what they are.

    When the safety gate saw possible but unclear risk in the message, the
    answer is followed by the gentle 988 check-in line, whichever action
    answered.
    """

    # False for actions that do not answer the user's latest message.
    answers_latest_message = True

    @abstractmethod
    def respond(self, tracker: Tracker) -> Outcome:
        ...

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        outcome = self.respond(tracker)
        replies = outcome.replies
        if self.answers_latest_message:
            replies += safety_wording.follow_ups(safety_notes(tracker))
        for reply in replies:
            dispatcher.utter_message(**reply.message())
        return list(outcome.events)


def _latest_intent(tracker: Tracker) -> Optional[str]:
    return (tracker.latest_message.get("intent") or {}).get("name")


def _entity_values(tracker: Tracker, entity: str) -> Tuple[str, ...]:
    values = []
    for item in tracker.latest_message.get("entities") or []:
        value = item.get("value")
        if item.get("entity") != entity or not isinstance(value, str):
            continue
        # Entities from button payloads carry no confidence: they are certain.
        # A less confident span that names one of the page's drugs is still
        # that drug; any other unsure guess is dropped.
        confident = item.get("confidence_entity", 1.0) >= MIN_ENTITY_CONFIDENCE
        if not confident and not (entity == "drug" and resolve_drug(value) is not None):
            continue
        name = " ".join(value.split())
        if _PLAIN_NAME.fullmatch(name):
            values.append(name)
    return tuple(values)


def question_from(tracker: Tracker) -> Optional[Question]:
    intent = _latest_intent(tracker)
    names_a_drug = intent == FOLLOW_UP_INTENT
    if names_a_drug:
        topic: Optional[Topic] = follow_up_topic(tracker.get_slot(TOPIC_SLOT))
    else:
        topic = topic_for_intent(intent)
    if topic is None:
        return None
    return Question(
        topic=topic,
        text=tracker.latest_message.get("text") or "",
        drug_mentions=_entity_values(tracker, "drug"),
        class_mentions=_entity_values(tracker, "drug_class"),
        side_effect_mentions=_entity_values(tracker, "side_effect"),
        # "what about X?" is about X: if X was not recognised, the drug in
        # context is not the answer (that would describe the wrong drug).
        drug_in_context=None if names_a_drug else tracker.get_slot(DRUG_SLOT),
    )


class ActionAnswerQuestion(ReplyAction):
    """Answers every factual question, keeping drug and topic in slots."""

    def name(self) -> Text:
        return "action_answer_question"

    def respond(self, tracker: Tracker) -> Outcome:
        question = question_from(tracker)
        if question is None:
            return Outcome((wording.not_understood(),))
        result: Answer = answer(question)
        return Outcome(
            (result.reply,),
            (SlotSet(DRUG_SLOT, result.drug), SlotSet(TOPIC_SLOT, result.topic.value)),
        )


CONVERSATION_REPLIES: Dict[str, Callable[[], Reply]] = {
    "greet": wording.greet,
    "goodbye": wording.goodbye,
    "thank": wording.thank,
    "bot_challenge": wording.bot_challenge,
    "ask_capabilities": wording.capabilities,
    "out_of_scope": wording.out_of_scope,
}


class ActionConverse(ReplyAction):
    """Greetings, thanks, goodbyes, 'are you a bot?', help and out-of-scope."""

    def name(self) -> Text:
        return "action_converse"

    def respond(self, tracker: Tracker) -> Outcome:
        reply = CONVERSATION_REPLIES.get(_latest_intent(tracker) or "", wording.not_understood)
        return Outcome((reply(),))


class ActionSafetyReply(ReplyAction):
    """Emergencies, crises, personal medical decisions and messages not in
    English: refer, never advise."""

    def name(self) -> Text:
        return "action_safety_reply"

    def respond(self, tracker: Tracker) -> Outcome:
        reply = safety_wording.safety_reply(_latest_intent(tracker), safety_notes(tracker), tracker.get_slot(DRUG_SLOT))
        return Outcome((reply,))


class ActionNotUnderstood(ReplyAction):
    """Low NLU or dialogue confidence: say so honestly instead of guessing."""

    def name(self) -> Text:
        return "action_not_understood"

    def respond(self, tracker: Tracker) -> Outcome:
        return Outcome((wording.not_understood(),))


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
            if name in (DRUG_SLOT, TOPIC_SLOT) and value is not None
        )
        return Outcome(
            (wording.welcome(),),
            (SessionStarted(), *carried, ActionExecuted("action_listen")),
        )
