# Claim Tracker: `make run` to serve it, `make test` to check it. See README.md.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?= -n 3

.PHONY: install install-dev run setup test lint format bench bench-replicas bench-tools bench-smoke bench-report clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11) and "Claim Tracker needs Python 3.11 (set PYTHON=/path/to/python3.11)")'
	$(PYTHON) -m venv $(VENV) || { echo "python -m venv failed: on Debian install python3-venv"; exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python requirements.txt
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

# Migrate (which also creates the Editor and Publisher groups) and load the seeds: safe to repeat.
setup: install
	DJANGO_DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DJANGO_DEBUG=1 $(BIN)/python manage.py load_seeds

# The web server and a background worker (with the scheduler inside it), together; Ctrl-C
# stops both. With no CELERY_BROKER_URL the queue is a folder (var/queue): no Redis needed.
WORKER_CONCURRENCY ?= 2
run: setup
	@DJANGO_DEBUG=1 $(BIN)/celery -A config worker --beat --concurrency $(WORKER_CONCURRENCY) \
	  --loglevel INFO & worker=$$!; \
	trap 'kill -TERM $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	DJANGO_DEBUG=1 $(BIN)/python manage.py runserver $(HOST):$(PORT)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: lint
	DJANGO_DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest $(PYTEST_ARGS)

# The benchmark (docs/bench.md). Its database is EMPTIED and refilled: never point it at real data.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/claimtracker_bench
# Exported: the bench recipe reads it from the shell to create the database when missing.
export BENCH_DATABASE_URL
SCALES ?= 10000 100000
BENCH_ARGS ?=
# The load test after the read path, at the largest scale: clients (one in ten an editor) and seconds.
LOAD_CLIENTS ?= 100
LOAD_DURATION ?= 60

bench-tools: install-dev
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; } || { echo "bench: install wrk (apt-get install wrk)"; exit 1; }

bench: bench-tools
	@case "$(BENCH_DATABASE_URL)" in postgres*://*) \
	  name="$${BENCH_DATABASE_URL##*/}"; name="$${name%%\?*}"; server="$${BENCH_DATABASE_URL%/*}/postgres"; \
	  psql "$$server" -tAc "SELECT 1 FROM pg_database WHERE datname='$$name'" | grep -q 1 \
	    || psql "$$server" -c "CREATE DATABASE \"$$name\"";; esac
	$(BIN)/python -m bench.measure --statements $(SCALES) --database-url "$(BENCH_DATABASE_URL)" \
	  $(BENCH_ARGS) --scenario read cached
	$(BIN)/python -m bench.measure --statements $(lastword $(SCALES)) --database-url "$(BENCH_DATABASE_URL)" \
	  $(BENCH_ARGS) --scenario mixed --clients $(LOAD_CLIENTS) --duration $(LOAD_DURATION) --merge
	@if [ -f bench/extractor.py ]; then $(BIN)/python -m bench.extractor; fi
	@if [ -n "$(BENCH_REPLICA_URLS)" ]; then $(MAKE) --no-print-directory bench-replicas; fi
	$(BIN)/python -m bench.report

# The load test twice on the same data: primary only, then anonymous reads from the replicas
# (hot standbys of the bench database's server, same database name), side by side.
BENCH_REPLICA_URLS ?=
REPLICA_SCALE ?= $(lastword $(SCALES))
bench-replicas: bench-tools
	@[ -n "$(BENCH_REPLICA_URLS)" ] || { echo "bench-replicas: set BENCH_REPLICA_URLS (e.g. postgres://postgres@127.0.0.1:5433/$${BENCH_DATABASE_URL##*/})"; exit 1; }
	$(BIN)/python -m bench.measure --statements $(REPLICA_SCALE) --database-url "$(BENCH_DATABASE_URL)" \
	  $(BENCH_ARGS) --scenario mixed --clients $(LOAD_CLIENTS) --duration $(LOAD_DURATION) \
	  --output bench/results/mixed-primary.json
	$(BIN)/python -m bench.measure --statements $(REPLICA_SCALE) --database-url "$(BENCH_DATABASE_URL)" \
	  $(BENCH_ARGS) --scenario mixed --clients $(LOAD_CLIENTS) --duration $(LOAD_DURATION) \
	  --replica-urls "$(BENCH_REPLICA_URLS)" --output bench/results/mixed-replica.json
	$(BIN)/python -m bench.side_by_side bench/results/mixed-primary.json bench/results/mixed-replica.json

# Rewrite the figures' tables in README.md and docs/bench.md from bench/results/latest.json.
bench-report: install
	$(BIN)/python -m bench.report

# The whole harness end to end at a tiny scale on SQLite, in well under a minute: every endpoint
# for a second, then the load test for a second (10 clients, 3 of them editors).
# The smoke run's server port (set another when 8179 is taken).
BENCH_SMOKE_PORT ?= 8179
bench-smoke: bench-tools
	mkdir -p bench/data
	rm -f bench/results/smoke.json
	$(BIN)/python -m bench.measure --statements 300 --database-url sqlite:///$(CURDIR)/bench/data/smoke.sqlite3 \
	  --scenario read cached mixed --duration 1 --warmup 0 --workers 2 --connections 2 --clients 10 --editors 3 \
	  --port $(BENCH_SMOKE_PORT) --output bench/results/smoke.json
	$(BIN)/python -c 'import json, sys; r = json.load(open("bench/results/smoke.json")); sys.exit(0 if {x["scenario"] for x in r} == {"read", "cached", "mixed"} and all(x["rps"] > 0 and x["errors"] == 0 and x["verdict"] in ("", "pass") for x in r) else "bench-smoke: records missing, errors or a failed load test in bench/results/smoke.json")'

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
