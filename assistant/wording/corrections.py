"""The plain "No:" that opens an answer to a wrong belief.

Each claim in ``vocabulary/beliefs.yml`` has one sentence here, which says
only that the belief is wrong; the page's fact follows it, worded where it
always is (``assistant.answers`` adds the topic's answer after it).
"""

from __future__ import annotations

from typing import Callable, Dict, Sequence

from assistant.facts import Drug
from assistant.reply import Reply
from assistant.wording.common import drug_names


def _subject(drugs: Sequence[Drug]) -> str:
    return drug_names(drugs) if drugs else "Targeted therapy"


def _is(drugs: Sequence[Drug]) -> str:
    return "are" if len(drugs) > 1 else "is"


def _not_a(treatment: str) -> Callable[[Sequence[Drug]], str]:
    def said(drugs: Sequence[Drug]) -> str:
        if not drugs:
            return f"No: targeted therapy is not {treatment}. It is a different kind of treatment."
        if len(drugs) == 1:
            return f"No: {_subject(drugs)} is not {treatment}. It is a targeted therapy drug."
        return f"No: {_subject(drugs)} are not {treatment}. They are targeted therapy drugs."
    return said


CLAIMS: Dict[str, Callable[[Sequence[Drug]], str]] = {
    "is_chemo": _not_a("chemotherapy"),
    "is_radiation": _not_a("radiation therapy"),
    "is_immunotherapy": _not_a("immunotherapy"),
    "is_injection": lambda drugs: f"No: {_subject(drugs)} {_is(drugs)} not given as a shot or a drip.",
    "is_first_line": lambda drugs: f"No: my source doesn't describe {_subject(drugs)} as a first treatment.",
    "no_side_effects": lambda drugs: "No: targeted therapy can have side effects.",
    "twice_a_day": lambda drugs: f"No: my source says {_subject(drugs)} {_is(drugs)} taken once a day, not twice.",
    "for_life": lambda drugs: f"No: my source doesn't say {_subject(drugs)} {_is(drugs)} taken for life.",
    "all_sarcomas": lambda drugs: f"No: my source doesn't say {_subject(drugs)} {_is(drugs)} used for every sarcoma.",
    "only_one_use": lambda drugs: f"No: my source names more than one use for {_subject(drugs)}.",
    "lowers_blood_pressure": lambda drugs: f"No: my source says {_subject(drugs)} may raise blood pressure, not lower it.",
    "only_palliative": lambda drugs: "No: targeted therapy is not only used to ease symptoms.",
    "harms_healthy_cells": lambda drugs: "No: targeted therapy is not aimed at every fast-growing cell.",
    "gone_when_stopped": lambda drugs: "No: side effects don't always end when treatment stops.",
    "only_at_start": lambda drugs: "No: side effects don't only come at the start of treatment.",
    "same_drug": lambda drugs: f"No: {_subject(drugs)} are different drugs.",
}


# A belief is often about the person's own plan ("trying to plan my
# schedule"): who can say what applies to them.
OWN_PLAN = "Your healthcare team or pharmacist can tell you what applies to your own treatment."


def correction(claim: str, drugs: Sequence[Drug]) -> Reply:
    return Reply(f"{CLAIMS[claim](drugs)} {OWN_PLAN}")
