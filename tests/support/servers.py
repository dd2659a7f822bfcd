"""Start the real action server and Rasa server on free loopback ports.

Used by end-to-end tests (and the benchmark) so they talk to the assistant
exactly as a channel does, over HTTP, without touching the ports `make run`
uses.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, Iterator, List, Optional

import requests
import yaml

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
MODEL = ROOT / "models" / "assistant.tar.gz"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def write_endpoints(path: Path, action_port: int, db: Path, plain_tracker_store: bool = False) -> Path:
    """The project's endpoints.yml, on a free action port and with its own database.

    plain_tracker_store: Rasa's own SQLTrackerStore instead of the project's
    cached one (the benchmark's "before").
    """
    config = yaml.safe_load((ROOT / "endpoints.yml").read_text())
    config["action_endpoint"]["url"] = f"http://127.0.0.1:{action_port}/webhook"
    if plain_tracker_store:
        config["tracker_store"] = {"type": "SQL", "dialect": "sqlite"}
    config["tracker_store"]["db"] = str(db)
    path.write_text(yaml.safe_dump(config))
    return path


def wait_until_up(url: str, process: subprocess.Popen, timeout: float = 180.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode} before {url} answered")
        try:
            if requests.get(url, timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise TimeoutError(f"{url} did not answer within {timeout:.0f}s")


def stop(process: Optional[subprocess.Popen]) -> None:
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@dataclass
class Assistant:
    """A running assistant: REST webhook plus the processes behind it."""

    rasa_url: str
    action_url: str
    workdir: Path
    endpoints: Path
    rasa_port: int
    action_port: int
    log_dir: Path
    model: Path = MODEL
    # How the Rasa server is launched: the project's runtime (as `make run`
    # does) or, for the benchmark's "before" figures, stock Rasa.
    rasa_command: List[str] = field(default_factory=lambda: [sys.executable, "-m", "runtime"])
    action_process: Optional[subprocess.Popen] = None
    rasa_process: Optional[subprocess.Popen] = None
    # Seconds from starting the Rasa server until its webhook answered.
    rasa_load_seconds: float = 0.0

    @property
    def webhook(self) -> str:
        return f"{self.rasa_url}/webhooks/rest/webhook"

    def send(self, sender: str, message: str, timeout: float = 30) -> List[Dict]:
        response = requests.post(self.webhook, json={"sender": sender, "message": message}, timeout=timeout)
        response.raise_for_status()
        return response.json()

    def start_actions(self) -> None:
        env = {**os.environ, "SANIC_HOST": "127.0.0.1"}
        log = open(self.log_dir / "actions.log", "ab")
        self.action_process = subprocess.Popen(
            [str(BIN / "rasa"), "run", "actions", "--port", str(self.action_port)],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )
        wait_until_up(f"{self.action_url}/health", self.action_process)

    def start_rasa(self, extra_args: Optional[List[str]] = None, extra_env: Optional[Dict[str, str]] = None) -> None:
        started = time.perf_counter()
        self.spawn_rasa(extra_env=extra_env, extra_args=extra_args)
        self.wait_for_rasa()
        self.rasa_load_seconds = time.perf_counter() - started

    def stop_all(self) -> None:
        stop(self.rasa_process)
        stop(self.action_process)

    # --- fault injection helpers (used by tests/robustness) -------------------

    def spawn_rasa(
        self, extra_env: Optional[Dict[str, str]] = None, extra_args: Optional[List[str]] = None
    ) -> subprocess.Popen:
        """Start the Rasa server without waiting for it (so several servers
        can load at once); then call `wait_for_rasa`."""
        log = open(self.log_dir / "rasa.log", "ab")
        self.rasa_process = subprocess.Popen(
            [
                *self.rasa_command, "run", "--model", str(self.model), "--endpoints", str(self.endpoints),
                "--credentials", str(ROOT / "credentials.yml"), "--interface", "127.0.0.1",
                "--port", str(self.rasa_port), *(extra_args or []),
            ],
            cwd=ROOT, env={**os.environ, **(extra_env or {})}, stdout=log, stderr=subprocess.STDOUT,
        )
        return self.rasa_process

    def wait_for_rasa(self, timeout: float = 180.0) -> None:
        assert self.rasa_process is not None, "spawn_rasa first"
        wait_until_up(f"{self.rasa_url}/webhooks/rest/", self.rasa_process, timeout)

    def kill_rasa(self) -> None:
        """SIGKILL the Rasa server, as a crash would: no clean shutdown."""
        if self.rasa_process is not None and self.rasa_process.poll() is None:
            self.rasa_process.kill()
            self.rasa_process.wait(timeout=20)

    def stop_actions(self) -> None:
        stop(self.action_process)


@contextmanager
def running_assistant(
    log_dir: Optional[Path] = None, model: Path = MODEL, rasa_command: Optional[List[str]] = None,
    plain_tracker_store: bool = False, db: Optional[Path] = None, rasa_env: Optional[Dict[str, str]] = None,
) -> Iterator[Assistant]:
    """db: keep the conversations in this SQLite file (default: a temporary one);
    rasa_env: more environment for the Rasa server."""
    if not model.exists():
        raise RuntimeError(f"{model} is missing: run `make train` first")
    with tempfile.TemporaryDirectory(prefix="assistant-") as tmp:
        workdir = Path(tmp)
        rasa_port, action_port = free_port(), free_port()
        endpoints = write_endpoints(workdir / "endpoints.yml", action_port, db or workdir / "conversations.db",
                                    plain_tracker_store)
        logs = log_dir or workdir
        logs.mkdir(parents=True, exist_ok=True)
        assistant = Assistant(
            rasa_url=f"http://127.0.0.1:{rasa_port}", action_url=f"http://127.0.0.1:{action_port}",
            workdir=workdir, endpoints=endpoints, rasa_port=rasa_port, action_port=action_port, log_dir=logs,
            model=model,
        )
        if rasa_command:
            assistant.rasa_command = rasa_command
        try:
            assistant.start_actions()
            assistant.start_rasa(extra_env=rasa_env)
            yield assistant
        finally:
            assistant.stop_all()


Send = Callable[[str, str], List[Dict]]


def reply_text(replies: List[Dict], welcome_start: str) -> str:
    """The text of an assistant's replies, without the welcome a new conversation opens with."""
    texts = [r.get("text") or "" for r in replies]
    return "\n".join(t for t in texts if not t.startswith(welcome_start))


@contextmanager
def assistant_sender(url: Optional[str] = None, db: Optional[Path] = None) -> Iterator[Send]:
    """A function that sends one message and returns the replies: to an
    assistant already running at `url`, or to one started on free ports."""
    if url:
        webhook = f"{url.rstrip('/')}/webhooks/rest/webhook"

        def send(sender: str, text: str) -> List[Dict]:
            response = requests.post(webhook, json={"sender": sender, "message": text}, timeout=30)
            response.raise_for_status()
            return response.json()

        yield send
    else:
        with running_assistant(db=db) as assistant:
            yield assistant.send
