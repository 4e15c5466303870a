# Two commands on a fresh machine: `make run` and `make test`. Both set themselves up.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: setup run test lint check-contract schema browser office neo4j-start neo4j-stop clean
# apt-get needs root: sudo when make runs as another user.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

PLAYGROUND := app/playground
GRAPHIQL := $(PLAYGROUND)/assets/graphiql.min.js
EXPLORER := app/explorer/web
EXPLORER_BUILD := $(EXPLORER)/dist/index.html
EXPLORER_SOURCES := $(shell find $(EXPLORER)/src -type f -not -path '*/generated/*') \
	$(addprefix $(EXPLORER)/,index.html vite.config.ts codegen.ts tsconfig.json)

setup: $(STAMP) $(GRAPHIQL) $(EXPLORER_BUILD)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

# GraphiQL is served from the package (no CDN): its files come from npm at build time.
$(GRAPHIQL): $(PLAYGROUND)/package.json $(PLAYGROUND)/package-lock.json
	npm ci --prefix $(PLAYGROUND) --no-audit --no-fund --loglevel=error
	mkdir -p $(PLAYGROUND)/assets
	cp $(PLAYGROUND)/node_modules/react/umd/react.production.min.js \
	   $(PLAYGROUND)/node_modules/react-dom/umd/react-dom.production.min.js \
	   $(PLAYGROUND)/node_modules/graphiql/graphiql.min.js \
	   $(PLAYGROUND)/node_modules/graphiql/graphiql.min.css $(PLAYGROUND)/assets/

# The explorer (/explore) is built from npm too: typed operations generated from schema.graphql,
# type-checked, bundled by Vite into $(EXPLORER)/dist.
$(EXPLORER)/node_modules/.package-lock.json: $(EXPLORER)/package.json $(EXPLORER)/package-lock.json
	npm ci --prefix $(EXPLORER) --no-audit --no-fund --loglevel=error

$(EXPLORER_BUILD): $(EXPLORER)/node_modules/.package-lock.json schema.graphql $(EXPLORER_SOURCES)
	npm run --prefix $(EXPLORER) --silent build

## Load the project's sample corpus into the embedded store and serve GraphQL + GraphiQL + the explorer.
run: setup
	$(BIN)/kg load samples/corpus
	$(BIN)/kg serve --host $(HOST) --port $(PORT)

lint: setup
	$(BIN)/ruff check app loaders graph vocab samples tests benchmarks
	$(BIN)/mypy

## Write schema.graphql (the served SDL, for frontend code generation).
schema: setup
	$(BIN)/python -m app.api.export schema.graphql

## Check the served schema against ../shared/contract/acceptance.graphql.
check-contract: setup
	$(BIN)/kg schema > .kg-schema.graphql
	$(BIN)/python ../shared/tools/check_contract.py .kg-schema.graphql; status=$$?; rm -f .kg-schema.graphql; exit $$status

## Debian's Chromium, for the playground test (opens GraphiQL headless and takes a screenshot).
browser:
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk; }

## Debian's LibreOffice (Writer, without a GUI), for the test that prints every seed as a word processor does.
office:
	@command -v soffice >/dev/null || { $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends libreoffice-writer-nogui fonts-noto-cjk; }

## Every test, on the embedded FalkorDB and on a real Neo4j started from tools/neo4j-launcher.
test: setup lint browser office
	bash tools/neo4j-test.sh start
	NEO4J_TEST_URI=$$(bash tools/neo4j-test.sh uri) $(BIN)/pytest -q; status=$$?; \
	  bash tools/neo4j-test.sh stop; exit $$status

neo4j-start:
	bash tools/neo4j-test.sh start

neo4j-stop:
	bash tools/neo4j-test.sh stop

clean:
	rm -rf .kg-data .neo4j-test tools/neo4j-launcher/target $(PLAYGROUND)/node_modules $(PLAYGROUND)/assets \
	  $(EXPLORER)/node_modules $(EXPLORER)/dist $(EXPLORER)/src/generated
