"""One conversation, served by every replica in turn, with the balancer
bypassed: each message is stored exactly once, in order, and the context
(the drug asked about) carries from one replica to the next."""

from __future__ import annotations

import itertools
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Dict, List, Tuple

from tests.cluster.cluster import texts

FOLLOW_UPS = [
    ("tell me about votrient", "Pazopanib (Votrient)"),
    ("how is it taken?", "Pazopanib"),
    ("what are the side effects?", "Pazopanib"),
    ("what about gleevec?", "Imatinib (Gleevec)"),
    ("how long is it taken?", "Imatinib"),
    ("and how is it taken?", "Imatinib"),
]


def _turns(events: List[Tuple[str, Dict[str, Any]]]) -> List[List[str]]:
    """The events split into turns, each starting at a user message."""
    turns: List[List[str]] = []
    for kind, data in events:
        if kind == "user":
            turns.append([kind])
        elif turns:
            turns[-1].append(data.get("name") or kind)
    return turns


def test_one_conversation_across_replicas_one_message_after_another(cluster):
    replicas = itertools.cycle(cluster.replica_ports)
    for message, expected in FOLLOW_UPS:
        reply = cluster.send("ordering-seq", message, url=cluster.replica(next(replicas)))
        assert reply.status_code == 200
        assert expected.lower() in texts(reply).lower(), (message, texts(reply))
    assert cluster.user_texts("ordering-seq") == [m for m, _ in FOLLOW_UPS]


def test_concurrent_messages_of_one_conversation_never_interleave(cluster):
    messages = [f"how is votrient taken? ({n})" for n in range(12)]
    ports = itertools.cycle(cluster.replica_ports)
    with ThreadPoolExecutor(len(messages)) as pool:
        replies = list(pool.map(lambda m: cluster.send("ordering-conc", m[0], url=cluster.replica(m[1])),
                                zip(messages, ports)))
    assert [r.status_code for r in replies] == [200] * len(messages)
    stored = cluster.user_texts("ordering-conc")
    assert sorted(stored) == sorted(messages)  # each exactly once
    # Each turn is whole: its bot reply and action_listen come before the next message.
    for turn in _turns(cluster.events("ordering-conc")):
        assert turn[-1] == "action_listen", turn
    # And the conversation goes on with its context, from any replica.
    for port in cluster.replica_ports:
        reply = cluster.send("ordering-conc", "how long is it taken?", url=cluster.replica(port))
        assert "pazopanib" in texts(reply).lower()
