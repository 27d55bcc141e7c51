# Costellazioni civiche. `make run` and `make test` do all the set-up; see README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8000
PYTEST_WORKERS ?= 2

.PHONY: run test lint format install messages vendor stop-db clean backup restore

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

# Refreshes the English catalogue from the source and compiles it; both files are committed.
messages: $(STAMP)
	DEBUG=1 $(BIN)/python manage.py makemessages -l en --ignore=.venv --ignore=static --ignore=node_modules --no-obsolete
	DEBUG=1 $(BIN)/python manage.py compilemessages --ignore=.venv  # also locale/it: lower-case month and day names

# Starts the portal with demo data. Without DATABASE_URL an embedded PostgreSQL under var/ is used;
# with REDIS_URL set a Celery worker and beat start beside the web server (Procfile.dev).
run: $(STAMP)
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py migrate --noinput
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py seed_demo
	@echo "Costellazioni civiche: http://127.0.0.1:$(PORT)/  (admin: http://127.0.0.1:$(PORT)/admin/)"
	@if [ -n "$$REDIS_URL" ]; then \
		PATH=$(CURDIR)/$(BIN):$$PATH DEBUG=$${DEBUG:-1} PORT=$(PORT) $(BIN)/honcho -f Procfile.dev start; \
	else \
		DEBUG=$${DEBUG:-1} $(BIN)/python manage.py runserver 127.0.0.1:$(PORT); \
	fi

test: $(STAMP)
	$(MAKE) lint
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/djhtml --check templates $(wildcard */templates)
	DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run --verbosity 0

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .
	$(BIN)/djhtml templates $(wildcard */templates)

vendor:
	scripts/vendor-static.sh

# Database and uploaded files together, under one timestamp, in var/backups/ (or BACKUP_DIR=...).
backup: $(STAMP)
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py backup $(if $(BACKUP_DIR),--dir $(BACKUP_DIR))

# Restores BACKUP=var/backups/<timestamp> into DATABASE_URL and MEDIA_ROOT (asks before replacing them).
restore: $(STAMP)
	@test -n "$(BACKUP)" || (echo "make restore BACKUP=var/backups/<timestamp>"; exit 2)
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py restore $(BACKUP)

stop-db: $(STAMP)
	$(BIN)/python -m costellazioni.embedded_db stop

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
