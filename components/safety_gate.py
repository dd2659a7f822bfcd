"""An NLU component that makes emergencies and crises win over any other reading.

The intent classifier may read "does votrient cause chest pain, i have it now" as a side-effect
question, or give a crisis message low confidence. This gate runs last in the
NLU pipeline (after the FallbackClassifier) and, when a message matches a
safety pattern, sets the intent to `crisis` or `emergency` with full
confidence, so the dialogue policy always sends the safety reply. A missed or
forgotten dose, and any message the classifier gave up on that asks about
one's own dose or treatment, becomes `personal_advice`, so the user is
referred to the healthcare team.
"""

from __future__ import annotations

import re
from typing import Dict, List, Optional, Pattern

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from components.stateless import StatelessComponent

# Checked in this order: a message about both self-harm and an overdose
# gets the crisis reply, which also starts with emergency services.
SAFETY_PATTERNS: Dict[str, Pattern[str]] = {
    "crisis": re.compile(
        r"suicid|kill(ing)? my ?self|end(ing)? (my|it) (own )?(life|all)|end it all"
        r"|take my (own )?life|(wants?|wanting|wanna|going) to die|(take|swallow) all (of )?my \w+( \w+)? (at once|and be done)|don'?t want to (live|be alive|be here|wake up)"
        r"|self[- ]?harm|(hurt|hurting|harm|harming|cut|cutting) my ?self|no reason to (live|go on)"
        r"|better off (dead|without me)|can'?t go on( living)?\b|(nobody|no one|no-one) would (miss|care)"
        r"|if i (was|were) gone|(all|everything) to (stop|end) for good|not waking up",
        re.IGNORECASE,
    ),
    "emergency": re.compile(
        r"chest pains?|pain in (my|his|her|their) chest|chest (is )?(tight|hurts|hurting)"
        r"|can'?t breathe?|cannot breathe|can not breathe|(trouble|difficulty|struggling) (to )?breath"
        r"|short(ness)? of breath|not breathing|stopped breathing"
        r"|overdos|(took|taken|swallowed|ate) (way )?(too many|too much|a double|double|the whole|all (of )?(my|the|his|her))"
        r"|swallowed (a (bunch|handful)|some of (my|the|his|her)|\d+)"
        r"|(took|taken|swallowed)\b.{0,40}\b(by (mistake|accident))|accidentally (took|taken|swallowed)"
        r"|(took|taken|swallowed) (\d+|ten|several|a lot) (of )?(my |his |her )?(\w+ )?(pills|tablets|capsules)"
        r"|unconscious|unresponsive|passed out|fainted|collaps|won'?t wake up|seizure|convuls"
        r"|(vomiting|coughing|throwing up|puking) (up )?blood|bleeding (heavily|a lot|won'?t stop|that won'?t stop)"
        r"|heavy bleeding|heart attack|\bstroke\b|throat (is )?(closing|swelling)|swollen (throat|tongue)",
        re.IGNORECASE,
    ),
}


# Always, whatever the classifier read: a missed or forgotten dose is a
# decision for the person's own treatment team (the source page says nothing
# about it), even when the words look like a general dose question.
MISSED_DOSE = re.compile(
    r"\b(miss|missed|missing|forgot|forget|forgotten|skip|skipped|skipping)\b.{0,40}"
    r"\b(dose|doses|pill|pills|tablet|tablets|capsule|capsules)\b",
    re.IGNORECASE,
)

# Only when the classifier gave up (nlu_fallback): a message that plainly asks
# for a decision about one's own treatment gets the referral, not "sorry, I
# didn't understand".
PERSONAL_DECISION = re.compile(
    r"\bdoses?\b|dosage|\bmg\b|how (much|many)\b.*\b(take|have|get|be on|need)\b|double up"
    r"|\b(missed|forgot|skipped)\b|\blate\b|\b(stop|stopping|quit|quitting|come off|coming off)\b|\bcut\b.*\b(half|dose)\b"
    r"|\bswitch\b|break from|right for me|(good|better|best) (for|option for|choice for) me"
    r"|should i (take|have|stop|start|keep|go)|my (chances|odds)|pregnan|breast ?feed",
    re.IGNORECASE,
)


def safety_intent(text: Optional[str]) -> Optional[str]:
    """`crisis`, `emergency`, or None for an ordinary message."""
    if not text:
        return None
    for intent, pattern in SAFETY_PATTERNS.items():
        if pattern.search(text):
            return intent
    return None


def _gave_up(message: Message) -> bool:
    return (message.get(INTENT) or {}).get("name") == "nlu_fallback"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class SafetyGate(StatelessComponent):
    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            intent = safety_intent(text)
            if intent is None and (
                MISSED_DOSE.search(text) or (_gave_up(message) and PERSONAL_DECISION.search(text))
            ):
                intent = "personal_advice"
            if intent is None:
                continue
            forced = {"name": intent, "confidence": 1.0}
            others = [i for i in message.get(INTENT_RANKING_KEY) or [] if i.get("name") != intent]
            message.set(INTENT, forced, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [forced, *others], add_to_output=True)
        return messages
