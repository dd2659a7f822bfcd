#!/usr/bin/env python3
"""Serve the landing page with the chat widget.

The page (web/index.html) is a template rendered on every request: the
medical disclaimer comes from ``assistant.facts.DISCLAIMER`` (never written
twice) and the Rasa socket.io URL from the environment. The chat is the
project's own (web/chat.js, web/chat.css) over the npm package
``socket.io-client``, installed by ``npm ci`` from the committed
package-lock.json and served from node_modules: no CDN.

Environment (all optional):
  WEB_HOST        interface to bind            (default 127.0.0.1)
  WEB_PORT        port                         (default 8080)
  RASA_SOCKET_URL where the browser finds Rasa (default http://127.0.0.1:5005)
"""

from __future__ import annotations

import argparse
import html
import json
import os
import sys
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Dict
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
WEB = ROOT / "web"
SOCKET_IO_JS = ROOT / "node_modules" / "socket.io-client" / "dist" / "socket.io.min.js"

sys.path.insert(0, str(ROOT))
from assistant.facts import DISCLAIMER, SAFETY, SOURCE  # noqa: E402
from assistant.wording.care_list import HOW_TO_EDIT, SHOW_BUTTON  # noqa: E402

# Files the page may load, by URL path. Nothing else is served.
STATIC: Dict[str, Path] = {
    "/static/page.css": WEB / "page.css",
    "/static/chat.css": WEB / "chat.css",
    "/static/chat.js": WEB / "chat.js",
    "/vendor/socket.io.min.js": SOCKET_IO_JS,
}
TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8"}
def content_security_policy(socket_url: str) -> str:
    """Only this server's files, and connections to Rasa (HTTP and WebSocket)."""
    parts = urlsplit(socket_url)
    ws_scheme = "wss" if parts.scheme == "https" else "ws"
    rasa = f"{parts.scheme}://{parts.netloc} {ws_scheme}://{parts.netloc}"
    return (
        "default-src 'self'; script-src 'self'; style-src 'self'; "
        f"img-src 'self' data:; font-src 'self'; connect-src 'self' {rasa}; "
        "base-uri 'none'; form-action 'none'; frame-ancestors 'self'"
    )


def render_page(socket_url: str) -> str:
    """The landing page, with the disclaimer taken from the facts module."""
    template = (WEB / "index.html").read_text(encoding="utf-8")
    # "/greet" opens a new conversation: Rasa answers it with the welcome,
    # the disclaimer and suggested questions (action_session_start).
    config = {"socketUrl": socket_url, "socketPath": "/socket.io/", "initPayload": "/greet",
              # The "My questions for the care team" button's message.
              "careListPayload": SHOW_BUTTON.payload,
              # ... and the reply's line on editing it, left off the printed list.
              "careListEditHint": HOW_TO_EDIT}
    values = {
        "{{DISCLAIMER_FULL}}": "\n".join(f"<p>{html.escape(line)}</p>" for line in DISCLAIMER.full),
        "{{DISCLAIMER_SHORT}}": html.escape(DISCLAIMER.short),
        "{{SOURCE_PUBLISHER}}": html.escape(SOURCE.publisher),
        "{{SOURCE_WEBSITE}}": html.escape(SOURCE.website),
        "{{SOURCE_HELPLINE}}": html.escape(SOURCE.helpline),
        "{{EMERGENCY_NUMBER}}": html.escape(SAFETY.emergency),
        "{{CRISIS_LINE}}": html.escape(SAFETY.crisis_line),
        # JSON inside <script>: escape "<" so no value can close the tag.
        "{{CHAT_CONFIG}}": json.dumps(config).replace("<", "\\u003c"),
    }
    for placeholder, value in values.items():
        template = template.replace(placeholder, value)
    return template


class Handler(SimpleHTTPRequestHandler):
    socket_url = "http://127.0.0.1:5005"

    def _send(self, body: bytes, content_type: str, cache: str = "no-cache") -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Security-Policy", content_security_policy(self.socket_url))
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", cache)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 (http.server API)
        path = self.path.split("?", 1)[0]
        if path in ("/", "/index.html"):
            self._send(render_page(self.socket_url).encode("utf-8"), "text/html; charset=utf-8")
        elif path == "/health":
            self._send(b'{"status": "ok"}', "application/json")
        elif path in STATIC and STATIC[path].is_file():
            file = STATIC[path]
            self._send(file.read_bytes(), TYPES[file.suffix])
        elif path in STATIC:
            self.send_error(HTTPStatus.SERVICE_UNAVAILABLE, "socket.io-client not installed: run `npm ci`")
        else:
            self.send_error(HTTPStatus.NOT_FOUND)

    do_HEAD = do_GET

    def log_message(self, format: str, *args) -> None:  # quieter than the default
        if os.environ.get("WEB_QUIET") != "1":
            super().log_message(format, *args)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", default=os.environ.get("WEB_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("WEB_PORT", "8080")))
    parser.add_argument("--socket-url", default=os.environ.get("RASA_SOCKET_URL", "http://127.0.0.1:5005"))
    args = parser.parse_args()
    if not SOCKET_IO_JS.is_file():
        sys.exit(f"{SOCKET_IO_JS.relative_to(ROOT)} is missing: run `npm ci` (or `make run`)")
    Handler.socket_url = args.socket_url
    server = ThreadingHTTPServer((args.host, args.port), Handler)
    print(f"Web chat: http://{args.host}:{args.port}/ (Rasa socket.io at {args.socket_url})", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
