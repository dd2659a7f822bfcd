"""How the safety layers combine: the one place that decides.

In order, first match wins:
1. a question about a lethal amount: crisis (never a dose answer);
2. a precise pattern: crisis or emergency;
3. the classifier, above its thresholds: crisis or emergency;
4. a message not in English: the other-language reply (with the numbers);
5. a missed dose, or an amount of medicine ("400mg"): the referral to the
   healthcare team, whatever the intent classifier read; a message the
   classifier gave up on that plainly asks a personal decision: the same;
6. otherwise the intent classifier's reading stands.
Possible but unclear risk (a concern pattern, the classifier's ``concern``,
or a crisis score just under the threshold) adds a gentle 988 line to
whatever is answered.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from actions.intents import CRISIS, EMERGENCY, NLU_FALLBACK, OTHER_LANGUAGE, PERSONAL_ADVICE
from safety import patterns
from safety.classifier import Scores


MIN_WORDS_FOR_CLASSIFIER = 3


@dataclass(frozen=True)
class Thresholds:
    crisis: float = 0.4
    emergency: float = 0.4
    # Below the crisis threshold but above this, or concern above its own:
    # answer, and add the check-in line.
    check_in_crisis: float = 0.25
    concern: float = 0.3


@dataclass(frozen=True)
class Decision:
    # The intent to force, or None to keep the intent classifier's.
    intent: Optional[str]
    reason: str = ""
    check_in: bool = False
    language: Optional[str] = None

    def as_parse_data(self) -> dict:
        return {"reason": self.reason, "check_in": self.check_in, "language": self.language}


def decide(
    text: str,
    classified_intent: Optional[str],
    scores: Scores,
    language: Optional[str],
    thresholds: Thresholds = Thresholds(),
) -> Decision:
    found = patterns.match(text)
    if found is not None:
        tier, reason = found
        return Decision(tier, reason, language=language)
    if len(text.split()) < MIN_WORDS_FOR_CLASSIFIER:
        # Two words are too little evidence for the classifier ("and keytruda?"):
        # short messages rest on the patterns and the intent classifier.
        scores = Scores(0.0, 0.0, 0.0)
    if scores.crisis >= thresholds.crisis and scores.crisis >= scores.emergency:
        return Decision(CRISIS, "classifier", language=language)
    if scores.emergency >= thresholds.emergency:
        return Decision(EMERGENCY, "classifier", language=language)
    if language is not None:
        return Decision(OTHER_LANGUAGE, "language", language=language)
    check_in = (
        scores.crisis >= thresholds.check_in_crisis
        or scores.concern >= thresholds.concern
        or bool(patterns.CONCERN.search(text))
    )
    if patterns.MISSED_DOSE.search(text) or patterns.DOSE_AMOUNT.search(text):
        return Decision(PERSONAL_ADVICE, "personal_decision", check_in)
    if classified_intent == NLU_FALLBACK and patterns.PERSONAL_DECISION.search(text):
        return Decision(PERSONAL_ADVICE, "personal_decision", check_in)
    if classified_intent in (CRISIS, EMERGENCY):
        # The intent classifier alone read a crisis or emergency: keep it.
        return Decision(None, "intent_classifier")
    if classified_intent == OTHER_LANGUAGE:
        # Only the language detector decides that; the classifier's guess
        # for an English message falls back to "not sure I understood".
        return Decision(NLU_FALLBACK, "not_other_language", check_in)
    return Decision(None, "", check_in)
