"""Speed of the pipeline with the CNN ``ner`` and with ``govie_transformer_ner``, 1 process.

    .venv/bin/python bench/bench_encoder.py [--encoder models/encoder] [--chars 120000] [--rounds 2]

Both pipelines (built as in ``training/eval_encoder.py``) run in this process, one
thread, over the same texts: the 2026 provincial reports (``../shared/data``, read at
run time), one document per report, cut to ``--chars`` characters in all. Rounds
alternate the pipelines; each pipeline's best round is reported: wall chars/s, chars
per CPU-second (barely moved by other users of the machine), and the NER step alone
(``tok2vec`` + ``ner`` or ``govie_transformer_ner``). The last line is the
transformer ÷ CNN ratio (the issue's bar: at least 0.5).
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse  # noqa: E402
import csv  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from training.eval_encoder import ENCODER, build  # noqa: E402

PROVINCIAL = ROOT.parent / "shared" / "data" / "gov_work_reports_provincial_2026"
NER_STEPS = {"tok2vec", "ner", "govie_transformer_ner"}


def report_texts(max_chars: int) -> list[str]:
    """Whole reports (paragraphs joined by newlines), the last one cut to fit."""
    csv.field_size_limit(10**8)
    texts, total = [], 0
    for path in sorted(PROVINCIAL.glob("2026_*.csv")):
        with path.open(encoding="utf-8-sig") as f:
            for row in csv.DictReader(f):
                text = "\n".join(p.strip() for p in row["full_text"].split("\n") if p.strip())
                texts.append(text[: max_chars - total])
                total += len(texts[-1])
                if total >= max_chars:
                    return texts
    return texts


def run(nlp, texts: list[str]) -> dict:
    """Wall and CPU seconds of the whole pipeline and of its NER steps."""
    wall0, cpu0 = time.perf_counter(), time.process_time()
    ner_wall = ner_cpu = 0.0
    for text in texts:
        doc = nlp.make_doc(text)
        for name, proc in nlp.pipeline:
            w, c = time.perf_counter(), time.process_time()
            doc = proc(doc)
            if name in NER_STEPS:
                ner_wall += time.perf_counter() - w
                ner_cpu += time.process_time() - c
    return {"wall": time.perf_counter() - wall0, "cpu": time.process_time() - cpu0,
            "ner_wall": ner_wall, "ner_cpu": ner_cpu}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--encoder", type=Path, default=ENCODER)
    ap.add_argument("--chars", type=int, default=120_000)
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args(argv)
    import torch

    torch.set_num_threads(1)
    texts = report_texts(args.chars)
    chars = sum(len(t) for t in texts)
    pipelines = {kind: build(kind, args.encoder) for kind in ("cnn", "transformer")}
    for nlp in pipelines.values():
        nlp("2025年全市地区生产总值增长5.2%。")
    best: dict[str, dict] = {}
    for _ in range(args.rounds):
        for kind, nlp in pipelines.items():
            r = run(nlp, texts)
            if kind not in best or r["cpu"] < best[kind]["cpu"]:
                best[kind] = r
    print(f"# {len(texts)} reports, {chars} chars, best of {args.rounds} rounds, load {os.getloadavg()[0]:.1f}")
    print("| pipeline | chars/s (wall) | chars/CPU-s | NER step chars/CPU-s |")
    print("|---|---|---|---|")
    for kind, r in best.items():
        print(f"| {kind} | {chars / r['wall']:.0f} | {chars / r['cpu']:.0f} | {chars / r['ner_cpu']:.0f} |")
    ratio = best["cnn"]["cpu"] / best["transformer"]["cpu"]
    print(f"transformer / cnn chars per CPU-s: {ratio:.2f} (bar: >= 0.50); "
          f"wall: {best['cnn']['wall'] / best['transformer']['wall']:.2f}")


if __name__ == "__main__":
    main()
