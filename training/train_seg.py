"""Train govie's word segmenter: a spacy-pkuseg CRF model, selected on CTB6 dev.

    .venv/bin/python training/train_seg.py                  # CTB6 + Zhuxian -> models/seg
    .venv/bin/python training/train_seg.py --extra --work /tmp/w --out /tmp/seg-ctb6

The corpora are read from ``../shared/data`` at run time (nothing is copied into the
repo). pkuseg's own trainer (``spacy_pkuseg.train``) does the work; we wrap it to keep
the weights of the iteration with the best dev F1 instead of the last one, and then
prune the model so that it stays small enough to commit:

* features whose weights are all below ``--prune`` in absolute value are dropped
  (their contribution to any Viterbi score is negligible) and the rest re-indexed;
* weights are rounded to float16 precision (kept as float64 for pkuseg, compressed);
* the word-bigram list that pkuseg stores for training only is emptied;
* lexicon words (``unigram``) that no kept ``w-1.``/``w1.``/``ww.*`` feature needs
  are dropped.
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import srsly

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.errors import Errors, GovieError  # noqa: E402
from pipeline.tokenizer import CharWordTokenizer, word_prf  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
CORPORA = {
    "ctb6": DATA / "cws_ctb6" / "ctb6.train.seg",
    "sxu": DATA / "cws_sxu" / "train.txt",
    "zhuxian": DATA / "cws_zhuxian" / "train.zhuxian.wordpos",
}
DEV = DATA / "cws_ctb6" / "ctb6.dev.seg"
logger = logging.getLogger("train_seg")


def read_segmented(path: Path) -> list[list[str]]:
    """Sentences of a segmented corpus as word lists (``word_POS`` tokens lose the tag)."""
    if not path.exists():
        raise GovieError(Errors.E302.format(path=path))
    sents = []
    with path.open(encoding="utf-8-sig") as f:
        for line in f:
            words = line.split()
            if path.suffix == ".wordpos":
                words = [w.rsplit("_", 1)[0] for w in words]
            if words:
                sents.append(words)
    return sents


def write_corpus(names: list[str], out: Path) -> int:
    """Concatenate the named training corpora into one pkuseg training file."""
    n = 0
    with out.open("w", encoding="utf-8") as f:
        for name in names:
            for words in read_segmented(CORPORA[name]):
                f.write(" ".join(words) + "\n")
                n += 1
    return n


def train_best(train_file: Path, dev_file: Path, work: Path, iters: int, trim: int) -> float:
    """Run pkuseg's trainer; keep the weights of the best dev iteration in ``work``."""
    import spacy_pkuseg
    from spacy_pkuseg import trainer
    from spacy_pkuseg.config import config

    config.featureTrim = trim
    config.save = 0  # we save the best iteration ourselves
    best = {"f1": -1.0, "iter": -1}
    original_test = trainer.Trainer.test

    def test_and_keep_best(self, testset, iteration):
        scores = original_test(self, testset, iteration)
        if scores[0] > best["f1"]:
            best.update(f1=scores[0], iter=iteration)
            self.model.save(str(work))
        logger.info("iter %d dev F1 %.2f (best %.2f @ %d)", iteration, scores[0],
                    best["f1"], best["iter"])
        return scores

    trainer.Trainer.test = test_and_keep_best
    try:
        spacy_pkuseg.train(str(train_file), str(dev_file), str(work), train_iter=iters)
    finally:
        trainer.Trainer.test = original_test
    return best["f1"]


def prune(src: Path, dst: Path, threshold: float) -> tuple[int, int]:
    """Copy the model in ``src`` to ``dst`` without near-zero features; (before, after)."""
    data = srsly.read_msgpack(src / "features.msgpack")
    npz = np.load(src / "weights.npz")
    n_tag, n_feat = (int(x) for x in npz["sizes"])
    w = npz["w"]
    node = w[: n_tag * n_feat].reshape(n_feat, n_tag)
    keep = np.abs(node).max(axis=1) >= threshold
    keep[0] = True  # the "$$" start feature every position has
    old = data["feature_to_idx"]
    by_idx = sorted(old.items(), key=lambda kv: kv[1])
    kept = [name for name, idx in by_idx if keep[idx]]
    feature_to_idx = {name: i for i, name in enumerate(kept)}
    new_w = np.concatenate([node[keep].reshape(-1), w[n_tag * n_feat:]])
    # float16 precision, stored as float64 (pkuseg's Viterbi wants doubles): the zeroed
    # low mantissa bits compress away, and the scores do not change
    new_w = new_w.astype(np.float16).astype(np.float64)
    words = set()
    for name in kept:
        if name.startswith(("w-1.", "w1.")):
            words.add(name.split(".", 1)[1])
        elif name.startswith("ww."):  # words never hold "*": pkuseg renames it
            words.update(name[5:].replace("**noWord", "").split("*"))
    data = {
        "unigram": sorted(w_ for w_ in data["unigram"] if w_ in words),
        "bigram": [],
        "feature_to_idx": feature_to_idx,
        "tag_to_idx": data["tag_to_idx"],
    }
    dst.mkdir(parents=True, exist_ok=True)
    srsly.write_msgpack(dst / "features.msgpack", data)
    np.savez_compressed(dst / "weights.npz", sizes=np.array([n_tag, len(kept)]), w=new_w)
    return n_feat, len(kept)


def evaluate(model_dir: Path, path: Path) -> tuple[float, float, float]:
    """Word P/R/F1 of the model in ``model_dir`` (no user dictionary) on a gold file."""
    tok = CharWordTokenizer(None, model_dir=model_dir, user_dict=False)
    gold = read_segmented(path)
    pred = [tok.segment("".join(words)) for words in gold]
    return word_prf(gold, pred)


def size_mb(model_dir: Path) -> float:
    return sum(p.stat().st_size for p in model_dir.iterdir() if p.is_file()) / 1e6


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--extra", nargs="*", default=["zhuxian"], choices=["sxu", "zhuxian"],
                   help="corpora added to CTB6 train (bare --extra: CTB6 only)")
    p.add_argument("--iters", type=int, default=16)
    p.add_argument("--trim", type=int, default=0, help="pkuseg featureTrim (min count - 1)")
    p.add_argument("--prune", type=float, default=0.05, help="drop features with max|w| below")
    p.add_argument("--work", type=Path, default=None, help="keep the unpruned model here")
    p.add_argument("--prune-only", action="store_true", help="re-prune the model in --work")
    p.add_argument("--out", type=Path, default=ROOT / "models" / "seg")
    args = p.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    start = time.time()
    with tempfile.TemporaryDirectory(prefix="govie-seg-") as tmp:
        work = args.work or Path(tmp) / "model"
        if not args.prune_only:
            work.mkdir(parents=True, exist_ok=True)
            train_file = Path(tmp) / "train.txt"
            n = write_corpus(["ctb6", *args.extra], train_file)
            logger.info("training on %d sentences (%s)", n, ", ".join(["ctb6", *args.extra]))
            best = train_best(train_file, DEV, work, args.iters, args.trim)
            logger.info("best dev F1 (unpruned, pkuseg scorer) %.2f", best)
        before, after = prune(work, args.out, args.prune)
    logger.info("pruned %d -> %d features; %s is %.1f MB", before, after, args.out,
                size_mb(args.out))
    p_, r_, f_ = evaluate(args.out, DEV)
    logger.info("CTB6 dev (pruned model): P %.4f R %.4f F1 %.4f; %.0f s", p_, r_, f_,
                time.time() - start)


if __name__ == "__main__":
    main()
