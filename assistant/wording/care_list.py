"""How the patient's list of questions for the care team reads (issue 22).

The list holds only the patient's own questions, so these replies state no
medical fact and carry no disclaimer. The list is one message with single
line breaks: a messaging channel sends it whole, and the web chat shows
the numbered lines as a numbered list.
"""

from __future__ import annotations

from typing import Sequence

from assistant.care_questions import CareQuestion
from assistant.facts import SOURCE
from assistant.intents import ASK_CARE_QUESTIONS
from assistant.not_covered import Referral
from assistant.reply import Button, Reply
from assistant.wording.common import capitalised, number_word, payload

# The web chat's button sends this too (web/chat.js).
SHOW_BUTTON = Button("My questions for the care team", payload(ASK_CARE_QUESTIONS))
HEADING = "Questions to take to your healthcare team"
HOW_TO_EDIT = 'To change it, say "remove the second one", "clear my list", or "add:" and then your question.'
HELPLINE_LINE = f"For anything else, call the Canadian Cancer Society's helpline at {SOURCE.helpline}."
WHO = {
    Referral.TEAM: "Ask your healthcare team.",
    Referral.PHARMACIST: "Ask your pharmacist or healthcare team.",
    Referral.HELPLINE: "Ask your healthcare team or the helpline.",
}


def _count(count: int) -> str:
    """"three questions", "one question"."""
    return f"{number_word(count)} question{'' if count == 1 else 's'}"


def _shown(text: str) -> Reply:
    """The list as the reply that shows it (the web chat's dialog reads it)."""
    return Reply(text=text, states_medical_fact=False, shows_care_list=True)


def care_list(questions: Sequence[CareQuestion]) -> Reply:
    """The numbered list, each question with who to ask."""
    if not questions:
        return _shown("Your list is empty. When I can't answer a question, I keep it here for your next "
                      'appointment. You can also add one: type "add:" and then your question.')
    lines = [f"{HEADING} ({_count(len(questions))}):"]
    lines += [f"{i}. {question.text} {WHO[question.ask] if question.ask else ''}".rstrip()
              for i, question in enumerate(questions, 1)]
    lines += ["I have not answered these. Your team knows your situation.", HELPLINE_LINE, HOW_TO_EDIT]
    return _shown("\n".join(lines))


def offer(questions: Sequence[CareQuestion]) -> Reply:
    """Said once, after the second question the assistant couldn't answer."""
    return Reply.conversational(
        f"I've kept the {_count(len(questions))} I couldn't answer in a list for your next appointment. "
        'Ask "what should I ask my doctor?" any time to see it.',
        (SHOW_BUTTON,),
    )


def added(question: CareQuestion, questions: Sequence[CareQuestion]) -> Reply:
    return Reply.conversational(f'I added "{question.text}" to your list. It has {_count(len(questions))} now.',
                                (SHOW_BUTTON,))


def not_added() -> Reply:
    return Reply.conversational('What should I add? Type "add:" and then your question, '
                                'for example "add: can I travel while taking it?"')


def list_full(limit: int) -> Reply:
    return Reply.conversational(f"Your list already has {limit} questions, the most it keeps. "
                                'Remove one first, for example "remove the first one".')


def removed(question: CareQuestion, questions: Sequence[CareQuestion]) -> Reply:
    left = f"{capitalised(_count(len(questions)))} left." if questions else "Your list is empty now."
    return Reply.conversational(f'I removed "{question.text}". {left}', (SHOW_BUTTON,) if questions else ())


def which_to_remove(count: int) -> Reply:
    if not count:
        return care_list(())
    return Reply.conversational(f"Your list has {_count(count)}. Which one should I remove? "
                                'Say its number, for example "remove the second one".')


def no_such_question(number: int, count: int) -> Reply:
    return Reply.conversational(f"Your list has {_count(count)}, so there is no number {number}. "
                                'Say "what should I ask my doctor?" to see it.')


def cleared() -> Reply:
    # Says exactly what was cleared: "delete my data" can be read as this too.
    return Reply.conversational("I cleared your list of questions for the care team. It's empty now.")
