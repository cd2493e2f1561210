# COMMIT Portal — the two commands: `make run` and `make test`. See README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
# uv may live on PATH or, after `pip install --user uv`, in ~/.local/bin.
UV := $(shell command -v uv 2>/dev/null || echo $(HOME)/.local/bin/uv)
# Never let uv download a Python build: the machine's Python 3.11 is the one we use.
export UV_PYTHON_DOWNLOADS := never
export UV_PYTHON := python3.11

# The services `make services-up` starts (see services/ and README.md).
SERVICE_ENV := DATABASE_URL=postgres://commit:commit@127.0.0.1:$${PG_PORT:-5432}/commit \
	REDIS_URL=redis://127.0.0.1:$${REDIS_PORT:-6379}/0 \
	ELASTICSEARCH_URL=http://127.0.0.1:$${ES_PORT:-9200}

.PHONY: help install browser vnu run test test-secured-es lint audit format check messages services-up services-down bench clean

help:
	@echo "make run            start the portal with demo content on http://127.0.0.1:$(PORT)"
	@echo "make test           start PostgreSQL, Redis, Elasticsearch and run the whole suite"
	@echo "make test-secured-es  start the secured Elasticsearch node (TLS, API key) and test the portal on it"
	@echo "make lint           ruff lint (with security rules) and format check, the layer contract, bandit"
	@echo "make audit          pip-audit: known vulnerabilities in uv.lock (needs PyPI's API)"
	@echo "make format         apply ruff's formatting and safe fixes"
	@echo "make messages       extract translatable strings into locale/*/LC_MESSAGES/django.po"
	@echo "make services-up    start PostgreSQL, Redis and Elasticsearch (reused when running)"
	@echo "make services-down  stop them"
	@echo "make bench          benchmarks (page weight, search, forum fan-out, load; starts the services)"

$(UV):
	python3 -m pip install --quiet --user uv

# The environment is rebuilt only when the lock file or pyproject change.
$(VENV)/.synced: pyproject.toml uv.lock | $(UV)
	@pkg-config --exists icu-uc 2>/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pkg-config libicu-dev g++ >/dev/null)
	$(UV) sync --frozen --quiet
	@touch $@

# Compiled catalogs are build output (ignored by git). Lao needs one of ours:
# Django ships none, and without a catalog it will not serve /lo/.
locale/.compiled: $(wildcard locale/*/LC_MESSAGES/django.po) $(VENV)/.synced
	@command -v msgfmt >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null)
	$(MANAGE) compilemessages --ignore=.venv -v0
	@touch $@

install: $(VENV)/.synced locale/.compiled

# Browser tests drive Debian's Chromium (Playwright's own browser download is not used), with
# Noto fonts for the region's scripts: without them a fresh machine draws Thai, Lao, Khmer,
# Burmese and Chinese in fallback boxes, and the tests that measure what is drawn fail.
browser:
	@command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)
	@(for script in th lo km my zh; do fc-list :lang=$$script 2>/dev/null | grep -q . || exit 1; done) \
		|| (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-core fonts-noto-cjk >/dev/null)

# The Nu HTML checker for tests/e2e/test_html_conformance.py: its jars from Maven Central into
# .cache/vnu/ (ignored by git), fetched again only when tools/vnu/pom.xml changes.
VNU_DIR := .cache/vnu
vnu: $(VNU_DIR)/.fetched

$(VNU_DIR)/.fetched: tools/vnu/pom.xml
	@command -v java >/dev/null && command -v mvn >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless maven >/dev/null)
	rm -rf $(VNU_DIR)
	mvn -q -B -Dstyle.color=never -f tools/vnu/pom.xml dependency:copy-dependencies -DoutputDirectory=$(CURDIR)/$(VNU_DIR)
	@touch $@

# Links in portal and account emails point at the port the portal is served on (unless
# set); the admin's links follow PORTAL_BASE_URL.
run: export PORTAL_BASE_URL ?= http://127.0.0.1:$(PORT)
run: install
	$(MANAGE) migrate --noinput -v0
	$(MANAGE) seed_demo
	@echo "Serving on http://127.0.0.1:$(PORT)/ — admin at /admin/ (see README.md for demo accounts)"
	$(MANAGE) runserver 127.0.0.1:$(PORT)

services-up:
	bash services/up.sh

services-down:
	bash services/down.sh

# ruff includes its security rules (S); bandit fails on high-severity findings only.
lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/bandit -q -r config portal home knowledge meetings forums consultations results \
		--severity-level high -x '*/migrations/*'

# Known vulnerabilities in the locked dependencies (asks PyPI's vulnerability data, so it
# needs the network; run by CI and before a release).
audit: install
	$(UV) export --frozen --no-hashes --no-emit-project --format requirements-txt > .audit-requirements.txt
	$(VENV)/bin/pip-audit -r .audit-requirements.txt --no-deps --disable-pip --strict; \
		status=$$?; rm -f .audit-requirements.txt; exit $$status

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check: install
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) makemigrations --check --dry-run

messages: install
	$(MANAGE) makemessages -l km -l zh_Hans -l lo -l my -l th -l vi \
		--ignore=.venv --ignore=.services --ignore=services --ignore=staticfiles

# The full suite against real services. With CI=true (or REQUIRE_SERVICES=1) a
# test whose service is missing fails instead of skipping.
# Two processes (pytest-xdist). `--dist load` hands out runs of consecutive tests in
# pytest-django's order, so each process runs its transactional tests (browser, live server)
# after all its others, as one process would: their flush empties the tables that migrations
# fill (taxonomy, Wagtail's groups and root page). Handing out whole files (`loadfile`) ran
# them in between and broke 160 later tests. PYTEST_WORKERS=0 runs in one process.
PYTEST_WORKERS ?= 2
test: install browser vnu services-up lint check
	$(SERVICE_ENV) $(VENV)/bin/pytest -n $(PYTEST_WORKERS) --dist load \
		-m "not secured_elasticsearch" $(PYTEST_ARGS)

# The portal against the secured dev node (X-Pack security, HTTPS, an API key) on port 9202.
# Opt-in, not part of `make test`: that node starts in 45-60 s on this loaded 2-core machine
# (the plain one in 5-13 s) and takes another ~470 MB. `make test` still runs these tests
# whenever the secured node is up; here they fail instead of skipping if it is not.
# The secured Elasticsearch node (X-Pack security, TLS, an API key) starts in about a
# minute, so its tests are their own run, not part of `make test` (deselected there).
test-secured-es: install services-up
	ES_SECURE=1 bash services/elasticsearch/start.sh
	$(SERVICE_ENV) REQUIRE_SECURED_ELASTICSEARCH=1 $(VENV)/bin/pytest -m secured_elasticsearch \
		tests/search/test_secured_elasticsearch.py $(PYTEST_ARGS)

# Figures and how to read them: bench/README.md. Every benchmark runs even when an
# earlier one misses its target; the command fails at the end if any did.
BENCHES ?= pages search relevance ws_fanout load
# Benchmarks that use PostgreSQL get their own database, never the development one.
BENCH_DATABASE_URL := postgres://commit:commit@127.0.0.1:$${PG_PORT:-5432}/commit_bench
bench: install services-up
	@failed=""; for name in $(BENCHES); do \
		echo "== bench/$$name.py"; \
		$(SERVICE_ENV) DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) bench/$$name.py \
			|| failed="$$failed $$name"; \
	done; \
	if [ -n "$$failed" ]; then echo "Targets missed:$$failed (see above)"; exit 1; fi

clean:
	rm -rf $(VENV) staticfiles locale/.compiled $(VNU_DIR)
