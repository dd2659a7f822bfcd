"""What the assistant says when someone may be in danger, or writes in
another language: emergency, crisis, the check-in line, personal decisions
and the reply to messages not in English, in English and French.

These replies state no medical fact from the source page (the numbers come
from the project's safety rules, ``assistant.facts.SAFETY``), so they are
conversational replies, without the disclaimer. They need no lookup, so the
runtime sends them even when the action server is down.
"""

from __future__ import annotations

from typing import Any, Dict, Optional, Sequence, Tuple

from assistant.drug_names import drug_by_key
from assistant.facts import SAFETY, SOURCE, Drug
from assistant.intents import CRISIS, EMERGENCY, OTHER_LANGUAGE
from assistant.reply import Reply
from assistant.wording.common import HELPLINE, capitalised, sentence_list

CHECK_IN = f"If you're having thoughts of harming yourself, you can call or text {SAFETY.crisis_line} any time."

# --- English -------------------------------------------------------------------

_EMERGENCY_EN = (
    f"This sounds like it could be an emergency. Call {SAFETY.emergency} or your local emergency "
    "number now. Or go to the nearest emergency department. If someone has taken too much of a "
    "medicine, tell the emergency team which one and how much. I'm only an information assistant. "
    "I can't help in an emergency."
)
_CRISIS_OPENING_EN = "I'm really sorry you're going through this."
_CRISIS_EN = (
    f"{_CRISIS_OPENING_EN} You don't have to face it alone. "
    f"If you are in immediate danger, call {SAFETY.emergency} or your local emergency number now. "
    f"In Canada you can call or text {SAFETY.crisis_line}, the Suicide Crisis Helpline, any time of "
    "day or night. Please also reach out to someone you trust or your healthcare team."
)
_LETHAL_EN = (
    "I can't give information about amounts of a medicine that could cause harm. If someone has "
    f"already taken too much, call {SAFETY.emergency} now."
)
_ENGLISH_ONLY_EN = (
    f"I can only answer in English. To talk to someone, call the Canadian Cancer Society at "
    f"{SOURCE.helpline}. In an emergency, call {SAFETY.emergency}. If you are in crisis, call or "
    f"text {SAFETY.crisis_line}."
)

# --- French (Canadian usage: « texter », « l'urgence ») -------------------------

_EMERGENCY_FR = (
    f"Cela pourrait être une urgence. Appelez le {SAFETY.emergency} ou le numéro d'urgence de votre "
    "région maintenant, ou rendez-vous à l'urgence la plus proche. Si une personne a pris une trop "
    "grande quantité d'un médicament, dites à l'équipe d'urgence lequel et quelle quantité. Je suis un assistant "
    "d'information et je ne peux pas vous aider en cas d'urgence."
)
_CRISIS_OPENING_FR = "Merci de me l'avoir écrit."
_CRISIS_FR = (
    f"{_CRISIS_OPENING_FR} Ce que vous vivez semble très difficile, et vous n'avez pas à "
    "traverser cela sans aide. Si vous êtes en danger immédiat, appelez le "
    f"{SAFETY.emergency} ou le numéro d'urgence de votre région maintenant. Au Canada, vous pouvez "
    f"appeler ou texter le {SAFETY.crisis_line}, la Ligne d'aide en cas de crise de suicide, à toute "
    "heure du jour ou de la nuit. Parlez-en aussi à une personne de confiance ou à votre équipe soignante."
)
_LETHAL_FR = (
    "Je ne peux pas donner d'information sur les quantités d'un médicament qui pourraient être "
    f"dangereuses. Si une personne en a déjà trop pris, appelez le {SAFETY.emergency} maintenant."
)
_ENGLISH_ONLY_FR = (
    "Je réponds seulement en anglais (I answer in English). Pour parler à quelqu'un, "
    f"appelez la Société canadienne du cancer au {SOURCE.helpline}. En cas d'urgence, composez le "
    f"{SAFETY.emergency}. En situation de crise, appelez ou textez le {SAFETY.crisis_line}."
)

# --- Spanish: only the line that says so, before the English one --------------

_ENGLISH_ONLY_ES = (
    "Solo puedo responder en inglés. En una emergencia, llame al "
    f"{SAFETY.emergency}. Si está en crisis, llame o envíe un mensaje de texto al {SAFETY.crisis_line}."
)


def _in_language(english: str, french: str, language: Optional[str]) -> str:
    """The reply in French for French, in English otherwise; any language
    but English also gets the line saying we answer in English, with the numbers."""
    if language == "fr":
        return f"{french}\n{_ENGLISH_ONLY_FR}"
    if language:
        return f"{english}\n{english_only_text(language)}"
    return english


def english_only_text(language: Optional[str]) -> str:
    if language == "fr":
        return _ENGLISH_ONLY_FR
    if language == "es":
        return f"{_ENGLISH_ONLY_ES}\n{_ENGLISH_ONLY_EN}"
    return _ENGLISH_ONLY_EN


def emergency(language: Optional[str] = None) -> Reply:
    return Reply.conversational(_in_language(_EMERGENCY_EN, _EMERGENCY_FR, language))


def crisis(language: Optional[str] = None, lethal_amount: bool = False) -> Reply:
    english, french = _CRISIS_EN, _CRISIS_FR
    if lethal_amount:
        # Safe-messaging practice: no amounts, and help before anything else.
        english = _CRISIS_EN.replace(_CRISIS_OPENING_EN, f"{_CRISIS_OPENING_EN} {_LETHAL_EN}", 1)
        french = _CRISIS_FR.replace(_CRISIS_OPENING_FR, f"{_CRISIS_OPENING_FR} {_LETHAL_FR}", 1)
    return Reply.conversational(_in_language(english, french, language))


def other_language(language: Optional[str]) -> Reply:
    """Any message not in English that is not an emergency or a crisis."""
    if language == "fr":
        return Reply.conversational(
            "Je suis un assistant d'information sur la thérapie ciblée pour le sarcome des "
            f"tissus mous.\n{_ENGLISH_ONLY_FR}"
        )
    return Reply.conversational(english_only_text(language))


def check_in() -> Reply:
    """One gentle line after an answer, when a message hints at risk."""
    return Reply.conversational(CHECK_IN)


def follow_ups(notes: Dict[str, Any]) -> Tuple[Reply, ...]:
    """What goes after any answer, given the safety gate's notes: the
    check-in line when the message hinted at risk."""
    return (check_in(),) if notes.get("check_in") else ()


# What each kind of personal decision (vocabulary/decisions.yml) is about,
# with a drug and without one.
DECIDING: Dict[str, Tuple[str, str]] = {
    "dose": ("how much {drug} to take", "how much to take"),
    "missed": ("what to do about a missed or skipped dose of {drug}", "what to do about a missed or skipped dose"),
    "stopping": ("whether to stop {drug} or take a break from it", "whether to stop or take a break"),
    "starting": ("whether to start or keep taking {drug}", "whether to start or keep taking a drug"),
    "right_for_me": ("whether {drug} is right for you", "what is right for you"),
    "what_to_do": ("what to do in your own situation", "what to do in your own situation"),
    "pregnancy": ("pregnancy or breastfeeding while on {drug}", "pregnancy or breastfeeding during treatment"),
    "timing": ("what time of day to take {drug}", "what time of day to take it"),
}


# Decisions a more precise one asked beside them stands for.
_SUBSUMED: Dict[str, Tuple[str, ...]] = {
    "starting": ("dose", "missed", "stopping"),
    "what_to_do": tuple(kind for kind in DECIDING if kind != "what_to_do"),
}


def personal_advice(drug: Optional[Drug], decisions: Sequence[str] = ()) -> Reply:
    """The referral for a personal decision, naming the decisions asked
    ("whether to stop imatinib ...") when the NLU found which."""
    asked = [d for d in dict.fromkeys(decisions) if d in DECIDING]
    # "should i take two?" after a missed dose asks about the dose, not
    # whether to take the drug at all.
    asked = [d for d in asked if not (d in _SUBSUMED and set(_SUBSUMED[d]) & set(asked))]
    about = [DECIDING[d][0].format(drug=drug.generic) if drug else DECIDING[d][1] for d in asked]
    if not about:
        with_drug = f" with {drug.generic}" if drug else ""
        return Reply.conversational(
            f"I can't advise on decisions about your own treatment{with_drug}. That includes doses, a "
            "missed dose, stopping, pregnancy or whether a drug is right for you. Please ask "
            f"your healthcare team or pharmacist. They know your situation. {HELPLINE}"
        )
    one = len(about) == 1
    return Reply.conversational(
        f"{capitalised(sentence_list(about))} {'is a decision' if one else 'are decisions'} for your healthcare "
        f"team, so I can't advise on {'it' if one else 'them'}. Please ask them, or your pharmacist, before "
        f"you change anything. They know your situation. {HELPLINE}"
    )


def answer_unavailable() -> Reply:
    """Sent when an answer cannot be looked up (the action server failed)."""
    return Reply.conversational(
        "Sorry, I can't look that up right now. Please try again in a moment. If it's "
        f"urgent, call your healthcare team, or {SAFETY.emergency} in an emergency."
    )


def safety_reply(intent: Optional[str], notes: Dict[str, Any], drug: Optional[str] = None) -> Reply:
    """The reply to an emergency, a crisis, a personal decision or a message
    not in English, given what the safety gate noted (``assistant.intents.SAFETY_KEY``).
    Also sent by the runtime when the action server is down."""
    language = notes.get("language")
    if intent == EMERGENCY:
        return emergency(language)
    if intent == CRISIS:
        return crisis(language, lethal_amount=notes.get("reason") == "lethal_amount")
    if intent == OTHER_LANGUAGE:
        return other_language(language)
    return personal_advice(drug_by_key(drug))
