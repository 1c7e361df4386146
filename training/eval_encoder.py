"""Score the full pipeline with the CNN ``ner`` and with ``govie_transformer_ner``.

    .venv/bin/python training/eval_encoder.py [--encoder models/encoder] \
        [--gold ../shared/gold] [--kinds cnn,transformer] [--json out/encoder_eval.json]

Both pipelines are ``pipeline.build.assemble(ner=...)`` (rules, NER, ``govie_guard``,
indicators, facts); the transformer variant puts ``govie_transformer_ner`` where
``tok2vec`` + ``ner`` are. Every gold file is annotated
as ``govie eval`` does (``pipeline/annotate.py``) and the pooled lines are scored with
``gold.py score``. ``--gold corpus/build/dev`` scores the held-out split instead.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from spacy.language import Language  # noqa: E402

from pipeline.annotate import annotate_rows, read_jsonl  # noqa: E402
from pipeline.build import assemble  # noqa: E402
from training.eval_ner import LABELS, load_scorer  # noqa: E402

SHARED = ROOT.parent / "shared"
ENCODER = ROOT / "models" / "encoder"


def build(kind: str, encoder: str | Path = ENCODER) -> Language:
    """``cnn`` (the shipped pipeline), ``transformer``, or ``rules`` (no statistical NER)."""
    if kind == "rules":
        return assemble(ner_model=None)
    return assemble(ner=kind, encoder_model=encoder)


def score_pipeline(nlp: Language, gold_dir: Path, tool) -> dict:
    gold = [row for path in sorted(gold_dir.glob("*.jsonl")) for row in read_jsonl(path)]
    pred = annotate_rows(nlp, gold)
    return tool.score(gold, pred)


def row(kind: str, result: dict) -> str:
    by = result["entities_by_label"]
    cells = [f"{result['entities']['f']:.3f}"] + [f"{by[k]['f']:.3f}" if k in by else "" for k in LABELS]
    return f"| {kind} | " + " | ".join(cells) + f" | {result['facts']['f']:.3f} |"


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--encoder", type=Path, default=ENCODER)
    ap.add_argument("--gold", type=Path, default=SHARED / "gold")
    ap.add_argument("--tool", type=Path, default=SHARED / "tools" / "gold.py")
    ap.add_argument("--kinds", default="cnn,transformer", help="cnn, transformer, rules")
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args(argv)
    import torch

    torch.set_num_threads(1)
    tool = load_scorer(args.tool)
    results = {}
    print("| pipeline | entities F | " + " | ".join(LABELS) + " | facts F |")
    print("|---" * (len(LABELS) + 3) + "|")
    for kind in args.kinds.split(","):
        results[kind] = score_pipeline(build(kind, args.encoder), args.gold, tool)
        print(row(kind, results[kind]), flush=True)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=1), encoding="utf8")


if __name__ == "__main__":
    main()
