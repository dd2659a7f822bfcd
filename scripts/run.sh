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
# Where the browser reaches Rasa. The socket.io channel accepts the page at
# http://localhost:$WEB_PORT and http://127.0.0.1:$WEB_PORT, plus any origins
# in WEB_ORIGINS (space separated), e.g. the charity's site (channels/socketio.py).
RASA_SOCKET_URL="${RASA_SOCKET_URL:-http://127.0.0.1:$RASA_PORT}"
export WEB_PORT WEB_ORIGINS="${WEB_ORIGINS:-}"
mkdir -p var logs

if [ ! -f node_modules/.installed ]; then
  npm ci --no-audit --no-fund --ignore-scripts && touch node_modules/.installed
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
echo "Web chat: http://$WEB_HOST:$WEB_PORT/ (socket.io origins: localhost and 127.0.0.1 on $WEB_PORT${WEB_ORIGINS:+, $WEB_ORIGINS})"
"$PY" -m runtime run --model models/assistant.tar.gz --endpoints endpoints.yml --credentials credentials.yml \
  --interface "$RASA_INTERFACE" --port "$RASA_PORT" --response-timeout 30 &
pids+=($!)
wait "${pids[-1]}"
