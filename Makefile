# clausebook — the README's commands. Each installs what it needs into .venv/ first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# Every Python package, transitive ones too, pinned with hashes: `make lock` writes it from the
# pins in pyproject.toml (the runtime dependencies and the `test` extra) and these installers
# (pip installs the lock, setuptools builds clausebook itself).
LOCK := requirements.lock
INSTALLERS := pip==26.3 setuptools==84.2.1
# The tool that resolves the lock; `make lock` installs it, nothing else uses it.
LOCKER := uv==0.13.9

# System packages the tests use, by their Debian names: Chromium prints the PDFs and drives the
# browser tests, poppler-utils reads the PDFs back, and the fonts are the ones the print pages use.
BROWSER_PACKAGES := chromium poppler-utils fonts-dejavu-core fonts-liberation
# LibreOffice reads the Word documents back in the tests (python3-uno lets a test drive it).
OFFICE_PACKAGES := libreoffice-writer-nogui python3-uno
# `clausebook compare REV:path` reads an old version with git.
TOOL_PACKAGES := git
SYSTEM_PACKAGES := $(BROWSER_PACKAGES) $(OFFICE_PACKAGES) $(TOOL_PACKAGES)

.PHONY: site serve test test-fast lint bench schemas lock deps clean

$(STAMP): $(LOCK) pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
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

# Every test, on two cores (pytest-xdist): a module's tests stay on one worker (--dist loadscope)
# and share its builds, modules handed out in the order conftest.py puts them (the two runs in
# copies of the project first); conftest.py shares the built handbook between the workers.
test: lint
	$(BIN)/python -m pytest -n 2 --dist loadscope --no-loadscope-reorder

# The format and model tests: no build, browser, LibreOffice or other process (the `slow` marker,
# which conftest.py sets from what each test reaches).
test-fast: $(STAMP)
	$(BIN)/python -m pytest -n 2 -m "not slow"

lint: $(STAMP)
	$(BIN)/ruff check hooks tests benchmarks

bench: $(STAMP)
	CLAUSEBOOK_NO_PDF=1 $(BIN)/python benchmarks/run.py

# Rewrite the JSON Schemas in schema/ from the record classes (clausebook/records/); the site
# publishes the same schemas, and tests/test_records.py checks the files are up to date.
schemas: $(STAMP)
	$(BIN)/python -m clausebook.records.schemas

# Re-resolve every pin after a change to the dependencies in pyproject.toml (needs PyPI).
lock:
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet $(LOCKER)
	printf '%s\n' $(INSTALLERS) | $(BIN)/uv pip compile --quiet --universal --generate-hashes \
	    --extra test --custom-compile-command 'make lock' \
	    --output-file $(LOCK) pyproject.toml -

# As root on Debian: install the system packages the tests use. Otherwise: say which are missing.
deps:
	@missing=""; \
	if command -v dpkg-query >/dev/null 2>&1; then \
	  for package in $(SYSTEM_PACKAGES); do \
	    dpkg-query -W -f='$${Status}' $$package 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$package"; \
	  done; \
	else \
	  command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || missing="$$missing chromium"; \
	  command -v pdftotext >/dev/null 2>&1 || missing="$$missing poppler-utils"; \
	  command -v soffice >/dev/null 2>&1 || missing="$$missing libreoffice"; \
	fi; \
	if [ -z "$$missing" ]; then echo "make deps: every system package the tests use is installed"; exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "make deps: installing$$missing"; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  apt-get update -qq && apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	else \
	  echo "make deps: missing system packages:$$missing" >&2; \
	  echo "  on Debian or Ubuntu: sudo apt-get install --no-install-recommends$$missing" >&2; \
	  echo "  elsewhere: install your system's equivalent of each" >&2; \
	  echo "  without them the browser, PDF and Word tests are skipped (under CI=true they fail)" >&2; \
	  exit 1; \
	fi

clean:
	rm -rf site .site-build .site-old $(VENV)
