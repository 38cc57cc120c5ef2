# make demo : install, migrate, load demo data and start web + worker + beat on SQLite and a serverless broker
# make test : run the test suite (again on PostgreSQL + a real Celery worker when DATABASE_URL/REDIS_URL are set)
# make prod : run web + worker + beat on PostgreSQL and Redis (needs the variables listed in README.md)

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PROD := DJANGO_SETTINGS_MODULE=config.settings.production

.PHONY: install demo run test test-embedded test-services prod check messages bench-compilations bench-pages bench-findings bench-public bench-search load load-short faults scale-drill

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

install: $(VENV)/.installed

# The demo runs without two-factor authentication unless DJANGO_TWO_FACTOR_REQUIRED=true is given.
# honcho starts web, worker and beat (Procfile.demo) on a broker without a server (files under var/celery/);
# one Ctrl-C stops them all.
DEMO := CELERY_BROKER_URL=filesystem:// DJANGO_TWO_FACTOR_REQUIRED=$${DJANGO_TWO_FACTOR_REQUIRED:-false}

demo: install
	$(PY) manage.py migrate --no-input
	$(PY) manage.py demo_data
	$(PY) manage.py findings_demo
	$(PY) manage.py search_rebuild
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" PYTHONUNBUFFERED=1 $(DEMO) honcho -f Procfile.demo start

# The web server alone: background tasks then run in-process, inside the request that sends them.
run: install
	$(PY) manage.py runserver 127.0.0.1:8000

test: test-embedded test-services

# The whole suite on the embedded default: SQLite, tasks run in-process.
test-embedded: install
	env -u DATABASE_URL -u REDIS_URL $(PY) -m pytest -m "not integration"

# When services are configured: the whole suite again on PostgreSQL, with the real-worker tests on Redis.
test-services: install
	@if [ -n "$$DATABASE_URL" ]; then \
		echo "Running the suite on $$DATABASE_URL with Redis at $${REDIS_URL:-(unset)}"; \
		$(PY) -m pytest; \
	elif [ -n "$$REDIS_URL" ]; then \
		$(PY) -m pytest -m integration; \
	else \
		echo "DATABASE_URL and REDIS_URL are not set: PostgreSQL and real-worker tests not run."; \
	fi

check: install
	$(PY) manage.py makemigrations --check --dry-run
	$(PROD) $(PY) manage.py check --deploy --fail-level WARNING

prod: install
	$(PROD) $(PY) manage.py migrate --no-input
	$(PROD) $(PY) manage.py collectstatic --no-input
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(PROD) honcho start

# Refresh the French catalogues after changing texts (needs GNU gettext); translate, then commit .po and .mo.
messages: install
	$(PY) manage.py makemessages -l fr --no-location --ignore=.venv --ignore=tests --ignore=bench
	$(PY) manage.py makemessages -d djangojs -l fr --no-location --ignore=.venv --ignore=tests --ignore=static/vendor --ignore=staticfiles
	$(PY) manage.py compilemessages -l fr --ignore=.venv

# Load test on the production stack (needs DATABASE_URL and REDIS_URL): 50 focal points autosaving and
# 5 reviewers browsing for 60 s; `load-short` is CI's 15-second run (fails on errors or lost saves only).
$(VENV)/.bench-installed: bench/requirements.txt $(VENV)/.installed
	$(PY) -m pip install --quiet -r bench/requirements.txt
	touch $@

bench-compilations: $(VENV)/.bench-installed
	$(PY) bench/compilations.py

# Server time, queries and bytes of the dashboard, the version preview and a reply's overview, at 47 and 200
# Parties x 3 rounds of 16 and 64 questions (in a throw-away test database: SQLite, or next to DATABASE_URL's).
bench-pages: install
	$(PY) bench/pages.py

# The public site's pages at 200 Parties x 3 rounds, uncached and answered 304 from the ETag.
bench-public: install
	$(PY) bench/public.py

# Full-text search over 200 Parties x 3 rounds x 16 questions of ~1,500 words: p50/p95 of whole searches and
# the time indexing adds to a save (SQLite, or PostgreSQL with DATABASE_URL).
bench-search: install
	$(PY) bench/search.py

# Server time and queries of the findings pages (coding, figures, agreement) at 47 and 200 Parties.
bench-findings: install
	$(PY) bench/findings.py

load: $(VENV)/.bench-installed
	$(PY) bench/load.py --seconds 60 --check-latency

load-short: $(VENV)/.bench-installed
	$(PY) bench/load.py --seconds 15

# Fault drills on the production stack: Redis stopped, worker killed mid-task, PostgreSQL restarted.
# They stop and start this machine's Redis and PostgreSQL: never run them against shared services.
faults: install
	$(PY) bench/faults.py

# Two of everything on one machine: two gunicorn instances and two Celery workers sharing PostgreSQL, Redis
# (a database of their own) and an S3 server (moto, started by the drill on loopback). A file uploaded through
# one instance downloads through the other; the worker building a compilation is killed and the other finishes
# it. Needs DATABASE_URL and REDIS_URL; stops no service; under three minutes.
scale-drill: install
	$(PY) bench/scale.py
