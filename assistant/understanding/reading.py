"""One message, read once: what the NLU found plus what the words say.

A ``Reading`` gathers everything question understanding needs about a
message (the drugs and classes named, feelings, the topics' own words, the
conversation context), so the functions that build questions take one value
instead of six.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any, Dict, List, Optional, Tuple

from assistant.facts import Drug, DrugClass
from assistant.facts_query import drugs_described
from assistant.not_covered import GAPS_BY_KEY
from assistant.questions import ConditionMention
from assistant.topics import Topic
from assistant.understanding import cues
from assistant.understanding.conditions import find_conditions
from assistant.understanding.mentions import Context, asks_which, classes_named, drugs_named, referred_drugs


@dataclass(frozen=True)
class Found:
    """A phrase of a vocabulary (``vocabulary/*.yml``) found in a message:
    the key it stands for ("food"), the words ("coffee") and their span.
    The NLU's vocabulary taggers write it into the parse data; the action
    server reads it back."""

    value: str
    text: str
    start: int = 0
    end: int = 0

    def as_parse_data(self) -> Dict[str, Any]:
        return {"value": self.value, "start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_parse_data(cls, data: Dict[str, Any]) -> "Found":
        return cls(str(data["value"]), str(data.get("text", "")), int(data.get("start", 0)), int(data.get("end", 0)))


@dataclass(frozen=True)
class Part:
    """A part of the message (``text.questions``): a question, or background."""

    start: int
    end: int
    text: str
    asks: bool

    def holds(self, start: int, end: int) -> bool:
        return self.start <= start and end <= self.end

    def as_parse_data(self) -> Dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "asks": self.asks}

    @classmethod
    def from_parse_data(cls, data: Dict[str, Any]) -> "Part":
        return cls(int(data["start"]), int(data["end"]), str(data.get("text", "")), bool(data.get("asks", True)))


def asked(parts: Tuple[Part, ...], start: int, end: int) -> bool:
    """Whether a span lies in a part that asks (every span does when the
    NLU marked no parts)."""
    return not parts or any(p.asks and p.holds(start, end) for p in parts)


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
    # The uncovered topics the NLU found (``vocabulary/gaps.yml``), in the
    # message's order.
    gaps: Tuple[Found, ...] = ()
    # Its questions and its background, in order (``text/questions.py``).
    parts: Tuple[Part, ...] = ()
    # Drugs described, not named (``vocabulary/descriptions.yml``).
    descriptions: Tuple[Found, ...] = ()
    # Wrong beliefs stated or half-asked (``vocabulary/beliefs.yml``).
    beliefs: Tuple[Found, ...] = ()
    # Keys of the drugs named by two of their names ("gleevec ... imatinib").
    named_twice: Tuple[str, ...] = ()
    # Personal decisions asked (``vocabulary/decisions.yml``).
    decisions: Tuple[Found, ...] = ()

    def questions_holding(self, found: Tuple[Found, ...]) -> Tuple[Part, ...]:
        """The asking parts that hold any of these phrases."""
        return tuple(p for p in self.parts if p.asks and any(p.holds(f.start, f.end) for f in found))

    def _not_a_belief(self, gap: Found) -> bool:
        """"entrectinib is a type of chemo?" states a belief; it doesn't ask
        about chemotherapy."""
        return not any(b.start < gap.end and gap.start < b.end for b in self.beliefs)

    @property
    def question_text(self) -> str:
        """What the message asks: its asking parts, without the background
        ("i had chemo last year" is never the question)."""
        if not self.parts or all(p.asks for p in self.parts):
            return self.text
        return " ".join(p.text for p in self.parts if p.asks)

    def _gap_keys(self, in_questions: bool) -> Tuple[str, ...]:
        """Each gap once, in the order the page's gap list gives them; a
        belief's words are never a gap."""
        found = {g.value for g in self.gaps
                 if self._not_a_belief(g) and (not in_questions or asked(self.parts, g.start, g.end))}
        return tuple(key for key in GAPS_BY_KEY if key in found)

    @property
    def gap_values(self) -> Tuple[str, ...]:
        """The gaps the message's questions ask about."""
        return self._gap_keys(in_questions=True)

    @property
    def background_gap_values(self) -> Tuple[str, ...]:
        """The gaps anywhere in the message, its background included."""
        return self._gap_keys(in_questions=False)

    @property
    def gap_words(self) -> Tuple[str, ...]:
        return tuple(g.text.lower() for g in self.gaps)


@dataclass(frozen=True)
class Reading:
    message: Message
    context: Context

    @property
    def text(self) -> str:
        """The words of the message's questions (the whole message when it
        is all question)."""
        return self.message.question_text

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
    def described(self) -> Tuple[Drug, ...]:
        """The drugs the message describes without naming them ("the KIT
        one", "my daily GIST pill"), from the facts; none when it names one."""
        if self.named:
            return ()
        return drugs_described(d.value for d in self.message.descriptions)

    @cached_property
    def classes(self) -> Tuple[DrugClass, ...]:
        return classes_named(self.message.class_values, self.text)

    @cached_property
    def referred(self) -> Optional[Tuple[Drug, ...]]:
        """What "they", "the other one" or "the second one" refer to."""
        # The whole message: "the last two, what class are they?"
        return referred_drugs(self.message.text, self.context)

    @cached_property
    def conditions(self) -> Tuple[ConditionMention, ...]:
        # The whole message: the background says what the person has ("my
        # dad has a gist they can't operate on, which drug is for that?").
        return find_conditions(self.message.text)

    @cached_property
    def conditions_asked(self) -> Tuple[ConditionMention, ...]:
        """Conditions in the questions themselves ("is it only for kids
        with leukemia?"), not in the story around them."""
        return find_conditions(self.text)

    @property
    def has_subject(self) -> bool:
        """Whether the message says which drugs it is about, one way or another."""
        return bool(self.named or self.classes or self.referred or self.described or asks_which(self.text))

    @property
    def side_effect(self) -> Optional[str]:
        # "lose my hair" is the hair-loss gap, not a symptom to look up.
        values = [v for v in self.message.side_effect_values if v.lower() not in self.message.gap_words]
        if values:
            return values[0]
        return self.symptom

    @property
    def symptom(self) -> Optional[str]:
        """The symptom word of a short message that is only a drug and a
        symptom ("gleevec itchy??"), read over the whole message."""
        return cues.symptom_after_drug(self.message.text, self.named, self.message.gap_words)

    def gaps(self, topic: Optional[Topic] = None) -> Tuple[str, ...]:
        """The uncovered topics asked, without those that are part of the
        covered topic asked ("milder than chemo?" is the page's comparison)."""
        # Without a main topic, only a comparison asked in its own words ("will
        # it make me sick like chemo did?") holds its gaps; "can chemo be
        # combined with it?" still names what the page doesn't say.
        topics = (topic,) if topic else tuple(t for t in self.topics_asked() if t == Topic.SIDE_EFFECT_COMPARISON)
        part_of_topic = {gap for t in topics for gap in cues.GAPS_PART_OF_TOPIC.get(t, ())}
        asked = self.message.gap_values
        if not asked and not any(t != Topic.DRUG_OVERVIEW for t in self.topics_asked()):
            # A question with no subject of its own is about the background:
            # "my husband likes a whisky at night, is that ok with entrectinib?"
            asked = self.message.background_gap_values
        return tuple(g for g in asked if g not in part_of_topic)

    @property
    def questions(self) -> Tuple[Part, ...]:
        """The parts of the message that ask something."""
        return tuple(p for p in self.message.parts if p.asks)

    def topics_asked(self) -> Tuple[Topic, ...]:
        return self._topics_asked

    @cached_property
    def _topics_asked(self) -> Tuple[Topic, ...]:
        """Topics whose own words are in the message's questions. The
        overview's words ("what is") are in almost every question, so it
        counts only as a question of its own among several ("what is it and
        how does she take it?")."""
        asked: List[Topic] = [t for t in cues.TOPIC_CUES if t != Topic.DRUG_OVERVIEW and cues.asks_topic(t, self.text)]
        if len(self.questions) > 1 and any(
            cues.asks_topic(Topic.DRUG_OVERVIEW, p.text)
            and not cues.asks_any_topic(p.text, but=(Topic.DRUG_OVERVIEW,))
            for p in self.questions
        ):
            asked.insert(0, Topic.DRUG_OVERVIEW)
        return tuple(asked)

    def with_intent(self, intent: Optional[str]) -> "Reading":
        return replace(self, message=replace(self.message, intent=intent))
