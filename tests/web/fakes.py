"""Small fake messaging platforms: real HTTP servers on loopback.

Each runs ``http.server`` in a thread on a free 127.0.0.1 port, records every
request it gets and answers like the platform's API would, so Rasa's
connectors talk to them over real sockets.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Dict, List, Optional, Tuple


@dataclass
class Received:
    method: str
    path: str
    headers: Dict[str, str]
    body: Dict[str, Any]


Responder = Callable[[Received], Tuple[int, Dict[str, Any]]]


def _parse_body(content_type: str, raw: bytes) -> Dict[str, Any]:
    if not raw:
        return {}
    if "json" in content_type:
        return json.loads(raw)
    if "x-www-form-urlencoded" in content_type:
        return {k: v[-1] for k, v in urllib.parse.parse_qs(raw.decode(), keep_blank_values=True).items()}
    if "multipart/form-data" in content_type:
        from email.parser import BytesParser
        from email.policy import HTTP

        message = BytesParser(policy=HTTP).parsebytes(
            f"Content-Type: {content_type}\r\n\r\n".encode() + raw
        )
        return {part.get_param("name", header="content-disposition"): part.get_content() for part in message.iter_parts()}
    return {"raw": raw.decode(errors="replace")}


@dataclass
class FakePlatform:
    """An HTTP server that records requests and answers with ``responder``."""

    responder: Responder
    received: List[Received] = field(default_factory=list)
    server: Optional[ThreadingHTTPServer] = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def url(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def start(self) -> "FakePlatform":
        platform = self

        class Handler(BaseHTTPRequestHandler):
            def _handle(self) -> None:
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                item = Received(
                    self.command, self.path.split("?", 1)[0], dict(self.headers),
                    _parse_body(self.headers.get("Content-Type", ""), raw),
                )
                with platform._lock:
                    platform.received.append(item)
                status, answer = platform.responder(item)
                body = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = _handle

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server:
            self.server.shutdown()
            self.server.server_close()

    def requests_to(self, suffix: str) -> List[Received]:
        with self._lock:
            return [r for r in self.received if r.path.endswith(suffix)]

    def wait_for(self, predicate: Callable[[List[Received]], bool], timeout: float = 60) -> List[Received]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                snapshot = list(self.received)
            if predicate(snapshot):
                return snapshot
            time.sleep(0.2)
        raise AssertionError(f"fake platform did not get the expected requests; got {[(r.path, r.body) for r in snapshot]}")


# --- Telegram Bot API ------------------------------------------------------------

TELEGRAM_TOKEN = "123456:TEST-token-for-the-fake"
TELEGRAM_BOT = {"id": 123456, "is_bot": True, "first_name": "Sarcoma info", "username": "sarcoma_info_bot"}


def telegram_responder(item: Received) -> Tuple[int, Dict[str, Any]]:
    """Answers like https://core.telegram.org/bots/api: {"ok": true, "result": ...}."""
    prefix = f"/bot{TELEGRAM_TOKEN}/"
    if not item.path.startswith(prefix):
        return 401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
    method = item.path[len(prefix):].lower()
    if method == "getme":
        return 200, {"ok": True, "result": TELEGRAM_BOT}
    if method in ("setwebhook", "answercallbackquery"):
        return 200, {"ok": True, "result": True}
    if method == "sendmessage":
        chat_id = int(item.body.get("chat_id", 0))
        return 200, {"ok": True, "result": {
            "message_id": len(item.body) + int(time.time() * 1000) % 100000, "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private"}, "from": TELEGRAM_BOT, "text": item.body.get("text", ""),
        }}
    return 404, {"ok": False, "error_code": 404, "description": "Not Found: method not found"}


def telegram_update(update_id: int, chat_id: int, text: str) -> Dict[str, Any]:
    user = {"id": chat_id, "is_bot": False, "first_name": "Pat", "language_code": "en"}
    return {"update_id": update_id, "message": {
        "message_id": update_id, "date": int(time.time()), "chat": {"id": chat_id, "type": "private", "first_name": "Pat"},
        "from": user, "text": text,
    }}


def telegram_button_click(update_id: int, chat_id: int, data: str) -> Dict[str, Any]:
    user = {"id": chat_id, "is_bot": False, "first_name": "Pat"}
    return {"update_id": update_id, "callback_query": {
        "id": f"cb{update_id}", "from": user, "chat_instance": "1", "data": data,
        "message": {"message_id": update_id, "date": int(time.time()),
                    "chat": {"id": chat_id, "type": "private"}, "from": TELEGRAM_BOT, "text": "..."},
    }}


# --- Mattermost REST API and callback receiver ------------------------------------

def mattermost_responder(item: Received) -> Tuple[int, Dict[str, Any]]:
    if item.path == "/api/v4/posts" and item.headers.get("Authorization") == "Bearer mm-bot-token":
        return 201, {"id": f"post{len(item.body)}", "channel_id": item.body.get("channel_id"),
                     "message": item.body.get("message", "")}
    return 401, {"id": "api.context.session_expired.app_error", "status_code": 401}


def callback_responder(item: Received) -> Tuple[int, Dict[str, Any]]:
    return 200, {}
