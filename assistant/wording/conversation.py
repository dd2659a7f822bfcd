"""Wording for conversation that states no medical fact: welcome, small talk,
feelings, the helpline, and "not sure I understood"."""

from __future__ import annotations

from assistant.facts import SAFETY, SOURCE
from assistant.reply import Reply
from assistant.wording.common import CAN_HELP_WITH, HELPLINE, STARTER_BUTTONS, bullets
from assistant.wording.therapy import full_disclaimer

TALK_TO_SOMEONE = (
    f"If you'd like to talk it through with a person, you can call the Canadian Cancer Society's "
    f"helpline at {SOURCE.helpline}."
)


def welcome() -> Reply:
    return Reply.conversational(
        "Hello, I can tell you about targeted therapy for soft tissue sarcoma.\n"
        f"I use just one trusted source. It's the {SOURCE.publisher} ({SOURCE.website}).\n"
        "If my source doesn't cover something, I'll say so.\n"
        "I can't give you personal medical advice.\n"
        + full_disclaimer().text,
        STARTER_BUTTONS,
    )


def greet() -> Reply:
    return Reply.conversational("Hello! What would you like to know about targeted therapy?", STARTER_BUTTONS)


def goodbye() -> Reply:
    return Reply.conversational(
        f"Take care. If questions come up later, your healthcare team is the best place to start. {HELPLINE}"
    )


def thank() -> Reply:
    return Reply.conversational("You're welcome. Is there anything else you'd like to know?")


def bot_challenge() -> Reply:
    return Reply.conversational(
        "I'm an automated assistant. I'm not a person, and I'm not a doctor. I share general "
        f"information from the {SOURCE.publisher}. For advice about your own care, please "
        f"talk to your healthcare team. {HELPLINE}"
    )


def capabilities() -> Reply:
    return Reply.conversational(
        f"I can tell you what my source says about:\n{bullets(CAN_HELP_WITH)}\n"
        "I can't give personal medical advice.",
        STARTER_BUTTONS,
    )


def acknowledgement() -> Reply:
    """Said before any answer to someone who is frightened or overwhelmed."""
    return Reply.conversational(
        f"I'm sorry you're going through this. It's natural to feel scared or overwhelmed. "
        f"{TALK_TO_SOMEONE}"
    )


def feelings_heard() -> Reply:
    return Reply.conversational(
        "I'm sorry, that sounds really hard. You don't have to carry it alone. "
        f"{TALK_TO_SOMEONE} Your healthcare team is there for you too. "
        "When you're ready, I can explain what my source says about targeted therapy.",
        STARTER_BUTTONS,
    )


def helpline() -> Reply:
    return Reply.conversational(
        f"You can call the Canadian Cancer Society's helpline at {SOURCE.helpline}. There you can talk "
        "to a person about cancer and its treatment. For questions about your own care, your healthcare "
        f"team is the best place to start. In an emergency, call {SAFETY.emergency}."
    )


def out_of_scope() -> Reply:
    return Reply.conversational(
        "Sorry, I don't have information on that. I only answer from one page about "
        "targeted therapy for soft tissue sarcoma. I'm not a doctor, so I can't advise "
        f"on anyone's own treatment. I can help with:\n{bullets(CAN_HELP_WITH)}\n"
        f"For anything else, your healthcare team can help. {HELPLINE}",
        STARTER_BUTTONS,
    )


def not_understood() -> Reply:
    return Reply.conversational(
        "Sorry, I'm not sure I understood. Could you say it another way? I can help with:\n"
        f"{bullets(CAN_HELP_WITH)}",
        STARTER_BUTTONS,
    )
