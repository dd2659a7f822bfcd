"""scripts/gap_report.py counts what the page doesn't cover from a real
Rasa SQL tracker store, and never prints message text."""

import asyncio
from pathlib import Path

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from scripts import gap_report

ROOT = Path(__file__).resolve().parents[2]


def _user(text: str, intent: str, conditions=()) -> UserUttered:
    entities = [{"entity": "condition", "value": c, "start": 0, "end": 1} for c in conditions]
    return UserUttered(text, {"name": intent, "confidence": 0.9}, entities)


def _store_conversations(db: Path) -> None:
    domain = Domain.load(str(ROOT / "domain.yml"))
    store = SQLTrackerStore(domain, dialect="sqlite", db=str(db))
    conversations = {
        "a": [
            _user("how much does votrient cost, and can i drink wine", "ask_not_covered"),
            ActionExecuted("action_answer_question"),
            SlotSet("answered", {"questions": ["NotCovered"], "not_covered": ["cost", "alcohol"], "conditions": [],
                                 "unknown_drugs": 0, "feelings": False}),
            _user("which drug is for my leiomyosarcoma", "ask_drug_for_condition", ["leiomyosarcoma"]),
            ActionExecuted("action_answer_question"),
            SlotSet("answered", {"questions": ["ForConditions"], "not_covered": [], "conditions": ["leiomyosarcoma"],
                                 "unknown_drugs": 0, "feelings": False}),
        ],
        "b": [
            _user("asdf qwerty zxcv", "nlu_fallback"),
            ActionExecuted("action_not_understood"),
            SlotSet("answered", {"questions": [], "not_understood": True}),
            _user("is keytruda like gleevec", "ask_comparison", ["gist"]),
            ActionExecuted("action_answer_question"),
            SlotSet("answered", {"questions": ["Compare"], "not_covered": ["cost"], "conditions": [],
                                 "unknown_drugs": 1, "feelings": False}),
        ],
    }
    for sender, events in conversations.items():
        asyncio.run(store.save(DialogueStateTracker.from_events(sender, events)))


def test_counts_by_kind(tmp_path):
    db = tmp_path / "conversations.db"
    _store_conversations(db)
    counts = gap_report.count(gap_report.events(f"sqlite:///{db}", since=None))
    assert (counts.conversations, counts.messages, counts.not_understood, counts.unknown_drug_messages) == (2, 4, 1, 1)
    assert counts.not_covered == {"cost": 2, "alcohol": 1}
    assert counts.conditions == {"leiomyosarcoma": 1, "gist": 1}


def test_the_report_prints_counts_never_messages(tmp_path, capsys):
    db = tmp_path / "conversations.db"
    _store_conversations(db)
    assert gap_report.main(["--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "| cost | 2 |" in out and "- not understood: 1" in out and "| leiomyosarcoma | 1 |" in out
    for text in ("votrient", "wine", "qwerty", "keytruda"):
        assert text not in out
