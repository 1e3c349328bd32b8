# Sister Cities Directory: `make run` to serve it locally, `make test` to check it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
NODE_INSTALLED := node_modules/.installed
# Tests and checks need a key; it is never used outside them.
CHECK_ENV := SECRET_KEY=test-only-secret-key

.PHONY: install messages makemessages run serve test test-database check lint format bench lighthouse loadbench importbench lock clean

install: $(INSTALLED) $(NODE_INSTALLED) messages

# The Spanish catalogue, compiled by Babel: GNU gettext is not needed to run the site.
CATALOGUES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po))
messages: $(CATALOGUES)

locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po $(INSTALLED)
	$(BIN)/pybabel --quiet compile -i $< -o $@

# Django finds the strings of the Python code and the Django templates, Babel those of the
# Jinja2 templates (babel.cfg); both lists are merged into the Spanish catalogue.
PO := locale/es/LC_MESSAGES/django.po
makemessages: install  ## collect the site's strings into locale/es/LC_MESSAGES/django.po (needs GNU gettext)
	mkdir -p var
	$(CHECK_ENV) $(BIN)/python manage.py makemessages --locale es --keep-pot --add-location file --ignore node_modules --ignore var
	$(BIN)/pybabel --quiet extract --mapping babel.cfg --add-location file --output var/jinja.pot templates/jinja2
	msgcat --use-first locale/django.pot var/jinja.pot --output var/messages.pot
	msgmerge --quiet --update --backup=none --previous $(PO) var/messages.pot
	msgattrib --no-obsolete --output $(PO) $(PO)
	rm locale/django.pot var/jinja.pot var/messages.pot

# Dependencies as pinned, with their hashes, in requirements/test.txt; then the project.
$(INSTALLED): pyproject.toml requirements/test.txt
	@$(PYTHON) -m venv $(VENV) || { echo "Could not create a virtualenv: install python3-venv (Debian: apt-get install python3-venv)."; exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/test.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@touch $@

# axe-core and the Nu Html Checker, for the browser and HTML tests (skipped without npm).
$(NODE_INSTALLED): package.json package-lock.json
	@if command -v npm >/dev/null; then \
		npm ci --ignore-scripts --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: the accessibility and HTML checks will be skipped."; fi

run: install  ## migrate, load the seed data and the Wikipedia list into an empty database, serve on 127.0.0.1:8000 with the task worker
	mkdir -p var
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py seed --import-data
	DEBUG=1 PATH="$(CURDIR)/$(BIN):$$PATH" bin/with-worker python manage.py runserver 127.0.0.1:8000

serve: install  ## production mode: collect static files, release (migrate, seed an empty database), gunicorn
	@test -n "$$SECRET_KEY" || { echo "SECRET_KEY is not set: export a long random SECRET_KEY to serve the site."; exit 1; }
	DEBUG=0 $(BIN)/python manage.py collectstatic --noinput -v0
	DEBUG=0 $(BIN)/python manage.py release
	DEBUG=0 PATH="$(CURDIR)/$(BIN):$$PATH" bin/start

# pytest in one process per core (pytest-xdist); the tests that share a private
# PostgreSQL stay in one of them. PYTEST_ARGS adds options: PYTEST_ARGS="-m browser".
PYTEST := $(CHECK_ENV) $(BIN)/python -m pytest -n auto --dist loadgroup $(PYTEST_ARGS)

test: install check  ## checks, then the whole test suite
	$(PYTEST)

test-database: install  ## the tests that can differ by database (models, search, imports...)
	$(PYTEST) -m database

check: install lint  ## Django's system checks and a missing-migration check
	@mkdir -p var  # where the default SQLite database lives
	$(CHECK_ENV) $(BIN)/python manage.py check
	$(CHECK_ENV) $(BIN)/python manage.py makemigrations --check --dry-run

lint: install  ## ruff lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install  ## apply ruff's fixes and formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: install  ## serve 100,000 communities with gunicorn on SQLite and PostgreSQL and measure, then searches during ten downloads (needs wrk)
	$(BIN)/python bench/search_bench.py
	$(BIN)/python bench/download_bench.py

lighthouse: install  ## Lighthouse's SEO and best-practices scores of a community, a country and the FAQ page, served by gunicorn (needs Chromium and npm)
	DEBUG=0 SECRET_KEY=collectstatic-only $(BIN)/python manage.py collectstatic --noinput -v0
	$(BIN)/python bench/lighthouse.py

loadbench: install  ## mixed traffic with wrk for 60 s against gunicorn on PostgreSQL, with and without Redis
	$(BIN)/python bench/load_bench.py

importbench: install  ## import the Wikipedia list, then a generated 550,000-row file, into fresh SQLite and PostgreSQL databases and measure
	$(BIN)/python bench/import_bench.py
	$(BIN)/python bench/import_bench.py --generate 550000 --dry-run

lock:  ## pin the dependencies of pyproject.toml, with hashes, in requirements/
	$(BIN)/python -m pip install --quiet pip-tools
	for extra in base test; do \
		PIP_CONFIG_FILE=/dev/null $(BIN)/pip-compile --quiet --strip-extras --generate-hashes \
			--allow-unsafe --no-emit-index-url --no-emit-find-links \
			$$( [ $$extra = test ] && echo --extra=test ) -o requirements/$$extra.txt pyproject.toml; \
	done

clean:
	rm -rf $(VENV) var
