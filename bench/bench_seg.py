"""Benchmark govie's word segmenter against jieba.

    .venv/bin/python bench/bench_seg.py [--model models/seg] [--limit N]

Prints, for our pkuseg model (with and without ``user_dict.txt``) and for jieba on the
same text: word P/R/F1 on the SIGHAN 2005 PKU test gold and on CTB6 test, and chars/s;
on the in-domain annotations (``../shared/train``) the share of gold entity edges that
fall on word edges, per label; the speed of ``nlp.pipe`` with our tokenizer for
n_process=1 vs 2; and the peak RSS. Gold text is read from ``../shared`` at run time.
"""

from __future__ import annotations

import argparse
import json
import logging
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

import spacy

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.tokenizer import CharWordTokenizer, word_positions, word_prf  # noqa: E402

SHARED = ROOT.parent / "shared"
TESTS = {
    "PKU test": SHARED / "data" / "cws_sighan2005_test_gold" / "pku_test_gold.utf8",
    "CTB6 test": SHARED / "data" / "cws_ctb6" / "ctb6.test.seg",
}
LABELS = ("LOC", "IND", "ORG", "QTY", "DATE")
Segmenter = Callable[[str], list[str]]


def read_gold(path: Path, limit: int | None) -> list[list[str]]:
    with path.open(encoding="utf-8-sig") as f:
        sents = [line.split() for line in f if line.split()]
    return sents[:limit] if limit else sents


def segmenters(model_dir: Path) -> dict[str, Segmenter]:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    ours = CharWordTokenizer(None, model_dir=model_dir, user_dict=False)
    found = {"govie": ours.segment}
    if (model_dir / "user_dict.txt").exists():
        found["govie+dict"] = CharWordTokenizer(None, model_dir=model_dir).segment
    found["jieba"] = lambda text: [w for w in jieba.lcut(text) if w.strip()]
    return found


def score_gold(segment: Segmenter, gold: list[list[str]]) -> tuple[float, float, float, float]:
    """P, R, F1 and chars/s of ``segment`` on gold sentences."""
    texts = ["".join(words) for words in gold]
    start = time.perf_counter()
    pred = [segment(text) for text in texts]
    secs = time.perf_counter() - start
    return (*word_prf(gold, pred), sum(map(len, texts)) / secs)


def read_domain(limit: int | None) -> list[dict]:
    records = []
    for path in sorted((SHARED / "train").glob("*.jsonl")):
        with path.open(encoding="utf-8") as f:
            records.extend(json.loads(line) for line in f if line.strip())
    return records[:limit] if limit else records


def edge_agreement(segment: Segmenter, records: list[dict]) -> dict[str, float]:
    """Per label: the share of gold entity edges (start, end) that are word edges, and
    (key ``"LABEL=1w"``) the share of entities that are exactly one word.

    Finer words score higher on edges (characters score 1.0), lower on one-word
    entities; ``chars/word`` gives the granularity.
    """
    hits, whole, total = (dict.fromkeys(LABELS, 0) for _ in range(3))
    n_chars = n_words = 0
    for rec in records:
        text = rec["text"]
        positions = word_positions(text, segment(text))
        n_words += len(positions)
        n_chars += sum(end - start for start, end in positions)
        edges = {edge for span in positions for edge in span}
        words = set(positions)
        for ent in rec["entities"]:
            if ent["label"] in total:
                total[ent["label"]] += 1
                hits[ent["label"]] += (ent["start"] in edges) + (ent["end"] in edges)
                whole[ent["label"]] += (ent["start"], ent["end"]) in words
    shares = {lb: hits[lb] / (2 * total[lb]) for lb in LABELS if total[lb]}
    shares.update({f"{lb}=1w": whole[lb] / total[lb] for lb in LABELS if total[lb]})
    shares["chars/word"] = n_chars / max(n_words, 1)
    return shares


def pipe_speed(model_dir: Path, texts: list[str]) -> dict[int, float]:
    """chars/s of ``nlp.pipe`` with our tokenizer, for n_process 1 and 2."""
    nlp = spacy.blank(
        "zh",
        config={"nlp": {"tokenizer": {"@tokenizers": "govie.CharWordTokenizer.v1",
                                      "model_dir": str(model_dir)}}},
    )
    n_chars = sum(len(t) for t in texts)
    speeds = {}
    for n_process in (1, 2):
        start = time.perf_counter()
        for _ in nlp.pipe(texts, n_process=n_process, batch_size=64):
            pass
        speeds[n_process] = n_chars / (time.perf_counter() - start)
    return speeds


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--model", type=Path, default=ROOT / "models" / "seg")
    p.add_argument("--limit", type=int, default=None, help="sentences per set (default all)")
    args = p.parse_args()
    if not SHARED.exists():
        sys.exit(f"{SHARED} is absent: nothing to benchmark on")
    segs = segmenters(args.model)
    print(f"model {args.model}: " + ", ".join(
        f"{f.name} {f.stat().st_size / 1e6:.1f} MB" for f in sorted(args.model.iterdir())
        if f.is_file()))
    print(f"\n{'set':<10} {'segmenter':<11} {'P':>7} {'R':>7} {'F1':>7} {'chars/s':>9}")
    texts: list[str] = []
    for set_name, path in TESTS.items():
        gold = read_gold(path, args.limit)
        texts += ["".join(words) for words in gold]
        for seg_name, segment in segs.items():
            prec, rec, f1, speed = score_gold(segment, gold)
            print(f"{set_name:<10} {seg_name:<11} {prec:7.4f} {rec:7.4f} {f1:7.4f} {speed:9.0f}")
    records = read_domain(args.limit)
    print(f"\nentity edges on word edges; X=1w: entities that are one word "
          f"({len(records)} in-domain paragraphs, ../shared/train)")
    columns = (*LABELS, *(f"{lb}=1w" for lb in LABELS), "chars/word")
    print(f"{'segmenter':<11} " + " ".join(f"{name:>7}" for name in columns))
    for seg_name, segment in segs.items():
        shares = edge_agreement(segment, records)
        print(f"{seg_name:<11} " + " ".join(f"{shares.get(c, 0):7.3f}" for c in columns))
    speeds = pipe_speed(args.model, texts)
    print(f"\nnlp.pipe, {sum(map(len, texts))} chars: n_process=1 {speeds[1]:.0f} chars/s, "
          f"n_process=2 {speeds[2]:.0f} chars/s, speed-up {speeds[2] / speeds[1]:.2f}x")
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak RSS: main process {own:.0f} MB, largest worker {kids:.0f} MB")


if __name__ == "__main__":
    main()
