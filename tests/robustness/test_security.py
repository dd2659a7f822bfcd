"""Security checks on the running assistant.

- The Rasa HTTP API (status, trackers, model) is off: no conversation data
  can be read or written through it.
- Both servers listen on 127.0.0.1 only.
- What patients type does not end up in the server logs at the default log
  level (health information must not be logged).
"""

from __future__ import annotations

import time
import uuid
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import pytest
import requests

from tests.robustness.helpers import ask, new_sender, post_json

LOOPBACK_V4 = "0100007F"  # 127.0.0.1 as /proc/net/tcp writes it
LISTEN = "0A"


@pytest.fixture(scope="module")
def conversation(robust_assistant) -> str:
    sender = new_sender("security")
    assert ask(robust_assistant, sender, "tell me about imatinib", timeout=30)["status"] == 200
    return sender


# --- the HTTP API is off --------------------------------------------------------

API_REQUESTS = [
    ("GET", "/status", None),
    ("GET", "/version", None),
    ("GET", "/domain", None),
    ("GET", "/conversations/{sender}/tracker", None),
    ("GET", "/conversations/{sender}/story", None),
    ("POST", "/conversations/{sender}/tracker/events", [{"event": "slot", "name": "drug", "value": "pazopanib"}]),
    ("POST", "/conversations/{sender}/messages", {"text": "hi", "sender": "user"}),
    ("POST", "/conversations/{sender}/trigger_intent", {"name": "greet"}),
    ("POST", "/conversations/{sender}/predict", None),
    ("POST", "/model/parse", {"text": "how is votrient taken"}),
    ("PUT", "/model", {"model_file": "/tmp/evil.tar.gz"}),
    ("DELETE", "/model", None),
]


@pytest.mark.parametrize("method,path,body", API_REQUESTS, ids=[f"{m} {p}" for m, p, _ in API_REQUESTS])
def test_http_api_is_off(robust_assistant, conversation, method, path, body):
    url = robust_assistant.rasa_url + path.format(sender=conversation)
    response = requests.request(method, url, json=body, timeout=10)
    assert response.status_code in (401, 403, 404, 405), (
        f"{method} {path} answered {response.status_code}: {response.text[:300]!r}"
    )
    # (a 404 page may repeat the URL; it must not carry conversation data)
    assert "imatinib" not in response.text.lower() and '"events"' not in response.text


# --- loopback only ------------------------------------------------------------------

def _listening(port: int) -> List[Tuple[str, str]]:
    """(family, local address) of every socket listening on `port`."""
    found = []
    for family, table in (("ipv4", "/proc/net/tcp"), ("ipv6", "/proc/net/tcp6")):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            address, port_hex = fields[1].split(":")
            if fields[3] == LISTEN and int(port_hex, 16) == port:
                found.append((family, address))
    return found


def _port(url: Optional[str]) -> int:
    if not url:
        pytest.skip("port unknown (assistant not started by this suite)")
    return int(url.rsplit(":", 1)[1].split("/")[0])


@pytest.mark.parametrize("server", ["action_url", "rasa_url"])
def test_servers_listen_on_loopback_only(robust_assistant, server):
    port = _port(getattr(robust_assistant, server, None))
    sockets = _listening(port)
    assert sockets, f"nothing listens on port {port}"
    for family, address in sockets:
        assert family == "ipv4" and address == LOOPBACK_V4, (
            f"{server} port {port} is bound to {family} {address} (not 127.0.0.1 only): {sockets}"
        )


# --- message text stays out of the logs ------------------------------------------

def _logs(assistant) -> Dict[str, str]:
    time.sleep(1.0)  # let the servers flush
    return {
        path.name: path.read_text(encoding="utf-8", errors="replace")
        for path in Path(assistant.log_dir).glob("*.log")
    }


def _leaks(assistant, marker: str) -> List[str]:
    leaks = []
    for name, text in _logs(assistant).items():
        for line in text.splitlines():
            if marker in line:
                leaks.append(f"{name}: {line[:300]}")
    return leaks


def _marker() -> str:
    return f"zqmarker{uuid.uuid4().hex[:10]}"


def test_logs_exist(robust_assistant):
    assert _logs(robust_assistant), f"no *.log files in {robust_assistant.log_dir}"


def test_normal_messages_are_not_logged(robust_assistant):
    marker = _marker()
    sender = new_sender("logcheck")
    for message in (f"my name is {marker} how is votrient taken?", f"i missed my gleevec {marker}",
                    f"i feel hopeless {marker} and want to end my life"):
        assert ask(robust_assistant, sender, message, timeout=30)["status"] == 200
    leaks = _leaks(robust_assistant, marker)
    assert not leaks, "message text found in the logs:\n" + "\n".join(leaks)


def test_failed_messages_are_not_logged(robust_assistant):
    """A request the server cannot handle must not write the patient's text to the log either."""
    marker = _marker()
    for message in ({"text": f"my diagnosis {marker}"}, [f"my diagnosis {marker}"]):
        try:
            post_json(robust_assistant, {"sender": new_sender("logfail"), "message": message})
        except requests.RequestException:
            pass
    leaks = _leaks(robust_assistant, marker)
    assert not leaks, "message text found in the logs:\n" + "\n".join(leaks)


def test_sender_ids_are_not_logged(robust_assistant):
    """Sender ids can be phone numbers or chat handles (personal data)."""
    marker = _marker()
    assert ask(robust_assistant, f"+1555{marker}", "how is gleevec taken", timeout=30)["status"] == 200
    leaks = _leaks(robust_assistant, marker)
    assert not leaks, "sender id found in the logs:\n" + "\n".join(leaks)
