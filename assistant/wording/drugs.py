"""Wording for questions about one drug at a time."""

from __future__ import annotations

from typing import Callable, Dict, Optional, Sequence, Tuple

from assistant import facts_query, not_covered
from assistant.facts import DRUGS, NTRK, NTRK_FUSION_STS, OVERVIEW, SIDE_EFFECTS, Drug, DrugClass, SideEffect
from assistant.provenance import ids
from assistant.reply import Reply
from assistant.topics import Topic
from assistant.wording.common import (
    DRUG_COUNT, bullets, class_article, class_article_names, drug_buttons, drug_names, sentence_list,
)
from assistant.wording.gaps import missing_fact, side_effect_not_named


# A drug's names, and which class it is: "Imatinib (Gleevec) is a TKI".
NAMES = ("generic", "brands")
NAMED_IN_CLASS = (*NAMES, "drug_class")
# What a class is and does.
CLASS_EXPLAINED = ("what_it_is", "how_it_works")


def class_named(cls: DrugClass) -> Tuple[str, ...]:
    """The facts of "a tyrosine kinase inhibitor (TKI)" (``class_article``)."""
    return ids(cls, *class_article_names(cls))


def in_class(drug: Drug) -> Tuple[str, ...]:
    """The facts of "Imatinib (Gleevec) is a tyrosine kinase inhibitor (TKI)"."""
    return ids(drug, *NAMED_IN_CLASS) + class_named(drug.drug_class)


def class_explained(cls: DrugClass) -> Tuple[str, ...]:
    return ids(cls, *CLASS_EXPLAINED) if cls.how_it_works else ()


def drug_class(drug: Drug) -> Reply:
    cls = drug.drug_class
    text = f"{drug.display_name} is {class_article(cls)}. {cls.what_it_is}"
    if cls.how_it_works:
        text += f" {cls.how_it_works}"
    return Reply(text, facts=in_class(drug) + ids(cls, *CLASS_EXPLAINED))


def drug_mechanism(drug: Drug) -> Reply:
    parts = [f"{drug.display_name} is {class_article(drug.drug_class)}."]
    facts = in_class(drug) + ids(drug, "targets", "how_it_works")
    if drug.targets:
        parts.append(f"It targets {drug.targets}.")
    if drug.how_it_works:
        parts.append(drug.how_it_works)
    elif drug.drug_class.how_it_works:
        parts.append(f"{drug.drug_class.what_it_is} {drug.drug_class.how_it_works}")
        facts += ids(drug.drug_class, *CLASS_EXPLAINED)
    else:
        parts.append(
            f"{missing_fact(not_covered.MECHANISM, [drug])} "
            f"What it does say: {drug.drug_class.what_it_is} {NTRK.what_the_fusion_causes}"
        )
        facts += ids(drug.drug_class, "what_it_is") + ids(NTRK, "what_the_fusion_causes")
    return Reply(" ".join(parts), facts=facts)


def uses(drug: Drug, subject: str) -> str:
    if len(drug.indications) == 1:
        return f"{subject} may be used to treat {drug.indications[0].text}."
    return f"{subject} may be used for:\n{bullets(i.text for i in drug.indications)}"


def uses_in_brief(drug: Drug, subject: str) -> str:
    """"It may be used for gastrointestinal stromal tumours (GISTs) that are
    unresectable or metastatic. It may also be used for …": each use in a
    sentence of its own, for a drug introduced beside another answer (a
    list reads as one long sentence)."""
    said = [f"{subject} may {'also ' if i else ''}be used for {use.text}." for i, use in enumerate(drug.indications)]
    return " ".join(said)


def drug_indication(drug: Drug) -> Reply:
    return Reply(uses(drug, drug.display_name), facts=ids(drug, *NAMES, "indications"))


def drug_duration(drug: Drug) -> Reply:
    # How long is a plan made for each person: the page's planning fact
    # says who makes it.
    own_plan = f"{OVERVIEW.planning} So they are the ones to tell you how long it will be for you."
    facts = ids(drug, "how_long") + ids(OVERVIEW, "planning")
    if drug.how_long:
        return Reply(f"{drug.how_long} {own_plan}", facts=facts)
    return Reply(f"{missing_fact(not_covered.HOW_LONG, [drug])} {own_plan}", facts=facts)


def _taken(drug: Drug) -> str:
    """"taken as a pill, every day", as far as the page says."""
    return f"taken {drug.how_taken}" + (f", {drug.how_often}" if drug.how_often else "")


def _comes(drug: Drug, subject: str) -> str:
    """"It comes as a pill, taken once a day.", as far as the page says."""
    return f"{subject} comes {drug.how_taken}" + (f", taken {drug.how_often}." if drug.how_often else ".")


def how_taken(drug: Drug, subject: str = "It") -> str:
    if drug.how_often:
        return _comes(drug, subject)
    return f"{_comes(drug, subject)} {missing_fact(not_covered.HOW_OFTEN, [drug])}"


def drug_administration(drug: Drug) -> Reply:
    # How it is taken, not for how long: "how long, and is it every day?"
    # gets each once.
    return Reply(how_taken(drug, drug.display_name), facts=ids(drug, *NAMES, "how_taken", "how_often"))


# Said with every side effect answer: who to tell, and why soon ("should
# she be calling them?" is answered before it is asked).
TELL_THE_TEAM = f"Tell your healthcare team about any side effect you notice. {SIDE_EFFECTS.reporting[1]}"
TOLD_THE_TEAM = ids(SIDE_EFFECTS, "reporting")
# When side effects come and whether they last, in brief: "is it from the
# pill she started last month?" and "will it go away?" are half the question.
WHEN_AND_HOW_LONG = (f"Side effects can start {sentence_list(SIDE_EFFECTS.timing, 'or')}. "
                     f"{SIDE_EFFECTS.late_effects} {' '.join(SIDE_EFFECTS.persistence)}")
WHEN_AND_HOW_LONG_FACTS = ids(SIDE_EFFECTS, "timing", "late_effects", "persistence")


def side_effects_named(drug: Drug) -> Reply:
    if drug.side_effects:
        return Reply(
            f"The side effects my source names for {drug.display_name} are:\n"
            f"{bullets(effect.name for effect in drug.side_effects)}\n"
            "It does not give a full list, so there may be others. "
            f"{SIDE_EFFECTS.variability[1]}\n{WHEN_AND_HOW_LONG}\n{TELL_THE_TEAM}",
            facts=ids(drug, "side_effects") + ids(SIDE_EFFECTS, "variability") + WHEN_AND_HOW_LONG_FACTS
            + TOLD_THE_TEAM,
        )
    # What the page says of all targeted therapy follows (``side_effects_in_general``).
    return Reply(
        f"{missing_fact(not_covered.SIDE_EFFECTS, [drug])} Please ask your healthcare team or pharmacist "
        "what to watch for."
    )


def side_effects_in_general() -> Reply:
    """Said once after the drugs whose side effects the page doesn't name:
    what it says of all targeted therapy still answers "what should I
    expect?"."""
    return Reply(
        f"Here is what my source says about targeted therapy in general. {SIDE_EFFECTS.variability[1]} "
        f"They depend most on {sentence_list(list(SIDE_EFFECTS.depends_on))}. {SIDE_EFFECTS.comparison[0]}\n"
        f"{WHEN_AND_HOW_LONG}\n{TELL_THE_TEAM}",
        facts=ids(SIDE_EFFECTS, "variability", "depends_on", "comparison", "reporting") + WHEN_AND_HOW_LONG_FACTS,
    )


def side_effect_listed(drug: Drug, effect: SideEffect) -> Reply:
    # "Is my blood pressure from the pill?": the page names the side effect,
    # but can't say what causes one person's reading.
    return Reply(
        f"My source names {effect.name} as a possible side effect of "
        f"{drug.display_name}.{also_named(drug, effect)} It can't say whether what you notice comes from {drug.generic}: "
        f"your healthcare team can.\n{WHEN_AND_HOW_LONG}\n{TELL_THE_TEAM}",
        facts=ids(drug, "side_effects") + WHEN_AND_HOW_LONG_FACTS + TOLD_THE_TEAM,
    )


def also_named(drug: Drug, effect: SideEffect) -> str:
    """" It also names …": the rest of what the page names for the drug ("is
    my grey hair from votrient?" also hears about blood pressure)."""
    others = [other.name for other in drug.side_effects if other != effect]
    return f" It also names {sentence_list(others)}." if others else ""


def side_effect_not_listed(drug: Drug, asked_about: str) -> Reply:
    return Reply(side_effect_not_named(asked_about, drug.display_name))


def drug_dose(drug: Optional[Drug]) -> Reply:
    subject = drug.generic if drug else "any of the drugs"
    return Reply(
        f"My source does not give doses for {subject}. {OVERVIEW.planning} "
        "Please don't change a dose without talking to them first.",
        facts=ids(OVERVIEW, "planning"),
    )


def fusion_explained(drugs: Sequence[Drug]) -> Optional[Reply]:
    """What an NTRK gene fusion is, once, after the uses of drugs used for
    one: "for sarcoma with an NTRK gene fusion" means little without it."""
    if not facts_query.uses_for(NTRK_FUSION_STS, drugs):
        return None
    return Reply(f"{NTRK.what_a_fusion_is} {NTRK.what_the_fusion_causes}",
                 facts=ids(NTRK, "what_a_fusion_is", "what_the_fusion_causes"))


def in_brief(drug: Drug, fields: Sequence[str]) -> Reply:
    """"Imatinib (Gleevec) is a tyrosine kinase inhibitor (TKI), taken as a
    pill, every day." and its uses, for the fields asked."""
    taken = _taken(drug)
    said = []
    if "drug_class" in fields:
        said.append(f"{drug.display_name} is {class_article(drug.drug_class)}"
                    + (f", {taken}." if "how_taken" in fields else "."))
    elif "how_taken" in fields:
        said.append(_comes(drug, drug.display_name))
    if "indications" in fields:
        said.append(uses_in_brief(drug, "It" if said else drug.display_name))
    stated = (*fields, "how_often") if "how_taken" in fields else tuple(fields)
    class_name = class_named(drug.drug_class) if "drug_class" in fields else ()
    return Reply("\n".join(said), facts=ids(drug, *NAMES, *stated) + class_name)


def drug_overview(drug: Drug) -> Reply:
    cls = drug.drug_class
    parts = [f"{drug.display_name} is {class_article(cls)} used for soft tissue sarcoma."]
    if cls.how_it_works:
        # What the class does is what "what is it?" most needs.
        parts.append(f"{cls.what_it_is} {cls.how_it_works}")
    if drug.targets:
        parts.append(f"It targets {drug.targets}.")
    facts = in_class(drug) + class_explained(cls)
    if _class_is_its_use(drug):
        # "NTRK inhibitors may be used for …": what the class is, and the drug's use.
        parts.append(cls.what_it_is)
        facts += ids(cls, "what_it_is")
    else:
        parts.append(uses(drug, "It"))
    parts.append(how_taken(drug))
    if drug.how_long:
        parts.append(drug.how_long)
    return Reply("\n".join(parts), facts=facts + ids(drug, "targets", "indications", "how_taken", "how_often",
                                                        "how_long"))


def _class_is_its_use(drug: Drug) -> bool:
    """Whether the page says what the drug's class is only by what it is
    used for, and that use is the drug's (NTRK inhibitors)."""
    cls = drug.drug_class
    return not cls.how_it_works and all(use.text in cls.what_it_is for use in drug.indications)


DRUG_TOPIC_WORDING: Dict[Topic, Callable[[Drug], Reply]] = {
    Topic.DRUG_OVERVIEW: drug_overview,
    Topic.DRUG_CLASS: drug_class,
    Topic.DRUG_MECHANISM: drug_mechanism,
    Topic.DRUG_INDICATION: drug_indication,
    Topic.DRUG_ADMINISTRATION: drug_administration,
    Topic.DRUG_DURATION: drug_duration,
    Topic.DOSE: drug_dose,
    Topic.SIDE_EFFECTS: side_effects_named,
}


def which_drug(topic: Topic) -> Reply:
    # Also the reply when the user named a drug the model did not pick up:
    # it must never sound as if another drug were one of the four.
    return Reply.conversational(
        f"Which drug do you mean? I only have information on {DRUG_COUNT} drugs. They are {drug_names(DRUGS)}.\n"
        "If you meant another medicine, I don't have information about it. Please ask "
        "your pharmacist or healthcare team.",
        drug_buttons(topic),
    )


def unknown_drugs(names: list) -> Reply:
    return Reply.conversational(
        f"I don't have information about {sentence_list(list(names))}. I can only tell you about {DRUG_COUNT} "
        f"drugs. They are {drug_names(DRUGS)}. My source names them as targeted therapy drugs for soft "
        "tissue sarcoma.\nFor any other medicine, please ask your pharmacist or healthcare team.",
        drug_buttons(Topic.DRUG_OVERVIEW),
    )


def same_drug(drug: Drug) -> Reply:
    """"Gleevec is the brand name of imatinib: the same drug." """
    brands = " and ".join(drug.brands)
    return Reply(f"{brands} {'is the brand name' if len(drug.brands) == 1 else 'are brand names'} of "
                 f"{drug.generic}. They are the same drug. Your pharmacist can check that a medicine you were "
                 "given, under any name or in another country, is this one.", facts=ids(drug, *NAMES))


def described(drugs: Sequence[Drug]) -> Reply:
    """"His daily GIST pill" is imatinib: the drug named, with who can confirm it."""
    if len(drugs) == 1:
        found = f"From what you describe, that sounds like {drugs[0].display_name}."
    else:
        found = f"From what you describe, the drugs in my source that fit are {drug_names(drugs)}."
    return Reply(f"{found} Your healthcare team can confirm which drug it is.")
