"""One message, read once: what the NLU found plus what the words say.

A ``Reading`` gathers everything question understanding needs about a
message (the drugs and classes named, feelings, the topics' own words, the
conversation context), so the functions that build questions take one value
instead of six.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property
from typing import Optional, Tuple

from assistant.facts import Drug, DrugClass
from assistant.not_covered import GAPS_BY_KEY
from assistant.questions import ConditionMention
from assistant.topics import Topic
from assistant.understanding import cues
from assistant.understanding.conditions import find_conditions
from assistant.understanding.mentions import Context, asks_which, classes_named, drugs_named, referred_drugs


@dataclass(frozen=True)
class Message:
    """The NLU reading of one message."""

    intent: Optional[str]
    text: str = ""
    drug_values: Tuple[str, ...] = ()
    class_values: Tuple[str, ...] = ()
    side_effect_values: Tuple[str, ...] = ()
    # Every intent the classifier considered, best first (``intent_ranking``).
    ranking: Tuple[str, ...] = ()
    # The uncovered topics the NLU found (``vocabulary/gaps.yml``), as
    # (gap key, the words that name it), in the message's order.
    gap_spans: Tuple[Tuple[str, str], ...] = ()

    @property
    def gap_values(self) -> Tuple[str, ...]:
        """Each gap key once, in the order the page's gap list gives them."""
        found = {key for key, _ in self.gap_spans}
        return tuple(key for key in GAPS_BY_KEY if key in found)

    @property
    def gap_words(self) -> Tuple[str, ...]:
        return tuple(words.lower() for _, words in self.gap_spans)


@dataclass(frozen=True)
class Reading:
    message: Message
    context: Context

    @property
    def text(self) -> str:
        return self.message.text

    @cached_property
    def _drugs(self) -> Tuple[Tuple[Drug, ...], Tuple[str, ...]]:
        return drugs_named(self.message.drug_values, self.text)

    @property
    def named(self) -> Tuple[Drug, ...]:
        """The page's drugs the message names, in order."""
        return self._drugs[0]

    @property
    def unknown(self) -> Tuple[str, ...]:
        """Other drug names the tagger found."""
        return self._drugs[1]

    @cached_property
    def classes(self) -> Tuple[DrugClass, ...]:
        return classes_named(self.message.class_values, self.text)

    @cached_property
    def referred(self) -> Optional[Tuple[Drug, ...]]:
        """What "they", "the other one" or "the second one" refer to."""
        return referred_drugs(self.text, self.context)

    @cached_property
    def conditions(self) -> Tuple[ConditionMention, ...]:
        return find_conditions(self.text)

    @property
    def has_subject(self) -> bool:
        """Whether the message says which drugs it is about, one way or another."""
        return bool(self.named or self.classes or self.referred or asks_which(self.text))

    @property
    def side_effect(self) -> Optional[str]:
        values = self.message.side_effect_values
        if values:
            return values[0]
        return cues.symptom_after_drug(self.text, self.named, self.message.gap_words)

    def gaps(self, topic: Optional[Topic] = None) -> Tuple[str, ...]:
        """The uncovered topics asked, without those that are part of the
        covered topic asked ("milder than chemo?" is the page's comparison)."""
        part_of_topic = cues.GAPS_PART_OF_TOPIC.get(topic, ()) if topic else ()
        return tuple(g for g in self.message.gap_values if g not in part_of_topic)

    def topics_asked(self) -> Tuple[Topic, ...]:
        """Drug topics whose own words are in the message (not the overview,
        whose words, "what is", are in almost every question)."""
        return tuple(t for t in cues.TOPIC_CUES if t != Topic.DRUG_OVERVIEW and cues.asks_topic(t, self.text))

    def with_intent(self, intent: Optional[str]) -> "Reading":
        return replace(self, message=replace(self.message, intent=intent))
