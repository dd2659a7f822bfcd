"""The kinds of question the assistant answers: one small type each.

``assistant.understanding`` turns a message into a tuple of these (a message can
ask two things); ``assistant.answers`` answers each through one table of
handlers. Adding a kind of question means adding a type here and a handler
there, not another optional field on a shared type.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Tuple, Union

from assistant.facts import Condition, Drug, DrugClass
from assistant.not_covered import TopicGap
from assistant.topics import Topic


@dataclass(frozen=True)
class ConditionMention:
    """A condition a message names (``assistant.understanding.conditions``)."""

    # None for a condition the page does not link to any drug.
    condition: Optional[Condition]
    # What the user called it, normalised ("leiomyosarcoma"); echoed in replies.
    name: str

    @property
    def key(self) -> str:
        return self.condition.key if self.condition else self.name


@dataclass(frozen=True)
class AboutDrugs:
    """Describe: one topic, for each drug named ("how is votrient taken?")."""

    topic: Topic
    drugs: Tuple[Drug, ...]
    side_effect: Optional[str] = None

    @property
    def side_effects_unnamed(self) -> bool:
        """Side effects asked of a drug the page names none for: what it
        says of all targeted therapy is said instead."""
        return self.topic == Topic.SIDE_EFFECTS and not self.side_effect and any(
            not drug.side_effects for drug in self.drugs)


@dataclass(frozen=True)
class AcrossDrugs:
    """Which ones: one topic across a group ("do all four come as pills?")."""

    topic: Topic
    drugs: Tuple[Drug, ...]


@dataclass(frozen=True)
class AboutClasses:
    """A class-level topic for drug classes ("how do TKIs work?")."""

    topic: Topic
    classes: Tuple[DrugClass, ...]


@dataclass(frozen=True)
class Compare:
    """Side by side: two or more drugs, or the two classes."""

    subjects: Tuple[Union[Drug, DrugClass], ...]


@dataclass(frozen=True)
class ForConditions:
    """From condition to drug ("which drug is for GIST?"). Without a named
    condition, every situation the page links to a drug."""

    conditions: Tuple[ConditionMention, ...]
    # Drugs named with the condition ("is gleevec used for DFSP?").
    drugs: Tuple[Drug, ...] = ()


@dataclass(frozen=True)
class AboutTherapy:
    """A topic about targeted therapy in general."""

    topic: Topic
    side_effect: Optional[str] = None


@dataclass(frozen=True)
class NotCovered:
    """Topics the page does not cover (empty: it could not tell which)."""

    gaps: Tuple[TopicGap, ...]
    drugs: Tuple[Drug, ...] = ()


@dataclass(frozen=True)
class WhichDrug:
    """A drug topic with no drug to answer it for."""

    topic: Topic


@dataclass(frozen=True)
class UnknownDrugs:
    """Only drugs the page does not cover were named."""

    names: Tuple[str, ...]


@dataclass(frozen=True)
class Correction:
    """A wrong belief the page contradicts ("votrient is a shot?"): said
    plainly first, before the page's fact (``vocabulary/beliefs.yml``)."""

    claim: str
    # The drugs it was said of; none for targeted therapy as a whole.
    drugs: Tuple[Drug, ...] = ()


@dataclass(frozen=True)
class SameDrug:
    """One drug named twice, by its generic and its brand name ("is gleevec
    the same as imatinib?")."""

    drug: Drug


@dataclass(frozen=True)
class Described:
    """Drugs the message described instead of naming them ("his daily GIST
    pill"): which of the page's drugs fit, said before the answer."""

    drugs: Tuple[Drug, ...]


@dataclass(frozen=True)
class Decision:
    """A personal decision asked among other questions ("... and what do i
    do if i forget one?"): referred to the healthcare team, never advised."""

    drugs: Tuple[Drug, ...] = ()
    # Which decisions were asked ("stopping", "missed": vocabulary/decisions.yml).
    kinds: Tuple[str, ...] = ()


@dataclass(frozen=True)
class Unanswered:
    """A question of a message of several that nothing on the page answers
    and no known gap names ("is there anyone she can talk to in punjabi?"):
    said back in the person's words, with who can answer it, so no
    question is silently dropped."""

    asked: Tuple[str, ...]


@dataclass(frozen=True)
class InBrief:
    """What a drug is, in brief, beside an answer about it that does not say
    ("how long will dad be on gleevec?": a daily pill, a TKI, for GISTs and
    DFSP): the facts a careful nurse would add. ``fields`` are the drug's
    facts the other answers leave out ("drug_class", "how_taken", "indications")."""

    drug: Drug
    fields: Tuple[str, ...]


Question = Union[
    AboutDrugs, AcrossDrugs, AboutClasses, Compare, ForConditions, AboutTherapy, NotCovered, WhichDrug, UnknownDrugs,
    Correction, SameDrug, Described, Decision, Unanswered, InBrief,
]


def names_no_gap(question: Question) -> bool:
    """A "not covered" that names nothing: only "I couldn't find that"."""
    return isinstance(question, NotCovered) and not question.gaps


@dataclass(frozen=True)
class Understood:
    """Everything a message asks, in the order to answer it."""

    questions: Tuple[Question, ...]
    # Fear, shock or feeling alone: acknowledged before any fact.
    feelings: bool = False
    unknown_drugs: Tuple[str, ...] = ()

    @property
    def names_anything(self) -> bool:
        """Whether any question gets more than "I couldn't find that"."""
        return any(not names_no_gap(q) for q in self.questions)
