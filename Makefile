# The project's commands. `make run` and `make test` work on a fresh clone: they set up what they need.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
FLASK := $(PY) -m flask --app comments_service
PORT ?= 8000
NODE_TOOLS := tests/node
export NO_MKDOCS_2_WARNING := 1

.PHONY: run test soak build system-deps bench mutate

$(VENV)/.app: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.test: $(VENV)/.app
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

$(NODE_TOOLS)/node_modules/.installed: $(NODE_TOOLS)/package-lock.json
	npm ci --prefix $(NODE_TOOLS) --no-audit --no-fund --loglevel=error
	touch $@

# Debian packages the tests drive: Chromium for the page, PostgreSQL 15 for the database suite, Redis
# for limits shared across processes, nginx as the front of several instances (make soak).
system-deps:
	@command -v chromium >/dev/null && test -x /usr/lib/postgresql/15/bin/initdb && command -v redis-server >/dev/null \
	  && command -v nginx >/dev/null || { \
	  apt-get update -qq && apt-get install -y -qq chromium postgresql-15 redis-server nginx-light >/dev/null; }

build: $(VENV)/.app
	$(PY) -m mkdocs build --strict

# The site is built with the conversation as the database holds it at start (a snapshot of the service's public
# answers), so the page shows the answers and the tally without JavaScript too. SITE: where it is built.
SITE ?= site
SNAPSHOT := $(VENV)/conversation.json
run: $(VENV)/.app
	$(FLASK) db upgrade
	$(FLASK) snapshot $(SNAPSHOT)
	COMMENTS_SNAPSHOT=$(SNAPSHOT) $(PY) -m mkdocs build --strict -d $(SITE)
	@echo ""
	@echo "  The post:  http://127.0.0.1:$(PORT)/blog/leiden-of-lijden/"
	@echo "  The API:   http://127.0.0.1:$(PORT)/api/threads/leiden-of-lijden/comments"
	@echo "  Admin:     http://127.0.0.1:$(PORT)/admin/  (first account: $(FLASK) create-admin NAME)"
	@echo "  Moderate:  $(FLASK) comments list --status pending"
	@echo "             $(FLASK) comments approve ID..."
	@echo "  The page shows the conversation as it was at start; restart to build in what you approve since."
	@echo ""
	COMMENTS_SITE_DIR=$(abspath $(SITE)) $(FLASK) serve --port $(PORT)

test: $(VENV)/.test $(NODE_TOOLS)/node_modules/.installed system-deps
	$(PY) -m pytest

# The long runs (not in CI): 20 writers for a minute, kill -9 under load, two instances behind nginx
# sharing PostgreSQL and Redis, and a fuzz of 10,002 generated requests. SOAK_SECONDS shortens the first.
soak: $(VENV)/.test system-deps
	$(PY) -m pytest -m soak tests/soak
	FUZZ_EXAMPLES=1000 $(PY) -m pytest tests/test_openapi.py

# Not part of `make test`: mutation testing of the domain modules ([tool.mutmut] in pyproject.toml names
# them and the tests), then the score and every surviving mutant. `mutants/` keeps the results between runs.
$(VENV)/.mutate: $(VENV)/.test
	$(PY) -m pip install --quiet -e '.[test,mutate]'
	touch $@

# The corpora: the tests run from mutants/, one level below the checkout.
SHARED_DIR ?= $(abspath ../shared)
# mutmut keeps its results in mutants/ and copies the package's other files (templates, openapi.yaml) only into a
# new one: after a pull, copy them again and drop its copy of the tests (mutmut copies them anew each run).
mutate: $(VENV)/.mutate
	if [ -d mutants ]; then rm -rf mutants/tests && cd comments_service && \
		find . -type f ! -name '*.py' ! -path '*__pycache__*' -exec cp --parents -p {} ../mutants/comments_service/ \; ; fi
	SHARED_DIR=$(SHARED_DIR) $(VENV)/bin/mutmut run --max-children 2 || true
	$(PY) bench/mutation_score.py

# Not part of `make test`: loopback load against our service, Isso and a bare-Flask ceiling (bench/run.py),
# then Lighthouse on the post page (bench/lighthouse.sh). Writes bench/RESULTS.md.
bench/.isso-venv/.installed:
	$(PYTHON) -m venv bench/.isso-venv
	bench/.isso-venv/bin/pip install --quiet isso==0.14.0 gunicorn==27.0.1
	touch $@

bench: build bench/.isso-venv/.installed
	@command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
	$(PY) bench/run.py
	bash bench/lighthouse.sh 1
	$(PY) bench/page_weight.py | tail -1
	$(PY) bench/widget_size.py
	$(PY) bench/long_conversation.py
	$(PY) bench/endorsements.py
