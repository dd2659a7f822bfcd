#!/usr/bin/env bash
# Starts the action server (127.0.0.1:5055), the Rasa server (REST and
# socketio channels, port 5005) and the landing page with the chat widget
# (127.0.0.1:8080). Ctrl-C stops all three. Used by `make run`.
set -euo pipefail
cd "$(dirname "$0")/.."

RASA=.venv/bin/rasa  # the action server; the Rasa server runs via `python -m runtime`
PY=.venv/bin/python
ACTION_PORT="${ACTION_PORT:-5055}"
RASA_PORT="${RASA_PORT:-5005}"
RASA_INTERFACE="${RASA_INTERFACE:-127.0.0.1}"
WEB_HOST="${WEB_HOST:-127.0.0.1}"
WEB_PORT="${WEB_PORT:-8080}"
# Where the browser reaches Rasa, and the page origin Rasa accepts (CORS).
RASA_SOCKET_URL="${RASA_SOCKET_URL:-http://127.0.0.1:$RASA_PORT}"
WEB_ORIGIN="${WEB_ORIGIN:-http://$WEB_HOST:$WEB_PORT}"
mkdir -p var logs

if [ ! -f node_modules/rasa-webchat/lib/index.js ]; then
  npm ci --no-audit --no-fund --ignore-scripts
fi

pids=()
cleanup() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT INT TERM

SANIC_HOST=127.0.0.1 "$RASA" run actions --port "$ACTION_PORT" --quiet &
pids+=($!)
"$PY" scripts/serve_web.py --host "$WEB_HOST" --port "$WEB_PORT" --socket-url "$RASA_SOCKET_URL" &
pids+=($!)

echo "Action server: http://127.0.0.1:$ACTION_PORT  Rasa REST channel: http://$RASA_INTERFACE:$RASA_PORT/webhooks/rest/webhook"
echo "Web chat: $WEB_ORIGIN/ (socket.io CORS origin: $WEB_ORIGIN)"
"$PY" -m runtime run --model models/assistant.tar.gz --endpoints endpoints.yml --credentials credentials.yml \
  --interface "$RASA_INTERFACE" --port "$RASA_PORT" --response-timeout 30 --cors "$WEB_ORIGIN" &
pids+=($!)
wait "${pids[-1]}"
