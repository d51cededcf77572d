# Two commands for users:  `make lab` opens the course, `make test` runs every test.
# Both build the local environment .venv/ on first use (Python 3.11 and pip are all they need).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(abspath $(VENV))/bin
STAMP  := $(VENV)/.installed
# nbgrader runs `alembic` by name: the environment's bin/ must come first on PATH.
RUN    := PATH="$(BIN):$$PATH"
# The test suite on every core; `make test PYTEST_ARGS=...` replaces this (for example `-n 0 -x tests/test_hub.py`).
PYTEST_ARGS ?= -n auto

.PHONY: lab test exercises edition site lessons pages grade grade-benchmark rehearsal hub-benchmark lock clean-venv

# requirements.txt is the lock (exact versions with hashes): pip checks every hash while it installs.
$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "The course needs Python 3.11; set PYTHON=/path/to/python3.11"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

# Kernels talk to JupyterLab over IPC sockets (no open port, no "TCP without encryption" warning); not on Windows.
LAB_TRANSPORT := $(if $(filter Windows_NT,$(OS)),,--KernelManager.transport=ipc)

lab: $(STAMP)
	$(RUN) jupyter lab --ServerApp.ip=127.0.0.1 --ServerApp.root_dir="$(CURDIR)" $(LAB_TRANSPORT) \
		--LabApp.default_url=/lab/tree/lessons/00-orientation.ipynb $(if $(filter 0,$(shell id -u)),--allow-root)

test: $(STAMP)
	@sh dev/install-browser.sh
	@sh dev/install-shared-env.sh
	@sh site/install-tools.sh
	@sh deploy/jupyterhub/install-test-tools.sh
	$(RUN) python -m pytest $(PYTEST_ARGS)

# Regenerate the student copies in exercises/ from solutions/ (nbgrader's source).
exercises: $(STAMP)
	$(RUN) python -m coursetools.release

# The student edition (lessons, exercises, texts, glossary, helper package; nothing from solutions/) in build/.
edition: $(STAMP)
	$(RUN) python -m coursetools.edition

# The course's web site (built from the student edition and the instructor guide, nothing executed) in build/site/.
site: $(STAMP)
	$(RUN) python -m coursetools.website

# Execute every lesson in place (stored outputs are what nbval compares) and print each one's time.
lessons: $(STAMP)
	$(RUN) python dev/run_lessons.py

# Regenerate the Markdown pages made from data (the glossary page, the README's lesson table).
pages: $(STAMP)
	$(RUN) python dev/build_pages.py

# Autograde every submission in submitted/ on every core (INSTRUCTORS.md); `make grade ASSIGNMENTS=00-orientation`.
grade: $(STAMP)
	$(RUN) python -m coursetools.grading.parallel $(ASSIGNMENTS)

# Seconds per submission on this machine: plain `nbgrader autograde` against the fast route (a simulated class).
grade-benchmark: $(STAMP)
	$(RUN) python benchmarks/grading_speed.py $(BENCHMARK_ARGS)

# The whole round trip (release, fetch, submit, collect, grade, feedback) in a scratch course (INSTRUCTORS.md §15).
rehearsal: $(STAMP)
	$(RUN) python -m coursetools.grading.rehearsal $(REHEARSAL_ARGS)

# A class of students on the course's JupyterHub at once (as root; INSTRUCTORS.md): `make hub-benchmark`.
hub-benchmark: $(STAMP)
	@sh dev/install-shared-env.sh
	@sh deploy/jupyterhub/install-test-tools.sh
	$(RUN) python benchmarks/hub_class.py $(BENCHMARK_ARGS)

# Remake the lock requirements.txt from requirements.in (after changing a requirement there).
lock: $(STAMP)
	$(BIN)/uv pip compile --universal --python-version 3.11 --generate-hashes --custom-compile-command "make lock" \
		requirements.in -o requirements.txt

clean-venv:
	rm -rf $(VENV)
