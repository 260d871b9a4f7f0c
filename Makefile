# Two commands a user needs: `make run` and `make test`. Everything lives in .venv/.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INDEX ?= var/index
PORT ?= 8501

.PHONY: install dev run ingest test lint unit eval ablation crossval bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# torch first, pinned to the CPU wheel: an unpinned torch pulls a multi-GB CUDA build.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.dev-installed: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

dev: $(VENV)/.dev-installed

ingest: install
	$(BIN)/scrutineer ingest corpus --index $(INDEX)

run: ingest
	$(BIN)/scrutineer ui --index $(INDEX) --port $(PORT)

lint: dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

unit: dev
	$(BIN)/pytest -q

test: lint unit

# Retrieval quality on the dev queries and eight held-out sets (R@k, MRR by type, hit
# length, abstention, answers quoting a key). ninth, tenth and eleventh are kept out so
# that they can still judge a change (eval/README.md).
eval: install
	$(BIN)/python -m eval.harness --queries eval/queries/dev.jsonl --index $(INDEX) --corpus corpus
	$(BIN)/python -m eval.harness --queries eval/queries/dev.jsonl --index $(INDEX) --ask
	$(BIN)/python -m eval.harness --queries eval/queries/heldout.jsonl --index $(INDEX) --ask
	$(BIN)/python -m eval.harness --queries eval/queries/third.jsonl --index $(INDEX) --ask
	$(BIN)/python -m eval.harness --queries eval/queries/fourth.jsonl --index $(INDEX) --ask
	$(BIN)/python -m eval.harness --queries eval/queries/fifth.jsonl --index $(INDEX) --ask
	$(BIN)/python -m eval.harness --queries eval/queries/sixth.jsonl --index $(INDEX) --ask
	$(BIN)/python -m eval.harness --queries eval/queries/seventh.jsonl --index $(INDEX) --ask
	$(BIN)/python -m eval.harness --queries eval/queries/eighth.jsonl --index $(INDEX) --ask
	$(BIN)/python -m eval.harness --queries eval/queries/twelfth.jsonl --index $(INDEX) --ask

ablation: install
	$(BIN)/python -m eval.ablation --queries eval/queries/dev.jsonl --index $(INDEX) --corpus corpus

# Leave-one-out cross-validation of the expansion floor and cap and the dense weight.
crossval: install
	$(BIN)/python -m eval.crossval --queries eval/queries/dev.jsonl --index $(INDEX) --corpus corpus

bench: dev
	$(BIN)/python -m bench.query_latency --index $(INDEX) --scale-chunks 50000

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
