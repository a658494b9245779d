# The only commands a newcomer needs: `make run` and `make test`.
SHELL := /bin/sh
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: run test test-pg lint bench clean venv

$(STAMP): pyproject.toml
	@test -x $(PY) || { p=$$(./scripts/find-python) && "$$p" -m venv $(VENV); }
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

venv: $(STAMP)

run: $(STAMP)
	DJANGO_SETTINGS_MODULE=chitieu.config.settings.dev $(PY) manage.py migrate --noinput
	DJANGO_SETTINGS_MODULE=chitieu.config.settings.dev $(PY) manage.py load_demo
	DJANGO_SETTINGS_MODULE=chitieu.config.settings.dev $(PY) manage.py start_reminders
	@# the background worker (reminders) lives as long as the web server
	DJANGO_SETTINGS_MODULE=chitieu.config.settings.dev sh -c '$(PY) manage.py db_worker & W=$$!; trap "kill $$W 2>/dev/null" EXIT INT TERM; $(PY) manage.py runserver $(HOST):$(PORT)' 

test: $(STAMP)
	$(PY) -m pytest

test-pg: $(STAMP)
	./scripts/test-postgres

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy
	DJANGO_SETTINGS_MODULE=chitieu.config.settings.test $(PY) manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=chitieu.config.settings.test $(PY) manage.py check

bench: $(STAMP)
	@rm -f .bench.sqlite3
	DATABASE_URL=sqlite:///$(CURDIR)/.bench.sqlite3 DJANGO_SETTINGS_MODULE=chitieu.config.settings.dev $(PY) manage.py bench
	@rm -f .bench.sqlite3

clean:
	rm -rf $(VENV) db.sqlite3 media
