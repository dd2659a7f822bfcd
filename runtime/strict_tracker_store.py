"""A conversation store that fails loudly instead of forgetting.

Rasa 3.6 wraps every tracker store in ``FailSafeTrackerStore``. When the
database can't be reached, that wrapper answers ``retrieve`` with nothing, so
the message is handled as the start of a new conversation (the person is
welcomed again and "how is it taken?" loses its drug), and ``save`` writes
to a process-local in-memory store that is lost on restart, or on the next
message served by another replica. For a patient that is a wrong answer
given with confidence.

``install()`` makes Rasa use the configured store directly, so a database
error fails the turn: the REST channel then answers 503 with a clear message
(channels/rest.py) and the person can simply try again, with their
conversation intact once the database is back.
"""

from __future__ import annotations

from typing import Optional

from rasa.core.agent import Agent
from rasa.core.tracker_store import InMemoryTrackerStore, TrackerStore
from rasa.shared.core.domain import Domain


def _create_tracker_store(store: Optional[TrackerStore], domain: Domain) -> TrackerStore:
    tracker_store = store if store is not None else InMemoryTrackerStore(domain)
    tracker_store.domain = domain
    return tracker_store


def install() -> None:
    Agent._create_tracker_store = staticmethod(_create_tracker_store)
