# The two commands: `make run` and `make test`. Both set up everything they
# need on a fresh machine (virtualenv, pinned packages, spaCy pipeline, model).
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
RASA := $(VENV)/bin/rasa
MODEL := models/assistant.tar.gz
SPACY_MODEL := build/spacy-en/meta.json
TRAINING_INPUTS := config.yml domain.yml $(wildcard data/*.yml) $(wildcard components/*.py) \
  $(wildcard safety/*.py) $(wildcard safety/*.yml) $(wildcard safety/corpus/*.yml) \
  $(wildcard text/*.py) $(wildcard text/*.yml)
RESULTS := results

.PHONY: help install train run test lint test-unit test-data test-conversations test-nlu test-e2e test-channels test-web test-robustness test-redteam test-safety test-understanding test-readability test-cluster run-cluster web-assets lock clean tune-fallback tune-safety bench bench-length bench-profile bench-versions bench-cluster bench-overload retention

help:
	@echo "make run    set up, train if needed, start the assistant (REST on :5005, web chat on :8080)"
	@echo "make test   set up, train if needed, run every test"

$(VENV)/.installed: requirements.txt constraints.txt scripts/find_python310.sh
	@python310="$$(scripts/find_python310.sh)" || exit 1; \
	  if [ ! -x $(PY) ] || [ "$$($(PY) -c 'import sys;print(sys.version_info[:2]==(3,10))')" != True ]; then \
	    rm -rf $(VENV) && "$$python310" -m venv $(VENV); fi
	$(PY) -m pip install --quiet --upgrade "pip==24.0"
	$(PY) -m pip install --quiet -r requirements.txt -c constraints.txt
	touch $@

install: $(VENV)/.installed

$(SPACY_MODEL): scripts/build_spacy_model.py $(VENV)/.installed
	$(PY) scripts/build_spacy_model.py build/spacy-en

# Retrains only when the NLU data, stories, rules, domain or config changed.
$(MODEL): $(TRAINING_INPUTS) $(SPACY_MODEL)
	$(RASA) train --config config.yml --domain domain.yml --data data \
	  --out models --fixed-model-name assistant
	touch $@

train: $(MODEL)

# The web chat's npm packages, pinned by package-lock.json: socket.io-client
# (served to the browser) and axe-core (tests/web). Never a CDN.
WIDGET := node_modules/.installed
$(WIDGET): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

web-assets: $(WIDGET)

run: $(MODEL) $(WIDGET)
	scripts/run.sh

# The cluster on one machine: PostgreSQL, Redis, the action server,
# RASA_REPLICAS Rasa replicas (default 2) behind HAProxy on :5005, the web
# page on :8080. Installs postgresql, redis-server and haproxy if missing.
run-cluster: $(MODEL) $(WIDGET)
	scripts/run_cluster.sh

test: lint test-unit test-data test-conversations test-nlu test-understanding test-readability test-e2e test-channels test-web test-robustness test-redteam test-safety test-cluster

# Seconds, not minutes: style and types before any model is trained.
lint: install
	$(VENV)/bin/ruff check actions assistant checks components safety text runtime channels scripts bench tests
	$(VENV)/bin/mypy actions assistant checks components safety text runtime channels scripts

test-unit: install
	$(PY) -m pytest -q tests/unit

test-data: install
	$(RASA) data validate --config config.yml --domain domain.yml --data data --fail-on-warnings

test-conversations: $(MODEL)
	$(RASA) test core --e2e --model $(MODEL) --stories tests/conversations \
	  --out $(RESULTS)/conversations
	$(PY) scripts/story_report.py $(RESULTS)/conversations

test-nlu: $(MODEL)
	rm -rf $(RESULTS)/nlu
	$(RASA) test nlu --model $(MODEL) --nlu tests/nlu/nlu_test.yml --out $(RESULTS)/nlu
	$(PY) scripts/nlu_report.py $(RESULTS)/nlu

test-e2e: $(MODEL)
	$(PY) -m pytest -q tests/e2e

# Fake Telegram/Mattermost/callback servers on loopback, real Rasa.
test-channels: $(MODEL) $(WIDGET)
	$(PY) -m pytest -q tests/channels

# The landing page in Debian's Chromium (/usr/bin/chromium) via Playwright:
# axe-core, the keyboard, small screens, both local origins, chat outages.
test-web: $(MODEL) $(WIDGET)
	$(PY) -m pytest -q tests/web

# Bad input, faults (action server down or hanging, restarts), concurrency
# and security of the running servers.
test-robustness: $(MODEL)
	$(PY) -m pytest -q tests/robustness

# Red-team probes: doses, stopping, other drugs, injections, crises.
test-redteam: $(MODEL)
	$(PY) -m pytest -q tests/redteam

# The held-out safety set (issue 13): crises, emergencies, other languages
# and false-alarm controls, end to end; writes results/safety/summary.md.
test-safety: $(MODEL)
	$(PY) -m pytest -q tests/safety

# The held-out understanding set (issue 9): conditions, comparisons, "which
# ones", not-covered topics, feelings and group follow-ups, end to end;
# writes results/understanding/summary.md.
test-understanding: $(MODEL)
	$(PY) -m pytest -q tests/understanding

# Plain language (issue 10): the reading grade of every reply the other
# suites' messages get; writes results/readability/summary.md.
test-readability: $(MODEL)
	$(PY) -m pytest -q tests/readability

# The cluster (issue 11) against real PostgreSQL, Redis and HAProxy, with 3
# replicas: ordering across replicas, lock atomicity, services restarted,
# socket.io through the balancer, and (last, it leaves a replica dead)
# killing a replica under load. Writes results/cluster/.
test-cluster: $(MODEL) $(WIDGET)
	$(PY) -m pytest -q tests/cluster/test_ordering.py tests/cluster/test_lock.py \
	  tests/cluster/test_services.py tests/cluster/test_browser.py tests/cluster/test_failover.py

# Delete conversations whose last message is older than RETENTION_DAYS (30);
# e.g. make retention ARGS=--dry-run, or ARGS="--endpoints endpoints.cluster.yml".
retention: install
	$(PY) scripts/retention.py $(ARGS)

# Re-pin every transitive dependency after changing requirements.txt.
lock: install
	$(PY) -m pip freeze --exclude-editable > constraints.txt

clean:
	rm -rf models build results .pytest_cache node_modules

# Re-derive the fallback threshold on a validation split of the training data.
tune-fallback: $(SPACY_MODEL)
	rm -rf build/fallback && mkdir -p build/fallback
	$(RASA) data split nlu --nlu data/nlu.yml --training-fraction 0.8 --random-seed 7 --out build/fallback
	$(RASA) train nlu --config config.yml --nlu build/fallback/training_data.yml \
	  --out build/fallback --fixed-model-name validation
	PYTHONPATH=. $(PY) scripts/tune_fallback.py build/fallback/validation.tar.gz build/fallback/test_data.yml

# The safety gate's thresholds, chosen on the development split of
# tests/heldout/safety; draws docs/safety-calibration.png (docs/results.md).
tune-safety: install
	$(PY) scripts/tune_safety.py

# Benchmark against Rasa's reference bot and the pre-issue-4 pipeline; writes bench/results.md (~20 min).
bench: $(MODEL)
	$(PY) -m bench.run

# One long conversation per bot (ours, ours without the session rollover,
# the reference bot): latency at turns 10, 100, 300 and 1,000; writes its
# section of bench/results.md and docs/conversation-length.png. `make bench`
# runs it too. TURNS=<n> for a shorter run.
TURNS ?= 1000
bench-length: $(MODEL)
	$(PY) -m bench.length --turns $(TURNS)

# py-spy flame graphs of the Rasa server and the action server at turn 10,
# at turn 300 (with and without the session rollover) and at 20 users;
# writes docs/flame-*.png and its section of bench/results.md (~5 min).
bench-profile: $(MODEL)
	$(PY) -m bench.profile_turns

# Throughput of this tree against an earlier revision and the reference bot,
# side by side in one run; writes bench/versions.md (~12 min). BASE=<rev>.
bench-versions: $(MODEL)
	$(PY) -m bench.versions --base $(BASE)

# The cluster with 1, 2 and 3 replicas and the conversation store's cache on
# and off on PostgreSQL, then the overload runs; writes bench/results.md
# (about 25 minutes).
bench-cluster: $(MODEL) $(WIDGET)
	$(PY) -m bench.cluster
	$(PY) -m bench.overload

# The cluster at 1x, 2x and 4x its measured capacity, with and without a
# replica killed; writes its section of bench/results.md and
# docs/overload.png (about 10 minutes).
bench-overload: $(MODEL) $(WIDGET)
	$(PY) -m bench.overload
