# lkjip front door. `make` lists the targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
YEAR ?= 2023

.DEFAULT_GOAL := help
AIRFLOW_VENV := .venv-airflow
.PHONY: help venv airflow-venv report clean-data test quick lint format lab dictionary bench distclean

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-12s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 > /dev/null
	touch $(STAMP)

venv: $(STAMP) ## Create or refresh .venv from pyproject.toml

$(AIRFLOW_VENV)/.installed-stamp: pyproject.toml
	$(PYTHON) -m venv $(AIRFLOW_VENV)
	$(AIRFLOW_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(AIRFLOW_VENV)/bin/python -m pip install --quiet -e '.[airflow]'
	touch $@

airflow-venv: $(AIRFLOW_VENV)/.installed-stamp ## Airflow 3 with lkjip in its own .venv-airflow (for the DAG test)

report: $(STAMP) ## Clean the shipped data and build the reports (YEAR=2023)
	$(BIN)/lkjip build --year $(YEAR)

clean-data: $(STAMP) ## Only clean data/raw/YEAR into data/processed/YEAR
	$(BIN)/lkjip clean --year $(YEAR)

# one test worker more than CPUs: tests wait on kernels, browsers and subprocesses
TEST_WORKERS = $(shell $(PYTHON) -c "import os; print((os.cpu_count() or 1) + 1)")

# pytest keeps each test module (and each plugin's, e.g. hypothesis's 140) compiled with its
# assertions rewritten in __pycache__; PYTHONDONTWRITEBYTECODE would make every run, in every
# worker, compile them all again, so the test targets let Python write its caches.
TEST_ENV = PYTHONDONTWRITEBYTECODE=

test: $(STAMP) ## Run the whole test suite on every CPU (one file per worker at a time)
	$(TEST_ENV) $(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile

quick: $(STAMP) ## The quick loop: every test not marked slow (no kernels, no browser), on every CPU
	$(TEST_ENV) $(BIN)/python -m pytest -m "not slow" -n auto

lint: $(STAMP) ## Check code and notebooks with ruff
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP) ## Format code with ruff
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

lab: $(STAMP) ## Open the notebooks in JupyterLab
	$(BIN)/jupyter lab notebooks/

bench: $(STAMP) ## Measure build, cleaning and test-suite speed (bench/run.py; about 4 minutes)
	$(BIN)/python bench/run.py

dictionary: $(STAMP) ## Regenerate docs/data_dictionary.md and data/raw/README.md from the declarations
	$(BIN)/lkjip dictionary --output docs/data_dictionary.md
	$(BIN)/lkjip dictionary --contract --output data/raw/README.md

distclean: ## Remove .venv, processed data and reports
	rm -rf $(VENV) $(AIRFLOW_VENV) data/processed/[0-9]* reports/[0-9]* reports/index.html
