# Two entry points: `make lab` (practice in JupyterLab) and `make test` (the whole suite).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
PRACTICE_DIR ?= practice
PRACTICE_NOTEBOOK := $(PRACTICE_DIR)/kerasq-practice.ipynb
LAB_PORT ?= 8888
# Extra `jupyter lab` options, e.g. LAB_ARGS=--IdentityProvider.token=... (the e2e test passes its own token).
LAB_ARGS ?=
# Jupyter refuses to run as root (containers, CI) unless told to.
LAB_ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root)
VSCODE_DIR := lsp/vscode
VSIX ?= build/kerasq.vsix
export TF_CPP_MIN_LOG_LEVEL ?= 2

.PHONY: lab test venv install-lab install-test notebook bench clean vsix e2e-deps

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

venv: $(BIN)/python

# Editable installs skip data files (setuptools issue 3399), so the JupyterLab settings default that
# ranks the kerasq server below pylsp (pyproject.toml [tool.setuptools.data-files]) is copied here.
LAB_OVERRIDES := $(VENV)/share/jupyter/lab/settings/overrides.d

# Stamps: pip runs again only when pyproject.toml (or the settings default) changed since the last install.
LAB_STAMP := $(VENV)/.kerasq-installed-lab
TEST_STAMP := $(VENV)/.kerasq-installed-test

$(LAB_STAMP): pyproject.toml lsp/jupyterlab-settings/kerasq.json | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[lab]'
	mkdir -p $(LAB_OVERRIDES) && cp lsp/jupyterlab-settings/kerasq.json $(LAB_OVERRIDES)/kerasq.json
	touch $@

$(TEST_STAMP): pyproject.toml lsp/jupyterlab-settings/kerasq.json | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,lab]'
	mkdir -p $(LAB_OVERRIDES) && cp lsp/jupyterlab-settings/kerasq.json $(LAB_OVERRIDES)/kerasq.json
	touch $@ $(LAB_STAMP)

install-lab: $(LAB_STAMP)

install-test: $(TEST_STAMP)

# Written once: later runs keep the learner's work in it.
$(PRACTICE_NOTEBOOK): | $(LAB_STAMP)
	mkdir -p $(PRACTICE_DIR)
	$(BIN)/kerasq notebook 1-15 -o $(PRACTICE_NOTEBOOK)

notebook: $(PRACTICE_NOTEBOOK)

lab: install-lab notebook
	$(BIN)/jupyter lab --no-browser --ip 127.0.0.1 --port $(LAB_PORT) $(LAB_ROOT_FLAG) \
		--ServerApp.root_dir=$(abspath $(PRACTICE_DIR)) $(LAB_ARGS) $(abspath $(PRACTICE_NOTEBOOK))

# Debian's Chromium for the JupyterLab end-to-end test (tests/e2e); without it that test is skipped.
e2e-deps:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
			chromium fonts-liberation fonts-dejavu-core; \
	else echo "e2e-deps: /usr/bin/chromium is missing and installing it needs root and apt-get" \
		"(sudo apt-get install chromium); the JupyterLab end-to-end test will be skipped."; fi

test: install-test e2e-deps
	$(BIN)/python -m pytest -n 2 --dist loadgroup tests

# The VS Code extension: npm ci (only when the lock file changed), then package it with @vscode/vsce.
$(VSCODE_DIR)/node_modules/.package-lock.json: $(VSCODE_DIR)/package.json $(VSCODE_DIR)/package-lock.json
	cd $(VSCODE_DIR) && npm ci --ignore-scripts --omit=optional --no-audit --no-fund --loglevel=error

vsix: $(VSCODE_DIR)/node_modules/.package-lock.json
	mkdir -p $(dir $(abspath $(VSIX)))
	cd $(VSCODE_DIR) && ./node_modules/.bin/vsce package --allow-missing-repository --skip-license --out $(abspath $(VSIX))

bench: install-test
	$(BIN)/python -m pytest -s tests/bench -p no:xdist

clean:
	rm -rf $(VENV) $(PRACTICE_DIR) build *.egg-info $(VSCODE_DIR)/node_modules
