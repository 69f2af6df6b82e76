# clausebook — the README's commands. Each installs what it needs into .venv/ first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site serve test lint bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# Build into a fresh folder; replace site/ only when the whole build succeeded.
site: $(STAMP)
	rm -rf .site-build
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --site-dir .site-build
	rm -rf .site-old
	if [ -d site ]; then mv site .site-old; fi
	mv .site-build site
	rm -rf .site-old

serve: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve --livereload

test: lint
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check hooks tests benchmarks

bench: $(STAMP)
	CLAUSEBOOK_NO_PDF=1 $(BIN)/python benchmarks/run.py

clean:
	rm -rf site .site-build .site-old $(VENV)
