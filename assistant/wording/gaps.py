"""How the assistant says what its source does not cover.

Every "my source doesn't say…" sentence is built here from the explicit list
in ``assistant.not_covered``, so a gap is always named and always comes with
someone to ask.
"""

from __future__ import annotations

from typing import Sequence

from assistant.facts import Drug
from assistant.not_covered import COMMON_SIDE_EFFECTS, DrugFactGap, Referral, TopicGap
from assistant.reply import Reply
from assistant.wording.common import DRUG_COUNT, bullets, drug_names, referral, short_names


def missing_fact(gap: DrugFactGap, drugs: Sequence[Drug]) -> str:
    """"My source doesn't say how often larotrectinib and entrectinib are taken." """
    one = len(drugs) == 1
    what = gap.what.format(drugs=drug_names(drugs), **{"is": "is" if one else "are", "s": "s" if one else ""})
    return f"My source doesn't say {what}."


def missing_fact_with_referral(gap: DrugFactGap, drugs: Sequence[Drug]) -> str:
    return f"{missing_fact(gap, drugs)} {referral(gap.ask)}"


def topics_not_covered(gaps: Sequence[TopicGap], drugs: Sequence[Drug] = ()) -> Reply:
    """"My source doesn't cover costs, or what drug plans and insurance cover." for each gap."""
    if not gaps:
        return Reply.conversational(
            "I couldn't find that in my source. It only covers what targeted therapy for soft tissue "
            f"sarcoma is, the {DRUG_COUNT} drugs it names, how they are taken and what it says about side effects. "
            f"{referral(Referral.HELPLINE)}"
        )
    about = f"You asked about {drug_names(drugs)}. " if drugs else ""
    if len(gaps) == 1:
        opening = f"{about}My source doesn't cover {gaps[0].what}."
    else:
        # Gap names contain "or" and "and" themselves, so several are listed
        # one to a line, not joined into one long phrase.
        opening = f"{about}My source doesn't cover any of these:\n{bullets(gap.what for gap in gaps)}"
    asks = set(gap.ask for gap in gaps)
    if asks - {Referral.TEAM}:
        asks.discard(Referral.TEAM)  # the others already name the healthcare team
    closing = ["I can't advise on anyone's own situation.", *(referral(ask) for ask in Referral if ask in asks)]
    # States no fact: a referral only, so no disclaimer is needed.
    return Reply.conversational(f"{opening}\n{' '.join(closing)}")


def questions_unanswered(asked: Sequence[str]) -> Reply:
    """"You asked: “…?” I couldn't find an answer to that in my source."
    for questions that no known gap names, so none is silently dropped;
    ``asked`` are the questions as said back (``care_questions.in_own_words``).
    Nothing answered them, and no gap named them: the page may be silent, or
    may answer in words the assistant didn't follow, so the reply says what
    happened rather than claim the page is silent."""
    quoted = [f"“{question}”" for question in asked]
    if len(quoted) == 1:
        opening = f"You asked: {quoted[0]} I couldn't find an answer to that in my source."
    else:
        opening = f"You asked:\n{bullets(quoted)}\nI couldn't find answers to these in my source."
    return Reply.conversational(f"{opening} {referral(Referral.HELPLINE)}")


def side_effect_not_named(asked_about: str, drug_name: str) -> str:
    return (
        f"My source does not mention {asked_about} for {drug_name}. That does not mean it cannot happen. "
        f"It only means the page I rely on does not cover it. {referral(Referral.PHARMACIST)}"
    )


def no_common_side_effects() -> str:
    return f"My source does not list {COMMON_SIDE_EFFECTS}."


def condition_not_linked(name: str, drugs: Sequence[Drug] = ()) -> str:
    # The condition's name is never the last word: "... is used for kidney
    # cancer." could be read, cut short, as a claim.
    which = f"whether {short_names(drugs)} is" if drugs else "which of these drugs, if any, is"
    return f"My source doesn't mention {name}, so it doesn't say {which} used for it."
