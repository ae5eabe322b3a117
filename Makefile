# Two entry points: `make lab` (practice in JupyterLab) and `make test` (the whole suite).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
PRACTICE_DIR ?= practice
PRACTICE_NOTEBOOK := $(PRACTICE_DIR)/kerasq-practice.ipynb
LAB_PORT ?= 8888
VSCODE_DIR := lsp/vscode
VSIX ?= build/kerasq.vsix
export TF_CPP_MIN_LOG_LEVEL ?= 2

.PHONY: lab test venv install-lab install-test notebook bench clean vsix

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

venv: $(BIN)/python

# Editable installs skip data files (setuptools issue 3399), so the JupyterLab settings default that
# ranks the kerasq server below pylsp (pyproject.toml [tool.setuptools.data-files]) is copied here.
LAB_OVERRIDES := $(VENV)/share/jupyter/lab/settings/overrides.d

install-lab: venv
	$(BIN)/python -m pip install --quiet -e '.[lab]'
	mkdir -p $(LAB_OVERRIDES) && cp lsp/jupyterlab-settings/kerasq.json $(LAB_OVERRIDES)/kerasq.json

install-test: venv
	$(BIN)/python -m pip install --quiet -e '.[test,lab]'
	mkdir -p $(LAB_OVERRIDES) && cp lsp/jupyterlab-settings/kerasq.json $(LAB_OVERRIDES)/kerasq.json

notebook: install-lab
	mkdir -p $(PRACTICE_DIR)
	$(BIN)/kerasq notebook 1-15 -o $(PRACTICE_NOTEBOOK)

lab: notebook
	$(BIN)/jupyter lab --no-browser --ip 127.0.0.1 --port $(LAB_PORT) \
		--ServerApp.root_dir=$(CURDIR)/$(PRACTICE_DIR) $(CURDIR)/$(PRACTICE_NOTEBOOK)

test: install-test
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
