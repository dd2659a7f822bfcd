"""Scores the held-out understanding set (issue 9) against a running assistant.

``heldout.yml`` holds single messages and ``conversations.yml`` multi-turn
conversations, each labelled with what a correct reply must do. The labels are
about meaning ("names imatinib", "says the page doesn't cover costs"); this
module turns them into checks on the reply text, read the way a person reads
it. It never looks at intents or slots, so the same checks score the code
before and after a change.

A reply *answers a different question* when it states facts (it carries the
medical disclaimer) yet fails the checks: it talks about something other than
what was asked, which a patient can take for an answer. "Not sure I
understood" is a miss, but not a different-question answer.

Used by ``test_understanding_set.py`` (targets) and
``scripts/understanding_report.py`` (the per-kind table in docs/results.md).
"""

from __future__ import annotations

import re
import uuid
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterable, List, Mapping, Optional, Sequence

import yaml

from tests.support.servers import Send, reply_text

HERE = Path(__file__).parent
HELPLINE = "1-888-939-3333"
# The first words of the disclaimer every factual answer ends with.
DISCLAIMER_START = "Please note: this is not medical advice"

DRUG_NAMES: Mapping[str, Sequence[str]] = {
    "pazopanib": ("pazopanib", "votrient"),
    "imatinib": ("imatinib", "gleevec"),
    "larotrectinib": ("larotrectinib", "vitrakvi"),
    "entrectinib": ("entrectinib", "rozlytrek"),
}
CLASS_NAMES: Mapping[str, Sequence[str]] = {
    "tki": ("tki", "tyrosine kinase inhibitor"),
    "ntrk": ("ntrk inhibitor", "neurotrophic tyrosine receptor kinase inhibitor"),
}

# What a reply must contain to have addressed a facet of a drug.
FACET_MARKERS: Mapping[str, str] = {
    "how_taken": r"\bpills?\b|tablet|by mouth",
    "how_often": r"once a day|every day|how often",
    "duration": r"how long|3 years|three years",
    "side_effects": r"side effect",
    "class": r"\btkis?\b|tyrosine kinase|ntrk inhibitor",
    "target": r"target|vegf|\bkit\b",
    "indication": r"used (for|to treat)|\bgists?\b|dfsp|gene fusion|advanced|may be used|treats?\b",
    "mechanism": r"block|signal|latch|blood vessel|\bworks?\b|acts? on",
    "overview": r"\btkis?\b|tyrosine kinase|ntrk inhibitor|used for",
}

# What a "the page doesn't cover X" reply must name, for each topic.
NOT_COVERED_MARKERS: Mapping[str, str] = {
    "cost": r"cost|price|pay|drug plan|coverage|insurance",
    "food": r"food|eat|grapefruit|diet|meal|stomach",
    "alcohol": r"alcohol|drink",
    "other_medicines": r"medicine|interact|supplement|vitamin|herbal|remed",
    "onset": r"how (fast|quickly|soon)|starts? (to )?work|take effect|kicks? in",
    "success": r"success|chance|how well|prognosis|outlook|life expectancy|surviv",
    "cure": r"\bcure",
    "children": r"child|\bkids?\b|young",
    "older_people": r"older|elderly|\bage\b|seniors?",
    "fertility": r"fertility|pregnan",
    "breastfeeding": r"breast-?feed|nursing",
    "vaccines": r"vaccin|\bshots?\b|immuni[sz]",
    "driving": r"\bdriv",
    "travel": r"travel|\bfly|flight|\btrips?\b",
    "storage": r"\bstor|\bkeep",
    "generics": r"generic",
    "clinical_trials": r"trial",
    "prescription": r"prescri",
    "stops_working": r"stops? working|no longer work|stop(s)? helping",
    "long_term_effects": r"long[- ]term",
    "hair_loss": r"hair loss|los(e|ing) .*hair|hair (fall|thin)",
    "other_treatments": r"chemo|radiation|surgery|immunotherapy|other treatments?",
}
SAYS_NOT_COVERED = r"doesn't|does not|do not|don't|not cover|no information|isn't|is not|can't|cannot"
REFERRAL = rf"pharmacist|healthcare team|{re.escape(HELPLINE)}|doctor|oncolog"

# Replies that answer nothing: the question was not understood or not placed.
NON_ANSWERS = (
    "not sure I understood",
    "I don't have information on that",
    "Which drug do you mean",
)
SAFETY_REPLIES = ("This sounds like it could be an emergency", "I'm really sorry you're going through this")
# The first sentence of a reply that acknowledges feelings before the facts.
ACKNOWLEDGEMENT = (
    r"sorry|a lot to take in|frightening|scary|scared|understandabl|overwhelm|hard|"
    r"not alone|difficult|worr|upsetting|shock"
)


@dataclass(frozen=True)
class Turn:
    id: str
    kind: str
    text: str
    expect: Mapping[str, object]


@dataclass(frozen=True)
class Conversation:
    id: str
    turns: Sequence[Turn]


@dataclass(frozen=True)
class Outcome:
    turn: Turn
    reply: str
    problems: Sequence[str]

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def states_facts(self) -> bool:
        return DISCLAIMER_START in self.reply

    @property
    def answers_a_different_question(self) -> bool:
        return self.states_facts and not self.ok


def load_messages(path: Path = HERE / "heldout.yml") -> List[Turn]:
    items = yaml.safe_load(path.read_text(encoding="utf-8"))["messages"]
    return [Turn(item["id"], item["kind"], item["text"], item.get("expect") or {}) for item in items]


def load_conversations(path: Path = HERE / "conversations.yml") -> List[Conversation]:
    conversations = []
    for item in yaml.safe_load(path.read_text(encoding="utf-8"))["conversations"]:
        turns = [
            Turn(f"{item['id']}.{n}", "conversation", turn["text"], turn.get("expect") or {})
            for n, turn in enumerate(item["turns"], start=1)
        ]
        conversations.append(Conversation(item["id"], turns))
    return conversations


def _has(pattern: str, text: str) -> bool:
    return re.search(pattern, text, re.I) is not None


def _names(names: Iterable[str], text: str) -> bool:
    return any(_has(rf"\b{re.escape(name)}", text) for name in names)


def _body(reply: str) -> str:
    """The reply without the disclaimer lines (which always show the helpline)."""
    return "\n".join(line for line in reply.split("\n") if not line.startswith(DISCLAIMER_START))


def problems_with(turn: Turn, reply: str) -> List[str]:
    expect, body = turn.expect, _body(reply)
    problems: List[str] = []
    if any(marker in reply for marker in SAFETY_REPLIES):
        return ["got a crisis or emergency reply"]
    if any(marker in reply for marker in NON_ANSWERS) and set(expect) - {"acknowledge", "helpline"}:
        return ["not answered: " + next(m for m in NON_ANSWERS if m in reply)]

    drugs = [str(d) for d in expect.get("drugs", []) or []]
    for drug in drugs:
        if not _names(DRUG_NAMES[drug], body):
            problems.append(f"does not name {drug}")
    if turn.kind == "condition_to_drug":
        others = [d for d in DRUG_NAMES if d not in drugs and _names(DRUG_NAMES[d], body)]
        if others:
            problems.append(f"also names {others} for this condition")

    facet = expect.get("facet")
    if facet and not _has(FACET_MARKERS[str(facet)], body):
        problems.append(f"does not address {facet}")

    compared = [str(s) for s in expect.get("compare", []) or []]
    if compared:
        for subject in compared:
            names = DRUG_NAMES.get(subject) or CLASS_NAMES[subject]
            if not _names(names, body):
                problems.append(f"comparison leaves out {subject}")
        addressed = sum(_has(FACET_MARKERS[f], body) for f in ("class", "how_taken", "indication", "target"))
        if addressed < 3:
            problems.append("not a side-by-side comparison")

    gap = expect.get("not_covered")
    if gap:
        if not _has(NOT_COVERED_MARKERS[str(gap)], body) or not _has(SAYS_NOT_COVERED, body):
            problems.append(f"does not say the page doesn't cover {gap}")
        elif not _has(REFERRAL, body):
            problems.append("names no one to ask")

    unlinked = expect.get("unlinked")
    if unlinked and not (_has(re.escape(str(unlinked)), body) and _has(SAYS_NOT_COVERED, body)):
        problems.append(f"does not say the page doesn't link {unlinked} to a drug")

    symptom_of = expect.get("side_effect_of")
    if symptom_of:
        symptom = str(expect.get("symptom", ""))
        if not _names(DRUG_NAMES[str(symptom_of)], body) or not _has(re.escape(symptom[:5]), body):
            problems.append(f"does not answer about {symptom} on {symptom_of}")

    if expect.get("helpline") and HELPLINE not in body:
        problems.append("gives no number to call")

    if expect.get("acknowledge"):
        first = re.split(r"(?<=[.!?])\s|\n", body.strip(), maxsplit=1)[0]
        if not _has(ACKNOWLEDGEMENT, first):
            problems.append("no acknowledgement before the facts")
        if HELPLINE not in body:
            problems.append("does not offer the helpline as someone to talk to")
    return problems


def run_messages(turns: Sequence[Turn], send: Send, welcome_start: str) -> List[Outcome]:
    outcomes = []
    for turn in turns:
        reply = reply_text(send(f"understand-{turn.id}-{uuid.uuid4().hex[:8]}", turn.text), welcome_start)
        outcomes.append(Outcome(turn, reply, problems_with(turn, reply)))
    return outcomes


def run_conversations(conversations: Sequence[Conversation], send: Send, welcome_start: str) -> List[Outcome]:
    outcomes = []
    for conversation in conversations:
        sender = f"understand-{conversation.id}-{uuid.uuid4().hex[:8]}"
        for turn in conversation.turns:
            reply = reply_text(send(sender, turn.text), welcome_start)
            outcomes.append(Outcome(turn, reply, problems_with(turn, reply)))
    return outcomes


def summary(messages: Sequence[Outcome], turns: Sequence[Outcome]) -> str:
    """A Markdown table: messages passed per kind, then the different-question share."""
    by_kind: Dict[str, List[Outcome]] = defaultdict(list)
    for outcome in list(messages) + list(turns):
        by_kind[outcome.turn.kind].append(outcome)
    lines = ["| kind | messages | passed | share |", "|---|---|---|---|"]
    for kind in sorted(by_kind):
        group = by_kind[kind]
        passed = sum(o.ok for o in group)
        lines.append(f"| {kind} | {len(group)} | {passed} | {passed / len(group):.0%} |")
    everything = list(messages) + list(turns)
    different = [o for o in everything if o.answers_a_different_question]
    conversations_ok = _conversations_passed(turns)
    lines += [
        "",
        f"- all messages and turns: {sum(o.ok for o in everything)}/{len(everything)}",
        f"- conversations passed end to end: {conversations_ok[0]}/{conversations_ok[1]}",
        f"- replies that answer a different question: {len(different)}/{len(everything)}"
        f" ({len(different) / max(len(everything), 1):.1%})",
    ]
    return "\n".join(lines)


def _conversations_passed(turns: Sequence[Outcome]) -> "tuple[int, int]":
    by_conversation: Dict[str, List[Outcome]] = defaultdict(list)
    for outcome in turns:
        by_conversation[outcome.turn.id.rsplit(".", 1)[0]].append(outcome)
    return sum(all(o.ok for o in group) for group in by_conversation.values()), len(by_conversation)


def failures(outcomes: Sequence[Outcome], limit: Optional[int] = None) -> str:
    failed = [o for o in outcomes if not o.ok][:limit]
    return "\n".join(
        f"[{o.turn.kind}] {o.turn.id}: {o.turn.text!r}\n    expect {dict(o.turn.expect)}: "
        f"{'; '.join(o.problems)}{'  (DIFFERENT QUESTION)' if o.answers_a_different_question else ''}"
        f"\n    | {_body(o.reply)[:220]!r}"
        for o in failed
    )
