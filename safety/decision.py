"""How the safety layers combine: the one place that decides.

Each sentence (and clause) of a message is read on its own
(``read_sentence``): the precise patterns, with look-alikes blanked; the
classifier's scores; and the evidence it contains (``safety.evidence``).
Then, first match wins:

1. a crisis in some sentence: a precise pattern, or the classifier above
   its threshold in a sentence with crisis evidence words (a sentence
   without them never routes, however it scores). Warning signs that take
   two parts of a message ("giving my things away", affairs in order with a
   time) count too;
2. an emergency in some sentence: a precise wording or the classifier, in
   the same way, for a red flag happening now (not negated, asked about or
   long past). The evidence words are English: another language keeps the
   one threshold it had before;
3. a message not in English: the other-language reply (with the numbers);
4. a missed or vomited dose, or an amount of medicine ("400mg"): the
   referral to the healthcare team and pharmacist, whatever the intent
   classifier read; a message the classifier gave up on that plainly asks a
   personal decision: the same;
5. otherwise the intent classifier's reading stands, except that it alone
   never routes to a crisis or an emergency: its next reading is used.

Possible but unclear risk (hopelessness or exhaustion in so many words; a
sentence with crisis evidence words and a crisis score under the threshold,
or a concern score; a high crisis or concern score without evidence words;
the intent classifier's lone crisis reading) keeps the answer and adds the
gentle 988 line.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional, Sequence

from assistant.intents import CRISIS, EMERGENCY, NLU_FALLBACK, OTHER_LANGUAGE, PERSONAL_ADVICE
from safety import evidence, patterns
from safety.classifier import Scores

# Two words are too little for the classifier ("and keytruda?"): such
# sentences rest on the patterns.
MIN_WORDS_FOR_CLASSIFIER = 3
NO_SCORES = Scores(0.0, 0.0, 0.0)
# Decision.intent for "the intent classifier's best reading that is not a
# crisis or an emergency"; the gate looks it up in the intent ranking.
NEXT_READING = "next_reading"
# Decision.intent for "personal_advice without a decision asked": the gate
# hands the message to question understanding as unsure (nlu_fallback), with
# the classifier's other readings, so its own words decide what it asks.
NO_DECISION_ASKED = "no_decision_asked"


@dataclass(frozen=True)
class Thresholds:
    """Chosen on the development split of tests/heldout/safety
    (``scripts/tune_safety.py``, docs/results.md)."""

    crisis: float = 0.25
    emergency: float = 0.25
    # With crisis evidence, above this but under ``crisis``: answer, and add
    # the check-in line; likewise the classifier's ``concern`` with evidence.
    check_in_crisis: float = 0.1
    concern: float = 0.3
    # A sentence with no evidence words never routes; scored this high for a
    # crisis or for concern, it adds the check-in line to the answer.
    check_in_without_evidence: float = 0.85
    # The evidence words are English; another language keeps the thresholds
    # it had before evidence was asked for.
    other_language: float = 0.4


@dataclass(frozen=True)
class SentenceReading:
    """What the safety layers see in one sentence."""

    text: str
    scores: Scores
    crisis_pattern: Optional[str] = None  # its reason: lethal_amount or pattern
    emergency_pattern: bool = False  # a precise wording, happening now
    crisis_evidence: bool = False
    concern_evidence: bool = False
    emergency_evidence: bool = False  # a red flag happening now


def read_sentence(text: str, score: Callable[[str], Scores], finder: Optional[evidence.EvidenceFinder] = None) -> SentenceReading:
    words = (finder or evidence.finder()).read(text)
    # The classifier reads the sentence with look-alikes blanked, as it learnt.
    scores = score(words.blank_look_alikes()) if len(text.split()) >= MIN_WORDS_FOR_CLASSIFIER else NO_SCORES
    return SentenceReading(
        text=text,
        scores=scores,
        crisis_pattern=patterns.crisis_match(words.blank_look_alikes(evidence.CRISIS)),
        emergency_pattern=any(words.happening_now(at)
                              for at in patterns.emergency_matches(words.blank_look_alikes(evidence.EMERGENCY))),
        crisis_evidence=words.has(evidence.CRISIS),
        concern_evidence=words.has(evidence.CONCERN),
        emergency_evidence=words.has(evidence.EMERGENCY),
    )


@dataclass(frozen=True)
class Decision:
    # The intent to force, or None to keep the intent classifier's.
    intent: Optional[str]
    reason: str = ""
    check_in: bool = False
    language: Optional[str] = None

    def as_parse_data(self) -> dict:
        return {"reason": self.reason, "check_in": self.check_in, "language": self.language}


def _needed(evidence_seen: bool, threshold: float, thresholds: Thresholds, english: bool) -> Optional[float]:
    """The score a sentence needs to route: its tier's threshold when it has
    evidence words, none (it never routes) when it has not; the evidence
    words are English, so another language keeps its one threshold."""
    if not english:
        return thresholds.other_language
    return threshold if evidence_seen else None


def _crisis(sentence: SentenceReading, thresholds: Thresholds, english: bool) -> Optional[str]:
    if sentence.crisis_pattern:
        return sentence.crisis_pattern
    needed = _needed(sentence.crisis_evidence, thresholds.crisis, thresholds, english)
    crisis, emergency = sentence.scores.crisis, sentence.scores.emergency
    return "classifier" if needed is not None and crisis >= needed and crisis >= emergency else None


def _emergency(sentence: SentenceReading, thresholds: Thresholds, english: bool) -> Optional[str]:
    if sentence.emergency_pattern:
        return patterns.PATTERN
    needed = _needed(sentence.emergency_evidence, thresholds.emergency, thresholds, english)
    return "classifier" if needed is not None and sentence.scores.emergency >= needed else None


def _unclear_risk(sentence: SentenceReading, thresholds: Thresholds) -> bool:
    scores = sentence.scores
    return (
        sentence.concern_evidence
        or (sentence.crisis_evidence and (scores.crisis >= thresholds.check_in_crisis
                                          or scores.concern >= thresholds.concern))
        or max(scores.crisis, scores.concern) >= thresholds.check_in_without_evidence
    )


def decide(
    text: str,
    sentences: Sequence[SentenceReading],
    classified_intent: Optional[str],
    language: Optional[str],
    thresholds: Thresholds = Thresholds(),
    decision_asked: bool = True,
) -> Decision:
    """``decision_asked`` is False when the NLU found no words of a personal
    decision in the message (``vocabulary/decisions.yml``): the classifier's
    personal_advice then gives way to its next reading."""
    whole = patterns.message_match(text)
    if whole is not None:
        return Decision(whole[0], whole[1], language=language)
    for tier, test in ((CRISIS, _crisis), (EMERGENCY, _emergency)):
        reasons = [r for r in (test(s, thresholds, language is None) for s in sentences) if r]
        if reasons:
            # A lethal-amount question shapes the crisis reply (no amounts).
            reason = patterns.LETHAL if patterns.LETHAL in reasons else reasons[0]
            return Decision(tier, reason, language=language)
    if language is not None:
        return Decision(OTHER_LANGUAGE, "language", language=language)
    check_in = classified_intent == CRISIS or any(_unclear_risk(s, thresholds) for s in sentences)
    if patterns.MISSED_DOSE.search(text) or patterns.VOMITED_DOSE.search(text) or patterns.DOSE_AMOUNT.search(text):
        return Decision(PERSONAL_ADVICE, "personal_decision", check_in)
    if classified_intent == NLU_FALLBACK and patterns.PERSONAL_DECISION.search(text):
        return Decision(PERSONAL_ADVICE, "personal_decision", check_in)
    if classified_intent == PERSONAL_ADVICE and not decision_asked:
        # "should i tell my boss?" reads like a decision and asks none.
        return Decision(NO_DECISION_ASKED, "no_decision_asked", check_in)
    if classified_intent in (CRISIS, EMERGENCY):
        # The intent classifier alone read a crisis or an emergency, and no
        # sentence bears it out: its next reading stands.
        return Decision(NEXT_READING, "intent_classifier_overruled", check_in)
    if classified_intent == OTHER_LANGUAGE:
        # Only the language detector decides that; the classifier's guess
        # for an English message falls back to "not sure I understood".
        return Decision(NLU_FALLBACK, "not_other_language", check_in)
    return Decision(None, "", check_in)

