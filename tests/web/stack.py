"""The whole assistant as a browser or a messaging platform sees it.

Starts, on free loopback ports: fake Telegram, Mattermost and callback
servers, the action server, the Rasa server (with a test credentials file in
a temporary folder pointing at the fakes, and the socket.io channel open to
the page's port at localhost and 127.0.0.1 only) and the landing page's web
server. Built on tests/support/servers.py.

tests/web and tests/channels share one running stack per pytest session
(``acquire``/``release``), since starting Rasa is the slow part.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional

from tests.support.servers import MODEL, Assistant, free_port, stop, wait_until_up, write_endpoints
from tests.web.fakes import (
    TELEGRAM_BOT,
    TELEGRAM_TOKEN,
    FakePlatform,
    callback_responder,
    mattermost_responder,
    telegram_responder,
)

ROOT = Path(__file__).resolve().parents[2]
LOGS = ROOT / "results" / "web-logs"
TELEGRAM_SECRET = "s3cret-webhook-token"
MATTERMOST_OUTGOING_TOKEN = "mm-outgoing-token"


def credentials_for(telegram: str, mattermost: str, callback: str, rasa_url: str) -> str:
    return f"""\
channels.rest.RestInput:
channels.socketio.WebChatInput:
  user_message_evt: user_uttered
  bot_message_evt: bot_uttered
  session_persistence: true
callback:
  url: "{callback}/bot"
channels.telegram.TelegramInput:
  access_token: "{TELEGRAM_TOKEN}"
  verify: "{TELEGRAM_BOT['username']}"
  webhook_url: "{rasa_url}/webhooks/telegram/webhook"
  secret_token: "{TELEGRAM_SECRET}"
  api_url: "{telegram}"
channels.mattermost.MattermostInput:
  url: "{mattermost}/api/v4"
  token: "mm-bot-token"
  outgoing_token: "{MATTERMOST_OUTGOING_TOKEN}"
"""


@dataclass
class Stack:
    assistant: Assistant
    page_url: str
    telegram: FakePlatform
    mattermost: FakePlatform
    callback: FakePlatform
    web_process: Optional[subprocess.Popen] = None
    rasa_args: Optional[List[str]] = None
    rasa_env: Optional[Dict[str, str]] = None

    @property
    def rasa_url(self) -> str:
        return self.assistant.rasa_url

    def stop_rasa(self) -> None:
        """Take the Rasa server away, as an outage would (tests/web/test_outage.py)."""
        self.assistant.kill_rasa()

    def start_rasa(self) -> None:
        """Start the Rasa server again, on the same port, with the same conversations."""
        self.assistant.start_rasa(self.rasa_args, self.rasa_env)

    def stop(self) -> None:
        stop(self.web_process)
        self.assistant.stop_all()
        for fake in (self.telegram, self.mattermost, self.callback):
            fake.stop()


def start_stack(workdir: Path) -> Stack:
    if not MODEL.exists():
        raise RuntimeError(f"{MODEL} is missing: run `make train` first")
    LOGS.mkdir(parents=True, exist_ok=True)
    telegram = FakePlatform(telegram_responder).start()
    mattermost = FakePlatform(mattermost_responder).start()
    callback = FakePlatform(callback_responder).start()
    rasa_port, action_port, web_port = free_port(), free_port(), free_port()
    rasa_url, page_url = f"http://127.0.0.1:{rasa_port}", f"http://127.0.0.1:{web_port}"
    credentials = workdir / "credentials.yml"
    credentials.write_text(credentials_for(telegram.url, mattermost.url, callback.url, rasa_url))
    endpoints = write_endpoints(workdir / "endpoints.yml", action_port, workdir / "conversations.db")
    assistant = Assistant(
        rasa_url=rasa_url, action_url=f"http://127.0.0.1:{action_port}", workdir=workdir,
        endpoints=endpoints, rasa_port=rasa_port, action_port=action_port, log_dir=LOGS,
    )
    stack = Stack(assistant, page_url, telegram, mattermost, callback)
    try:
        assistant.start_actions()
        # Later options win: the test credentials replace the project's file.
        # WEB_PORT: the socket.io channel accepts the page's two local origins.
        stack.rasa_args = ["--credentials", str(credentials)]
        stack.rasa_env = {"WEB_PORT": str(web_port), "WEB_ORIGINS": ""}
        stack.start_rasa()
        log = open(LOGS / "web.log", "ab")
        stack.web_process = subprocess.Popen(
            [sys.executable, str(ROOT / "scripts" / "serve_web.py"), "--host", "127.0.0.1",
             "--port", str(web_port), "--socket-url", rasa_url],
            cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
        )
        wait_until_up(f"{page_url}/health", stack.web_process, timeout=30)
    except BaseException:
        stack.stop()
        raise
    return stack


_lock = threading.Lock()
_shared: Optional[Stack] = None
_tmp: Optional[tempfile.TemporaryDirectory] = None
_users: List[object] = []


def acquire(user: object) -> Stack:
    global _shared, _tmp
    with _lock:
        if _shared is None:
            _tmp = tempfile.TemporaryDirectory(prefix="assistant-web-")
            _shared = start_stack(Path(_tmp.name))
        _users.append(user)
        return _shared


def release(user: object) -> None:
    global _shared, _tmp
    with _lock:
        _users.remove(user)
        if not _users and _shared is not None:
            _shared.stop()
            _shared = None
            if _tmp is not None:
                _tmp.cleanup()
                _tmp = None
