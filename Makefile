# `make run` and `make test` work on a fresh machine that has only Python 3.11+.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PORT ?= 8000
# The development server answers this machine only; HOST=0.0.0.0 opens it to the network.
HOST ?= 127.0.0.1

.PHONY: run test test-unit test-e2e install messages migrate demo serve bench load clean

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $(STAMP)

install: $(STAMP) messages

messages: $(STAMP)
	$(PY) manage.py compile_translations

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py seed_demo
	$(PY) manage.py kpi_snapshot --days 90

run: demo
	PORT=$(PORT) HOST=$(HOST) $(VENV)/bin/honcho start -f Procfile

# Browser tests (marker e2e) join the run whenever Debian's Chromium is installed.
CHROMIUM ?= /usr/bin/chromium
E2E := $(if $(wildcard $(CHROMIUM)),-m "e2e or not e2e",)

# Test processes (pytest-xdist); TEST_WORKERS=0 runs the suite in one process.
TEST_WORKERS ?= 2

test: install
	DJANGO_SETTINGS_MODULE=hotelqa.settings.test $(PY) -m pytest -n $(TEST_WORKERS) $(E2E) $(PYTEST_ARGS)

test-unit: install
	DJANGO_SETTINGS_MODULE=hotelqa.settings.test $(PY) -m pytest $(PYTEST_ARGS)

test-e2e: install
	DJANGO_SETTINGS_MODULE=hotelqa.settings.test $(PY) -m pytest -m e2e $(PYTEST_ARGS)

# Benchmarks run on PostgreSQL: DATABASE_URL, or a local hotelqa_bench database.
BENCH_DATABASE_URL ?= $(or $(DATABASE_URL),postgres://postgres@127.0.0.1:5432/hotelqa_bench)

bench: install
	-psql "$(dir $(BENCH_DATABASE_URL))postgres" -qc "CREATE DATABASE $(notdir $(BENCH_DATABASE_URL))" 2>/dev/null
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) manage.py migrate --noinput -v0
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) manage.py bench $(BENCH_ARGS)

# Concurrent users (Locust, headless, 127.0.0.1) against gunicorn on the bench data; `make bench` seeds it.
load: install
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) manage.py load $(LOAD_ARGS)

clean:
	rm -rf $(VENV) var staticfiles
