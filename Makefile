# pointsapp — two commands: `make run` and `make test`. Everything else is set up on the way.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_DB ?= demo.db
# Python keeps its compiled modules beside the source (a shell that sets PYTHONDONTWRITEBYTECODE would make every
# test worker, command and benchmark the suite starts compile the program, and rewrite the tests, again).
unexport PYTHONDONTWRITEBYTECODE
SYSTEM_PACKAGES := fonts-wqy-microhei fonts-hanazono poppler-utils xvfb xauth postgresql \
	libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-xinerama0 libxcb-cursor0 \
	libxcb-shape0 libxcb-randr0 libxcb-xkb1 libxkbcommon-x11-0 libegl1 libgl1 libdbus-1-3 libfontconfig1 \
	libnss3 libasound2

.PHONY: run test sysdeps clean help

help:
	@echo "make run   — set up and start the app on a demo database ($(DEMO_DB))"
	@echo "make test  — set up and run the whole test suite"

# System packages: installed only when running as root on Debian/Ubuntu, and only those missing.
sysdeps:
	@if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
		missing=""; for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
		if [ -n "$$missing" ]; then \
			echo "installing system packages:$$missing"; \
			apt-get update -q; \
			DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $$missing || \
			for p in $$missing; do \
				DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $$p || \
					echo "could not install $$p (another name on this release?): continuing"; \
			done; \
		fi; \
	else \
		echo "not root or not Debian/Ubuntu: skipping system packages (see README for the list)"; \
	fi

$(VENV): $(BIN)/pointsapp

$(BIN)/pointsapp: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	@touch $@

$(DEMO_DB): | $(BIN)/pointsapp
	$(BIN)/pointsapp --db $(DEMO_DB) demo --households 300 --villages 2 --years 2

# Translations: Chinese is the source language; English is compiled from its .ts (Qt Linguist) at build time.
TS_FILES := resources/translations/pointsapp_en.ts
QM_FILES := $(TS_FILES:.ts=.qm)

resources/translations/%.qm: resources/translations/%.ts | $(BIN)/pointsapp
	$(BIN)/pyside6-lrelease -silent $< -qm $@

.PHONY: translations
translations: | $(BIN)/pointsapp  ## re-extract every tr()/translate() string into the .ts, fill in the English, compile
	$(BIN)/pyside6-lupdate -locations none -no-obsolete $$(find pointsapp -name '*.py' | sort) -ts $(TS_FILES)
	$(BIN)/python tools/ts_fill.py $(TS_FILES)
	$(MAKE) $(QM_FILES)

run: sysdeps $(BIN)/pointsapp $(QM_FILES) $(DEMO_DB)
	$(BIN)/pointsapp --db $(DEMO_DB)

# The whole suite on TEST_WORKERS processes (pytest-xdist; one PostgreSQL server shared through a database per
# test), the installer bundle built and smoke-tested by one of them; prints its wall time.
TEST_WORKERS ?= 3
test: sysdeps $(BIN)/pointsapp $(QM_FILES)
	@start=$$(date +%s); status=0; \
	QT_QPA_PLATFORM=offscreen POINTSAPP_TEST_BUNDLE=build $(BIN)/python -m pytest -q -n $(TEST_WORKERS) \
		--dist worksteal || status=$$?; \
	echo "make test: $$(( $$(date +%s) - start )) s wall time for the tests"; exit $$status

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm

# The user manual (docs/manual) as printable PDFs, Chinese and English; MANUAL_SHOTS=1 first regenerates
# its screenshots from a demo database (tools/manual.py).
.PHONY: manual
manual: $(QM_FILES) | $(BIN)/pointsapp
	@if [ -n "$(MANUAL_SHOTS)" ]; then $(BIN)/python tools/manual.py; fi
	$(BIN)/pointsapp manual --out manual.pdf
	$(BIN)/pointsapp --lang en manual --out manual-en.pdf

.PHONY: bench bench-quick
bench: $(BIN)/pointsapp
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/run.py

bench-quick: $(BIN)/pointsapp
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/run.py --quick

# Installer: a one-folder PyInstaller bundle in dist/pointsapp (see installer/ and README "安装与升级").
BUNDLE := dist/pointsapp
BUNDLE_SOURCES := installer/pointsapp.spec installer/launch.py installer/make_icons.py pyproject.toml \
	$(shell find pointsapp resources migrations docs/manual -type f -not -path '*/__pycache__/*' 2>/dev/null)

.PHONY: bundle test-bundle

$(BUNDLE)/pointsapp-cli: $(BUNDLE_SOURCES) | $(BIN)/pointsapp
	@$(BIN)/python -c "import PyInstaller" 2>/dev/null || $(BIN)/pip install -q pyinstaller
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller \
		installer/pointsapp.spec
	@touch $@

bundle: sysdeps $(QM_FILES) $(BUNDLE)/pointsapp-cli
	@echo "bundle: $(BUNDLE) — $$(du -sh $(BUNDLE) | cut -f1) on disk"

test-bundle: bundle
	POINTSAPP_TEST_BUNDLE=1 $(BIN)/python -m pytest -q -m slow tests/test_bundle.py
