"""Looks up an event's class by its type name once, not on every event.

Why: Rasa turns each stored or returned event back into an object through
`Event.resolve_by_type`, which walks the whole tree of Event subclasses and
asks `inspect.isabstract` of each, every time. A profile in issue 21 put that
at about 3.5 ms of every turn (some 15 events a turn: the ones the action
returns and the ones the conversation store reads back).

Here the walk builds a table from type name to class, the first class in
Rasa's own order winning as in its loop, and is done again only for a name
the table lacks (an event class imported later). Unknown names, the old
"topic" event and `default` behave as in Rasa's version.
"""

from __future__ import annotations

from typing import Dict, Optional, Text, Type

import rasa.shared.utils.common
from rasa.shared.core.events import Event

RASA_RESOLVE = Event.resolve_by_type
_classes: Dict[Text, Type[Event]] = {}


def _refresh() -> None:
    _classes.clear()
    for cls in rasa.shared.utils.common.all_subclasses(Event):
        _classes.setdefault(cls.type_name, cls)


def resolve_by_type(type_name: Text, default: Optional[Type[Event]] = None) -> Optional[Type[Event]]:
    if type_name not in _classes:
        _refresh()
    found = _classes.get(type_name)
    if found is not None:
        return found
    if type_name == "topic":
        return None  # Rasa's backwards compatibility for old TopicSet events
    if default is not None:
        return default
    raise ValueError(f"Unknown event name '{type_name}'.")


def install() -> None:
    """Idempotent: replaces Event.resolve_by_type."""
    setattr(Event, "resolve_by_type", staticmethod(resolve_by_type))
