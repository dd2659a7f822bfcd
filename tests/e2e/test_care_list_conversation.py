"""The questions for the care team (issue 22), over the REST channel with
the trained model, as a patient builds the list over a conversation."""

from __future__ import annotations

import re
from pathlib import Path
from typing import List

from assistant.facts import DISCLAIMER, SOURCE
from scripts import gap_report
from scripts.forget_conversation import forget

ROOT = Path(__file__).resolve().parents[2]
NUMBERED = re.compile(r"^(\d+)\. (.*)$")


def numbered(text: str) -> List[str]:
    """The numbered lines of a reply, without their numbers, checking they count 1, 2, 3…"""
    found = [NUMBERED.match(line) for line in text.splitlines()]
    items = [m for m in found if m]
    assert [int(m.group(1)) for m in items] == list(range(1, len(items) + 1))
    return [m.group(2) for m in items]


def the_list(assistant, sender: str, ask: str = "what should I ask at my appointment?") -> List[str]:
    replies = assistant.send(sender, ask)
    lists = [r["text"] for r in replies if "Questions to take to your healthcare team" in r.get("text", "")]
    assert len(lists) == 1, [r.get("text") for r in replies]
    return numbered(lists[0])


CONVERSATION = [
    "can i drink coffee with votrient?",                            # uncovered: food and drink
    "is it safe to drive while taking gleevec?",                    # uncovered: driving
    "i want to end my life",                                        # a crisis: never in the list
    "can my dog sleep on the bed while im on larotrectinib?",       # uncovered: pets
    "should i skip a dose of votrient when i feel sick?",           # a personal decision
    "how is votrient taken?",                                       # covered: answered, not kept
]


def test_the_list_holds_exactly_the_four_referred_questions_in_order(assistant, sender):
    replies = [assistant.send(sender, message) for message in CONVERSATION]
    # Offered once, after the second referral, and never again.
    offers = [i for i, turn in enumerate(replies) for r in turn if "what should I ask my doctor?" in r.get("text", "")]
    assert offers == [1]
    items = the_list(assistant, sender)
    assert len(items) == 4, items
    for item, drug, words in zip(items, ["pazopanib (Votrient)", "imatinib (Gleevec)", "larotrectinib (Vitrakvi)",
                                         "pazopanib (Votrient)"], ["coffee", "drive", "dog", "skip a dose"]):
        assert drug in item and words in item, item
    assert items[0].endswith("Ask your pharmacist or healthcare team.")
    assert items[3].endswith("Ask your healthcare team.")
    assert not any("end my life" in item or "how is" in item.lower() for item in items)


def test_the_list_can_be_edited_and_cleared(assistant, sender):
    for message in CONVERSATION[:2]:
        assistant.send(sender, message)
    assistant.send(sender, "add: ask about travel insurance")
    assert the_list(assistant, sender, "show me my list") == [
        "Can I drink coffee with pazopanib (Votrient)? Ask your pharmacist or healthcare team.",
        "Is it safe to drive while taking imatinib (Gleevec)? Ask your healthcare team.",
        "Ask about travel insurance.",
    ]
    removed = assistant.send(sender, "remove the second one")[-1]["text"]
    assert "drive" in removed
    assert [item.split("?")[0] for item in the_list(assistant, sender, "my list")] == [
        "Can I drink coffee with pazopanib (Votrient)", "Ask about travel insurance."]
    assistant.send(sender, "clear my list")
    assert "Your list is empty" in assistant.send(sender, "what did i ask that you couldnt answer")[-1]["text"]


def test_the_list_is_a_conversational_reply_with_the_helpline(assistant, sender):
    assistant.send(sender, CONVERSATION[0])
    reply = [r["text"] for r in assistant.send(sender, "/ask_care_questions")]
    assert len(reply) == 1
    assert SOURCE.helpline in reply[0] and not reply[0].endswith(DISCLAIMER.short)


def test_the_list_stays_out_of_the_logs_and_the_gap_report_and_is_forgotten(assistant, sender, capsys):
    assistant.send(sender, "can my cat sleep on the bed while im on rozlytrek?")
    assert the_list(assistant, sender, "show my list")
    for log in assistant.log_dir.glob("*"):
        if log.is_file():
            assert "cat sleep" not in log.read_text(errors="replace"), log
    db = assistant.workdir / "conversations.db"
    assert gap_report.main(["--db", str(db)]) == 0
    report = capsys.readouterr().out
    assert "pets" in report  # counted, as a kind
    assert "sleep on the bed" not in report.lower()
    assert forget(sender, db) > 0
    assert "Your list is empty" in assistant.send(sender, "show my list")[-1]["text"]
