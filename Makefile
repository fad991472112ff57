# The two set-up commands of the README are `make demo` and `make test`;
# both go through `make install`, which builds the virtualenv in .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: install demo test test-spark lint typecheck contracts bench clean system-deps web fuzz i18n

# Debian packages the tests need: Chromium for the browser tests, pdftoppm for
# the PDF report test, fonts and Pango for WeasyPrint, Java 17 for PySpark (the
# spark engine's contract suite, `make test-spark`). Installed only when
# missing (quick when present); needs root, as on CI.
# fonts-noto-color-emoji: emoji in posts and names draw as emoji, not as empty boxes.
SYSTEM_PACKAGES := chromium poppler-utils fonts-dejavu-core fonts-noto-color-emoji libpango-1.0-0 libpangoft2-1.0-0 \
  libharfbuzz-subset0 openjdk-17-jre-headless
WEB_DIST := src/influscope/serve/web/static/dist/main.js
WEB_SOURCES := $(shell find src/influscope/serve/web/static/js -name '*.js' 2>/dev/null)

install: $(STAMP) system-deps web

system-deps:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "apt-get install $$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=300 $$missing >/dev/null; \
	  else echo "Missing system packages: $$missing (run 'make system-deps' as root)"; fi; \
	fi

# Front-end packages come from npm at build time (package-lock.json pins them);
# the bundle is built by esbuild into static/dist (git-ignored).
web: $(WEB_DIST)

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(WEB_DIST): node_modules/.package-lock.json $(WEB_SOURCES)
	npm run --silent build -- --log-level=warning

# The message catalogue (serve/i18n.py): extract every marked sentence of the Python,
# the templates and the dashboard's modules into the template (.pot), merge it into
# each language's .po (translate the new or fuzzy entries there), compile the .mo
# shipped as package data. tests/serve/test_catalogue.py fails when any step is due.
LOCALE := src/influscope/serve/locale
BABEL_KEYWORDS := --no-default-keywords -k t -k pt:1c,2 -k nt:1,2 -k npt:1c,2,3 -k N_ -k NC_:1c,2 -k _
i18n: $(STAMP)
	$(BIN)/pybabel -q extract -F babel.cfg $(BABEL_KEYWORDS) --add-location=file --sort-output \
	  --no-wrap --omit-header -o $(LOCALE)/influscope.pot .
	$(BIN)/pybabel -q update -i $(LOCALE)/influscope.pot -d $(LOCALE) -D influscope --no-wrap \
	  --ignore-obsolete
	$(BIN)/pybabel -q compile -d $(LOCALE) -D influscope --statistics

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test,spark]'
	touch $(STAMP)

# The engine contract suite: every analytic on DuckDB and on Spark (local[2]) over
# one lake, compared (tests marked `spark`, deselected from `make test`). One
# process: the Spark session's start-up (~20-60 s) is paid once.
test-spark: install
	$(BIN)/python -m pytest -m spark -n 0 -q

demo: install
	$(BIN)/influscope -w demo-workspace demo

lint: install
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts

typecheck: install
	$(BIN)/mypy src/influscope

contracts: install
	$(BIN)/lint-imports

test: install lint typecheck contracts
	$(BIN)/python -m pytest -n 2 -q

# Fuzzing, longer than CI: the hypothesis tests with thousands of random
# examples each, then atheris (coverage-guided, from PyPI) on every reader and
# the query parser; results go to BENCHMARKS.md. FUZZ_SECONDS is per target.
FUZZ_EXAMPLES ?= 2000
FUZZ_SECONDS ?= 120
fuzz: install
	$(BIN)/pip install -q -e '.[fuzz,test]'
	INFLUSCOPE_HYPOTHESIS_PROFILE=fuzz INFLUSCOPE_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) \
	  $(BIN)/python -m pytest -q -n 2 tests/fuzz
	$(BIN)/python bench/fuzz.py --seconds $(FUZZ_SECONDS)

bench: install
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/api.py

clean:
	rm -rf $(VENV) demo-workspace dist site build .pytest_cache .mypy_cache .ruff_cache node_modules src/influscope/serve/web/static/dist

# --- Distribution (issue #18): wheel and sdist, NOTICE, documentation site -----
.PHONY: dist notice docs

# The wheel carries the dashboard bundle, so `make web` (through install) runs first;
# setup.py refuses to build a wheel without it.
dist: install
	rm -rf dist
	$(BIN)/python -m build --outdir dist .

# NOTICE lists the npm packages inside the bundle with their licences (tests/test_notice.py).
notice: web
	$(BIN)/python scripts/notice.py > NOTICE

# The site goes to site/ (git-ignored). --strict makes every warning (a broken link or
# anchor, a page left out of the nav) fail; `make test` builds it too (tests/test_docs.py).
# NO_MKDOCS_2_WARNING quiets a banner about the MkDocs 2 / Material roadmap (not a build warning).
docs: install
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --site-dir site
