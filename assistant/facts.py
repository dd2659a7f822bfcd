"""The single source of truth: every medical fact the assistant may state.

Every fact below comes from one page, "Targeted therapy for soft tissue
sarcoma" by the Canadian Cancer Society (cancer.ca), kept in
``shared/source/targeted-therapy-soft-tissue-sarcoma.txt``. The facts are
restated in this project's own words. Nothing is added from other sources:
where the page is silent the field is ``None`` or empty, and the wording layer
says so instead of filling the gap.

Where each fact comes from on the page (section heading and sentence) is in
``assistant.provenance``, by fact id ("pazopanib.how_often"); a test fails on
a fact with no anchor there.

The data is immutable (frozen dataclasses and tuples) so no action can change
a fact at run time.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Tuple


@dataclass(frozen=True)
class Source:
    publisher: str
    title: str
    website: str
    helpline: str
    copyright: str


@dataclass(frozen=True)
class SideEffect:
    key: str
    name: str
    # Word sets that name it in a question: all words of one set must appear
    # ("my hair went grey" has "hair" and "grey"; "hair loss" matches nothing).
    recognised_by: Tuple[Tuple[str, ...], ...]


@dataclass(frozen=True)
class DrugClass:
    key: str
    name: str
    abbreviation: str
    aliases: Tuple[str, ...]
    what_it_is: str
    how_it_works: Optional[str]


@dataclass(frozen=True)
class Condition:
    """A kind of soft tissue sarcoma, or a situation, that the page links to drugs."""

    key: str
    name: str
    # How a short list of every situation names it ("GISTs"), with the
    # situation the page ties a drug to when that is what sets it apart.
    short_name: str


@dataclass(frozen=True)
class Indication:
    """One use of a drug: a condition, in the situation the page gives."""

    condition: Condition
    situation: str

    @property
    def text(self) -> str:
        return f"{self.condition.name} {self.situation}"


@dataclass(frozen=True)
class Drug:
    key: str
    generic: str
    brands: Tuple[str, ...]
    # Common misspellings patients type; resolved in assistant/drug_names.py.
    misspellings: Tuple[str, ...]
    drug_class: DrugClass
    targets: Optional[str]
    how_it_works: Optional[str]
    indications: Tuple[Indication, ...]
    how_taken: str
    how_often: Optional[str]
    how_long: Optional[str]
    side_effects: Tuple[SideEffect, ...]

    @property
    def full_name(self) -> str:
        """"pazopanib (Votrient)": generic and brand names, as inside a sentence."""
        return f"{self.generic} ({', '.join(self.brands)})"

    @property
    def display_name(self) -> str:
        """"Pazopanib (Votrient)" style name used in every answer."""
        return self.full_name[:1].upper() + self.full_name[1:]


@dataclass(frozen=True)
class TherapyOverview:
    """What targeted therapy is, why it is given and how it is planned."""

    who_has_it: str
    what_it_is: str
    how_it_works: str
    other_name: str
    goals: Tuple[str, ...]
    palliative_term: str
    planning: str
    combined_treatment: str


@dataclass(frozen=True)
class NtrkBackground:
    normal_gene_role: str
    what_a_fusion_is: str
    what_the_fusion_causes: str


@dataclass(frozen=True)
class SideEffectFacts:
    """What the page says about side effects of targeted therapy in general."""

    variability: Tuple[str, ...]
    comparison: Tuple[str, ...]
    timing: Tuple[str, ...]
    late_effects: str
    persistence: Tuple[str, ...]
    depends_on: Tuple[str, ...]
    # The page announces a list of common side effects but gives none.
    common_side_effects: Tuple[SideEffect, ...]
    reporting: Tuple[str, ...]


@dataclass(frozen=True)
class Disclaimer:
    short: str
    full: Tuple[str, ...]


@dataclass(frozen=True)
class SafetyContacts:
    """Emergency numbers. These come from the project's safety rules, not
    from the source page, and are never presented as drug facts."""

    emergency: str
    crisis_line: str


SOURCE = Source(
    publisher="Canadian Cancer Society",
    title="Targeted therapy for soft tissue sarcoma",
    website="cancer.ca",
    helpline="1-888-939-3333",
    copyright="© 2024 Canadian Cancer Society",
)

OVERVIEW = TherapyOverview(
    who_has_it="Some people with certain kinds of soft tissue sarcoma are treated with it.",
    what_it_is=(
        "Targeted therapy is a treatment that uses drugs. The drugs aim at certain "
        "molecules, such as proteins, that sit on or inside cancer cells."
    ),
    how_it_works=(
        "Those molecules help pass on the signals that tell a cell to grow or divide. "
        "The drugs go after them. This stops the cancer cells from growing and "
        "spreading. It also keeps harm to normal cells low."
    ),
    other_name="molecular targeted therapy",
    goals=(
        "to keep cancer cells from growing, dividing and spreading",
        "to ease pain and control other symptoms when soft tissue sarcoma is advanced",
    ),
    palliative_term="palliative therapy",
    planning=(
        "Your healthcare team looks at your own needs when it plans which drugs "
        "you get, the doses and the schedule."
    ),
    combined_treatment="You might have other treatments as well.",
)

TKI = DrugClass(
    key="tki",
    name="tyrosine kinase inhibitors",
    abbreviation="TKIs",
    aliases=(
        "tki",
        "tkis",
        "tyrosine kinase inhibitor",
        "tyrosine kinase inhibitors",
        "kinase inhibitor",
        "kinase inhibitors",
        "tyrosine kinase",
    ),
    what_it_is=(
        "TKIs block tyrosine kinases. These are chemicals that help pass signals "
        "along inside cells."
    ),
    how_it_works="When those signals are blocked, the cell no longer grows and divides.",
)

NTRK_INHIBITOR = DrugClass(
    key="ntrk",
    name="neurotrophic tyrosine receptor kinase inhibitors",
    abbreviation="NTRK inhibitors",
    aliases=(
        "ntrk",
        "ntrk inhibitor",
        "ntrk inhibitors",
        "trk inhibitor",
        "trk inhibitors",
        "neurotrophic tyrosine receptor kinase inhibitor",
        "neurotrophic tyrosine receptor kinase inhibitors",
    ),
    what_it_is="NTRK inhibitors may be used for soft tissue sarcoma that has an NTRK gene fusion.",
    # The page does not explain how NTRK inhibitors act on the cell.
    how_it_works=None,
)

NTRK = NtrkBackground(
    normal_gene_role=(
        "Normally, the NTRK gene tells nerve cells how to make a certain protein. "
        "That protein helps nerve cells pass on information about certain sensations in the body."
    ),
    what_a_fusion_is=(
        "Sometimes a piece of the NTRK gene breaks away and gets joined to a "
        "different gene. This is called an NTRK gene fusion."
    ),
    what_the_fusion_causes=(
        "The fusion leads to abnormal proteins called TRK fusion proteins. These "
        "can make cancer cells grow."
    ),
)

GIST = Condition(key="gist", name="gastrointestinal stromal tumours (GISTs)", short_name="GISTs")
DFSP = Condition(key="dfsp", name="dermatofibrosarcoma protuberans (DFSP)", short_name="DFSP")
ADVANCED_STS = Condition(key="advanced_sts", name="some kinds of advanced soft tissue sarcoma",
                         short_name="some advanced soft tissue sarcomas")
NTRK_FUSION_STS = Condition(key="ntrk_fusion", name="soft tissue sarcoma",
                            short_name="sarcomas with an NTRK gene fusion")
CONDITIONS: Tuple[Condition, ...] = (GIST, DFSP, ADVANCED_STS, NTRK_FUSION_STS)

HYPERTENSION = SideEffect(
    key="hypertension",
    name="high blood pressure (hypertension)",
    recognised_by=(
        ("hypertension",),
        ("high", "blood", "pressure"),
        ("raised", "blood", "pressure"),
        ("elevated", "blood", "pressure"),
        ("high", "bp"),
        # "the pressure is go up": raised, whichever words say so
        ("pressure", "up"),
        ("pressure", "high"),
        ("pressure", "higher"),
        ("bp", "up"),
    ),
)

HAIR_COLOUR_CHANGES = SideEffect(
    key="hair_colour_changes",
    name="changes in hair colour",
    recognised_by=tuple(
        ("hair", word) for word in ("colour", "color", "white", "grey", "gray", "lighter", "lightening", "pale")
    ),
)

PAZOPANIB = Drug(
    key="pazopanib",
    generic="pazopanib",
    brands=("Votrient",),
    misspellings=("pazopanb", "pazopanip", "pazopinib", "pazapanib", "pazopanab", "votrent", "votreint", "votrien"),
    drug_class=TKI,
    targets=(
        "several proteins, among them VEGF (vascular endothelial growth factor). "
        "VEGF is a protein that helps cells build new blood vessels"
    ),
    how_it_works=(
        "It seeks out VEGF and latches onto it. This keeps cells from building "
        "the new blood vessels they need in order to grow."
    ),
    indications=(
        Indication(ADVANCED_STS, "once chemotherapy has already been given"),
        Indication(ADVANCED_STS, "that kept growing within 1 year after treatment"),
    ),
    how_taken="as a pill",
    how_often="once a day",
    how_long=None,
    side_effects=(HYPERTENSION, HAIR_COLOUR_CHANGES),
)

IMATINIB = Drug(
    key="imatinib",
    generic="imatinib",
    brands=("Gleevec",),
    misspellings=("imatanib", "imatinb", "imatinab", "imatnib", "imitinib", "imantinib", "gleevac", "gleevek", "glevec", "gleevic", "glivec", "gleeveck"),
    drug_class=TKI,
    targets=(
        "several proteins, among them the KIT protein. Cells rely on KIT to "
        "grow, divide and move around"
    ),
    # The page names its target but gives no imatinib-specific mechanism;
    # the wording layer explains it through the TKI class instead.
    how_it_works=None,
    indications=(
        Indication(GIST, "that are unresectable or metastatic"),
        Indication(DFSP, "that is unresectable, recurrent or metastatic"),
    ),
    how_taken="as a pill",
    how_often="every day",
    how_long=(
        "There is no set standard for how long imatinib is taken. But your doctors "
        "may have you stay on it for as long as 3 years."
    ),
    side_effects=(),
)

# The page gives the two NTRK inhibitors one shared set of facts.
NTRK_FUSION_INDICATION = (Indication(NTRK_FUSION_STS, "that has an NTRK gene fusion"),)
NTRK_DRUGS_HOW_TAKEN = "as pills"


def _ntrk_inhibitor(key: str, brand: str, misspellings: Tuple[str, ...]) -> Drug:
    # Target, mechanism, schedule, duration and side effects: not on the page.
    return Drug(
        key=key,
        generic=key,
        brands=(brand,),
        misspellings=misspellings,
        drug_class=NTRK_INHIBITOR,
        targets=None,
        how_it_works=None,
        indications=NTRK_FUSION_INDICATION,
        how_taken="as a pill",
        how_often=None,
        how_long=None,
        side_effects=(),
    )


LAROTRECTINIB = _ntrk_inhibitor(
    "larotrectinib",
    "Vitrakvi",
    ("larotrectinb", "larotrectnib", "larotrectanib", "larotectinib", "larotrectinab", "vitrakvy", "vitrakvie", "vitravki", "vitrakiv"),
)

ENTRECTINIB = _ntrk_inhibitor(
    "entrectinib",
    "Rozlytrek",
    ("entrectinb", "entrectanib", "entrectnib", "entrecitinib", "entrectinab", "rozlitrek", "rozlytreck", "rozlytrec", "roslytrek", "rozlytrex"),
)

DRUGS: Tuple[Drug, ...] = (PAZOPANIB, IMATINIB, LAROTRECTINIB, ENTRECTINIB)
DRUG_CLASSES: Tuple[DrugClass, ...] = (TKI, NTRK_INHIBITOR)

SIDE_EFFECTS = SideEffectFacts(
    variability=(
        "Any treatment for soft tissue sarcoma can cause side effects. But no two "
        "people have the same experience.",
        "Some people get many side effects. Others get few or none.",
    ),
    comparison=(
        "Targeted therapy goes after cancer cells and usually leaves healthy cells "
        "alone. So its side effects tend to be fewer and milder than those of "
        "chemotherapy or radiation therapy.",
        "Those two treatments can harm healthy cells as well as cancer cells.",
    ),
    timing=(
        "at any point during treatment",
        "right after treatment",
        "a few days or weeks after treatment",
    ),
    late_effects=(
        "Late side effects sometimes show up months or even years after targeted "
        "therapy."
    ),
    persistence=(
        "Most side effects clear up by themselves or can be treated.",
        "Some can last a long time or become permanent.",
    ),
    depends_on=(
        "which drug it is",
        "the dose",
        "the way it is given",
        "your health in general",
    ),
    common_side_effects=(),
    reporting=(
        "Let your healthcare team know about any side effects. Tell them even if "
        "you only think a problem might come from targeted therapy.",
        "The earlier they hear about a problem, the earlier they can suggest ways "
        "to help you cope with it.",
    ),
)

# The page points readers elsewhere for drug details because they change often.
DRUG_DETAILS_CHANGE = "Details about specific drugs change often."

QUESTIONS_FOR_TEAM_ADVICE = (
    "My source suggests you ask your healthcare team about targeted therapy. "
    "That helps you make the decisions that are right for you."
)

DISCLAIMER = Disclaimer(
    short=(
        "Please note: this is not medical advice. It is general information. Check "
        "with your healthcare team. Source: Canadian Cancer Society. Call "
        "1-888-939-3333 or visit cancer.ca."
    ),
    full=(
        "This assistant gives general information from the Canadian Cancer "
        "Society. It does not take the place of your relationship with your doctor.",
        "Talk to a qualified healthcare professional before you make any medical "
        "decision. Talk to them too when you have questions about your health.",
        "The Society works hard to make sure its information is right and can be "
        "trusted. But it can't promise that it is complete or free of errors.",
        "Other groups are named on cancer.ca. The Society is not responsible for "
        "what they say or offer. It does not endorse any service, product, "
        "treatment or therapy.",
    ),
)

SAFETY = SafetyContacts(
    emergency="911",
    crisis_line="988",
)
