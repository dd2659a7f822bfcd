"""A throwaway PostgreSQL server for tests: start it, use it, stop it.

    with postgres_server() as pg:
        pg.url            # postgresql://assistant:…@127.0.0.1:PORT/assistant
        pg.env()          # DB_HOST, DB_PORT, DB_NAME, DB_USER, DB_PASSWORD
        pg.stop(); pg.start()   # e.g. to test an outage

`initdb` into a fresh temporary folder, `pg_ctl start` on a free port on
127.0.0.1 only (its Unix socket in the same folder, never /var/run), then one
database and one login role with a password, owner of that database, as the
assistant's cluster uses them (endpoints.cluster.yml). Everything is removed
on exit. Nothing is installed or started system-wide.

PostgreSQL refuses to run as root: as root the server binaries run as the
`postgres` user (`runuser -u postgres --`), and the folder belongs to it.
The binaries come from $PG_BIN, else /usr/lib/postgresql/<newest>/bin, else
PATH; without them PostgresNotInstalled says to install `postgresql`.
"""

from __future__ import annotations

import glob
import os
import pwd
import secrets
import shutil
import subprocess
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterator, List, Optional

from tests.support.servers import free_port

SERVER_BINARIES = ("initdb", "pg_ctl", "postgres")
SERVICE_USER = "postgres"
START_TIMEOUT_SECONDS = 60


class PostgresNotInstalled(RuntimeError):
    pass


def find_bin() -> Path:
    """The folder with initdb, pg_ctl and postgres."""
    candidates: List[Path] = []
    if os.environ.get("PG_BIN"):
        candidates.append(Path(os.environ["PG_BIN"]))
    versions = glob.glob("/usr/lib/postgresql/*/bin")
    candidates += sorted((Path(p) for p in versions), key=lambda p: _version(p.parent.name), reverse=True)
    on_path = shutil.which("pg_ctl")
    if on_path:
        candidates.append(Path(on_path).resolve().parent)
    for folder in candidates:
        if all((folder / name).is_file() for name in SERVER_BINARIES):
            return folder
    raise PostgresNotInstalled(
        "PostgreSQL server binaries (initdb, pg_ctl, postgres) not found in "
        f"{', '.join(str(c) for c in candidates) or '$PG_BIN, /usr/lib/postgresql/*/bin or PATH'}. "
        "Install the `postgresql` package (Debian/Ubuntu: apt-get install postgresql; CI installs it), "
        "or point PG_BIN at the folder that has them."
    )


def _version(name: str) -> tuple:
    return tuple(int(part) if part.isdigit() else 0 for part in name.split("."))


@dataclass
class PostgresServer:
    """One running throwaway server with one database and one role."""

    bin: Path
    folder: Path  # data/, the socket and the log
    port: int
    db: str = "assistant"
    user: str = "assistant"
    password: str = field(default_factory=lambda: secrets.token_hex(12))
    superuser_password: str = field(default_factory=lambda: secrets.token_hex(12))
    host: str = "127.0.0.1"

    @property
    def data(self) -> Path:
        return self.folder / "data"

    @property
    def log(self) -> Path:
        return self.folder / "server.log"

    @property
    def url(self) -> str:
        return f"postgresql://{self.user}:{self.password}@{self.host}:{self.port}/{self.db}"

    def env(self) -> Dict[str, str]:
        """The cluster's names (deploy/cluster.env) for this server."""
        return {
            "DB_HOST": self.host,
            "DB_PORT": str(self.port),
            "DB_NAME": self.db,
            "DB_USER": self.user,
            "DB_PASSWORD": self.password,
        }

    def _run(self, *command: str) -> subprocess.CompletedProcess:
        as_service_user = ["runuser", "-u", SERVICE_USER, "--"] if os.geteuid() == 0 else []
        result = subprocess.run(
            [*as_service_user, *command], cwd=self.folder, capture_output=True, text=True,
            timeout=START_TIMEOUT_SECONDS + 30, env={**os.environ, "LC_ALL": "C"},
        )
        if result.returncode != 0:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise RuntimeError(
                f"{' '.join(command[:2])} failed ({result.returncode}):\n{result.stdout}{result.stderr}{log}"
            )
        return result

    def init(self) -> None:
        password_file = self.folder / "superuser.pw"
        password_file.write_text(self.superuser_password + "\n")
        self._own(password_file)
        self._run(
            str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres", "-E", "UTF8",
            "--no-locale", "--no-sync", "--auth-local=trust", "--auth-host=scram-sha-256",
            f"--pwfile={password_file}",
        )
        password_file.unlink()

    def start(self) -> None:
        options = " ".join([
            "-c listen_addresses=127.0.0.1",
            f"-c port={self.port}",
            f"-c unix_socket_directories={self.folder}",
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off",
        ])
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-o", options,
                  "-w", "-t", str(START_TIMEOUT_SECONDS), "start")

    def stop(self) -> None:
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    def running(self) -> bool:
        return (self.data / "postmaster.pid").exists()

    def create_database(self) -> None:
        import psycopg2

        connection = psycopg2.connect(host=self.host, port=self.port, dbname="postgres",
                                      user="postgres", password=self.superuser_password)
        try:
            connection.autocommit = True
            with connection.cursor() as cursor:
                cursor.execute(f'CREATE ROLE "{self.user}" LOGIN PASSWORD %s', (self.password,))
                cursor.execute(f'CREATE DATABASE "{self.db}" OWNER "{self.user}"')
        finally:
            connection.close()

    def _own(self, path: Path) -> None:
        if os.geteuid() == 0:
            shutil.chown(path, user=SERVICE_USER, group=pwd.getpwnam(SERVICE_USER).pw_gid)


@contextmanager
def postgres_server(db: str = "assistant", user: str = "assistant", attempts: int = 3) -> Iterator[PostgresServer]:
    """A fresh server with database `db` owned by login role `user`; removed on exit."""
    bin_folder = find_bin()
    folder = Path(tempfile.mkdtemp(prefix="pg-test-"))  # under /tmp: the service user can reach it
    server: Optional[PostgresServer] = None
    try:
        for attempt in range(attempts):
            server = PostgresServer(bin_folder, folder, free_port(), db=db, user=user)
            server._own(folder)
            if not server.data.exists():
                server.init()
            try:
                server.start()
                break
            except RuntimeError:  # most likely the free port was taken meanwhile
                if attempt == attempts - 1:
                    raise
        assert server is not None
        server.create_database()
        yield server
    finally:
        if server is not None and server.running():
            try:
                server.stop()
            except RuntimeError:
                pass
        shutil.rmtree(folder, ignore_errors=True)
