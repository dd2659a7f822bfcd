"""The cached event-class lookup answers as Rasa's own does."""

import pytest
import rasa.shared.utils.common
from rasa.shared.core.events import Event, SlotSet, UserUttered, deserialise_events

from runtime import event_types

NAMES = sorted({cls.type_name for cls in rasa.shared.utils.common.all_subclasses(Event)})


@pytest.mark.parametrize("name", NAMES)
def test_every_event_name_gives_rasas_class(name):
    assert event_types.resolve_by_type(name) is event_types.RASA_RESOLVE(name)


def test_unknown_names_and_defaults_as_in_rasa():
    assert event_types.resolve_by_type("topic") is None
    assert event_types.resolve_by_type("no_such_event", default=SlotSet) is SlotSet
    with pytest.raises(ValueError, match="Unknown event name 'no_such_event'"):
        event_types.resolve_by_type("no_such_event")


def test_installed_it_reads_events_back():
    event_types.install()
    assert Event.resolve_by_type("user") is UserUttered
    (slot,) = deserialise_events([{"event": "slot", "name": "drug", "value": "imatinib"}])
    assert isinstance(slot, SlotSet) and slot.value == "imatinib"


def test_an_event_class_defined_later_is_found():
    class LateEvent(SlotSet):
        type_name = "late_event_for_this_test"

    assert event_types.resolve_by_type("late_event_for_this_test") is LateEvent
