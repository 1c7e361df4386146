"""Build ``models/lexicons/names.tsv``: names the training annotations label consistently.

A string annotated PER, LOC or ORG in ../shared/train is kept with its most frequent
label when that label covers at least 60 % of the string's occurrences in the training
text (a derived lexicon: short names only, no sentences).

    python corpus/name_lexicon.py [--shared ../shared] [--out models/lexicons/names.tsv]
"""

from __future__ import annotations

import argparse
import json
import logging
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LABELS = ("PER", "LOC", "ORG")


def consistent_names(lines: list[dict], min_rate: float = 0.6, labels: tuple[str, ...] = LABELS,
                     min_count: int = 1) -> dict[str, str]:
    """Strings labelled one way in at least ``min_rate`` of their occurrences."""
    labelled: dict[str, Counter] = defaultdict(Counter)
    for line in lines:
        for e in line["entities"]:
            if e["label"] in labels:
                labelled[line["text"][e["start"] : e["end"]]][e["label"]] += 1
    texts = [line["text"] for line in lines]
    out = {}
    for string, counts in labelled.items():
        label, n = counts.most_common(1)[0]
        if len(string) < 2 or n < min_count:
            continue
        seen = sum(t.count(string) for t in texts)
        if seen and n / seen >= min_rate:
            out[string] = label
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--out", type=Path, default=ROOT / "models" / "lexicons" / "names.tsv")
    args = parser.parse_args()
    lines = [json.loads(raw) for path in sorted((args.shared / "train").glob("*.jsonl"))
             for raw in path.read_text(encoding="utf8").splitlines() if raw.strip()]
    names = consistent_names(lines)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("".join(f"{s}\t{lab}\n" for s, lab in sorted(names.items())), encoding="utf8")
    logging.basicConfig(level=logging.INFO)
    logging.info("wrote %d names to %s", len(names), args.out)


if __name__ == "__main__":
    main()
