"""A conversation of 400 turns keeps its context to the end, across every
session boundary the runtime puts in it (runtime/session_rollover.py), and
the patient never sees a boundary."""

import sqlite3
from typing import List, Tuple

from runtime.session_rollover import TURNS_PER_SESSION

TURNS = 400
# (generic, brand): the pairs the blocks go through, so each block's context
# differs from the one before it.
PAIRS = [
    (("pazopanib", "votrient"), ("imatinib", "gleevec")),
    (("larotrectinib", "vitrakvi"), ("entrectinib", "rozlytrek")),
    (("imatinib", "gleevec"), ("larotrectinib", "vitrakvi")),
    (("entrectinib", "rozlytrek"), ("pazopanib", "votrient")),
]


def block(first: Tuple[str, str], second: Tuple[str, str]) -> List[Tuple[str, str, str]]:
    """(message, drug the reply must be about, drug it must not name). Seven
    turns, a number prime to the session length, so that over the whole
    conversation a boundary falls before every kind of turn."""
    x, y = first[0], second[0]
    return [
        (f"what is {first[1]} used for?", x, y),
        ("how is it taken?", x, y),
        (f"what about {second[0]}?", y, x),
        ("and the other one?", x, y),
        ("how long do people stay on it", x, y),
        ("thanks, that helps", "", ""),
        ("sorry, how is it taken again?", x, y),
    ]


def script() -> List[Tuple[str, str, str]]:
    turns = [("hi", "", "")]
    n = 0
    while len(turns) < TURNS:
        turns += block(*PAIRS[n % len(PAIRS)])
        n += 1
    return turns[:TURNS]


def sessions(assistant, sender: str) -> int:
    with sqlite3.connect(assistant.workdir / "conversations.db") as db:
        (count,) = db.execute("SELECT count(*) FROM events WHERE sender_id = ? AND type_name = 'session_started'",
                              (sender,)).fetchone()
    return count


def test_context_holds_through_a_400_turn_conversation(assistant, sender):
    assert TURNS % 7 and TURNS_PER_SESSION % 7, "the blocks must not line up with the sessions"
    wrong = []
    welcomes = 0
    for turn, (message, about, not_about) in enumerate(script(), 1):
        text = "\n".join(r.get("text", "") for r in assistant.send(sender, message)).lower()
        welcomes += "medical disclaimer" in text
        if about and (about not in text or not_about in text):
            wrong.append((turn, message, about, text[:160]))
    assert not wrong, f"{len(wrong)} turns lost their context, e.g. {wrong[:3]}"
    # The one welcome opens the conversation; the later sessions start unseen.
    assert welcomes == 1
    assert sessions(assistant, sender) >= TURNS // TURNS_PER_SESSION
