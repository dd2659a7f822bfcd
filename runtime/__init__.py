"""How this project runs the Rasa server: Rasa's own CLI plus two runtime
changes, installed by `python -m runtime` before Rasa starts:

- resilient_actions: an action call that fails or hangs gives the user a
  short apology within seconds instead of silence;
- action_validation: action responses are validated with a validator built
  once, instead of re-checking the schema on every call (profile-driven);
- graph_runner: the model's graph nodes run in a plain loop, without dask's
  scheduler (profile-driven);
- event_types: an event's class is looked up by its name in a table, not by
  walking every Event subclass for each event (profile-driven);
- sqlite_tuning: the SQLite conversation store uses write-ahead logging;
- private_logs: message text never goes into the server log;
- strict_tracker_store: a database error fails the turn clearly instead of
  silently starting a new conversation in memory;
- health: /health/live and /health/ready for balancers and probes;
- admission: at most RASA_MAX_TURNS turns at once (the cluster sets it);
  beyond that a message is answered "busy, try again" before any work;
- session_rollover: a long conversation goes on in a new session every
  TURNS_PER_SESSION turns, with its slots, so a turn's cost does not grow
  with the conversation's length.
"""

from runtime import (action_validation, admission, event_types, graph_runner, health, private_logs, resilient_actions,
                     session_rollover, sqlite_tuning, strict_tracker_store)


def install() -> None:
    resilient_actions.install()
    action_validation.install()
    graph_runner.install()
    event_types.install()
    sqlite_tuning.install()
    private_logs.install()
    strict_tracker_store.install()
    health.install()
    admission.install()
    session_rollover.install()
