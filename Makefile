# Two commands on a fresh machine (Python 3.11+):
#   make run    install everything into .venv and open the app on a demo handbook
#   make test   install everything into .venv and run every test and check
VENV ?= .venv
PYTHON ?= python3
PY := $(VENV)/bin/python
DEMO ?= demo-handbook.db

.PHONY: run test lint bench clean i18n

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

run: $(VENV)/.installed
	test -f $(DEMO) || $(VENV)/bin/crisisdesk --db $(DEMO) init --demo
	$(VENV)/bin/crisisdesk --db $(DEMO)

lint: $(VENV)/.installed
	$(VENV)/bin/lint-imports
	$(VENV)/bin/ruff check crisisdesk tests benchmarks packaging
	$(VENV)/bin/mypy crisisdesk

test: lint
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

# Extract every _() string into crisisdesk/locale/crisisdesk.pot, merge it into the
# Dutch .po and compile the .mo (committed, so a plain install has the translations).
i18n: $(VENV)/.installed
	$(PY) scripts/i18n.py

bench: $(VENV)/.installed
	for b in benchmarks/*.py; do QT_QPA_PLATFORM=offscreen $(PY) $$b || exit 1; done

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache .mypy_cache
