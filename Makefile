# The only commands a newcomer needs: `make run` and `make test`.
SHELL := /bin/sh
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: run dev prepare load test test-pg lint bench bench-national clean venv

# gunicorn: processes x threads. SQLite waits its turn for writes (WAL + busy timeout).
WORKERS ?= 2
THREADS ?= 8
# make bench: province (default) or large
SCALE ?= province
# make load: how many simulated reporters, for how long
USERS ?= 50
SECONDS ?= 60
DJ := DJANGO_SETTINGS_MODULE=chitieu.config.settings.dev
# `make run` serves as production would (no debug pages, no autoreload); `make dev` is for editing.
RUN_ENV := $(DJ) DEBUG=false

$(STAMP): pyproject.toml
	@./scripts/install $(VENV)
	@touch $(STAMP)

venv: $(STAMP)

# the steps before serving, shared by run and dev
prepare: $(STAMP)
	@echo "== [3/6] Cơ sở dữ liệu: migrate"
	@$(DJ) $(PY) manage.py migrate --noinput -v 0
	@$(DJ) $(PY) manage.py createcachetable
	@echo "== [4/6] Dữ liệu mẫu: load_demo"
	@$(DJ) $(PY) manage.py load_demo
	@$(DJ) $(PY) manage.py start_reminders

run: prepare
	@echo "== [5/6] Tệp tĩnh: collectstatic"
	@$(DJ) $(PY) manage.py collectstatic --noinput -v 0
	@echo "== [6/6] Máy chủ: gunicorn ($(WORKERS) tiến trình × $(THREADS) luồng) + tác vụ nền: http://$(HOST):$(PORT)/"
	@# the background worker (reminders) lives as long as the web server
	@$(RUN_ENV) sh -c '$(PY) manage.py db_worker & W=$$!; trap "kill $$W 2>/dev/null" EXIT INT TERM; $(VENV)/bin/gunicorn chitieu.config.wsgi --bind $(HOST):$(PORT) --workers $(WORKERS) --threads $(THREADS) --keep-alive 10 --access-logfile - --log-level warning'

dev: prepare
	@echo "== [5/5] Máy chủ phát triển (tự nạp lại khi sửa mã) + tác vụ nền: http://$(HOST):$(PORT)/"
	@$(DJ) sh -c '$(PY) manage.py db_worker & W=$$!; trap "kill $$W 2>/dev/null" EXIT INT TERM; $(PY) manage.py runserver $(HOST):$(PORT)'

# 50 reporters for 60 s on a scratch database (SQLite, or DATABASE_URL=postgres://…); prints JSON
load: $(STAMP)
	@PY=$(PY) HOST=$(HOST) PORT=$(PORT) LOAD_USERS=$(USERS) LOAD_SECONDS=$(SECONDS) ./scripts/load-test

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

# on a scratch database (SQLite, or DATABASE_URL=postgres://…); SCALE=large: ≈ 1,2 M commune figures
bench: $(STAMP)
	@PY=$(PY) SCALE=$(SCALE) ./scripts/bench

# PostgreSQL only (DATABASE_URL=postgres://…): ≈ 10 M figures of 34 provinces in a scratch database
bench-national: $(STAMP)
	@PY=$(PY) ./scripts/bench-national

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-wal db.sqlite3-shm media staticfiles
