import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

from forget_conversation import forget  # noqa: E402


def test_only_the_named_conversation_is_deleted(tmp_path):
    db = tmp_path / "conversations.db"
    with sqlite3.connect(db) as connection:
        connection.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id TEXT, data TEXT)")
        connection.executemany("INSERT INTO events (sender_id, data) VALUES (?, ?)", [("a", "1"), ("a", "2"), ("b", "3")])
    assert forget("a", db) == 2
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT sender_id FROM events").fetchall() == [("b",)]
