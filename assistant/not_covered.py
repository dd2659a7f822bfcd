"""What the page does not cover: one explicit list, beside the facts.

The source page is short. Patients ask about much more than it says, and the
assistant must say plainly which part it can't answer and who can. Two kinds
of gap are listed here, and nowhere else:

- ``TOPIC_GAPS``: whole topics the page never covers (costs, food, driving…).
  Each names the topic in words a patient uses and the right person to ask.
- ``DRUG_FACT_GAPS``: facts the page gives for some drugs but not others (how
  often the NTRK inhibitors are taken, how long pazopanib is taken…). Which
  drugs lack them follows from the ``None`` fields in ``assistant.facts``.

The words people use for each topic live in ``vocabulary/gaps.yml``, which
the NLU tags;
how a gap is worded lives in ``assistant.wording.gaps``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Dict, Tuple


class Referral(str, Enum):
    """Who can answer what the page does not."""

    PHARMACIST = "your pharmacist or healthcare team"
    TEAM = "your healthcare team"
    HELPLINE = "your healthcare team, or the Canadian Cancer Society's helpline"


@dataclass(frozen=True)
class TopicGap:
    key: str
    # Completes "My source doesn't cover …" (a second sentence may follow).
    what: str
    ask: Referral


TOPIC_GAPS: Tuple[TopicGap, ...] = (
    TopicGap("cost", "costs, or what drug plans and insurance cover", Referral.HELPLINE),
    TopicGap("food", "food, drinks such as grapefruit juice, or whether to take it with meals", Referral.PHARMACIST),
    TopicGap("alcohol", "alcohol", Referral.PHARMACIST),
    TopicGap("other_medicines", "other medicines taken at the same time. That includes vitamins, supplements "
             "and herbal products", Referral.PHARMACIST),
    TopicGap("onset", "how soon these drugs start to work", Referral.TEAM),
    TopicGap("success", "how well the drugs work or the chances of success", Referral.TEAM),
    TopicGap("cure", "whether targeted therapy can cure sarcoma", Referral.TEAM),
    TopicGap("children", "use in children", Referral.TEAM),
    TopicGap("older_people", "anything special for older people", Referral.TEAM),
    TopicGap("fertility", "fertility or pregnancy", Referral.TEAM),
    TopicGap("breastfeeding", "breastfeeding", Referral.TEAM),
    TopicGap("vaccines", "vaccines", Referral.TEAM),
    TopicGap("driving", "driving", Referral.TEAM),
    TopicGap("travel", "travel", Referral.TEAM),
    TopicGap("storage", "how to store or keep the pills", Referral.PHARMACIST),
    TopicGap("generics", "generic versions", Referral.PHARMACIST),
    TopicGap("clinical_trials", "clinical trials", Referral.HELPLINE),
    TopicGap("prescription", "how to get a prescription", Referral.TEAM),
    TopicGap("stops_working", "what happens if a drug stops working", Referral.TEAM),
    TopicGap("long_term_effects", "long-term effects beyond the late side effects it mentions", Referral.TEAM),
    TopicGap("hair_loss", "hair loss", Referral.PHARMACIST),
    # The page compares side effects with chemotherapy and radiation, and
    # nothing else: how well each works is the gap.
    TopicGap("other_treatments", "other treatments, such as surgery, chemotherapy, radiation or "
             "immunotherapy, or how well they work next to targeted therapy", Referral.TEAM),
    TopicGap("comparing_results", "which drug works better", Referral.TEAM),
    TopicGap("sleep", "sleep", Referral.TEAM),
    TopicGap("work", "work, or what to tell an employer", Referral.TEAM),
    TopicGap("exercise", "exercise or sport", Referral.TEAM),
    TopicGap("sun", "being out in the sun or heat, such as hot tubs or saunas", Referral.PHARMACIST),
    TopicGap("sex", "sex or intimacy", Referral.TEAM),
    TopicGap("pets", "pets", Referral.TEAM),
    TopicGap("beauty", "hair dye, tattoos or other beauty treatments", Referral.PHARMACIST),
    TopicGap("smoking", "smoking or vaping", Referral.TEAM),
    TopicGap("dental", "dental care", Referral.TEAM),
    TopicGap("contact", "being close to family or other people during treatment", Referral.TEAM),
    TopicGap("inheritance", "whether any of this runs in families", Referral.TEAM),
    TopicGap("crushing", "taking the pills other than whole: crushing, splitting or chewing them, mixing them "
             "with food, or a liquid form", Referral.PHARMACIST),
    TopicGap("handling", "how a carer should handle the pills, such as wearing gloves", Referral.PHARMACIST),
    TopicGap("healing", "how wounds or surgery cuts heal during treatment", Referral.TEAM),
    TopicGap("caring", "how to support someone through treatment, or support for carers", Referral.HELPLINE),
    TopicGap("languages", "information in other languages", Referral.HELPLINE),
)

GAPS_BY_KEY: Dict[str, TopicGap] = {gap.key: gap for gap in TOPIC_GAPS}


@dataclass(frozen=True)
class DrugFactGap:
    """A fact the page gives for some drugs only; ``field`` is the
    ``assistant.facts.Drug`` attribute that is ``None`` or empty when missing."""

    field: str
    # Completes "My source doesn't say …": {drugs} are the drugs' names,
    # {is} and {s} agree with how many there are.
    what: str
    ask: Referral
    # The same, as the question for the care team ("How often is
    # larotrectinib taken?", assistant/care_questions.py); {does} agrees too.
    question: str


HOW_OFTEN = DrugFactGap("how_often", "how often {drugs} {is} taken", Referral.PHARMACIST,
                        "How often {is} {drugs} taken?")
HOW_LONG = DrugFactGap("how_long", "how long {drugs} {is} usually taken", Referral.TEAM,
                       "How long {is} {drugs} usually taken?")
TARGETS = DrugFactGap("targets", "which proteins {drugs} target{s}", Referral.TEAM,
                      "Which proteins {does} {drugs} target?")
MECHANISM = DrugFactGap("how_it_works", "exactly how {drugs} act{s} on cancer cells", Referral.TEAM,
                        "How exactly {does} {drugs} act on cancer cells?")
SIDE_EFFECTS = DrugFactGap("side_effects", "which side effects {drugs} can cause", Referral.PHARMACIST,
                           "Which side effects can {drugs} cause?")

# The page announces a list of common side effects of targeted therapy but
# gives none.
COMMON_SIDE_EFFECTS = "which side effects of targeted therapy are common in soft tissue sarcoma"
