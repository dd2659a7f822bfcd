"""Wording for questions about several drugs: classes, the drug list, "which
ones", side-by-side comparisons, and from a condition to its drugs."""

from __future__ import annotations

from typing import Callable, Dict, Optional, Sequence, Tuple

from actions import facts_query, not_covered
from actions.facts import DRUG_CLASSES, DRUGS, NTRK, NTRK_DRUGS_HOW_TAKEN, NTRK_INHIBITOR, Drug, DrugClass
from actions.not_covered import DrugFactGap
from actions.reply import Reply
from actions.topics import Topic
from actions.questions import ConditionMention
from actions.wording.common import (
    capitalised,
    class_article,
    drug_buttons,
    drug_names,
    sentence_list,
    short_names,
)
from actions.wording.drugs import uses
from actions.wording.gaps import condition_not_linked, missing_fact


# --- classes and the list ------------------------------------------------------

def drug_class_explained(cls: DrugClass) -> str:
    text = f"{cls.name.capitalize()} ({cls.abbreviation})\n{cls.what_it_is}"
    if cls.how_it_works:
        text += f" {cls.how_it_works}"
    else:
        text += f" {NTRK.what_a_fusion_is} {NTRK.what_the_fusion_causes}"
    return f"{text}\nDrugs in this group: {drug_names(facts_query.drugs_in(cls))}."


def drug_classes(classes: Sequence[DrugClass] = DRUG_CLASSES) -> Reply:
    return Reply("\n".join(drug_class_explained(cls) for cls in classes or DRUG_CLASSES))


def drug_list() -> Reply:
    groups = "\n".join(
        f"• {cls.abbreviation} ({cls.name}): {drug_names(facts_query.drugs_in(cls))}" for cls in DRUG_CLASSES
    )
    return Reply(
        "My source names four targeted therapy drugs that may be used for soft tissue "
        f"sarcoma, in two groups:\n{groups}",
        drug_buttons(Topic.DRUG_OVERVIEW),
    )


def ntrk_fusion() -> Reply:
    return Reply(
        f"{NTRK.normal_gene_role}\n{NTRK.what_a_fusion_is} {NTRK.what_the_fusion_causes}\n"
        f"Sarcomas with an NTRK gene fusion may be treated with "
        f"{drug_names(facts_query.drugs_in(NTRK_INHIBITOR))}, taken {NTRK_DRUGS_HOW_TAKEN}."
    )


# --- one fact across several drugs ("which ones…", "do all four…") -----------------

def _group_name(drugs: Sequence[Drug]) -> str:
    if len(drugs) == len(DRUGS):
        return "All four drugs"
    if len(drugs) == 2:
        return f"Both {short_names(drugs)}"
    return capitalised(short_names(drugs))


def _side_effect_names(drug: Drug) -> Optional[str]:
    return sentence_list([e.name for e in drug.side_effects]) if drug.side_effects else None


def _uses(drug: Drug) -> str:
    return "; ".join(use.text for use in drug.indications)


# For each topic: the fact shown per drug, and the gap when it is missing.
ACROSS: Dict[Topic, Tuple[Callable[[Drug], Optional[str]], Optional[DrugFactGap], str]] = {
    Topic.DRUG_DURATION: (lambda d: d.how_long, not_covered.HOW_LONG, "How long they are taken"),
    Topic.SIDE_EFFECTS: (_side_effect_names, not_covered.SIDE_EFFECTS, "Side effects my source names"),
    Topic.DRUG_CLASS: (lambda d: class_article(d.drug_class), None, "Drug groups"),
    Topic.DRUG_MECHANISM: (lambda d: d.targets, not_covered.TARGETS, "What they target"),
    Topic.DRUG_INDICATION: (_uses, None, "What they may be used for"),
    Topic.DRUG_ADMINISTRATION: (lambda d: d.how_often, not_covered.HOW_OFTEN, "How often they are taken"),
}


def across_drugs(topic: Topic, drugs: Sequence[Drug]) -> Reply:
    """One fact for a group of drugs, grouped by what the page says."""
    lines = []
    if topic == Topic.DRUG_ADMINISTRATION:
        for how, members in facts_query.group_by(drugs, lambda d: d.how_taken):
            plural = "pills" if len(members) > 1 and how == "as a pill" else (how or "").removeprefix("as ")
            lines.append(f"{_group_name(members)} {'are' if len(members) > 1 else 'is'} taken as {plural}.")
    fact, gap, heading = ACROSS[topic]
    shown = [(value, members) for value, members in facts_query.group_by(drugs, fact) if value is not None]
    if shown:
        lines.append(f"{heading}:")
        lines += [f"• {drug_names(members)}: {value}" for value, members in shown]
    missing = [drug for drug in drugs if fact(drug) is None]
    if missing and gap is not None:
        lines.append(missing_fact(gap, missing))
    return Reply("\n".join(lines))


# --- side by side ------------------------------------------------------------------

def _not_given(value: Optional[str]) -> str:
    """A fact as one cell of a side-by-side line (lower case, no full stop)."""
    if not value:
        return "my source doesn't say"
    return (value[:1].lower() + value[1:]).rstrip(".")


COMPARED_FACTS: Tuple[Tuple[str, Callable[[Drug], str]], ...] = (
    ("Group", lambda d: class_article(d.drug_class)),
    ("Targets", lambda d: _not_given(d.targets)),
    ("Used for", _uses),
    ("How taken", lambda d: d.how_taken + (f", {d.how_often}" if d.how_often else ", how often not given")),
    ("How long", lambda d: _not_given(d.how_long)),
    ("Side effects named", lambda d: _side_effect_names(d) or "none named in my source"),
)


def compare_drugs(drugs: Sequence[Drug]) -> Reply:
    lines = [f"{drug_names(drugs)}, side by side:"]
    for label, fact in COMPARED_FACTS:
        groups = facts_query.group_by(drugs, fact)
        if len(groups) == 1:
            lines.append(f"• {label} ({'both' if len(drugs) == 2 else 'all'}): {groups[0][0]}")
        else:
            lines.append(f"• {label}: " + "; ".join(f"{short_names(members)}: {value}" for value, members in groups))
    lines.append("My source doesn't compare how well they work.")
    return Reply("\n".join(lines))


def compare_classes(classes: Sequence[DrugClass]) -> Reply:
    lines = [f"{sentence_list([cls.abbreviation for cls in classes])}, side by side:"]
    for cls in classes:
        members = facts_query.drugs_in(cls)
        how = cls.how_it_works or "My source doesn't explain how they act on the cell."
        uses = "; ".join(dict.fromkeys(use.text for drug in members for use in drug.indications))
        lines.append(
            f"• {cls.abbreviation}: {cls.what_it_is} {how}\n"
            f"  Drugs: {drug_names(members)}. Used for: {uses}. Taken as pills."
        )
    lines.append("My source doesn't compare how well they work.")
    return Reply("\n".join(lines))


# --- from a condition to its drugs -------------------------------------------------

LINKED_SITUATIONS = "GISTs, DFSP, some advanced soft tissue sarcomas, and sarcomas with an NTRK gene fusion"


def for_conditions(mentions: Sequence[ConditionMention], named: Sequence[Drug] = ()) -> Reply:
    if not mentions:
        lines = ["My source links each drug to a situation:"]
        lines += [f"• {drug.display_name}: {_uses(drug)}" for drug in DRUGS]
        return Reply("\n".join(lines) + "\nYour healthcare team decides which drug fits a person's situation.")
    lines = []
    for mention in mentions:
        if mention.condition is None:
            lines.append(f"{condition_not_linked(mention.name, named)} It links these drugs only to {LINKED_SITUATIONS}.")
            # A false premise ("X is only for leukemia, right?") gets what the page does say.
            lines += [uses(drug, f"It says {drug.display_name}") for drug in named]
            continue
        page_uses = facts_query.uses_for(mention.condition)
        by_drug = facts_query.group_by([drug for drug, _ in page_uses], lambda d: d)
        for drug, _members in by_drug:
            assert drug is not None
            texts = [use.text for d, use in page_uses if d == drug]
            lines.append(f"My source says {drug.display_name} may be used for {sentence_list(texts, 'or')}.")
        not_linked = [d for d in named if d not in facts_query.drugs_for(mention.condition)]
        if not_linked:
            lines.append(f"It doesn't link {short_names(not_linked)} to that.")
    lines.append("Your healthcare team can say which treatment fits a person's own situation.")
    return Reply("\n".join(lines))
