# The two set-up commands of the README are `make demo` and `make test`;
# both go through `make install`, which builds the virtualenv in .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: install demo test lint typecheck contracts bench clean system-deps

install: $(STAMP)

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $(STAMP)

demo: install
	$(BIN)/influscope -w demo-workspace demo

lint: install
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts

typecheck: install
	$(BIN)/mypy src/influscope/model.py src/influscope/query src/influscope/analyze

contracts: install
	$(BIN)/lint-imports

test: install lint typecheck contracts
	$(BIN)/python -m pytest -n 2 -q

bench: install
	$(BIN)/python bench/ingest.py

clean:
	rm -rf $(VENV) demo-workspace .pytest_cache .mypy_cache .ruff_cache
