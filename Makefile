# Two commands do everything: `make run` and `make test`; each sets itself up first.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
SHARED ?= ../shared
# where pip finds torch (the stanza extra); e.g. TORCH_PIP_ARGS="--index-url https://download.pytorch.org/whl/cpu"
TORCH_PIP_ARGS ?=

.PHONY: setup run test train train-en bench bench-backends evaluate clean

GOLD_SETS := figures_id figures_en dates_id dates_en

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check torch==2.13.0 $(TORCH_PIP_ARGS)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev,stanza,train]'
	touch $(STAMP)

setup: $(STAMP)

## extract every document of corpus/ into out/ with the shipped models, then score it against the gold
run: $(STAMP)
	$(BIN)/warta extract corpus -o out
	$(BIN)/warta evaluate --gold corpus/gold/seed.jsonl --pred out/documents.jsonl --json out/metrics.json
	$(BIN)/warta show corpus/docs/ai-tiongkok-600-juta-pengguna.txt -o out/seed.html

test: $(STAMP)
	$(BIN)/python -m pytest -q -rs

## retrain the Indonesian NER model from $(SHARED)/data into models/id_ner (about 20 minutes on 2 cores; 40-minute time budget)
train: $(STAMP)
	$(BIN)/warta train --lang id --data $(SHARED)/data --output models/id_ner

## retrain the English NER model from $(SHARED)/data into models/en_ner (about 20 minutes on 2 cores)
train-en: $(STAMP)
	$(BIN)/warta train --lang en --data $(SHARED)/data --output models/en_ner

## score the hand-annotated figure and date gold sets (their texts are referenced in $(SHARED)/data)
evaluate: $(STAMP)
	@for set in $(GOLD_SETS); do \
	  echo "== $$set"; \
	  WARTA_SHARED=$(SHARED) $(BIN)/warta -q extract corpus/gold/$$set.jsonl -o out/$$set || exit 1; \
	  WARTA_SHARED=$(SHARED) $(BIN)/warta evaluate --gold corpus/gold/$$set.jsonl --pred out/$$set \
	    --json out/$$set/metrics.json --no-documents || exit 1; \
	done

## throughput: tokenizer, NER and full pipeline, then the batch engine on 10,000 documents with 1 and 2 workers
bench: $(STAMP)
	$(BIN)/python -m warta.benchmarks.speed --batch 10000 --json out/bench.json

## spaCy vs stanza backend on the English WikiANN valid set: entity F1 and words/s (stanza needs its models)
bench-backends: $(STAMP)
	$(BIN)/python -m warta.benchmarks.backends --out out/bench_backends.json

clean:
	rm -rf out training
