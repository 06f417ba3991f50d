# The two commands a newcomer needs: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEPS_HASH := $(shell cat pyproject.toml constraints.txt | sha1sum | cut -c1-12)
INSTALLED := $(VENV)/.installed-$(DEPS_HASH)

.PHONY: install browser run test bench lint format messages

install: $(INSTALLED) .env

$(INSTALLED): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt ".[dev]"
	rm -f $(VENV)/.installed-*
	touch $@

.env:
	cp .env.example .env

# Debian's Chromium for the browser tests (Playwright cannot download its own browser).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "Installing Debian's chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

run: install
	$(BIN)/python scripts/devstack.py run

test: install browser
	$(BIN)/python scripts/devstack.py test

bench: install
	$(BIN)/python scripts/devstack.py bench

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: install
	$(BIN)/python scripts/devstack.py messages
