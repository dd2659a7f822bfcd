"""Small pieces every wording module uses: lists, names, buttons, referrals."""

from __future__ import annotations

import json
from typing import Iterable, Optional, Sequence, Tuple

from assistant.facts import DRUGS, NTRK_INHIBITOR, SOURCE, TKI, Drug, DrugClass
from assistant.not_covered import Referral
from assistant.reply import Button
from assistant.topics import Topic

HELPLINE = f"You can also call the Canadian Cancer Society at {SOURCE.helpline}."


def bullets(items: Iterable[str]) -> str:
    return "\n".join(f"• {item}" for item in items)


def sentence_list(items: Sequence[str], joiner: str = "and") -> str:
    items = list(items)
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} {joiner} {items[-1]}"


_NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def number_word(count: int) -> str:
    """How many, in words: the wording counts the facts, never hard-codes them."""
    return _NUMBER_WORDS[count] if count < len(_NUMBER_WORDS) else str(count)


# "the four drugs", "two groups": counted from the facts.
DRUG_COUNT = number_word(len(DRUGS))


def drug_names(drugs: Iterable[Drug]) -> str:
    return sentence_list([drug.display_name for drug in drugs])


def short_names(drugs: Iterable[Drug]) -> str:
    """"pazopanib and imatinib": for drugs already named in full."""
    return sentence_list([drug.generic for drug in drugs])


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


# "a tyrosine kinase inhibitor (TKI)" / "an NTRK inhibitor", and which of
# the class's names each says.
_SINGULAR = {
    TKI.key: ("a tyrosine kinase inhibitor (TKI)", ("name", "abbreviation")),
    NTRK_INHIBITOR.key: ("an NTRK inhibitor", ("abbreviation",)),
}


def class_article(cls: DrugClass) -> str:
    return _SINGULAR[cls.key][0]


def class_article_names(cls: DrugClass) -> Tuple[str, ...]:
    """The class's name fields that ``class_article`` says."""
    return _SINGULAR[cls.key][1]


def class_plural(cls: DrugClass) -> str:
    # "tyrosine kinase inhibitors (TKIs)" / "NTRK inhibitors"
    plural = {TKI.key: f"{TKI.name} ({TKI.abbreviation})", NTRK_INHIBITOR.key: NTRK_INHIBITOR.abbreviation}
    return plural[cls.key]


def referral(ask: Referral) -> str:
    if ask == Referral.HELPLINE:
        return f"Please ask {Referral.TEAM.value}. Or call the Canadian Cancer Society's helpline at {SOURCE.helpline}."
    return f"Please ask {ask.value}."


def payload(intent: str, drug: Optional[Drug] = None) -> str:
    return f"/{intent}" + (json.dumps({"drug": drug.generic}) if drug else "")


def drug_buttons(topic: Topic) -> Tuple[Button, ...]:
    return tuple(Button(drug.display_name, payload(topic.intent, drug)) for drug in DRUGS)


STARTER_BUTTONS: Tuple[Button, ...] = (
    Button("What is targeted therapy?", payload(Topic.WHAT_IS_TARGETED_THERAPY.intent)),
    Button("Which drugs are used?", payload(Topic.DRUG_LIST.intent)),
    Button("Side effects", payload(Topic.SIDE_EFFECTS.intent)),
    Button("Where is this from?", payload(Topic.SOURCE.intent)),
)

CAN_HELP_WITH = (
    "what targeted therapy for soft tissue sarcoma is",
    "how it works and why it is given",
    f"the {DRUG_COUNT} drugs my source covers: {drug_names(DRUGS)}",
    "how each drug works, when it is used and how it is taken",
    "what my source says about side effects",
    "where this information comes from",
)
