# Two commands on a fresh machine: `make site` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell sha256sum requirements.txt | cut -c1-12)

CHROMIUM := /usr/bin/chromium
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: site test lint serve clean chromium converters offline deploy pages bench bytecode

$(STAMP): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	rm -f $(VENV)/.installed-*
	touch $@

# Our modules compiled to bytecode once, as pip compiles the installed packages: where PYTHONDONTWRITEBYTECODE
# is set, every process of a build (the build's, the search index's, each render worker's) compiled them from
# source again (~0.13 s of CPU each). Up to date, this takes ~0.05 s.
bytecode: $(STAMP)
	$(BIN)/python -m compileall -q build_scripts

site: $(STAMP) bytecode
	$(BIN)/python -m build_scripts build

# The offline HTML bundle: dist/luu-tru-ket-luan-offline.zip (open index.html from file://).
offline: $(STAMP) bytecode
	$(BIN)/python -m build_scripts bundle

# Build the public site and push it to the gh-pages branch of REMOTE (GitHub Pages).
REMOTE ?= origin
deploy: $(STAMP) bytecode
	$(BIN)/python -m build_scripts deploy --remote $(REMOTE)

# The same site, checked against Pages' limits, written to PAGES_DIR instead of pushed: the workflow
# uploads it as its GitHub Pages artifact (actions/upload-pages-artifact, then actions/deploy-pages).
PAGES_DIR ?= dist/pages
pages: $(STAMP) bytecode
	$(BIN)/python -m build_scripts deploy --out $(PAGES_DIR)

test: $(STAMP) chromium converters
	$(BIN)/ruff check build_scripts tests
	$(BIN)/python -m pytest

# The browser tests (tests/browser/) drive Debian's Chromium through Playwright; Playwright's
# own browser download is not used.
chromium:
	test -x $(CHROMIUM) || { $(SUDO) apt-get update && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends chromium; }

# Word 97-2003 (.doc) and scans need programs from Debian: antiword and catdoc for .doc,
# Tesseract with its Vietnamese data for OCR; the tests also use the DejaVu fonts to make PDFs.
# `make site` does not install them: a build without them names the file and this command.
CONVERTERS := tesseract-ocr tesseract-ocr-vie antiword catdoc fonts-dejavu-core fonts-dejavu-extra
converters:
	{ command -v tesseract >/dev/null && tesseract --list-langs 2>/dev/null | grep -qx vie && \
	  command -v antiword >/dev/null && command -v catdoc >/dev/null && \
	  test -f /usr/share/fonts/truetype/dejavu/DejaVuSerif-Italic.ttf; } || { $(SUDO) apt-get update && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends $(CONVERTERS); }

serve: site
	$(BIN)/python -m mkdocs serve --dev-addr 127.0.0.1:8000

clean:
	rm -rf site .build dist docs/index.md docs/van-ban .pytest_cache .ruff_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

# Synthetic corpora of 1,000 and 4,000 texts (and DOCS more: `make bench DOCS=10000`), built by us and
# by plain mkdocs-material in one run: full builds, rebuilds after adding, editing and changing nothing,
# the rebuilt site against a clean build, bytes, the first search results. Prints one table (see
# "Scale and benchmark" in README.md). SIZES replaces the default sizes. DOCS sizes are measured by their
# full builds only (FULL_ONLY=, empty, measures their rebuilds too: an hour at 10,000). SHAPE=short (or long)
# builds short notices instead of whole conclusions (synth --shape). Scratch: /tmp/vb-bench.
SIZES ?= 1000,4000
DOCS  ?=
SHAPE ?=
FULL_ONLY ?= $(DOCS)
bench: $(STAMP) bytecode chromium
	$(BIN)/python -m build_scripts bench --sizes $(SIZES) $(if $(DOCS),--docs $(DOCS)) \
	  $(if $(FULL_ONLY),--full-only $(FULL_ONLY)) $(if $(SHAPE),--shape $(SHAPE))
