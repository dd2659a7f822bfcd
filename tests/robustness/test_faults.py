"""Faults: the action server down or hanging, a Rasa crash and restart, and
many messages at once.

This module starts its own servers (it breaks them on purpose):
- `main`: action server + Rasa server with a temporary SQLite tracker store;
- `hanging`: a Rasa server whose action endpoint is a TCP server that accepts
  connections and never answers (ACTION_TIMEOUT_SECONDS lowered to 2).
Both Rasa servers load at the same time to keep the suite short.
"""

from __future__ import annotations

import socket
import sqlite3
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Dict, Iterator, List, Tuple

import pytest
import requests

from scripts.forget_conversation import forget
from tests.robustness.helpers import ask, new_sender
from tests.support.servers import MODEL, Assistant, free_port, write_endpoints

APOLOGY = "can't look that up right now"
HANG_ACTION_TIMEOUT = 2.0
# With the default 4 s timeout the user must hear back within ~6 s: one
# action timeout plus 2 s. The same bound, scaled to the lowered timeout:
REPLY_LIMIT = HANG_ACTION_TIMEOUT + 2.0


class SilentServer:
    """Accepts TCP connections on a loopback port and never answers."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(256)
        self.sock.settimeout(0.5)
        self.port = self.sock.getsockname()[1]
        self.held: List[socket.socket] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
                self.held.append(conn)  # keep it open, never read or write
            except socket.timeout:
                continue
            except OSError:
                return

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        for conn in self.held:
            conn.close()
        self.sock.close()


def _assistant(workdir: Path, action_port: int, name: str) -> Assistant:
    rasa_port = free_port()
    endpoints = write_endpoints(workdir / f"endpoints-{name}.yml", action_port, workdir / f"conversations-{name}.db")
    logs = workdir / f"logs-{name}"
    logs.mkdir()
    return Assistant(
        rasa_url=f"http://127.0.0.1:{rasa_port}", action_url=f"http://127.0.0.1:{action_port}",
        workdir=workdir, endpoints=endpoints, rasa_port=rasa_port, action_port=action_port, log_dir=logs,
        model=MODEL,
    )


@pytest.fixture(scope="module")
def servers() -> Iterator[Dict]:
    if not MODEL.exists():
        pytest.skip(f"{MODEL} is missing: run `make train` first")
    silent = SilentServer()
    with tempfile.TemporaryDirectory(prefix="faults-") as tmp:
        workdir = Path(tmp)
        main = _assistant(workdir, free_port(), "main")
        hanging = _assistant(workdir, silent.port, "hanging")
        try:
            main.start_actions()
            main.spawn_rasa()
            hanging.spawn_rasa({"ACTION_TIMEOUT_SECONDS": str(HANG_ACTION_TIMEOUT)})
            main.wait_for_rasa()
            hanging.wait_for_rasa()
            yield {"main": main, "hanging": hanging, "db": workdir / "conversations-main.db"}
        finally:
            hanging.stop_all()
            main.stop_all()
            silent.close()


def _timed_ask(assistant: Assistant, sender: str, message: str, timeout: float) -> Tuple[Dict, float]:
    started = time.monotonic()
    result = ask(assistant, sender, message, timeout=timeout)
    return result, time.monotonic() - started


# --- action server hangs ---------------------------------------------------------------

def test_hanging_action_server_gives_apology_quickly(servers):
    hanging = servers["hanging"]
    # A brand-new conversation: the session start and the answer both call the hung server.
    result, took = _timed_ask(hanging, new_sender("hang"), "how is votrient taken?", timeout=30)
    assert result["status"] == 200 and APOLOGY in result["text"], f"got {result['response'].text[:300]!r}"
    assert took <= REPLY_LIMIT, (
        f"the apology took {took:.1f} s with ACTION_TIMEOUT_SECONDS={HANG_ACTION_TIMEOUT} (limit {REPLY_LIMIT} s)"
    )


def test_hanging_action_server_keeps_answering_every_message(servers):
    hanging = servers["hanging"]
    sender = new_sender("hang2")
    for message in ("hi", "what are the side effects of gleevec", "i want to end my life"):
        result, took = _timed_ask(hanging, sender, message, timeout=30)
        assert result["status"] == 200 and result["text"].strip(), f"{message!r}: {result['response'].text[:300]!r}"
        assert took <= REPLY_LIMIT, f"{message!r} took {took:.1f} s (limit {REPLY_LIMIT} s)"


def test_crisis_reply_does_not_depend_on_the_action_server(servers):
    """Safety replies are the ones that must never be lost to an outage."""
    hanging = servers["hanging"]
    result, _ = _timed_ask(hanging, new_sender("hang-crisis"), "i want to kill myself", timeout=30)
    assert "988" in result["text"] and "911" in result["text"], (
        f"crisis message during an action-server hang got: {result['text'][:300]!r}"
    )


@pytest.mark.parametrize("message,must_say", [
    ("i keep thinking everyone would be better off if i just wasn't around", ["988", "911"]),
    ("je pense à en finir, je suis plus capable", ["988", "911", "1-888-939-3333", "anglais"]),
    ("mi esposo no responde y no respira bien", ["911", "988", "1-888-939-3333"]),
])
def test_oblique_and_non_english_crises_do_not_depend_on_the_action_server(servers, message, must_say):
    """The classifier and language layers run in the Rasa server, like the patterns."""
    result, _ = _timed_ask(servers["hanging"], new_sender("hang-layers"), message, timeout=30)
    missing = [m for m in must_say if m not in result["text"]]
    assert not missing, f"{message!r} during an action-server hang lacks {missing}: {result['text'][:300]!r}"


# --- action server down ------------------------------------------------------------------

def test_action_server_down_then_back(servers):
    main = servers["main"]
    sender = new_sender("down")
    before = ask(main, sender, "how is votrient taken?", timeout=30)
    assert "once a day" in before["text"]
    main.stop_actions()
    try:
        for who, message in ((sender, "how is gleevec taken?"), (new_sender("down-new"), "how is votrient taken?")):
            result, took = _timed_ask(main, who, message, timeout=30)
            assert result["status"] == 200 and APOLOGY in result["text"], (
                f"action server down: {message!r} -> {result['response'].text[:300]!r}"
            )
            assert took <= 2.0, f"action server down: the apology took {took:.1f} s"
    finally:
        main.start_actions()
    after = ask(main, sender, "how is votrient taken?", timeout=30)
    assert "once a day" in after["text"], f"after restarting the action server: {after['text'][:300]!r}"
    fresh = ask(main, new_sender("down-after"), "how is gleevec taken?", timeout=30)
    assert "every day" in fresh["text"], f"new conversation after restart: {fresh['text'][:300]!r}"


# --- many messages at once ---------------------------------------------------------------

def _user_events(db: Path, sender: str) -> List[str]:
    with sqlite3.connect(db) as connection:
        rows = connection.execute(
            "SELECT type_name FROM events WHERE sender_id = ? ORDER BY id", (sender,)
        ).fetchall()
    return [row[0] for row in rows]


def test_20_parallel_messages_in_one_conversation(servers):
    main = servers["main"]
    sender = new_sender("parallel")
    assert ask(main, sender, "hi", timeout=30)["status"] == 200
    earlier = _user_events(servers["db"], sender).count("user")

    def send(i: int) -> Tuple[int, requests.Response]:
        response = requests.post(
            main.webhook, json={"sender": sender, "message": "how is votrient taken?"}, timeout=60
        )
        return i, response

    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(send, range(20)))
    problems = []
    for i, response in results:
        texts = [m.get("text") for m in response.json()] if response.status_code == 200 else []
        if response.status_code != 200 or not texts or not any("once a day" in (t or "") for t in texts):
            problems.append(f"message {i}: HTTP {response.status_code} {response.text[:200]!r}")
    assert not problems, "\n".join(problems)

    events = _user_events(servers["db"], sender)
    assert events.count("user") == earlier + 20, f"user events: {events.count('user')} (expected {earlier + 20})"
    # Every user message was answered and stored with its reply.
    assert events.count("bot") >= events.count("user"), f"bot events {events.count('bot')} < user events"


EXPECTED_HOW_TAKEN = {
    "pazopanib": ("once a day", "Pazopanib (Votrient)"),
    "imatinib": ("every day", "Imatinib (Gleevec)"),
    "larotrectinib": ("a pill", "Larotrectinib (Vitrakvi)"),
    "entrectinib": ("a pill", "Entrectinib (Rozlytrek)"),
}
DRUGS = list(EXPECTED_HOW_TAKEN)


def test_50_conversations_at_once_without_cross_talk(servers):
    main = servers["main"]
    run = new_sender("many")

    def conversation(i: int) -> List[str]:
        drug = DRUGS[i % 4]
        sender = f"{run}-{i}"
        phrase, name = EXPECTED_HOW_TAKEN[drug]
        problems = []
        first = requests.post(main.webhook, json={"sender": sender, "message": f"tell me about {drug}"}, timeout=90)
        second = requests.post(main.webhook, json={"sender": sender, "message": "how is it taken"}, timeout=90)
        for label, response in (("first", first), ("second", second)):
            if response.status_code != 200 or not response.json():
                problems.append(f"{sender} ({drug}) {label}: HTTP {response.status_code} {response.text[:200]!r}")
        if problems:
            return problems
        text = "\n".join(m.get("text") or "" for m in second.json())
        others = [n for d, (_, n) in EXPECTED_HOW_TAKEN.items() if d != drug and n in text]
        if phrase not in text or name not in text or others:
            problems.append(f"{sender} asked about {drug}, 'how is it taken' -> {text[:200]!r}")
        return problems

    with ThreadPoolExecutor(max_workers=50) as pool:
        problems = [p for result in pool.map(conversation, range(50)) for p in result]
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:20])


# --- forgetting a conversation while the server runs -------------------------------------

def test_forgotten_conversation_starts_fresh_without_a_restart(servers):
    """The tracker store caches ongoing conversations; scripts/forget_conversation.py
    deletes from the database behind its back, and the cache must notice."""
    main, sender = servers["main"], new_sender("forget")
    assert "3 years" in ask(main, sender, "how long is gleevec taken")["text"]
    assert "3 years" in ask(main, sender, "how long is it taken?")["text"]  # drug in context
    assert forget(sender, servers["db"]) > 0
    after = ask(main, sender, "how long is it taken?")
    assert after["status"] == 200 and after["text"] and "3 years" not in after["text"], (
        f"after forgetting, the old drug is still in context: {after['text'][:300]!r}"
    )
    with sqlite3.connect(servers["db"]) as connection:
        texts = [row[0] for row in connection.execute(
            "SELECT data FROM events WHERE sender_id = ? AND type_name = 'user'", (sender,))]
    assert len(texts) == 1 and "how long is it taken" in texts[0]


# --- Rasa crash and restart (last: it takes a model load) -------------------------------

def test_conversation_survives_a_rasa_crash(servers):
    main = servers["main"]
    sender = new_sender("restart")
    first = ask(main, sender, "tell me about imatinib", timeout=30)
    assert "Imatinib (Gleevec)" in first["text"]
    main.kill_rasa()
    with pytest.raises(requests.RequestException):
        requests.post(main.webhook, json={"sender": sender, "message": "hello?"}, timeout=5)
    main.start_rasa()
    after = ask(main, sender, "how long is it taken?", timeout=30)
    assert after["status"] == 200 and "3 years" in after["text"], (
        f"after a crash and restart, 'how long is it taken?' -> {after['response'].text[:300]!r}"
    )
