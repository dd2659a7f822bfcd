#!/usr/bin/env bash
# Starts the action server (127.0.0.1:5055) and the Rasa server (REST channel,
# port 5005). Ctrl-C stops both. Used by `make run`.
set -euo pipefail
cd "$(dirname "$0")/.."

RASA=.venv/bin/rasa
ACTION_PORT="${ACTION_PORT:-5055}"
RASA_PORT="${RASA_PORT:-5005}"
RASA_INTERFACE="${RASA_INTERFACE:-127.0.0.1}"
mkdir -p var logs

SANIC_HOST=127.0.0.1 "$RASA" run actions --port "$ACTION_PORT" --quiet &
action_pid=$!
trap 'kill "$action_pid" 2>/dev/null; wait "$action_pid" 2>/dev/null || true' EXIT INT TERM

echo "Action server: http://127.0.0.1:$ACTION_PORT  Rasa REST channel: http://$RASA_INTERFACE:$RASA_PORT/webhooks/rest/webhook"
"$RASA" run --model models/assistant.tar.gz --endpoints endpoints.yml --credentials credentials.yml \
  --interface "$RASA_INTERFACE" --port "$RASA_PORT" --response-timeout 30
