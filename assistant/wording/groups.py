"""Wording for questions about several drugs: classes, the drug list, "which
ones", side-by-side comparisons, and from a condition to its drugs."""

from __future__ import annotations

from typing import Callable, Dict, List, Optional, Sequence, Tuple

from assistant import facts_query, not_covered
from assistant.facts import DRUG_CLASSES, DRUGS, NTRK, NTRK_DRUGS_HOW_TAKEN, NTRK_INHIBITOR, Drug, DrugClass
from assistant.not_covered import DrugFactGap
from assistant.provenance import ids, of_drugs
from assistant.reply import Reply
from assistant.topics import Topic
from assistant.questions import ConditionMention
from assistant.wording.common import (
    DRUG_COUNT,
    bullets,
    capitalised,
    class_article,
    class_plural,
    drug_buttons,
    drug_names,
    number_word,
    sentence_list,
    short_names,
)
from assistant.wording.drugs import CLASS_EXPLAINED, NAMED_IN_CLASS, NAMES, class_named, in_class, uses
from assistant.wording.gaps import condition_not_linked, missing_fact_with_referral


# --- classes and the list ------------------------------------------------------

def drug_class_explained(cls: DrugClass) -> Reply:
    text = f"{cls.name.capitalize()} ({cls.abbreviation})\n{cls.what_it_is}"
    facts = ids(cls, "name", "abbreviation", *CLASS_EXPLAINED)
    if cls.how_it_works:
        text += f" {cls.how_it_works}"
    else:
        text += f" {NTRK.what_a_fusion_is} {NTRK.what_the_fusion_causes}"
        facts += ids(NTRK, "what_a_fusion_is", "what_the_fusion_causes")
    members = facts_query.drugs_in(cls)
    return Reply(f"{text}\nDrugs in this group: {drug_names(members)}.",
                 facts=facts + of_drugs(members, *NAMED_IN_CLASS))


def drug_classes(classes: Sequence[DrugClass] = DRUG_CLASSES) -> Reply:
    return Reply.lines([drug_class_explained(cls) for cls in classes or DRUG_CLASSES])


def drug_list() -> Reply:
    # The page has two groups: "One group is … The other group is …".
    groups = bullets(
        f"{opening} the {cls.abbreviation} ({cls.name}). It has {drug_names(facts_query.drugs_in(cls))}."
        for opening, cls in zip(("One group is", "The other group is"), DRUG_CLASSES)
    )
    return Reply(
        f"My source names {DRUG_COUNT} targeted therapy drugs that may be used for soft tissue "
        f"sarcoma. They come in {number_word(len(DRUG_CLASSES))} groups.\n{groups}",
        drug_buttons(Topic.DRUG_OVERVIEW),
        facts=of_drugs(DRUGS, *NAMED_IN_CLASS) + tuple(i for cls in DRUG_CLASSES for i in ids(cls, "name", "abbreviation")),
    )


def ntrk_fusion() -> Reply:
    members = facts_query.drugs_in(NTRK_INHIBITOR)
    return Reply(
        f"{NTRK.normal_gene_role}\n{NTRK.what_a_fusion_is}\n{NTRK.what_the_fusion_causes}\n"
        f"Sarcoma with an NTRK gene fusion may be treated with "
        f"{drug_names(members)}. They are taken {NTRK_DRUGS_HOW_TAKEN}.",
        facts=ids(NTRK, "normal_gene_role", "what_a_fusion_is", "what_the_fusion_causes")
        + ("ntrk_drugs.how_taken",) + of_drugs(members, *NAMES),
    )


# --- one fact across several drugs ("which ones…", "do all four…") -----------------

def _group_name(drugs: Sequence[Drug]) -> str:
    if len(drugs) == len(DRUGS):
        return f"All {DRUG_COUNT} drugs"
    if len(drugs) == 2:
        return f"Both {short_names(drugs)}"
    return capitalised(short_names(drugs))


def _side_effect_names(drug: Drug) -> Optional[str]:
    return sentence_list([e.name for e in drug.side_effects]) if drug.side_effects else None


def _uses(drug: Drug) -> str:
    """Each use on a line of its own (a long "A; B" line is hard to read)."""
    return "\n".join(use.text for use in drug.indications)


def _rows(names: str, value: Optional[str]) -> List[str]:
    """"• names: value" bullets, one for each line of the value."""
    return [f"• {names}: {part}" for part in (value or "").split("\n")]


def _class_sentence(members: Sequence[Drug]) -> str:
    """"Pazopanib (Votrient) and Imatinib (Gleevec) are tyrosine kinase inhibitors (TKIs)." """
    cls = members[0].drug_class
    if len(members) == 1:
        return f"{drug_names(members)} is {class_article(cls)}."
    return f"{drug_names(members)} are {class_plural(cls)}."


def _targets_sentence(members: Sequence[Drug]) -> str:
    return f"{drug_names(members)} target{'s' if len(members) == 1 else ''} {members[0].targets}."


# Facts that read best as a sentence for each group of drugs sharing them.
ACROSS_SENTENCES: Dict[Topic, Callable[[Sequence[Drug]], str]] = {
    Topic.DRUG_CLASS: _class_sentence,
    Topic.DRUG_MECHANISM: _targets_sentence,
    Topic.DRUG_INDICATION: lambda members: uses(members[0], drug_names(members)),
}


# The facts each topic's line states for a drug that has them.
ACROSS_FIELDS: Dict[Topic, Tuple[str, ...]] = {
    Topic.DRUG_DURATION: ("how_long",),
    Topic.SIDE_EFFECTS: ("side_effects",),
    Topic.DRUG_CLASS: ("drug_class",),
    Topic.DRUG_MECHANISM: ("targets",),
    Topic.DRUG_INDICATION: ("indications",),
    Topic.DRUG_ADMINISTRATION: ("how_taken", "how_often"),
}
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
    if shown and topic in ACROSS_SENTENCES:
        lines += [ACROSS_SENTENCES[topic](members) for _, members in shown]
    elif shown:
        lines.append(f"{heading}:")
        for value, members in shown:
            lines += _rows(drug_names(members), value)
    missing = [drug for drug in drugs if fact(drug) is None]
    if missing and gap is not None:
        lines.append(missing_fact_with_referral(gap, missing))
    stated = [drug for _, members in shown for drug in members]
    if topic == Topic.DRUG_ADMINISTRATION:
        stated = list(drugs)  # every drug's way of taking it is said
    class_names = tuple(i for drug in stated for i in class_named(drug.drug_class)) if topic == Topic.DRUG_CLASS else ()
    return Reply("\n".join(lines), facts=of_drugs(stated, *NAMES, *ACROSS_FIELDS[topic]) + class_names)


# --- side by side ------------------------------------------------------------------

def _not_given(value: Optional[str]) -> str:
    """A fact as one cell of a side-by-side line (lower case, no full stop)."""
    if not value:
        return "my source doesn't say"
    return (value[:1].lower() + value[1:]).rstrip(".")


COMPARED_FACTS: Tuple[Tuple[str, Callable[[Drug], str]], ...] = (
    ("Drug group", lambda d: class_article(d.drug_class)),
    ("What they target", lambda d: _not_given(d.targets)),
    ("What they may be used for", _uses),
    ("How they are taken", lambda d: d.how_taken + (f", {d.how_often}" if d.how_often else "; my source doesn't say how often")),
    ("How long they are taken", lambda d: _not_given(d.how_long)),
    ("Side effects named", lambda d: _side_effect_names(d) or "none named in my source"),
)


def compare_drugs(drugs: Sequence[Drug]) -> Reply:
    lines = [f"{drug_names(drugs)}, side by side:"]
    for label, fact in COMPARED_FACTS:
        groups = facts_query.group_by(drugs, fact)
        lines.append(f"{label}:")
        if len(groups) == 1:
            lines += _rows("Both" if len(drugs) == 2 else "All", groups[0][0])
        else:
            for value, members in groups:
                lines += _rows(capitalised(short_names(members)), value)
    lines.append("My source doesn't compare how well they work.")
    facts = tuple(i for drug in drugs for i in in_class(drug))
    return Reply("\n".join(lines), facts=facts + of_drugs(drugs, "targets", "indications", "how_taken", "how_often",
                                                          "how_long", "side_effects"))


def compare_classes(classes: Sequence[DrugClass]) -> Reply:
    lines = [f"{sentence_list([cls.abbreviation for cls in classes])}, side by side:"]
    facts: Tuple[str, ...] = ()
    for cls in classes:
        members = facts_query.drugs_in(cls)
        how = cls.how_it_works or "My source doesn't explain how they act on the cell."
        uses = dict.fromkeys(use.text for drug in members for use in drug.indications)
        lines += [
            f"{cls.abbreviation}:",
            f"• {cls.what_it_is} {how}",
            f"• Drugs: {drug_names(members)}.",
            *(f"• Used for {use}." for use in uses),
            "• Taken as pills.",
        ]
        facts += ids(cls, "abbreviation", *CLASS_EXPLAINED) + of_drugs(members, *NAMED_IN_CLASS, "indications",
                                                                      "how_taken")
    lines.append("My source doesn't compare how well they work.")
    return Reply("\n".join(lines), facts=facts)


# --- from a condition to its drugs -------------------------------------------------

def _linked_situations() -> Tuple[str, ...]:
    """Every situation the page ties a drug to, each once, by its short name."""
    return tuple(dict.fromkeys(use.condition.short_name for drug in DRUGS for use in drug.indications))


def for_conditions(mentions: Sequence[ConditionMention], named: Sequence[Drug] = ()) -> Reply:
    if not mentions:
        lines = ["My source links each drug to a situation."]
        lines += [uses(drug, drug.display_name) for drug in DRUGS]
        return Reply("\n".join(lines) + "\nYour healthcare team decides which drug fits a person's situation.",
                     facts=of_drugs(DRUGS, *NAMES, "indications"))
    lines = []
    facts: Tuple[str, ...] = ()
    for mention in mentions:
        if mention.condition is None:
            facts += of_drugs(DRUGS, "indications")
            lines.append(condition_not_linked(mention.name, named))
            lines.append(f"It links these drugs only to:\n{bullets(_linked_situations())}")
            # A false premise ("X is only for leukemia, right?") gets what the page does say.
            lines += [uses(drug, f"It says {drug.display_name}") for drug in named]
            continue
        page_uses = facts_query.uses_for(mention.condition)
        # Drugs the page gives the same uses are named together.
        by_uses = facts_query.group_by(
            list(dict.fromkeys(drug for drug, _ in page_uses)),
            lambda drug: tuple(use.text for d, use in page_uses if d == drug),
        )
        facts += of_drugs([drug for _, members in by_uses for drug in members], *NAMES, "indications")
        for texts, members in by_uses:
            assert texts
            if len(texts) == 1:
                lines.append(f"My source says {drug_names(members)} may be used for {texts[0]}.")
            else:
                lines.append(f"My source says {drug_names(members)} may be used for:\n{bullets(texts)}")
        not_linked = [d for d in named if d not in facts_query.drugs_for(mention.condition)]
        if not_linked:
            lines.append(f"It doesn't link {short_names(not_linked)} to that.")
    lines.append("Your healthcare team can say which treatment fits a person's own situation.")
    return Reply("\n".join(lines), facts=tuple(dict.fromkeys(facts)))
