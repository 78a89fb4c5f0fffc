# Two commands on a fresh machine:  make run  (install and check a sample)  and  make test.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SAMPLE ?= samples/taobao-2024.txt

.PHONY: run test test-quick lint install install-test bench corpus clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/python -m pip install --quiet .

install-test: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"

# Check the bundled Taobao 2024 sample against both bundled checklists. Exit status 1 means a
# required item failed (that is a finding, not an error), so only 2 (could not run) fails make.
run: install
	$(BIN)/privcheck check $(SAMPLE) --checklist pipl --checklist gdpr; status=$$?; [ $$status -le 1 ]

# The whole suite, slow tests included, after the linters.
test: install-test lint
	$(BIN)/python -m pytest

# A local loop: the linters and every test not marked slow.
test-quick: install-test lint
	$(BIN)/python -m pytest -m "not slow"

# ruff (lint rules and line length in pyproject.toml) and mypy over the package.
lint: install-test
	$(BIN)/ruff check privcheck tests bench
	$(BIN)/mypy

# Speed: cold start, one end-to-end check, time per document size, batch throughput, slowest items.
bench: install-test
	$(BIN)/python bench/run.py

# Accuracy on the development corpus (measurement only; needs ../shared beside the project).
corpus: install
	$(BIN)/python ../shared/tools/score_corpus.py ../shared/corpus/dev --privcheck "$(BIN)/privcheck"

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .hypothesis
