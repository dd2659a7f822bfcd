"""`make bench-profile`: where a turn's time goes, early and late in a
conversation and under load, as flame graphs.

py-spy samples the Rasa server and the action server (each its own
picture) while they answer:

- turns 1-30 of one conversation ("early");
- turns 291-320 of one conversation kept in one unbounded session, Rasa's
  own behaviour (`RASA_TURNS_PER_SESSION=0`, "late, one session");
- the same turns as `make run` answers them, with the session rollover
  (runtime/session_rollover.py, "late");
- 20 patients at once, 8 messages each ("20 users").

Writes docs/flame-*.png and the "## Profile" section of bench/results.md:
for each run, the share of the Rasa server's busy samples in each stage of
a turn.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Tuple

from bench.flamegraph import Node, Stage, draw, find, parse
from bench.length import converse, script, warm_up
from bench.load import run_load
from bench.sections import replace_section
from tests.readability.corpus import nlu_test_messages
from tests.support.servers import ROOT, Assistant, running_assistant

RESULTS = ROOT / "bench" / "results.md"
SECTION = "## Profile (`make bench-profile`)"
DOCS = ROOT / "docs"
RATE = 200  # samples per second

# The stages of a turn on the Rasa server, by the function that does each
# (a stage holds everything it calls).
STAGES: Tuple[Stage, ...] = (
    Stage("processor.parse_message", "NLU: the pipeline reads the message", "#2e7d32"),
    Stage("processor.get_tracker", "conversation store: load the conversation", "#ef6c00"),
    Stage("processor.save_tracker", "conversation store: save the new events", "#f9a825"),
    Stage("processor._predict_next_with_tracker", "dialogue policy: states and rules", "#6a1b9a"),
    Stage("action.run", "action call: the tracker to JSON, the request, checking the answer", "#00838f"),
)
# On the action server: the request, the tracker it carries, and our code.
ACTION_STAGES: Tuple[Stage, ...] = (
    Stage("interfaces.from_dict", "the tracker from the request's JSON", "#ef6c00"),
    Stage("actions.run", "the action: understanding, answer, wording", "#2e7d32"),
)


@dataclass
class Profile:
    name: str
    picture_stem: str
    rasa: Node
    actions: Node
    turns: int

    def share(self, function: str) -> float:
        return find(self.rasa, function) / self.rasa.samples if self.rasa.samples else 0.0


def _py_spy() -> str:
    found = shutil.which("py-spy", path=str(Path(sys.executable).parent)) or shutil.which("py-spy")
    if not found:
        raise RuntimeError("py-spy is missing: `make install` installs it")
    return found


@contextmanager
def sampling(pids: Dict[str, int], folder: Path) -> Iterator[Dict[str, Path]]:
    """py-spy records each process while the block runs; the raw stacks' paths.

    Blocking mode (py-spy pauses the process for each sample): only then does
    py-spy tell a thread that waits in the event loop from one that works,
    and leave the waiting out."""
    outputs = {name: folder / f"{name}-{uuid.uuid4().hex[:6]}.txt" for name in pids}
    recorders = [
        subprocess.Popen([_py_spy(), "record", "--pid", str(pid), "--format", "raw", "--rate", str(RATE),
                          "--output", str(outputs[name])],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for name, pid in pids.items()
    ]
    time.sleep(2)  # py-spy attaches
    try:
        yield outputs
    finally:
        for recorder in recorders:
            recorder.send_signal(signal.SIGINT)
        for recorder in recorders:
            recorder.wait(timeout=60)


def _pids(assistant: Assistant) -> Dict[str, int]:
    assert assistant.rasa_process is not None and assistant.action_process is not None
    return {"rasa": assistant.rasa_process.pid, "actions": assistant.action_process.pid}


def _profile(name: str, stem: str, outputs: Dict[str, Path], turns: int) -> Profile:
    rasa, actions = (parse(outputs[p].read_text().splitlines()) if outputs[p].exists() else Node("all")
                     for p in ("rasa", "actions"))
    return Profile(name, stem, rasa, actions, turns)


def conversation_profile(name: str, stem: str, workdir: Path, skip: int, turns: int,
                         rasa_env: Optional[Dict[str, str]] = None) -> Profile:
    """Samples turns skip+1 .. skip+turns of one conversation."""
    messages = script(skip + turns)
    sender = f"profile-{uuid.uuid4().hex[:12]}"
    with running_assistant(workdir / f"{stem}-logs", rasa_env=rasa_env) as assistant:
        # A fresh server's first messages load what it loads lazily.
        warm_up(assistant.webhook)
        converse(assistant.webhook, sender, messages[:skip], name)
        with sampling(_pids(assistant), workdir) as outputs:
            converse(assistant.webhook, sender, messages[skip:], name, first_turn=skip + 1)
    return _profile(name, stem, outputs, turns)


def load_profile(workdir: Path, users: int = 20, per_user: int = 8) -> Profile:
    with running_assistant(workdir / "users-logs") as assistant:
        run_load(assistant.webhook, 1, 5, nlu_test_messages(), seed=1)
        with sampling(_pids(assistant), workdir) as outputs:
            run_load(assistant.webhook, users, per_user, nlu_test_messages(), seed=users)
    return _profile(f"{users} users at once", "flame-20-users", outputs, users * per_user)


def report(profiles: List[Profile]) -> str:
    header = " | ".join(p.name for p in profiles)
    rows = [f"| {stage.label} | " + " | ".join(f"{p.share(stage.function):.0%}" for p in profiles) + " |"
            for stage in STAGES]
    busy = " | ".join(f"{p.rasa.samples / p.turns / RATE * 1000:.0f} ms" for p in profiles)
    action_busy = " | ".join(f"{p.actions.samples / p.turns / RATE * 1000:.0f} ms" for p in profiles)
    pictures = ", ".join(f"docs/{p.picture_stem}-rasa.png" for p in profiles)
    return "\n".join([
        SECTION,
        "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} with py-spy at {RATE} samples/s on the",
        "Rasa server and the action server. Each cell is the share of the Rasa server's samples spent in that",
        "stage of a turn (a stage holds what it calls). The rest is the web server, the event loop and",
        "Rasa's other threads. Busy time: samples of threads at work (waiting is left out), per turn.",
        f"Flame graphs: {pictures} (and the `-actions.png` beside each).",
        "",
        f"| stage | {header} |",
        "|---|" + "---|" * len(profiles),
        *rows,
        f"| Rasa server: busy time per turn | {busy} |",
        f"| action server: busy time per turn | {action_busy} |",
        "",
    ])


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-profile-") as tmp:
        workdir = Path(tmp)
        profiles = [
            conversation_profile("turns 1-30", "flame-early", workdir, 0, 30),
            conversation_profile("turns 291-320, one session", "flame-late-one-session", workdir, 290, 30,
                                 rasa_env={"RASA_TURNS_PER_SESSION": "0"}),
            conversation_profile("turns 291-320", "flame-late", workdir, 290, 30),
            load_profile(workdir),
        ]
    for profile in profiles:
        draw(profile.rasa, DOCS / f"{profile.picture_stem}-rasa.png", f"Rasa server, {profile.name}", STAGES)
        draw(profile.actions, DOCS / f"{profile.picture_stem}-actions.png", f"Action server, {profile.name}",
             ACTION_STAGES)
    section = report(profiles)
    replace_section(RESULTS, SECTION, section)
    print(section)


if __name__ == "__main__":
    main()
