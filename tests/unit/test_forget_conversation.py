import sqlite3

from scripts.forget_conversation import forget, main


def test_only_the_named_conversation_is_deleted(tmp_path):
    db = tmp_path / "conversations.db"
    with sqlite3.connect(db) as connection:
        connection.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id TEXT, data TEXT)")
        connection.executemany("INSERT INTO events (sender_id, data) VALUES (?, ?)", [("a", "1"), ("a", "2"), ("b", "3")])
    assert forget("a", db) == 2
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT sender_id FROM events").fetchall() == [("b",)]


def test_the_store_named_by_an_endpoints_file(tmp_path, capsys):
    (tmp_path / "var").mkdir()
    with sqlite3.connect(tmp_path / "var" / "conversations.db") as connection:
        connection.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id TEXT, data TEXT)")
        connection.executemany("INSERT INTO events (sender_id, data) VALUES (?, ?)", [("a", "1"), ("b", "2")])
    endpoints = tmp_path / "endpoints.yml"  # a relative db is next to the endpoints file
    endpoints.write_text('tracker_store:\n  type: SQL\n  dialect: "sqlite"\n  db: "var/conversations.db"\n')
    assert main(["b", "--endpoints", str(endpoints)]) == 0
    assert "deleted 1 events" in capsys.readouterr().out
    with sqlite3.connect(tmp_path / "var" / "conversations.db") as connection:
        assert connection.execute("SELECT sender_id FROM events").fetchall() == [("a",)]


def test_a_missing_store_is_a_clear_error_and_is_not_created(tmp_path, capsys):
    db = tmp_path / "nowhere.db"
    assert main(["a", str(db)]) == 1
    assert "no conversation store at" in capsys.readouterr().err
    assert not db.exists()
