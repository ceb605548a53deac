# Two commands on a fresh clone: `make demo` (the main job) and `make test`.
# Both create and reuse .venv/ and install what they need.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install demo test test-fast wheel clean

$(STAMP): setup.py pyproject.toml requirements/*.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --upgrade pip 'setuptools<81' wheel
	$(PY) -m pip install -r requirements/tests.txt -e .
	touch $(STAMP)

install: $(STAMP)

# The SFTN workflow on the embedded digits set: the student alone, a
# standard teacher, an SFTN teacher (exported by its hook), then stock
# MMRazor KD from each teacher. Logs and checkpoints go to work_dirs/.
demo: $(STAMP)
	$(PY) tools/train.py configs/teachers/resnet20_digits.py
	$(PY) tools/train.py configs/teachers/resnet56_digits.py
	$(PY) tools/train.py configs/sftkd/sftn_resnet56_resnet20_digits.py
	$(PY) tools/train.py configs/distill/kd_resnet56_resnet20_digits.py
	$(PY) tools/train.py configs/distill/kd_resnet56_resnet20_digits_sftn.py
	$(PY) tools/collect_results.py work_dirs

test: $(STAMP)
	$(PY) -m pytest tests -q -ra

test-fast: $(STAMP)
	$(PY) -m pytest tests -q -m "not slow"

wheel: $(STAMP)
	$(PY) -m pip wheel --no-deps -w dist .

clean:
	rm -rf build dist *.egg-info mmrazor_sftkd/.mim
