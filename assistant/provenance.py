"""Where each fact of ``assistant.facts`` comes from on the source page.

Every fact has a stable id, "<object>.<field>" ("pazopanib.how_often",
"side_effects.timing", "disclaimer.full"), found by walking the fact objects
(``fact_values``), so a new field or drug is a new fact that needs an anchor.
``ANCHORS`` maps each id to the sentence(s) it restates: the section heading,
the sentence's position in that section and a short digest of its normalised
text (``checks.source_page``). The page's own sentences are never copied
here; the digest is enough to find them, and to notice when they change.

``UNUSED`` lists the informative sentences no fact uses, each with why.
``tests/unit/test_provenance.py`` checks both tables against the stored page,
and ``scripts/check_source.py`` against a new copy. The assistant itself only
needs the section names, to cite them; it never reads the page.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Dict, Iterable, Optional, Tuple

from assistant import facts as f

# The page's section headings, as they appear on it.
INTRO = "Targeted therapy for soft tissue sarcoma"  # also the page title
DRUGS_USED = "Targeted therapy drugs used for soft tissue sarcoma"
TKIS = "Tyrosine kinase inhibitors"
NTRKS = "Neurotrophic tyrosine receptor kinase (NTRK) inhibitors"
SIDE_EFFECTS = "Side effects"
DRUG_INFORMATION = "Information about specific cancer drugs"
QUESTIONS = "Questions to ask about targeted therapy"
REVIEW = "Expert review and references"
DISCLAIMER = "Medical disclaimer"
FOOTER = "(page footer)"  # same as checks.source_page.FOOTER; not a heading on the page

# How answers name a section: "From the section on side effects." Sections
# not named "the section on …" are cited by these phrases instead.
SECTION_TOPICS: Dict[str, str] = {
    DRUGS_USED: "the drugs used",
    TKIS: "tyrosine kinase inhibitors",
    NTRKS: "NTRK inhibitors",
    SIDE_EFFECTS: "side effects",
    DRUG_INFORMATION: "drug information",
    QUESTIONS: "questions to ask",
}
SECTION_PHRASES: Dict[str, str] = {
    INTRO: "the start of the page",
    DISCLAIMER: "the medical disclaimer",
    FOOTER: "the page footer",
}
SECTION_ORDER: Tuple[str, ...] = (
    INTRO, DRUGS_USED, TKIS, NTRKS, SIDE_EFFECTS, DRUG_INFORMATION, QUESTIONS, REVIEW, DISCLAIMER, FOOTER
)


@dataclass(frozen=True)
class Anchor:
    section: str
    # Position of the sentence in its section, from 0; None for the heading.
    sentence: Optional[int]
    # checks.source_page.digest of the sentence (or heading).
    digest: str


def _at(section: str, *sentences: Tuple[int, str]) -> Tuple[Anchor, ...]:
    return tuple(Anchor(section, position, digest) for position, digest in sentences)


def _heading(section: str, digest: str) -> Tuple[Anchor, ...]:
    return (Anchor(section, None, digest),)


# Fields that help find a fact (keys, spellings, words to match) but state none.
NOT_FACT_FIELDS = frozenset({"key", "misspellings", "aliases", "recognised_by"})

# Objects whose fields are facts, by id prefix (drugs and classes by key).
FACT_OBJECTS: Dict[str, object] = {
    "source": f.SOURCE,
    "overview": f.OVERVIEW,
    **{cls.key: cls for cls in f.DRUG_CLASSES},
    "ntrk_fusion": f.NTRK,
    **{drug.key: drug for drug in f.DRUGS},
    "side_effects": f.SIDE_EFFECTS,
    "disclaimer": f.DISCLAIMER,
}
# Facts that are module constants of their own.
SINGLE_FACTS: Dict[str, object] = {
    "ntrk_drugs.indications": f.NTRK_FUSION_INDICATION,
    "ntrk_drugs.how_taken": f.NTRK_DRUGS_HOW_TAKEN,
    "drug_details_change": f.DRUG_DETAILS_CHANGE,
    "questions_for_team": f.QUESTIONS_FOR_TEAM_ADVICE,
}
# Constants of assistant.facts that are not from the page at all.
NOT_FROM_PAGE = {"SAFETY": "emergency and crisis numbers come from the project's safety rules"}


def _present(value: object) -> bool:
    return value is not None and value != () and value != ""


def fact_values(include_empty: bool = False) -> Dict[str, object]:
    """Every fact by id. Empty fields (the page is silent) are facts only
    with ``include_empty``: an anchor on one says where the page states the gap."""
    found: Dict[str, object] = {}
    for prefix, obj in FACT_OBJECTS.items():
        for field in dataclasses.fields(obj):  # type: ignore[arg-type]
            value = getattr(obj, field.name)
            if field.name not in NOT_FACT_FIELDS and (include_empty or _present(value)):
                found[f"{prefix}.{field.name}"] = value
    found.update(SINGLE_FACTS)
    return found


# Each fact object's id prefix, by identity (drugs and classes by key).
_PREFIXES: Dict[int, str] = {id(obj): prefix for prefix, obj in FACT_OBJECTS.items()}


def ids(subject: object, *fields: str) -> Tuple[str, ...]:
    """The ids of these fields of a fact object, as far as the page states
    them: a field the page gives, or an empty one whose gap it states, has
    an anchor ("imatinib.how_taken", "side_effects.common_side_effects");
    one it is silent on ("pazopanib.how_long") has none."""
    prefix = _PREFIXES[id(subject)]
    return tuple(i for i in (f"{prefix}.{field}" for field in fields) if i in ANCHORS)


def of_drugs(drugs: Iterable[object], *fields: str) -> Tuple[str, ...]:
    return tuple(i for drug in drugs for i in ids(drug, *fields))


def fact_text(value: object) -> str:
    """A fact as plain text, to check its names and numbers against the page."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, tuple):
        return " ".join(fact_text(item) for item in value)
    if isinstance(value, f.Indication):
        return value.text
    return str(getattr(value, "name", ""))


ANCHORS: Dict[str, Tuple[Anchor, ...]] = {
    # Where the page comes from.
    "source.publisher": _at(DISCLAIMER, (0, "3f4d1d87")) + _at(FOOTER, (2, "70525af3")),
    "source.title": _heading(INTRO, "986d026b"),
    "source.website": _at(FOOTER, (1, "1d1b53d0")),
    "source.helpline": _at(FOOTER, (0, "83ac2ea4")),
    "source.copyright": _at(FOOTER, (2, "70525af3")),
    # Targeted therapy in general.
    "overview.who_has_it": _at(INTRO, (0, "95f88bcb")),
    "overview.what_it_is": _at(INTRO, (1, "cfcb6d0e")),
    "overview.how_it_works": _at(INTRO, (2, "8c5d8228"), (3, "a212d293")),
    "overview.other_name": _at(INTRO, (4, "6d819ce4")),
    "overview.goals": _at(INTRO, (5, "eef36678"), (6, "6ee2d8c2"), (7, "956c4503")),
    "overview.palliative_term": _at(INTRO, (7, "956c4503")),
    "overview.planning": _at(INTRO, (8, "9f95979d")),
    "overview.combined_treatment": _at(INTRO, (9, "8892fb5d")),
    # The two classes.
    "tki.name": _heading(TKIS, "e56c5254") + _at(TKIS, (0, "9f12da3f")),
    "tki.abbreviation": _at(TKIS, (0, "9f12da3f")),
    "tki.what_it_is": _at(TKIS, (0, "9f12da3f"), (1, "2339c941")),
    "tki.how_it_works": _at(TKIS, (2, "750015d3")),
    "ntrk.name": _heading(NTRKS, "89792395") + _at(NTRKS, (0, "7241887d")),
    "ntrk.abbreviation": _at(NTRKS, (0, "7241887d")),
    "ntrk.what_it_is": _at(NTRKS, (0, "7241887d"), (4, "9fd72160")),
    # NTRK gene fusions.
    "ntrk_fusion.normal_gene_role": _at(NTRKS, (1, "2dcea8ba")),
    "ntrk_fusion.what_a_fusion_is": _at(NTRKS, (2, "124fb3d2")),
    "ntrk_fusion.what_the_fusion_causes": _at(NTRKS, (3, "e6a1230c")),
    # Pazopanib.
    "pazopanib.generic": _at(TKIS, (3, "d653240f")),
    "pazopanib.brands": _at(TKIS, (3, "d653240f")),
    "pazopanib.drug_class": _at(TKIS, (3, "d653240f")),
    "pazopanib.targets": _at(TKIS, (4, "91441166")),
    "pazopanib.how_it_works": _at(TKIS, (5, "3821a7fa")),
    "pazopanib.indications": _at(TKIS, (6, "f476e6f4")),
    "pazopanib.how_taken": _at(TKIS, (7, "1dada5a6")),
    "pazopanib.how_often": _at(TKIS, (7, "1dada5a6")),
    "pazopanib.side_effects": _at(SIDE_EFFECTS, (10, "1d181a46")),
    # Imatinib.
    "imatinib.generic": _at(TKIS, (8, "275c9349")),
    "imatinib.brands": _at(TKIS, (8, "275c9349")),
    "imatinib.drug_class": _at(TKIS, (8, "275c9349")),
    "imatinib.targets": _at(TKIS, (9, "60522abc")),
    "imatinib.indications": _at(TKIS, (10, "e10deba7"), (11, "f8cacf84"), (12, "105f81f8")),
    "imatinib.how_taken": _at(TKIS, (13, "39664b54")),
    "imatinib.how_often": _at(TKIS, (13, "39664b54")),
    "imatinib.how_long": _at(TKIS, (14, "5776e6e3")),
    # Larotrectinib and entrectinib: one list item each, and shared facts.
    "larotrectinib.generic": _at(NTRKS, (6, "1be9a241")),
    "larotrectinib.brands": _at(NTRKS, (6, "1be9a241")),
    "larotrectinib.drug_class": _at(NTRKS, (4, "9fd72160"), (6, "1be9a241")),
    "larotrectinib.indications": _at(NTRKS, (4, "9fd72160"), (6, "1be9a241")),
    "larotrectinib.how_taken": _at(NTRKS, (5, "b95af0ba")),
    "entrectinib.generic": _at(NTRKS, (7, "14689c96")),
    "entrectinib.brands": _at(NTRKS, (7, "14689c96")),
    "entrectinib.drug_class": _at(NTRKS, (4, "9fd72160"), (7, "14689c96")),
    "entrectinib.indications": _at(NTRKS, (4, "9fd72160"), (7, "14689c96")),
    "entrectinib.how_taken": _at(NTRKS, (5, "b95af0ba")),
    "ntrk_drugs.indications": _at(NTRKS, (4, "9fd72160")),
    "ntrk_drugs.how_taken": _at(NTRKS, (5, "b95af0ba")),
    # Side effects in general.
    "side_effects.variability": _at(SIDE_EFFECTS, (0, "30b92a43"), (1, "2b18f18e"), (2, "11d9961a")),
    "side_effects.comparison": _at(SIDE_EFFECTS, (3, "6414f089"), (4, "5184cdd7")),
    "side_effects.timing": _at(SIDE_EFFECTS, (5, "ca806eb7")),
    "side_effects.late_effects": _at(SIDE_EFFECTS, (6, "2c878d55")),
    "side_effects.persistence": _at(SIDE_EFFECTS, (7, "c6494abf")),
    "side_effects.depends_on": _at(SIDE_EFFECTS, (8, "473902e9")),
    # The page announces a list of common side effects and gives none: the
    # empty field is a stated gap, anchored so a list that appears is noticed.
    "side_effects.common_side_effects": _at(SIDE_EFFECTS, (9, "3593d42f")),
    "side_effects.reporting": _at(SIDE_EFFECTS, (11, "5866e8f4"), (12, "89e831d0")),
    # Pointers and the disclaimer.
    "drug_details_change": _at(DRUG_INFORMATION, (0, "6f375bfa")),
    "questions_for_team": _at(QUESTIONS, (1, "c6e7ca62")),
    "disclaimer.short": _at(DISCLAIMER, (0, "3f4d1d87"), (1, "e4585c8e")) + _at(FOOTER, (0, "83ac2ea4"), (1, "1d1b53d0")),
    "disclaimer.full": _at(DISCLAIMER, (0, "3f4d1d87"), (1, "e4585c8e"), (2, "de2d6c24"), (3, "68a9407b")),
}

# Informative sentences of the page that no fact uses, and why.
UNUSED: Dict[Anchor, str] = {
    Anchor(DRUGS_USED, 0, "32d8950f"): (
        "introduces the drugs below; each drug's own sentences are anchored, and the assistant's "
        "list of drugs is built from them"
    ),
    Anchor(DRUG_INFORMATION, 1, "0e57aab5"): (
        "links to another page (sources of drug information); the assistant sends people to their "
        "pharmacist or healthcare team and the helpline instead"
    ),
    Anchor(QUESTIONS, 0, "1e3c8b10"): "links to another page about targeted therapy",
}


def sections_of(fact_ids: Iterable[str]) -> Tuple[str, ...]:
    """The sections these facts come from, in page order (footer and
    disclaimer excluded: they say who publishes the page, not what it says)."""
    found = {a.section for fact_id in fact_ids for a in ANCHORS.get(fact_id, ())}
    return tuple(s for s in SECTION_ORDER if s in found and s not in (FOOTER, DISCLAIMER))
