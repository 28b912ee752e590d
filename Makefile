# The two commands: `make run` and `make test`. Both set up .venv on a fresh machine.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
# Two installs: the demo site (runtime + demo, for `make run`), and everything (plus tests and
# tooling, for `make test` and CI; the tests load the demo). Each stamp is redone when one of
# the files it installs changes.
SERVE_STAMP := $(VENV)/.installed-serve
RUN_STAMP := $(VENV)/.installed-run
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test venv migrate demo lint e2e bench clean messages serve

venv: $(STAMP)

# Production needs the runtime packages only (requirements.txt); the demo and the tests add theirs.
$(SERVE_STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements.txt
	touch $(SERVE_STAMP)

$(RUN_STAMP): requirements.txt requirements-demo.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements-demo.txt
	touch $(SERVE_STAMP) $(RUN_STAMP)

$(STAMP): requirements.txt requirements-demo.txt requirements-test.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements-test.txt
	touch $(SERVE_STAMP) $(RUN_STAMP) $(STAMP)

# The admin's address in the logins it prints and in review e-mails follows HOST and PORT
# (unless WAGTAILADMIN_BASE_URL is set).
demo run: export WAGTAILADMIN_BASE_URL ?= http://$(HOST):$(PORT)

migrate: $(RUN_STAMP)
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo_content
	$(PY) manage.py load_demo_reach
	$(PY) manage.py create_demo_admin
	$(PY) manage.py load_demo_reviews

run: demo
	$(PY) manage.py set_site_address $(HOST) $(PORT)
	$(PY) manage.py rollup_reach
	$(PY) manage.py publish_scheduled
	@echo "Serving ScamSense on http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"
	$(PY) manage.py runserver $(HOST):$(PORT)

test: venv
	$(PY) -m pytest

# Production: migrate, collectstatic, gunicorn with config.settings.production. Needs
# SECRET_KEY, DATABASE_URL, REDIS_URL and ALLOWED_HOSTS (see docs/operations.md).
serve: $(SERVE_STAMP)
	$(PY) bin/serve.py

e2e: venv
	$(PY) -m pytest tests/e2e

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	$(PY) manage.py makemigrations --check --dry-run

# Translations: extract the strings into locale/*/LC_MESSAGES/django.po (needs GNU gettext:
# apt-get install -y gettext) and compile the .mo files with polib. See README.md.
messages: venv
	$(PY) bin/messages.py update

bench: venv
	$(PY) bench/pages.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
