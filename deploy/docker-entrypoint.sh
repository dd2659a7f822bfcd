#!/bin/sh
# Entrypoint of every image (deploy/Dockerfile). Compose secrets arrive as
# files, /run/secrets/<NAME>; Rasa reads its passwords from environment
# variables of the same names (endpoints.cluster.yml). Each secret file that
# is there becomes that variable; in Kubernetes there are no such files and
# the variables come from the Secret directly.
set -eu

for name in DB_PASSWORD REDIS_PASSWORD; do
  file="/run/secrets/$name"
  if [ -r "$file" ]; then
    value="$(cat "$file")"
    export "$name=$value"
  fi
done

exec "$@"
