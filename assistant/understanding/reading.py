"""One message, read once: what the NLU found plus what the words say.

A ``Reading`` gathers everything question understanding needs about a
message (the drugs and classes named, feelings, the topics' own words, the
conversation context), so the functions that build questions take one value
instead of six.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any, Callable, Dict, List, Optional, Tuple

from assistant.drug_names import drug_by_key, matching_side_effect, resolve_drug
from assistant.facts import DRUGS, Drug, DrugClass
from assistant.intents import ASK_NOT_COVERED, NLU_FALLBACK, SAFETY_INTENTS
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
    """A part of the message (``text.questions``): a question, or background.
    A question of a message with several parts also carries what it asks,
    read on its own (``components/question_intent_classifier.py``)."""

    start: int
    end: int
    text: str
    asks: bool
    intent: Optional[str] = None
    # Every intent the question's classifier considered, best first.
    ranking: Tuple[str, ...] = ()

    def holds(self, start: int, end: int) -> bool:
        return self.start <= start and end <= self.end

    def as_parse_data(self) -> Dict[str, Any]:
        data: Dict[str, Any] = {"start": self.start, "end": self.end, "text": self.text, "asks": self.asks}
        if self.intent:
            data.update(intent=self.intent, ranking=list(self.ranking))
        return data

    @classmethod
    def from_parse_data(cls, data: Dict[str, Any]) -> "Part":
        intent = data.get("intent")
        ranking = data.get("ranking")
        return cls(int(data["start"]), int(data["end"]), str(data.get("text", "")), bool(data.get("asks", True)),
                   intent if isinstance(intent, str) else None,
                   tuple(str(r) for r in ranking) if isinstance(ranking, list) else ())


@dataclass(frozen=True)
class Mention:
    """An entity the NLU found, with its span: "drug", "drug_class" or
    "side_effect", and its value (a drug's key where the name was recognised)."""

    entity: str
    value: str
    start: int
    end: int


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
    # The entities behind the values above, with their spans.
    mentions: Tuple[Mention, ...] = ()
    # Feelings told (``vocabulary/feelings.yml``): acknowledged first.
    feelings: Tuple[Found, ...] = ()
    # The one question this reading is about, in a message read question by
    # question (``questions_apart``).
    focus: Optional[Part] = None

    def told_before(self, question: Part) -> Tuple[Part, ...]:
        """The background said right before a question, back to the
        question before it."""
        before: Tuple[Part, ...] = ()
        for part in self.parts:
            if part == question:
                return before
            before = () if part.asks else before + (part,)
        return ()

    def questions_holding(self, found: Tuple[Found, ...]) -> Tuple[Part, ...]:
        """The asking parts that hold any of these phrases."""
        return tuple(p for p in self.parts if p.asks and any(p.holds(f.start, f.end) for f in found))

    @property
    def side_effects_asked(self) -> Tuple[str, ...]:
        """Symptoms named in the questions themselves, not in the story, and
        not the words of an uncovered topic ("lose my hair")."""
        return tuple(m.value for m in self.mentions
                     if m.entity == "side_effect" and m.start >= 0 and asked(self._asking_parts, m.start, m.end)
                     and not self.in_a_gap(m.value))

    def in_a_gap(self, side_effect: str) -> bool:
        """Whether a side effect's words are an uncovered topic's, or part
        of them ("hair right" in "lose all my hair right?")."""
        if side_effect.lower() in self.gap_words:
            return True
        return any(m.value == side_effect and m.start >= 0 and any(g.start < m.end and m.start < g.end
                                                                     for g in self.gaps)
                   for m in self.mentions if m.entity == "side_effect")

    @property
    def _asking_parts(self) -> Tuple[Part, ...]:
        return (self.focus,) if self.focus else self.parts

    def _not_in_a_belief_or_description(self, gap: Found) -> bool:
        """"entrectinib is a type of chemo?" states a belief, and "the pill
        they give after chemo stops working" describes a drug; neither asks
        about chemotherapy or a drug that stops working."""
        return not any(f.start < gap.end and gap.start < f.end for f in self.beliefs + self.descriptions)

    @property
    def own_words(self) -> str:
        """The question's words without the drugs it describes, when it
        names none, and without the beliefs it states: "his daily GIST pill,
        is it taken for long?" names no condition of its own."""
        text = self.question_text
        # A drug named is the subject: "is gist hereditary?" asks of GIST; and
        # without a word for a drug, "my tumour is a GIST" describes none.
        describing = _A_DRUG.search(self.text) and not any(resolve_drug(d) for d in self.drug_values)
        described = self.descriptions if describing else ()
        # A belief is no question of its own ("gleevec is a weaker chemo isnt it").
        blanked_spans = described + self.beliefs
        if not blanked_spans:
            return text
        chars = list(self.text)
        for found in blanked_spans:
            chars[found.start:found.end] = " " * (found.end - found.start)
        blanked = "".join(chars)
        asking = [self.focus] if self.focus else [p for p in self.parts if p.asks]
        if not asking or len(asking) == len(self.parts):
            return blanked
        return " ".join(blanked[p.start:p.end] for p in asking)

    @property
    def question_text(self) -> str:
        """What the message asks: its asking parts, without the background
        ("i had chemo last year" is never the question)."""
        if self.focus is not None:
            return self.focus.text
        if not self.parts or all(p.asks for p in self.parts):
            return self.text
        return " ".join(p.text for p in self.parts if p.asks)

    def questions_apart(self) -> Tuple["Message", ...]:
        """One reading per question, when the NLU read each question on its
        own; none for a message of one question, or of one question that
        read alone was unclear.

        Each keeps the background (which drug, whose treatment, what the
        person has) and leaves out the other questions, so a question is
        answered by its own words: "how does it work?" after a story about a
        GIST asks how the drug works, not which drug is for GIST."""
        questions = [p for p in self.parts if p.asks and p.intent]
        if not questions or (len(questions) == 1 and (len(self.parts) == 1 or questions[0].intent == NLU_FALLBACK)):
            # One question the classifier was unsure of when read alone: the
            # whole message, story included, says more ("stomach gist,
            # surgery not possible.. any of these meds for it").
            return ()
        return tuple(self._for_question(q, [p for p in self.parts if p.asks and p != q]) for q in questions)

    def _for_question(self, question: Part, others: List[Part]) -> "Message":
        def outside_others(found: Tuple[Found, ...]) -> Tuple[Found, ...]:
            return tuple(f for f in found if not any(o.holds(f.start, f.end) for o in others))

        def inside(entity: str) -> Tuple[str, ...]:
            return tuple(m.value for m in self.mentions if m.entity == entity and question.holds(m.start, m.end))

        background_effects = tuple(m.value for m in self.mentions if m.entity == "side_effect"
                                   and not any(p.asks and p.holds(m.start, m.end) for p in self.parts))
        drugs = inside("drug")
        # The question's own drug; else the drugs of the message (a sibling
        # question's, then the story's): "what is gleevec and how does she take it?"
        if not any(resolve_drug(d) for d in drugs):
            drugs = tuple(dict.fromkeys(drugs + self.drug_values))
        intent = question.intent
        if intent in SAFETY_INTENTS:
            # The safety gate decides those for the whole message; a question
            # read alone is then understood by what its words bear out.
            intent = NLU_FALLBACK
        return replace(
            self, intent=intent, ranking=question.ranking, focus=question,
            parts=tuple(p for p in self.parts if p not in others),
            drug_values=drugs,
            class_values=inside("drug_class") or self.class_values,
            side_effect_values=inside("side_effect") or background_effects,
            # The descriptions stay whole: a drug described anywhere ("my
            # mother's DFSP ... which tablet is it and what does it do?") is
            # what every question is about.
            gaps=outside_others(self.gaps),
            beliefs=outside_others(self.beliefs), decisions=outside_others(self.decisions),
        )

    def _between_drugs(self, gap: Found) -> bool:
        """"the older one instead of rozlytrek": another treatment that is
        one of the page's drugs, named right after the words, is a choice
        between drugs, not a question about other treatments."""
        return gap.value in _TREATMENT_CHOICES and any(
            m.entity == "drug" and resolve_drug(m.value) and 0 <= m.start - gap.end <= 4 for m in self.mentions)

    def _gap_keys(self, where: Callable[[Found], bool]) -> Tuple[str, ...]:
        """Each gap found where asked, once, in the order the page's gap list
        gives them; a belief's or a description's words are never a gap."""
        found = {g.value for g in self.gaps
                 if self._not_in_a_belief_or_description(g) and not self._between_drugs(g) and where(g)}
        return tuple(key for key in GAPS_BY_KEY if key in found)

    @property
    def gap_values(self) -> Tuple[str, ...]:
        """The gaps the message's questions ask about."""
        return self._gap_keys(lambda g: asked(self.parts, g.start, g.end))

    @property
    def background_gap_values(self) -> Tuple[str, ...]:
        """The gaps of the background said right before the first question
        ("my husband likes a whisky at night, is that ok with entrectinib?");
        the rest of a story ("i sat in the car for an hour") is not asked."""
        if not self.parts:
            return self._gap_keys(lambda g: True)
        first = next((i for i, p in enumerate(self.parts) if p.asks), 0)
        before = self.parts[first - 1] if first else None
        if before is None or before.asks:
            return ()
        return self._gap_keys(lambda g: before.holds(g.start, g.end))

    @property
    def gap_words(self) -> Tuple[str, ...]:
        return tuple(g.text.lower() for g in self.gaps)


# Gaps whose words may lead into a drug's name ("instead of gleevec").
_TREATMENT_CHOICES = frozenset({"other_treatments"})
# Every side effect the page names, for any drug.
ALL_SIDE_EFFECTS = tuple(dict.fromkeys(effect for drug in DRUGS for effect in drug.side_effects))
# Words for a drug that a description goes with ("the GIST pill", "the KIT one").
_A_DRUG = re.compile(r"\b(pills?|tablets?|capsules?|drugs?|meds?|medicines?|medications?|ones?|inhibitors?|tkis?)\b",
                     re.I)
# Questions that may be about what was said before them ("is that ok with
# entrectinib?"): short, about an uncovered topic or unclear to the
# classifier. A longer question says what it asks in its own words.
_ABOUT_THE_BACKGROUND = frozenset({ASK_NOT_COVERED, NLU_FALLBACK, None})


def short(text: str) -> bool:
    """A question this short may be about what was said right before it."""
    return len(text.split()) <= 8


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
    def in_the_message(self) -> Tuple[Drug, ...]:
        """The page's drugs named anywhere in the message, story included,
        in order: "put me on gleevec ... should i switch to rozlytrek?"."""
        values = tuple(m.value for m in self.message.mentions if m.entity == "drug") or self.message.drug_values
        return drugs_named(values, self.message.text)[0]

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
        # The whole message: "the last two, what class are they?"; a
        # question read alone, its own words, then the story's, where
        # "which drug" is no question ("before picking which drug").
        if self.message.focus is None:
            return referred_drugs(self.message.text, self.context)
        return (referred_drugs(self.message.focus.text, self.context)
                or referred_drugs(self._story_and_question, self.context, which=False))

    @property
    def meant(self) -> Tuple[Drug, ...]:
        """The drugs a question is about: those it names, else describes,
        else those "they" refers to, else the one the conversation is on."""
        found = self.named or self.described or self.referred
        if found:
            return found
        drug = drug_by_key(self.context.drug)
        return (drug,) if drug else ()

    @property
    def _story_and_question(self) -> str:
        if self.message.focus is None:
            return self.message.text
        return " ".join(p.text for p in self.message.parts)

    @cached_property
    def conditions(self) -> Tuple[ConditionMention, ...]:
        # The whole message: the background says what the person has ("my
        # dad has a gist they can't operate on, which drug is for that?").
        return find_conditions(self.message.text)

    @cached_property
    def conditions_asked(self) -> Tuple[ConditionMention, ...]:
        """Conditions in the questions themselves ("is it only for kids
        with leukemia?"), not in the story around them nor in a drug's
        description ("the pill for GIST")."""
        return find_conditions(self.message.own_words)

    @property
    def has_subject(self) -> bool:
        """Whether the message says which drugs it is about, one way or another."""
        return bool(self.named or self.classes or self.referred or self.described or asks_which(self.text))

    @property
    def side_effect(self) -> Optional[str]:
        # "lose my hair" is the hair-loss gap, not a symptom to look up.
        values = [v for v in self.message.side_effect_values if not self.message.in_a_gap(v)]
        if values:
            return self._as_told(values[0])
        return self.symptom

    def _as_told(self, side_effect: str) -> str:
        """"Is the hair the pill?" after "her hair is going grey in
        streaks": a mention the page's words don't match is the side effect
        the page names that the message tells of with the same word."""
        if matching_side_effect(side_effect, ALL_SIDE_EFFECTS):
            return side_effect
        words = set(side_effect.lower().split())
        sentences = [p.text for p in self.message.parts] or [self.message.text]
        for told in filter(None, (matching_side_effect(s, ALL_SIDE_EFFECTS) for s in sentences)):
            if any(words & set(word_set) for word_set in told.recognised_by):
                return told.name
        return side_effect

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
        if not asked and self.message.intent in _ABOUT_THE_BACKGROUND and short(self.text) and not any(
                t != Topic.DRUG_OVERVIEW for t in self.topics_asked()):
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
