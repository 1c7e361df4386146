"""Build the bundled samples from our own drafts (text written by the govie developers).

    python corpus/make_sample_gold.py

reads ``corpus/annotations/samples.draft.jsonl`` (entities named by text, as
``../shared/tools/gold.py build`` takes them), writes the gold file
``corpus/annotations/samples.jsonl`` with offsets and the pipeline's input
``corpus/samples/samples.jsonl`` (id, doc, doc_year, doc_place, text).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DRAFT = HERE / "annotations" / "samples.draft.jsonl"
GOLD = HERE / "annotations" / "samples.jsonl"
INPUT = HERE / "samples" / "samples.jsonl"
SCORER = HERE.parents[1] / "shared" / "tools" / "gold.py"
INPUT_KEYS = ("id", "doc", "doc_year", "doc_place", "text")


def main() -> None:
    sys.path.insert(0, str(HERE.parent))
    from training.eval_ner import load_scorer

    gold = load_scorer(SCORER)
    drafts = [json.loads(x) for x in DRAFT.read_text(encoding="utf8").splitlines() if x.strip()]
    lines = [gold.build_line(d) for d in drafts]
    GOLD.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), "utf8")
    INPUT.parent.mkdir(parents=True, exist_ok=True)
    rows = [{k: x[k] for k in INPUT_KEYS} for x in lines]
    INPUT.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf8")


if __name__ == "__main__":
    main()
