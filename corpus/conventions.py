"""Align our annotations with the span conventions of ../shared/train.

Our annotators followed ANNOTATION.md, but where it leaves room (a verb that "defines what
is counted") they split where ../shared/train does not: train keeps 新增 in front of an
indicator 58 times out of 58 (新增高铁运营里程), our local summaries only 53 of 102.
The scorer learns a coin toss from that. This module measures, per verb, how train
decides, and moves our ``IND`` starts over the verbs that train always keeps; it also
takes the quotes around a quoted indicator into the span (train: 39 of 39).

    python corpus/conventions.py            # report what would change
    python corpus/conventions.py --write    # rewrite corpus/annotations/*.jsonl
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from corpus.standoff import ANNOTATIONS, SHARED, line_reader, read_jsonl, train_lines  # noqa: E402

logger = logging.getLogger("corpus.conventions")

# verbs that may stand in front of an indicator; train decides which of them to keep
VERBS = ("新增", "新建", "改造", "治理", "新改建", "新开工", "建成", "培育", "引进", "接待")
MIN_EVIDENCE = 5
LIST_JOINERS = "和与及、或"


def verb_decisions(train_lines: list[dict], verbs=VERBS) -> dict[str, tuple[int, int]]:
    """Per verb: (times train starts an IND with it, times an IND starts right after it)."""
    kept, left = Counter(), Counter()
    longest_first = sorted(verbs, key=len, reverse=True)
    for line in train_lines:
        text = line["text"]
        for ent in line["entities"]:
            if ent["label"] != "IND":
                continue
            span = text[ent["start"] : ent["end"]]
            for verb in longest_first:
                if span.startswith(verb) and len(span) > len(verb):
                    kept[verb] += 1
                    break
                if text[max(0, ent["start"] - len(verb)) : ent["start"]] == verb:
                    left[verb] += 1
                    break
    return {v: (kept[v], left[v]) for v in verbs}


def always_kept(decisions: dict[str, tuple[int, int]], min_evidence: int = MIN_EVIDENCE) -> list[str]:
    """Verbs train keeps every time, on at least ``min_evidence`` indicators."""
    return [v for v, (kept, left) in decisions.items() if kept >= min_evidence and left == 0]


def _free(entities: list[dict], ent: dict, start: int, end: int) -> bool:
    return not any(o is not ent and o["start"] < end and start < o["end"] for o in entities)


def align_entities(text: str, entities: list[dict], verbs: list[str]) -> int:
    """Widen ``IND`` entities in place (quotes, then kept verbs); returns how many changed."""
    changed = 0
    for ent in entities:
        if ent["label"] != "IND":
            continue
        start, end = ent["start"], ent["end"]
        if text[start - 1 : start] == "“" and text[end : end + 1] == "”" and _free(entities, ent, start - 1, end + 1):
            ent["start"], ent["end"] = start - 1, end + 1
            changed += 1
            continue
        for verb in sorted(verbs, key=len, reverse=True):
            head = start - len(verb)
            if head < 0 or text[head:start] != verb:
                continue
            joined = head > 0 and text[head - 1] in LIST_JOINERS  # 新建和改造渠道: leave
            if not joined and _free(entities, ent, head, start):
                ent["start"] = head
                changed += 1
            break
    return changed


def align_file(path: Path, verbs: list[str], lines_of, write: bool = False) -> int:
    """Align one annotation file (own text or stand-off against ../shared)."""
    records = read_jsonl(path)
    changed = 0
    for record in records:
        text = record["text"] if "text" in record else lines_of(record["file"])[record["line"] - 1]
        changed += align_entities(text, record["entities"], verbs)
    if write and changed:
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf8")
    return changed


def align_all(shared: Path = SHARED, directory: Path = ANNOTATIONS, write: bool = False) -> dict[str, int]:
    """Changes per annotation file (written back with ``write``)."""
    verbs = always_kept(verb_decisions(train_lines(shared)))
    logger.info("verbs train always keeps in IND: %s", " ".join(verbs))
    lines_of = line_reader(shared)
    counts = {}
    for path in sorted(directory.glob("*.jsonl")):
        if path.name.startswith("samples"):
            continue
        counts[path.name] = align_file(path, verbs, lines_of, write)
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--write", action="store_true", help="rewrite the annotation files")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    counts = align_all(write=args.write)
    logger.info("%d IND spans %s", sum(counts.values()), "widened" if args.write else "would widen")
    for name, n in counts.items():
        if n:
            logger.info("  %s: %d", name, n)


if __name__ == "__main__":
    main()
