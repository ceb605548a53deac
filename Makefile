# Two commands on a fresh clone: `make demo` (the main job) and `make test`.
# Both create and reuse .venv/ and install what they need.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install demo test test-fast test-torch24 wheel clean

$(STAMP): setup.py pyproject.toml requirements/*.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --upgrade pip 'setuptools<81' wheel
	$(PY) -m pip install -r requirements/tests.txt -e .
	touch $(STAMP)

install: $(STAMP)

# The main job: the whole SFTN study on the embedded digits set, 3 seeds
# (student alone, standard teacher, SFTN teacher, stock MMRazor KD from
# each); tables and plots in work_dirs/sftn_digits/.
demo: $(STAMP)
	$(PY) tools/run_pipeline.py configs/pipelines/sftn_digits.py

test: $(STAMP)
	$(PY) -m pytest tests -q -ra

test-fast: $(STAMP)
	$(PY) -m pytest tests -q -m "not slow"

# The fast suite on the oldest torch setup.py allows, in a venv of its own.
VENV24 ?= .venv-torch24
$(VENV24)/.installed: setup.py pyproject.toml requirements/*.txt
	$(PYTHON) -m venv $(VENV24)
	$(VENV24)/bin/python -m pip install --upgrade pip 'setuptools<81' wheel
	$(VENV24)/bin/python -m pip install -r requirements/tests.txt -e . \
		torch==2.4.1 torchvision==0.19.1
	touch $@

test-torch24: $(VENV24)/.installed
	$(VENV24)/bin/python -m pytest tests -q -m "not slow"

wheel: $(STAMP)
	$(PY) -m pip wheel --no-deps -w dist .

clean:
	rm -rf build dist *.egg-info mmrazor_sftkd/.mim $(VENV24)
