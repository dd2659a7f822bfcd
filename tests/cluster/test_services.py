"""PostgreSQL or Redis restarted mid-run: requests fail clearly (503 with a
message, quickly) while the service is away, and succeed again when it is
back, with every stored conversation still there."""

from __future__ import annotations

import time

import pytest

from channels.rest import TURN_FAILED
from tests.cluster.cluster import texts


def _until_ok(cluster, sender: str, message: str, within: float = 30) -> str:
    deadline = time.monotonic() + within
    while True:
        reply = cluster.send(sender, message)
        if reply.status_code == 200:
            return texts(reply).lower()
        assert time.monotonic() < deadline, f"still {reply.status_code} after the service came back"
        time.sleep(0.5)


def _all_replicas_answer(cluster, sender: str) -> None:
    """Once back, no replica fails a turn on a connection left over from before."""
    for _ in range(2):
        for port in cluster.replica_ports:
            reply = cluster.send(sender, "what are the side effects?", url=cluster.replica(port))
            assert reply.status_code == 200, (port, reply.status_code, reply.text)


def _fails_clearly(cluster, sender: str, message: str) -> None:
    started = time.monotonic()
    reply = cluster.send(sender, message)
    assert reply.status_code in (502, 503), reply.status_code
    assert reply.json()["error"] == TURN_FAILED  # from a replica or from the balancer
    assert time.monotonic() - started < 10


@pytest.mark.parametrize("service,question,drug", [
    ("postgres", "how is votrient taken?", "pazopanib"),
    ("redis", "how is gleevec taken?", "imatinib"),
])
def test_service_restarted_mid_conversation(cluster, service, question, drug):
    sender = f"{service}-restart"
    assert drug in texts(cluster.send(sender, question)).lower()
    stored = len(cluster.events(sender))
    getattr(cluster, f"stop_{service}")()
    try:
        for _ in range(3):
            _fails_clearly(cluster, sender, "what are the side effects?")
    finally:
        getattr(cluster, f"start_{service}")()
    # Back: the conversation is all there, and its context too.
    assert drug in _until_ok(cluster, sender, "how long is it taken?")
    assert len(cluster.events(sender)) > stored
    assert cluster.user_texts(sender) == [question, "how long is it taken?"]
    _all_replicas_answer(cluster, sender)
