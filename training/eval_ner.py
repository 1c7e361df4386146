"""Score an NER pipeline on the gold files: per-label P/R/F pooled and per file.

    .venv/bin/python training/eval_ner.py models/ner [--gold ../shared/gold] \
        [--pre govie_quantities,govie_dates] [--pred-dir out/ner-pred]

``--gold corpus/build/dev`` scores the held-out train split instead (model selection).

Predictions are written in the gold format (entities only, no facts) and scored with
``../shared/tools/gold.py``'s ``score``. ``--pre`` adds rule components before ``ner``
(those whose factories are importable). ``--labels`` restricts the entities kept.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse  # noqa: E402
import importlib.util  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import spacy  # noqa: E402
from spacy.language import Language  # noqa: E402

import pipeline.tokenizer  # noqa: E402,F401

SHARED = ROOT.parent / "shared"
LABELS = ("PER", "LOC", "ORG", "IND", "QTY", "DATE")
FACTORY_MODULES = {
    "govie_quantities": "pipeline.components.quantities",
    "govie_dates": "pipeline.components.dates",
}


def load_scorer(path: Path = SHARED / "tools" / "gold.py"):
    """``../shared/tools/gold.py`` as a module (build_line, check_line, score …)."""
    spec = importlib.util.spec_from_file_location("gold_tool", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_pipeline(path: Path, pre: list[str]) -> Language:
    nlp = spacy.load(path)
    for name in pre:
        importlib.import_module(FACTORY_MODULES[name])
        if name not in nlp.pipe_names:
            first = "ner" if "ner" in nlp.pipe_names else None
            nlp.add_pipe(name, before=first) if first else nlp.add_pipe(name)
    return nlp


def predict(nlp: Language, lines: list[dict], labels: set[str]) -> list[dict]:
    out = []
    for line, doc in zip(lines, nlp.pipe(x["text"] for x in lines)):
        ents = [
            {"start": e.start_char, "end": e.end_char, "label": e.label_}
            for e in doc.ents
            if e.label_ in labels
        ]
        out.append({**{k: line.get(k) for k in ("id", "doc", "doc_year", "doc_place", "text")},
                    "entities": ents, "facts": []})
    return out


def table(title: str, result: dict) -> str:
    rows = [f"{title}: P {result['entities']['p']:.3f} R {result['entities']['r']:.3f} "
            f"F {result['entities']['f']:.3f} (gold {result['entities']['gold']})"]
    for label in LABELS:
        v = result["entities_by_label"].get(label)
        if v:
            rows.append(f"  {label:5s} P {v['p']:.3f}  R {v['r']:.3f}  F {v['f']:.3f}  "
                        f"(gold {v['gold']}, pred {v['pred']})")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("model", type=Path)
    ap.add_argument("--gold", type=Path, default=SHARED / "gold")
    ap.add_argument("--tool", type=Path, default=SHARED / "tools" / "gold.py")
    ap.add_argument("--pre", default="", help="rule components to add before ner")
    ap.add_argument("--labels", default=",".join(LABELS))
    ap.add_argument("--pred-dir", type=Path, default=None)
    ap.add_argument("--json", type=Path, default=None, help="write pooled scores here")
    args = ap.parse_args(argv)
    tool = load_scorer(args.tool)
    nlp = load_pipeline(args.model, [p for p in args.pre.split(",") if p])
    labels = set(args.labels.split(","))
    gold_all, pred_all = [], []
    for path in sorted(args.gold.glob("*.jsonl")):
        gold = tool.read_jsonl(path)
        pred = predict(nlp, gold, labels)
        gold_all += gold
        pred_all += pred
        if args.pred_dir:
            args.pred_dir.mkdir(parents=True, exist_ok=True)
            with (args.pred_dir / path.name).open("w", encoding="utf8") as f:
                f.writelines(json.dumps(p, ensure_ascii=False) + "\n" for p in pred)
        print(table(path.name, tool.score(gold, pred)))
    pooled = tool.score(gold_all, pred_all)
    print(table("POOLED", pooled))
    if args.json:
        args.json.write_text(json.dumps(pooled, indent=1), encoding="utf8")


if __name__ == "__main__":
    main()
