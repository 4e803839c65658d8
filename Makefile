# Two commands do all set-up: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# A second venv with the lowest versions pyproject.toml allows (uv's lowest-direct
# resolution), so the version floors stay true. Re-created only when pyproject.toml changes.
LOWEST := .venv-lowest
LOWEST_STAMP := $(LOWEST)/.installed
# uv resolves the lowest versions; it is a tool of `make test`, not a dependency of the
# project or of its tests, so it is installed here rather than in the `test` extra.
UV_SPEC := uv>=0.5,<1
BUILD_SPEC := build>=1.2,<2
# The variables that could lead the tests to a real home: unset for dist-check.
HOME_VARS := XDG_CONFIG_HOME XDG_DATA_HOME XDG_CACHE_HOME XDG_STATE_HOME READER_CACHE_DIR \
	READER_CONFIG READER_DB READER_STATE READER_DATA_DIR READER_WORDS

.PHONY: run test test-newest test-lowest bench dist dist-check lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the project definition changes.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip '$(UV_SPEC)' '$(BUILD_SPEC)'
	@# Venvs made before: drop `reader` (this project's old name) and opencc-python-reimplemented
	@# (replaced by opencc; both install an `opencc` package, so opencc is put back whole below).
	@if $(BIN)/python -m pip show --quiet reader >/dev/null 2>&1; then $(BIN)/python -m pip uninstall --quiet --yes reader; fi
	@if $(BIN)/python -m pip show --quiet opencc-python-reimplemented >/dev/null 2>&1; then \
		$(BIN)/python -m pip uninstall --quiet --yes opencc-python-reimplemented; \
		if $(BIN)/python -m pip show --quiet opencc >/dev/null 2>&1; then $(BIN)/python -m pip uninstall --quiet --yes opencc; fi; fi
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

$(LOWEST_STAMP): pyproject.toml | $(STAMP)
	rm -rf $(LOWEST)
	$(BIN)/uv venv --quiet --python $(PYTHON) $(LOWEST)
	$(BIN)/uv pip install --quiet --python $(LOWEST)/bin/python --resolution lowest-direct -e '.[test]'
	$(LOWEST)/bin/python tests/version_floors.py
	touch $(LOWEST_STAMP)

run: $(STAMP)
	$(BIN)/reader

# ruff (style and likely bugs), mypy (types: strict on corpus/ and annotations/), import contracts.
lint: $(STAMP)
	$(BIN)/ruff check corpus annotations reader
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

# Lint, the whole suite at the newest versions, then again at the lowest ones (without
# the snapshot tests: their SVGs are drawn by one exact Textual version; nor the few
# `slow` ones, which test our own code's bounds, not a dependency's API: about a minute).
test: lint test-newest test-lowest

test-newest: $(STAMP)
	$(BIN)/python -m pytest -n 2 $(PYTEST_ARGS)

test-lowest: $(LOWEST_STAMP)
	$(LOWEST)/bin/python -m pytest -n 2 -p no:cacheprovider -m "not snapshot and not slow" $(PYTEST_ARGS)

bench: $(STAMP)
	$(BIN)/python -m benchmarks

# The sdist and the wheel, into dist/. PYTHONDONTWRITEBYTECODE (set on some machines) only
# makes setuptools log that it skips byte-compiling; wheels carry no bytecode anyway.
dist: $(STAMP)
	rm -rf dist
	PYTHONDONTWRITEBYTECODE= $(BIN)/python -m build

# What a packager does: unpack the sdist outside the checkout, install it with its test
# extra into a new venv, and run its tests there with an empty HOME that must stay empty.
dist-check: dist
	@set -eu; tmp=$$(mktemp -d); \
	tar -xzf dist/*.tar.gz -C $$tmp; src=$$(echo $$tmp/zh_corpus_reader-*); \
	mkdir $$tmp/home; \
	$(BIN)/uv venv --quiet --python $(PYTHON) $$tmp/venv; \
	$(BIN)/uv pip install --quiet --python $$tmp/venv/bin/python "$$src[test]"; \
	echo "dist-check: tests of $$src, HOME=$$tmp/home"; \
	(cd $$tmp && env $(addprefix -u ,$(HOME_VARS)) HOME=$$tmp/home \
		$$tmp/venv/bin/python -m pytest -n 2 -p no:cacheprovider -q $$src/tests); \
	if [ -n "$$(ls -A $$tmp/home)" ]; then echo "dist-check: the tests wrote into HOME:"; find $$tmp/home; exit 1; fi; \
	rm -rf $$tmp; echo "dist-check: passed, HOME untouched"

clean:
	rm -rf $(VENV) $(LOWEST) build dist *.egg-info .pytest_cache .hypothesis .ruff_cache .mypy_cache
