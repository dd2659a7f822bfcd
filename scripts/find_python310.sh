#!/usr/bin/env bash
# Prints the path of a Python 3.10 interpreter, or explains how to get one.
# Rasa 3.6.21 runs only on Python 3.8-3.10; this project uses 3.10.
set -u

is_310() { [ -x "$1" ] && [ "$("$1" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)" = "3.10" ]; }

candidates=("${PYTHON310:-}" "$(command -v python3.10 2>/dev/null)")
if command -v pyenv >/dev/null 2>&1; then
  for version in $(pyenv versions --bare 2>/dev/null | grep -E '^3\.10(\.|$)' | sort -rV); do
    candidates+=("$(pyenv root)/versions/$version/bin/python3.10")
  done
fi
candidates+=("${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.10*/bin/python3.10 /usr/bin/python3.10 /usr/local/bin/python3.10)

for candidate in "${candidates[@]}"; do
  if [ -n "$candidate" ] && is_310 "$candidate"; then
    echo "$candidate"
    exit 0
  fi
done

cat >&2 <<'MSG'
error: no Python 3.10 found.
Rasa 3.6.21 runs only on Python 3.8-3.10, and this project is pinned to 3.10.
Install one, then run the command again:
  pyenv install 3.10      (with pyenv), or
  apt-get install python3.10 python3.10-venv   (where your distribution has it)
or point PYTHON310 at an existing interpreter: PYTHON310=/path/to/python3.10 make run
MSG
exit 1
