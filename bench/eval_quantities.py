"""Score ``govie_quantities`` alone on gold-format files: QTY span P/R/F, value/unit accuracy.

    .venv/bin/python bench/eval_quantities.py                 # ../shared/gold/*.jsonl
    .venv/bin/python bench/eval_quantities.py FILE... [--errors]

Spans match when start and end are equal. Value and unit accuracy are over gold QTYs
that carry a fact and that a predicted span matches exactly (value within 1e-6 relative).
Reported per file and pooled over all files.
"""

from __future__ import annotations

import argparse
import glob
import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import spacy  # noqa: E402

import pipeline.tokenizer  # noqa: E402,F401
from pipeline.components import quantities as _qty  # noqa: E402,F401
from pipeline.errors import Errors, GovieError  # noqa: E402

DEFAULT = str(ROOT.parent / "shared" / "gold" / "*.jsonl")
COUNTS = ("tp", "fp", "fn", "facts", "value_ok", "unit_ok", "approx_ok")


def make_nlp():
    config = {"nlp": {"tokenizer": {"@tokenizers": "govie.CharWordTokenizer.v1"}}}
    nlp = spacy.blank("zh", config=config)
    nlp.add_pipe("govie_quantities")
    return nlp


def same_value(a: float, b: float) -> bool:
    return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-9)


def score_line(nlp, line: dict, counts: dict, errors: list | None) -> None:
    text = line["text"]
    gold = {(e["start"], e["end"]): i for i, e in enumerate(line["entities"]) if e["label"] == "QTY"}
    facts = {f["qty"]: f for f in line.get("facts", [])}
    doc = nlp(text)
    pred = {(q["start"], q["end"]): q for q in doc._.quantities}
    counts["tp"] += len(gold.keys() & pred.keys())
    counts["fp"] += len(pred.keys() - gold.keys())
    counts["fn"] += len(gold.keys() - pred.keys())
    for key, index in gold.items():
        fact = facts.get(index)
        if key not in pred or fact is None:
            continue
        q = pred[key]
        counts["facts"] += 1
        counts["value_ok"] += same_value(q["value"], fact["value"])
        counts["unit_ok"] += q["unit"] == fact["unit"]
        counts["approx_ok"] += q["approx"] == fact["approx"]
        if errors is not None and not (same_value(q["value"], fact["value"]) and q["unit"] == fact["unit"]):
            errors.append(f"VAL {line['id']} {text[key[0]:key[1]]!r}: {q['value']} {q['unit']!r} "
                          f"gold {fact['value']} {fact['unit']!r}")
    if errors is not None:
        for kind, keys in (("FP", pred.keys() - gold.keys()), ("FN", gold.keys() - pred.keys())):
            for s, e in sorted(keys):
                errors.append(f"{kind} {line['id']} {text[max(0, s - 8):s]}[{text[s:e]}]{text[e:e + 5]}")


def report(name: str, c: dict) -> dict:
    p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
    r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    n = c["facts"] or 1
    row = {"file": name, "p": p, "r": r, "f": f, "value_acc": c["value_ok"] / n,
           "unit_acc": c["unit_ok"] / n, "approx_acc": c["approx_ok"] / n, **c}
    print(f"{name:<28} P {p:.3f}  R {r:.3f}  F {f:.3f}  value {row['value_acc']:.3f}  "
          f"unit {row['unit_acc']:.3f}  approx {row['approx_acc']:.3f}  "
          f"(tp {c['tp']} fp {c['fp']} fn {c['fn']}, facts {c['facts']})")
    return row


def main(argv: list[str] | None = None) -> list[dict]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", default=[DEFAULT])
    parser.add_argument("--errors", action="store_true", help="print every FP, FN, wrong value")
    parser.add_argument("--json", help="write the rows to this file")
    args = parser.parse_args(argv)
    paths = sorted({p for pattern in args.files for p in glob.glob(pattern)})
    if not paths:
        raise GovieError(Errors.E203.format(pattern=" ".join(args.files)))
    nlp = make_nlp()
    pooled = dict.fromkeys(COUNTS, 0)
    rows, errors = [], [] if args.errors else None
    for path in paths:
        counts = dict.fromkeys(COUNTS, 0)
        with open(path, encoding="utf8") as f:
            for raw in f:
                if raw.strip():
                    score_line(nlp, json.loads(raw), counts, errors)
        rows.append(report(Path(path).name, counts))
        for key in COUNTS:
            pooled[key] += counts[key]
    rows.append(report("POOLED", pooled))
    if errors:
        print("\n".join(errors))
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1), encoding="utf8")
    return rows


if __name__ == "__main__":
    main()
