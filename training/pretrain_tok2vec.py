"""Pretrain the NER's tok2vec on raw report text (``spacy pretrain`` with a time budget).

    .venv/bin/python corpus/pretrain_text.py          # corpus/build/pretrain.jsonl
    .venv/bin/python training/pretrain_tok2vec.py --out training/runs/pretrain \
        [--minutes 40] [--resume] [--set pretraining.max_epochs=20]

``training/configs/pretrain.cfg`` is merged over ``training/configs/ner.cfg``, so the
pretrained layer is the NER's tok2vec (same features, widths, segmenter). spaCy's
``pretrain`` writes ``model{epoch}.bin`` after every epoch, ``model{epoch}.temp.bin``
every ``n_save_every`` batches and ``model-last.bin`` when it stops. The run stops
before an epoch that would not end within ``--minutes`` (or, failing that, inside the
epoch once the budget is spent). ``--resume`` continues from the newest
checkpoint in ``--out``: ``model{N}.bin`` at epoch N+1, a newer ``model{N}.temp.bin`` at
epoch N (Adam's moments restart; the epoch's shuffle is seeded by its number). Train the NER with
``training/train_ner.py --init-tok2vec OUT/modelN.bin``.

Masking: spaCy's MLM wrapper rebuilds masked Docs from their words only, which drops
the pkuseg ``norm_``/``lemma_`` features the NER reads. ``govie.PretrainCharacters.v1``
masks like spaCy (15 %: 80 % ``[MASK]``, 10 % a random token, 10 % unchanged) but keeps
the word features, except that every character of a word holding a masked character gets
the ``norm_`` ``[MASK]`` (the word would give the character away).
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import logging  # noqa: E402
import random  # noqa: E402
import re  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from functools import partial  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy  # noqa: E402
import spacy  # noqa: E402
import srsly  # noqa: E402
from spacy.attrs import LEMMA, NORM  # noqa: E402
from spacy.ml.models.multi_task import get_characters_loss  # noqa: E402
from spacy.tokens import Doc  # noqa: E402
from spacy.training.pretrain import pretrain  # noqa: E402
from thinc.api import Config, LayerNorm, Maxout, Model, chain, list2array  # noqa: E402
from thinc.layers import MultiSoftmax  # noqa: E402

import pipeline.tokenizer  # noqa: E402,F401  (registers govie.CharWordTokenizer.v1)

logger = logging.getLogger("training.pretrain_tok2vec")
CONFIGS = ROOT / "training" / "configs"
MASK = "[MASK]"
STATS = {"loss": 0.0, "masked": 0, "words": 0}


class PretrainBudgetSpent(Exception):
    """Raised by the timed corpus to end pretraining once the budget is spent."""


@spacy.registry.readers("govie.TimedJsonlCorpus.v1")
def timed_jsonl_corpus(
    path: str,
    min_length: int = 5,
    max_length: int = 0,
    minutes: float = 40.0,
    seed: int = 0,
    first_epoch: int = 0,
):
    """Docs of a ``{"text": ...}`` JSONL file, shuffled per epoch, under a time budget.

    Yields the tokenizer's Docs (spaCy's ``JsonlCorpus`` yields reference Docs rebuilt
    from words, without the word features).
    """
    texts = [r["text"] for r in srsly.read_jsonl(path)]
    clock = {"start": time.monotonic(), "epoch_start": None, "epochs": first_epoch}

    def corpus(nlp) -> Iterator[Doc]:
        now = time.monotonic()
        if clock["epoch_start"] is not None:
            last = now - clock["epoch_start"]
            _log_epoch(clock["epochs"], last, now - clock["start"])
            clock["epochs"] += 1
            if now - clock["start"] + last > minutes * 60:
                raise PretrainBudgetSpent(f"no time left for another epoch of {last / 60:.1f} min")
        clock["epoch_start"] = now
        order = list(range(len(texts)))
        random.Random(seed + clock["epochs"]).shuffle(order)
        for i in order:
            if time.monotonic() - clock["start"] > minutes * 60:
                raise PretrainBudgetSpent(f"budget of {minutes} min spent inside an epoch")
            doc = nlp.make_doc(texts[i])
            if len(doc) >= min_length and (max_length <= 0 or len(doc) < max_length):
                yield doc

    return corpus


def _log_epoch(epoch: int, seconds: float, elapsed: float) -> None:
    mean = STATS["loss"] / max(1, STATS["masked"])
    logger.info(
        "epoch %d: %.1f min (%.1f in all), %d tokens, %d masked, loss/masked char %.4f",
        epoch, seconds / 60, elapsed / 60, STATS["words"], STATS["masked"], mean,
    )
    STATS.update(loss=0.0, masked=0, words=0)


def word_ids(lemmas: numpy.ndarray, begins: set[int]) -> numpy.ndarray:
    """Index of the word holding each token: a word starts at a ``B``/``S`` (or bare) token."""
    starts = numpy.array([i == 0 or int(x) in begins for i, x in enumerate(lemmas)], dtype=bool)
    return numpy.cumsum(starts) - 1


def mask_docs(docs: list[Doc], keep: numpy.ndarray, rng: numpy.random.Generator) -> list[Doc]:
    """Copies of ``docs`` with the tokens where ``keep`` is False masked (word features kept)."""
    strings = docs[0].vocab.strings
    mask_norm = strings.add(MASK)
    begins = {strings.add("B"), strings.add("S"), strings.add("")}
    pool = [t.text for doc in docs for t in doc]
    out, offset = [], 0
    for doc in docs:
        n = len(doc)
        hidden = ~keep[offset : offset + n]
        words = [t.text for t in doc]
        for i in numpy.flatnonzero(hidden):
            roll = rng.random()
            words[i] = MASK if roll < 0.8 else pool[rng.integers(len(pool))] if roll < 0.9 else words[i]
        masked = Doc(doc.vocab, words=words, spaces=[bool(t.whitespace_) for t in doc])
        feats = doc.to_array([NORM, LEMMA])
        if n:
            ids = word_ids(feats[:, 1], begins)
            feats[numpy.isin(ids, ids[hidden]), 0] = mask_norm
            masked.from_array([NORM, LEMMA], feats)
        out.append(masked)
        offset += n
    return out


@spacy.registry.architectures("govie.PretrainCharacters.v1")
def create_pretrain_characters(
    maxout_pieces: int, hidden_size: int, n_characters: int, mask_prob: float = 0.15
):
    """spaCy's PretrainCharacters objective with word-feature-preserving masking."""

    def create_objective(vocab, tok2vec: Model) -> Model:
        output_layer = chain(
            list2array(),
            Maxout(nO=hidden_size, nP=maxout_pieces),
            LayerNorm(nI=hidden_size),
            MultiSoftmax([256] * n_characters, nI=hidden_size),
        )
        model = masked_char_model(chain(tok2vec, output_layer), mask_prob)
        model.set_ref("tok2vec", tok2vec)
        model.set_ref("output_layer", output_layer)
        model.attrs["loss"] = partial(masked_loss, model=model, nr_char=n_characters)
        return model

    return create_objective


def masked_char_model(wrapped: Model, mask_prob: float) -> Model:
    rng = numpy.random.default_rng(0)

    def forward(model: Model, docs: list[Doc], is_train: bool):
        keep = rng.random(sum(len(d) for d in docs)) >= mask_prob
        output, backprop = model.layers[0](mask_docs(docs, keep, rng), is_train)
        model.attrs["keep"] = keep
        keep_col = model.ops.asarray(keep, dtype="f").reshape((-1, 1))

        def backward(d_output):
            return backprop(d_output * (1 - keep_col))

        return output, backward

    def init(model: Model, X=None, Y=None) -> None:
        model.layers[0].initialize(X=X, Y=Y)

    return Model("govie-masked-chars", forward, layers=[wrapped], init=init)


def masked_loss(ops, docs, prediction, *, model: Model, nr_char: int):
    """spaCy's character loss, reported over the masked tokens only."""
    _, d_target = get_characters_loss(ops, docs, prediction, nr_char)
    hidden = ~model.attrs["keep"]
    diff = ops.to_numpy(d_target)[hidden] * prediction.shape[0]
    loss = float((diff**2).sum())
    STATS["loss"] += loss
    STATS["masked"] += int(hidden.sum())
    STATS["words"] += len(hidden)
    return loss, d_target


def load_config(path: Path, overrides: dict) -> Config:
    """``ner.cfg`` with the pretraining sections of ``path`` merged over it."""
    base = Config().from_disk(CONFIGS / "ner.cfg", interpolate=False)
    config = base.merge(Config().from_disk(path, interpolate=False))
    return Config(config).from_str(config.to_str(), overrides=overrides)


def checkpoints(out: Path) -> list[tuple[int, Path]]:
    """``(epoch to resume at, file)``: ``model{N}.bin`` resumes at N+1, ``model{N}.temp.bin`` at N."""
    found = []
    for path in out.glob("model*.bin"):
        if m := re.fullmatch(r"model(\d+)(\.temp)?\.bin", path.name):
            found.append((int(m.group(1)) + (0 if m.group(2) else 1), path))
    return sorted(found, key=lambda x: (x[0], x[1].name.endswith(".temp.bin")))


def newest_epoch(out: Path) -> Path | None:
    """The ``model{N}.bin`` with the highest N in ``out`` (a complete epoch)."""
    done = [p for _, p in checkpoints(out) if not p.name.endswith(".temp.bin")]
    return done[-1] if done else None


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=ROOT / "training" / "runs" / "pretrain")
    ap.add_argument("--config", type=Path, default=CONFIGS / "pretrain.cfg")
    ap.add_argument("--minutes", type=float, default=40.0)
    ap.add_argument("--resume", action="store_true", help="continue from the newest modelN.bin")
    ap.add_argument("--set", action="append", default=[], help="extra config override a.b=value")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    overrides = {"corpora.pretrain.minutes": args.minutes}
    for item in args.set:
        key, _, value = item.partition("=")
        overrides[key] = json.loads(value)
    found = checkpoints(args.out) if args.resume and args.out.exists() else []
    epoch, resume = found[-1] if found else (0, None)
    overrides["corpora.pretrain.first_epoch"] = epoch
    config = load_config(args.config, overrides)
    args.out.mkdir(parents=True, exist_ok=True)
    config.to_disk(args.out / "config.cfg")
    logger.info("pretraining -> %s (resume from %s at epoch %d)", args.out, resume, epoch)
    try:
        pretrain(config, args.out, resume_path=resume, epoch_resume=epoch, silent=False)
    except PretrainBudgetSpent as err:
        logger.info("stopped: %s", err)
    logger.info("newest complete epoch: %s", newest_epoch(args.out))


if __name__ == "__main__":
    main()
