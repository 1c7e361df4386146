"""Score the fact linker alone: gold entities in, facts out, gold.py's scorer.

    python training/eval_facts.py ../shared/train/*.jsonl      # tune on train
    python training/eval_facts.py ../shared/gold/*.jsonl       # measure on dev gold

Entities come from the gold file (an oracle for NER), so the scores isolate linking,
years, change/target and value normalisation.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from eval_ner import load_scorer  # training/ is the script directory

import pipeline
from pipeline.annotate import group_documents, make_document_doc, split_document
from pipeline.build import add_facts


def oracle_predict(nlp, rows: list[dict]) -> list[dict]:
    """Predictions for gold rows, with the gold entities set before ``govie_facts``."""
    facts = nlp.get_pipe("govie_facts")
    out = []
    for group in group_documents(rows):
        doc, starts = make_document_doc(nlp, group)
        spans = []
        for row, start in zip(group, starts):
            for e in row["entities"]:
                span = doc.char_span(start + e["start"], start + e["end"], label=e["label"])
                if span is not None:
                    spans.append(span)
        doc.set_ents(spans)
        doc._.quantities = None
        out.extend(split_document(facts(doc), group, starts))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--dump", type=Path, help="write predictions here")
    parser.add_argument("--facts-model", type=Path, help="trained linker dir (default: rules)")
    args = parser.parse_args()
    gold = load_scorer()
    nlp = pipeline.blank()
    add_facts(nlp, args.facts_model)
    all_gold, all_pred = [], []
    for path in args.files:
        rows = gold.read_jsonl(path)
        preds = oracle_predict(nlp, rows)
        all_gold += rows
        all_pred += preds
    result = gold.score(all_gold, all_pred)
    print(gold.report(result))
    if args.dump:
        args.dump.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in all_pred))


if __name__ == "__main__":
    main()
