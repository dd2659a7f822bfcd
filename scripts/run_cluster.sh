#!/usr/bin/env bash
# `make run-cluster`: the assistant as a cluster on one machine, with real
# services started as ordinary processes (there is no systemd):
#
#   PostgreSQL   127.0.0.1:$DB_PORT (5432), data in $CLUSTER_DIR/postgres
#   Redis        127.0.0.1:$REDIS_PORT (6379), the conversation lock
#   actions      127.0.0.1:$ACTION_PORT (5055)
#   Rasa         $RASA_REPLICAS replicas (2) on 127.0.0.1:$RASA_FIRST_PORT (5006), 5007, ...
#   HAProxy      127.0.0.1:$BALANCER_PORT (5005): REST and socket.io, health-checked
#   web page     http://127.0.0.1:$WEB_PORT/ (8080), chat through the balancer
#
# Settings and their defaults: deploy/cluster.env (the environment wins).
# CLUSTER_ENDPOINTS swaps the endpoints file (the cluster bench compares
# tracker stores with it).
# Installs postgresql, redis-server and haproxy with apt-get when missing.
# Ctrl-C (or SIGTERM) stops everything. Process ids go to $CLUSTER_DIR/pids/
# (the cluster tests kill replicas by them).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

# deploy/cluster.env gives defaults; a variable already set wins. The action
# server's URL follows ACTION_PORT unless it is set itself.
[[ -z "${ACTION_SERVER_URL+x}" ]] && derive_action_url=1
while IFS='=' read -r name value; do
  [[ -z "$name" || "$name" == \#* ]] && continue
  [[ -z "${!name+x}" ]] && export "$name=$value"
done < deploy/cluster.env
[[ -n "${derive_action_url:-}" ]] && export ACTION_SERVER_URL="http://127.0.0.1:$ACTION_PORT/webhook"
CLUSTER_DIR="$(realpath -m "${CLUSTER_DIR:-var/cluster}")"
LOGS="$CLUSTER_DIR/logs"
PIDS="$CLUSTER_DIR/pids"
PY=.venv/bin/python
mkdir -p "$LOGS" "$PIDS"
rm -f "$CLUSTER_DIR/ready"

# --- packages -----------------------------------------------------------------
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
missing=()
[[ -n "$(pg_bin)" && -x "$(pg_bin)/postgres" ]] || missing+=(postgresql)
command -v redis-server > /dev/null || missing+=(redis-server)
command -v haproxy > /dev/null || missing+=(haproxy)
if (( ${#missing[@]} )); then
  echo "Installing ${missing[*]} (apt-get)..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" > "$LOGS/apt.log"
fi
PG_BIN="$(pg_bin)"

pids=()
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  rm -f "$CLUSTER_DIR/ready"
  echo "Stopping the cluster..."
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  as_postgres "$PG_BIN/pg_ctl" -D "$CLUSTER_DIR/postgres" -m fast stop > /dev/null 2>&1 || true
  rm -f "$PIDS"/*.pid
  exit "$status"
}
trap cleanup EXIT INT TERM

started() {  # started NAME PID: remember a process and write its pid file
  pids+=("$2")
  echo "$2" > "$PIDS/$1.pid"
}

wait_for() {  # wait_for WHAT COMMAND...: up to 180 s
  local what=$1; shift
  for _ in $(seq 1 360); do
    if "$@" > /dev/null 2>&1; then return 0; fi
    sleep 0.5
  done
  echo "$what did not come up; see $LOGS" >&2
  exit 1
}

# --- PostgreSQL (it refuses to run as root: run it as the postgres user) -------
as_postgres() {
  if [[ $EUID -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}
PGDATA="$CLUSTER_DIR/postgres"
PGSOCKET="$CLUSTER_DIR/postgres-socket"
PGLOG="$CLUSTER_DIR/postgres-log"
mkdir -p "$PGDATA" "$PGSOCKET" "$PGLOG"
if [[ $EUID -eq 0 ]]; then
  chown postgres: "$PGDATA" "$PGSOCKET" "$PGLOG"
  chmod 700 "$PGDATA"
  chmod o+x "$CLUSTER_DIR"
fi
if [[ ! -f "$PGDATA/PG_VERSION" ]]; then
  as_postgres "$PG_BIN/initdb" -D "$PGDATA" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
    > "$LOGS/initdb.log"
fi
as_postgres "$PG_BIN/pg_ctl" -D "$PGDATA" -l "$PGLOG/postgres.log" -w -t 60 start -o \
  "-c listen_addresses=127.0.0.1 -p $DB_PORT -c unix_socket_directories=$PGSOCKET -c max_connections=200" \
  > /dev/null
psql_admin() { as_postgres psql -h "$PGSOCKET" -p "$DB_PORT" -U postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
if [[ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname='$DB_USER'")" != 1 ]]; then
  psql_admin -c "CREATE ROLE \"$DB_USER\" LOGIN PASSWORD '$DB_PASSWORD'"
fi
if [[ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname='$DB_NAME'")" != 1 ]]; then
  psql_admin -c "CREATE DATABASE \"$DB_NAME\" OWNER \"$DB_USER\""
fi
echo "PostgreSQL: 127.0.0.1:$DB_PORT, database $DB_NAME, data in $PGDATA"

# --- Redis (only locks: nothing to persist) -----------------------------------
redis_args=(--bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no --dir "$CLUSTER_DIR")
[[ -n "$REDIS_PASSWORD" ]] && redis_args+=(--requirepass "$REDIS_PASSWORD")
redis-server "${redis_args[@]}" > "$LOGS/redis.log" 2>&1 &
started redis $!
wait_for Redis redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ${REDIS_PASSWORD:+-a "$REDIS_PASSWORD"} ping
echo "Redis: 127.0.0.1:$REDIS_PORT"

# Rasa's events table, made once here: replicas starting together would
# otherwise race to create it.
"$PY" - <<'PYTHON' 2>> "$LOGS/schema.log"
import os
from rasa.core.tracker_store import SQLTrackerStore
SQLTrackerStore(dialect="postgresql", host=os.environ["DB_HOST"], port=os.environ["DB_PORT"],
                db=os.environ["DB_NAME"], username=os.environ["DB_USER"], password=os.environ["DB_PASSWORD"])
PYTHON

# --- the action server --------------------------------------------------------
SANIC_HOST=127.0.0.1 .venv/bin/rasa run actions --port "$ACTION_PORT" --quiet > "$LOGS/actions.log" 2>&1 &
started actions $!

# --- Rasa replicas --------------------------------------------------------------
servers=""
for ((i = 0; i < RASA_REPLICAS; i++)); do
  port=$((RASA_FIRST_PORT + i))
  "$PY" -m runtime run --model models/assistant.tar.gz --endpoints "${CLUSTER_ENDPOINTS:-endpoints.cluster.yml}" \
    --credentials credentials.yml --interface 127.0.0.1 --port "$port" \
    --response-timeout "$TURN_TIMEOUT" > "$LOGS/rasa-$port.log" 2>&1 &
  started "rasa-$port" $!
  servers+="    server rasa-$port 127.0.0.1:$port check"$'\n'
done

# --- HAProxy ------------------------------------------------------------------
# When no replica can answer, the balancer says so as the replicas do: JSON
# with the same messages (channels/rest.py), not an HTML error page. 503 is
# "busy, nothing was done, try again" (the queue timed out or no replica was
# up); 502 and 504 are a turn that failed on its way.
for code in 502 503 504; do
  "$PY" - "$code" > "$CLUSTER_DIR/error-$code.http" <<'PYTHON'
import sys
from channels.rest import balancer_error_page
sys.stdout.write(balancer_error_page(int(sys.argv[1])))
PYTHON
done
socketio_servers=""
for ((i = 0; i < RASA_REPLICAS; i++)); do
  port=$((RASA_FIRST_PORT + i))
  socketio_servers+="    server rasa-$port 127.0.0.1:$port track rasa/rasa-$port cookie rasa-$port on-marked-down shutdown-sessions"$'\n'
done
cat > "$CLUSTER_DIR/haproxy.cfg" <<EOF
# Written by scripts/run_cluster.sh; the same choices as deploy/haproxy.cfg.
# Why each number: docs/cluster.md, "Overload and failover".
global
    maxconn 4096
    # One line per request (timers, status, termination state; no message text).
    log stdout format raw local0 info
    # Counters (queued, refused, failed) for bench/cluster.py: "show stat".
    stats socket $CLUSTER_DIR/haproxy.sock mode 600 level operator

defaults
    mode http
    log global
    option httplog
    timeout connect 2s
    timeout client 60s
    timeout server $((TURN_TIMEOUT + 5))s
    # A request waits at most this long for a free replica, then gets the
    # busy 503 with Retry-After: never a long silence.
    timeout queue ${TURN_QUEUE_MS}ms
    # Longer than inter on purpose: a replica that is only busy must not be
    # taken out (that used to kill every request it was serving).
    timeout check 2s
    # socket.io's WebSocket lives for as long as the page is open.
    timeout tunnel 1h
    # A request that could not reach a replica goes to another one. Each
    # request opens its own connection to a replica: a kept-alive connection
    # to a replica that has just died would fail a POST that is never retried.
    # One more try, on another replica: each try may wait in the queue, so a
    # refusal still comes within 2 x TURN_QUEUE_MS.
    retries 1
    option redispatch 1
    http-reuse never
    errorfile 502 $CLUSTER_DIR/error-502.http
    errorfile 503 $CLUSTER_DIR/error-503.http
    errorfile 504 $CLUSTER_DIR/error-504.http

frontend assistant
    bind 127.0.0.1:$BALANCER_PORT
    acl is_socketio path_beg /socket.io/
    acl is_retry req.hdr(X-Retry) -m found
    # A patient's retry after "busy" goes ahead of first tries in the queue,
    # and a first try that finds the queue TURN_QUEUE_DEPTH deep per replica
    # is told "busy" at once: the queue is kept for those already waiting.
    http-request set-priority-class int(-1) if is_retry
    http-request return errorfile $CLUSTER_DIR/error-503.http if !is_socketio !is_retry { avg_queue(rasa) ge $TURN_QUEUE_DEPTH }
    use_backend rasa_socketio if is_socketio
    default_backend rasa

backend rasa
    balance leastconn
    # Out of rotation after 2 failed checks 0.5 s apart, or at once when a
    # request can't connect (observe layer4: a killed replica refuses
    # connections). Its requests in flight are not cut off: a dead replica's
    # connections are reset, which the client hears as a 502 with our JSON,
    # while cutting them ("shutdown-sessions") could close a client's
    # connection with no status at all. maxconn: the turns a replica runs at
    # once; the rest wait in the balancer's queue, where the first replica
    # free takes them.
    option httpchk GET /health/ready
    http-check expect status 200
    default-server inter 500ms fastinter 250ms fall 2 rise 2 maxconn $RASA_MAX_TURNS observe layer4 error-limit 1 on-error mark-down
$servers
backend rasa_socketio
    # An open web chat holds its WebSocket as long as it is open, so this
    # backend has no maxconn; there the replicas' own turn limit
    # (runtime/admission.py) answers "busy". Health follows the REST
    # backend's checks; a replica taken out has its WebSockets closed, so
    # the pages reconnect to another; long-polling stays on one replica by
    # a cookie.
    balance leastconn
    cookie rasa-replica insert indirect nocache httponly
$socketio_servers
EOF
haproxy -W -db -f "$CLUSTER_DIR/haproxy.cfg" > "$LOGS/haproxy.log" 2>&1 &
started haproxy $!

# --- the web page, talking to the balancer -------------------------------------
"$PY" scripts/serve_web.py --host 127.0.0.1 --port "$WEB_PORT" \
  --socket-url "http://127.0.0.1:$BALANCER_PORT" > "$LOGS/web.log" 2>&1 &
started web $!

wait_for "The action server" curl -sf "http://127.0.0.1:$ACTION_PORT/health"
for ((i = 0; i < RASA_REPLICAS; i++)); do
  wait_for "Rasa replica $((RASA_FIRST_PORT + i))" curl -sf "http://127.0.0.1:$((RASA_FIRST_PORT + i))/health/ready"
done
wait_for "The balancer" curl -sf "http://127.0.0.1:$BALANCER_PORT/health/ready"
echo "Rasa: $RASA_REPLICAS replicas on 127.0.0.1:$RASA_FIRST_PORT..$((RASA_FIRST_PORT + RASA_REPLICAS - 1))"
echo "Balancer (REST and socket.io): http://127.0.0.1:$BALANCER_PORT/webhooks/rest/webhook"
echo "Web chat: http://127.0.0.1:$WEB_PORT/ (or http://localhost:$WEB_PORT/)"
echo "Cluster ready. Ctrl-C stops it."
touch "$CLUSTER_DIR/ready"
# Run until stopped; a replica that dies stays down (the balancer routes
# around it) so that failures are visible, not hidden by restarts.
while true; do sleep 1 & wait $!; done
