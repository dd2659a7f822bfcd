"""The patient's questions for the care team (issue 22).

Each time an answer sends a question on to the healthcare team or the
pharmacist (a topic the page doesn't cover, a personal decision, or the part
of a covered question the page doesn't answer), that question is kept in the
conversation. It is kept as a short, plain question in the patient's own
words, naming the drug it was about, and the list is handed back for the
next appointment.

Nothing here answers or advises. A kept question is the patient's own
clause, with lead-ins dropped, short forms written out and "it" named. For a
fact the page gives for some drugs only, it is the plain question that fact
would answer. Crises and emergencies never reach this module: they are
answered by the safety reply, which keeps nothing (actions/actions.py).

Pure functions over the parse data the NLU wrote (parts, gaps, decisions,
drug mentions and the `care_list` phrases of vocabulary/care_list.yml); the
words used to tidy a clause are in care_wording.json.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Dict, FrozenSet, List, Optional, Sequence, Tuple

from assistant import questions as q
from assistant.drug_names import drug_by_key, matching_side_effect
from assistant.facts import DRUGS, Drug
from assistant.not_covered import DrugFactGap, Referral
from assistant.topics import Topic
from assistant.understanding.reading import Found, Message, Part
from assistant.wording.common import capitalised, sentence_list
from assistant.wording.groups import ACROSS
WORDING_FILE = Path(__file__).with_name("care_wording.json")

# A full list of the longest questions still prints on one page
# (tests/web/test_care_list_dialog.py); and a long pasted story is not a question.
MAX_QUESTIONS = 12
MAX_CHARS = 200

# The `care_list` keys (vocabulary/care_list.yml).
ADD = "add"
DRUG_REFERENCE = "drug_reference"
LAST = "item_last"
_ITEM = re.compile(r"item_(\d+)")


@dataclass(frozen=True)
class CareQuestion:
    text: str
    # Who the assistant referred it to; None for one the patient added.
    ask: Optional[Referral] = Referral.TEAM

    def as_slot(self) -> Dict[str, Optional[str]]:
        return {"question": self.text, "ask": self.ask.name if self.ask else None}

    @classmethod
    def from_slot(cls, value: Any) -> Optional["CareQuestion"]:
        if not isinstance(value, dict) or not isinstance(value.get("question"), str):
            return None
        ask = value.get("ask")
        if ask is None:
            return cls(value["question"], None)
        return cls(value["question"], Referral[ask]) if ask in Referral.__members__ else None


@dataclass(frozen=True)
class DrugMention:
    """A page drug the NLU found in the message, and where."""

    key: str
    start: int
    end: int


@dataclass(frozen=True)
class Asked:
    """The parse data a kept question is written from."""

    message: Message
    mentions: Tuple[DrugMention, ...] = ()
    # The `care_list` phrases found in the message.
    care_list: Tuple[Found, ...] = ()

    def found(self, key: str) -> Tuple[Found, ...]:
        return tuple(f for f in self.care_list if f.value == key)


# --- Writing a clause as a question ----------------------------------------

@dataclass(frozen=True)
class _Wording:
    spellings: Dict[str, str]
    pronouns: FrozenSet[str]
    lead_ins: Tuple[str, ...]
    endings: Tuple[str, ...]
    question_starts: FrozenSet[str]


@lru_cache(maxsize=1)
def _wording() -> _Wording:
    data = json.loads(WORDING_FILE.read_text(encoding="utf-8"))
    starts = {str(w) for w in data["lead_ins"]}
    return _Wording(
        spellings={str(k): str(v) for k, v in data["spellings"].items()},
        pronouns=frozenset(str(w) for w in data["pronouns"]),
        # Longest first, so "and also" goes before "and".
        lead_ins=tuple(sorted(starts, key=len, reverse=True)),
        endings=tuple(sorted((str(w) for w in data["endings"]), key=len, reverse=True)),
        question_starts=frozenset(str(w) for w in data["question_starts"]),
    )


def _names(drugs: Sequence[Drug]) -> str:
    """"pazopanib (Votrient)": lowercase inside a question, like any medicine."""
    return sentence_list([drug.full_name for drug in drugs])


def _named_reference(words: str, names: str) -> str:
    """"with it" -> "with Pazopanib (Votrient)"; "the pills" -> the names."""
    kept = [w for w in words.split() if w.lower() not in _wording().pronouns]
    if len(kept) == len(words.split()):
        return names
    return " ".join(kept + [names])


def _written_out(text: str) -> str:
    spellings = _wording().spellings
    return re.sub(r"[a-z][a-z']*", lambda m: spellings.get(m.group(), m.group()), text)


def _strip_edges(text: str, phrases: Sequence[str], at_start: bool) -> str:
    """The text without any of the phrases at its start (or end), again and again."""
    while True:
        text = text.strip(" \t\n,;:-–—…")
        lowered = text.lower()
        for phrase in phrases:
            if at_start and re.match(rf"{re.escape(phrase)}\b", lowered):
                text = text[len(phrase):]
                break
            if not at_start and re.search(rf"\b{re.escape(phrase)}[\s.!?]*$", lowered):
                text = text[:lowered.rindex(phrase)]
                break
        else:
            return text


def _shortened(text: str) -> str:
    if len(text) <= MAX_CHARS:
        return text
    return text[:MAX_CHARS].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


def _as_sentence(text: str, question: bool) -> str:
    text = capitalised(text)
    if text.endswith("…"):
        return text
    return text.rstrip(" .!?") + ("?" if question else ".")


# A label before the question ("few questions - does she take it forever?").
_LABEL = re.compile(r"^\s*(\w+[\s,]+){0,2}\w+\s*[-–:]\s+(?P<rest>(?P<first>\w+).*)$", re.S)


def _without_label(text: str) -> str:
    labelled = _LABEL.match(text)
    if labelled and labelled.group("first").lower() in _wording().question_starts:
        return labelled.group("rest")
    return text


def _tidied(text: str) -> str:
    """Lead-ins and a label dropped, short forms written out."""
    return _strip_edges(_written_out(_without_label(" ".join(text.split()))), _wording().lead_ins, at_start=True)


def in_own_words(text: str) -> str:
    """A question said back as the patient asked it, tidied and shortened."""
    return _as_sentence(_shortened(_tidied(text)), question=True)


def reworded(clause: Part, drugs: Sequence[Drug], asked: Asked) -> str:
    """The clause as a plain question naming its drugs ("can i drink coffee
    with it" -> "Can I drink coffee with Pazopanib (Votrient)?")."""
    names = _names(drugs) if drugs else ""
    edits: List[Tuple[int, int, str]] = []
    for mention in asked.mentions:
        drug = drug_by_key(mention.key)
        if drug is not None and clause.holds(mention.start, mention.end):
            edits.append((mention.start, mention.end, _names((drug,))))
    if drugs and not edits:
        reference = next((f for f in asked.found(DRUG_REFERENCE) if clause.holds(f.start, f.end)), None)
        if reference is not None:
            edits.append((reference.start, reference.end, _named_reference(reference.text, names)))
    text = clause.text
    # From the end, so earlier offsets hold; an edit overlapping a later one is dropped.
    end_of_next = len(text) + clause.start
    for start, end, words in sorted(edits, reverse=True):
        if end <= end_of_next:
            text = text[:start - clause.start] + words + text[end - clause.start:]
            end_of_next = start
    text = _tidied(text)
    if drugs and not edits:
        text = f"About {names}: {text}"
    # A part the question finder marked as asking ends with "?"; other words
    # ("add: ask about parking") end as the patient wrote them.
    return _as_sentence(_shortened(text), clause.asks or "?" in clause.text)


def _whole(message: Message) -> Part:
    return Part(0, len(message.text), message.text, True)


def _clause_of(message: Message, found: Sequence[Found]) -> Optional[Part]:
    """The asking part that holds the first of these phrases (a question
    part before a background one); the whole message when it has no parts."""
    if not found:
        return None
    if not message.parts:
        return _whole(message)
    asking = message.questions_holding(tuple(found))
    if asking:
        return asking[0]
    return next((p for f in found for p in message.parts if p.holds(f.start, f.end)), None)


def _only_question(message: Message) -> Optional[Part]:
    """The message's one question, when it has just one."""
    asking = [p for p in message.parts if p.asks]
    if len(asking) == 1:
        return asking[0]
    return _whole(message) if not message.parts and _has_words(message.text) else None


def _has_words(text: str) -> bool:
    return re.search(r"[A-Za-z]", text) is not None


# --- Which questions were referred -----------------------------------------

def _fact_gap_question(gap: DrugFactGap, drugs: Sequence[Drug]) -> CareQuestion:
    one = len(drugs) == 1
    text = gap.question.format(drugs=_names(drugs), **{"is": "is" if one else "are",
                                                           "does": "does" if one else "do"})
    return CareQuestion(text, gap.ask)


def _missing_facts(topic: Topic, drugs: Sequence[Drug]) -> List[CareQuestion]:
    """"How often is larotrectinib taken?" when the page doesn't say."""
    fact, gap, _ = ACROSS.get(topic, (None, None, ""))
    missing = [drug for drug in drugs if fact is not None and not fact(drug)]
    return [_fact_gap_question(gap, missing)] if gap is not None and missing else []


def _side_effect_question(side_effect: str, drugs: Sequence[Drug]) -> CareQuestion:
    subject = _names(drugs) if drugs else "targeted therapy"
    return CareQuestion(f"Can {subject} cause {side_effect}?", Referral.PHARMACIST)


def _about_drugs(question: q.AboutDrugs, asked: Asked) -> List[CareQuestion]:
    if question.topic == Topic.SIDE_EFFECTS and question.side_effect:
        unlisted = [d for d in question.drugs if not matching_side_effect(question.side_effect, d.side_effects)]
        return [_side_effect_question(question.side_effect, unlisted)] if unlisted else []
    if question.topic == Topic.DOSE and not asked.message.decisions:
        # A dose decision ("should i skip a dose?") is kept in the patient's words instead.
        return [CareQuestion(f"What is the right dose of {_names(question.drugs)}?", Referral.TEAM)]
    return _missing_facts(question.topic, question.drugs)


def _across_drugs(question: q.AcrossDrugs, asked: Asked) -> List[CareQuestion]:
    return _missing_facts(question.topic, question.drugs)


def _about_therapy(question: q.AboutTherapy, asked: Asked) -> List[CareQuestion]:
    if question.topic == Topic.SIDE_EFFECTS and question.side_effect:
        if not any(matching_side_effect(question.side_effect, d.side_effects) for d in DRUGS):
            return [_side_effect_question(question.side_effect, ())]
    return []


def _not_covered(question: q.NotCovered, asked: Asked) -> List[CareQuestion]:
    """One question per clause: "can i have coffee or wine with it" is one."""
    by_clause: Dict[Part, Referral] = {}
    for gap in question.gaps:
        clause = _clause_of(asked.message, [f for f in asked.message.gaps if f.value == gap.key]) \
            or _only_question(asked.message)
        if clause is not None:
            by_clause.setdefault(clause, gap.ask)
    return [CareQuestion(reworded(clause, question.drugs, asked), by_clause[clause])
            for clause in sorted(by_clause, key=lambda part: part.start)]


def decision(drugs: Sequence[Drug], asked: Asked) -> List[CareQuestion]:
    """A personal decision, in the patient's words, for the healthcare team."""
    clause = _clause_of(asked.message, asked.message.decisions) or _only_question(asked.message)
    return [CareQuestion(reworded(clause, drugs, asked), Referral.TEAM)] if clause else []


def _decision(question: q.Decision, asked: Asked) -> List[CareQuestion]:
    return decision(question.drugs, asked)


def _unanswered(question: q.Unanswered, asked: Asked) -> List[CareQuestion]:
    clauses = [p for text in question.asked for p in asked.message.parts if p.text == text][:len(question.asked)]
    return [CareQuestion(reworded(clause, (), asked), Referral.HELPLINE) for clause in clauses]


REFERRED: Dict[type, Callable[[Any, Asked], List[CareQuestion]]] = {
    q.AboutDrugs: _about_drugs,
    q.AcrossDrugs: _across_drugs,
    q.AboutTherapy: _about_therapy,
    q.NotCovered: _not_covered,
    q.Decision: _decision,
    q.Unanswered: _unanswered,
}


def referred(understood: q.Understood, asked: Asked) -> Tuple[CareQuestion, ...]:
    """The questions an answer to ``understood`` sends on, in answer order.
    A "not covered" that could not tell what was asked keeps nothing: it
    would only be the message again."""
    kept: List[CareQuestion] = []
    for question in understood.questions:
        kept += REFERRED.get(type(question), lambda *_: [])(question, asked)
    return tuple(dict.fromkeys(kept))


# --- The list ---------------------------------------------------------------

def kept(current: Sequence[CareQuestion], new: Sequence[CareQuestion]) -> Tuple[CareQuestion, ...]:
    """The list with the new questions added once each, up to MAX_QUESTIONS."""
    seen = {c.text.lower() for c in current}
    result = list(current)
    for question in new:
        if question.text.lower() not in seen and len(result) < MAX_QUESTIONS:
            seen.add(question.text.lower())
            result.append(question)
    return tuple(result)


def after_referral(current: Sequence[CareQuestion], referred: Sequence[CareQuestion],
                   offered: bool) -> Tuple[Tuple[CareQuestion, ...], bool]:
    """The list with the referred questions added, and whether to offer it
    now: once in a conversation, as soon as it holds two."""
    questions = kept(current, referred)
    return questions, not offered and len(questions) >= 2 and questions != tuple(current)


def added(asked: Asked) -> Optional[CareQuestion]:
    """"add: ask about travel insurance" -> "Ask about travel insurance."; the
    patient's words after the add phrase, nothing else."""
    found = asked.found(ADD)
    if not found:
        return None
    # The longest phrase at the first place: "add to my list", not "add".
    end = max(f.end for f in found if f.start == found[0].start)
    text = asked.message.text
    words = _strip_edges(text[end:], _wording().endings, at_start=False)
    if not _has_words(words):
        return None
    start = text.index(words, end)
    first = re.sub(r"\W", "", words.split()[0].lower())
    part = Part(start, start + len(words), words, asks=first in _wording().question_starts)
    return CareQuestion(reworded(part, (), asked), None)


def item_number(asked: Asked, count: int) -> Optional[int]:
    """Which question "remove the second one" means, from 1; None when unsaid."""
    for found in asked.care_list:
        if found.value == LAST:
            return count if count else None
        number = _ITEM.fullmatch(found.value)
        if number:
            return int(number.group(1))
    return None
