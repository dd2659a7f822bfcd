"""The local cluster (scripts/run_cluster.sh) as the cluster tests drive it.

Starts the real script with its own ports and a temporary CLUSTER_DIR, waits
for it to say it is ready, and gives the tests the means to talk to the
balancer or to one replica, read the stored events from PostgreSQL, and take
a replica, PostgreSQL or Redis away and bring it back.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import psycopg2
import requests

from tests.support.cluster_settings import cluster_env
from tests.support.postgres import find_bin
from tests.support.servers import free_port

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "run_cluster.sh"
START_TIMEOUT = 420  # s; three replicas load their models at once on 2 cores


def _run_as_postgres(*command: str) -> None:
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    subprocess.run([*prefix, *command], check=True, capture_output=True, timeout=90)


@dataclass
class Cluster:
    directory: Path
    replicas: int
    env: Dict[str, str] = field(default_factory=dict)
    extra_env: Dict[str, str] = field(default_factory=dict)
    process: Optional[subprocess.Popen] = None
    extra_processes: List[subprocess.Popen] = field(default_factory=list)

    # --- addresses ---------------------------------------------------------------
    def port(self, name: str) -> int:
        return int(self.env[name])

    def setting(self, name: str) -> str:
        """A setting as run_cluster.sh sees it: ours, the environment's, or deploy/cluster.env's."""
        return self.env.get(name) or self.extra_env.get(name) or os.environ.get(name) or cluster_env()[name]

    @property
    def replica_ports(self) -> List[int]:
        first = self.port("RASA_FIRST_PORT")
        return [first + i for i in range(self.replicas)]

    @property
    def balancer(self) -> str:
        return f"http://127.0.0.1:{self.port('BALANCER_PORT')}"

    @property
    def page_url(self) -> str:
        return f"http://127.0.0.1:{self.port('WEB_PORT')}"

    def replica(self, port: int) -> str:
        return f"http://127.0.0.1:{port}"

    # --- start and stop ------------------------------------------------------------
    def start(self) -> "Cluster":
        ports = {name: str(free_port()) for name in ("DB_PORT", "REDIS_PORT", "ACTION_PORT", "BALANCER_PORT", "WEB_PORT")}
        first = _free_run(self.replicas)
        self.env = {**ports, "RASA_FIRST_PORT": str(first), "RASA_REPLICAS": str(self.replicas),
                    "CLUSTER_DIR": str(self.directory)}
        log = open(self.directory.parent / f"{self.directory.name}-run.log", "ab")
        self.process = subprocess.Popen(
            ["bash", str(SCRIPT)], cwd=ROOT, env={**os.environ, **self.env, **self.extra_env}, stdout=log,
            stderr=subprocess.STDOUT, start_new_session=True,
        )
        deadline = time.monotonic() + START_TIMEOUT
        while not (self.directory / "ready").exists():
            if self.process.poll() is not None:
                raise RuntimeError(f"run_cluster.sh exited with {self.process.returncode}; see {log.name}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"the cluster was not ready in {START_TIMEOUT} s; see {log.name}")
            time.sleep(1)
        return self

    def stop(self) -> None:
        for process in self.extra_processes:
            process.terminate()
            process.wait(timeout=30)
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=90)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=30)

    def pid(self, name: str) -> int:
        return int((self.directory / "pids" / f"{name}.pid").read_text())

    def kill_replica(self, port: int) -> None:
        """SIGKILL, as a crash or a lost machine would: no clean shutdown.

        Returns once the replica's port refuses connections. Dying takes a
        moment: Linux frees a replica's 700 MB before it closes its sockets,
        so connections made in that moment are still accepted, then reset."""
        os.kill(self.pid(f"rasa-{port}"), signal.SIGKILL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.05).close()
            except ConnectionRefusedError:
                return
            except OSError:
                pass
            time.sleep(0.001)

    # --- PostgreSQL and Redis, taken away and brought back --------------------------
    def stop_postgres(self) -> None:
        _run_as_postgres(_pg_ctl(), "-D", str(self.directory / "postgres"), "-m", "fast", "-w", "stop")

    def start_postgres(self) -> None:
        # The same options as scripts/run_cluster.sh.
        options = (f"-c listen_addresses=127.0.0.1 -p {self.port('DB_PORT')} "
                   f"-c unix_socket_directories={self.directory / 'postgres-socket'} -c max_connections=200")
        _run_as_postgres(_pg_ctl(), "-D", str(self.directory / "postgres"), "-l",
                         str(self.directory / "postgres-log" / "postgres.log"), "-w", "start", "-o", options)

    def stop_redis(self) -> None:
        os.kill(self.pid("redis"), signal.SIGKILL)

    def start_redis(self) -> None:
        process = subprocess.Popen(
            ["redis-server", "--bind", "127.0.0.1", "--port", str(self.port("REDIS_PORT")), "--save", "",
             "--appendonly", "no", "--dir", str(self.directory)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        self.extra_processes.append(process)
        (self.directory / "pids" / "redis.pid").write_text(str(process.pid))

    # --- talking to it ----------------------------------------------------------------
    def send(self, sender: str, message: str, url: Optional[str] = None, timeout: float = 40) -> requests.Response:
        return requests.post(f"{url or self.balancer}/webhooks/rest/webhook",
                             json={"sender": sender, "message": message}, timeout=timeout)

    def events(self, sender: str) -> List[Tuple[str, Dict[str, Any]]]:
        """(type, data) of every stored event of a conversation, in id order."""
        defaults = cluster_env()
        with psycopg2.connect(host="127.0.0.1", port=self.port("DB_PORT"), dbname=defaults["DB_NAME"],
                              user=defaults["DB_USER"], password=defaults["DB_PASSWORD"]) as connection:
            with connection.cursor() as cursor:
                cursor.execute("SELECT type_name, data FROM events WHERE sender_id = %s ORDER BY id", (sender,))
                return [(kind, json.loads(data)) for kind, data in cursor.fetchall()]

    def user_texts(self, sender: str) -> List[str]:
        return [data.get("text") for kind, data in self.events(sender) if kind == "user"]


def _pg_ctl() -> str:
    return str(find_bin() / "pg_ctl")


def _free_run(count: int) -> int:
    """The first of `count` consecutive free ports."""
    import socket

    for _ in range(50):
        first = free_port()
        try:
            sockets = []
            for port in range(first, first + count):
                s = socket.socket()
                s.bind(("127.0.0.1", port))
                sockets.append(s)
            for s in sockets:
                s.close()
            return first
        except OSError:
            for s in sockets:
                s.close()
    raise RuntimeError("no run of free ports")


def texts(response: requests.Response) -> str:
    return "\n".join(m.get("text") or "" for m in response.json())
