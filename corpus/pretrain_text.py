"""Raw report text for pretraining the NER's token-to-vector layer.

    .venv/bin/python corpus/pretrain_text.py [--min-year 1954] [--min-chars 10]

Writes ``corpus/build/pretrain.jsonl`` (``{"text": ...}`` per paragraph, the format
``spacy pretrain`` reads) from the government reports in ``../shared/data``: national
1954–2025, provincial 2025 (docx) and 2026 (csv), read as ``corpus/build.py`` reads them.

Dropped: paragraphs that overlap gold or seed text (:class:`corpus.guard.Guard`), and
paragraphs that overlap held-out annotated text of ``../shared/train`` — the NER dev split
(``corpus/build.py``) and the documents ``training/split.py`` holds out for the indicator
and fact models — so pretraining never sees selection text. Paragraphs are deduplicated
after whitespace normalisation.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from corpus import build  # noqa: E402
from corpus.guard import Guard, normalise  # noqa: E402
from training.split import is_dev as is_held_out_doc  # noqa: E402

logger = logging.getLogger("corpus.pretrain_text")
OUT = build.OUT / "pretrain.jsonl"
NATIONAL = "gov_work_reports_national_1954_2025/government_work_reports.jsonl"
HELD_OUT_TENTHS = 2  # dev_tenths of training/configs/indicators.cfg and facts.cfg


def early_national(data: Path, min_year: int) -> Iterator[str]:
    """Paragraphs of national reports from ``min_year`` to 1999 (build.py reads ≥ 2000)."""
    for row in build.read_jsonl(data / NATIONAL):
        year = int(row["year"]) if row.get("year") else None
        if year is not None and min_year <= year < 2000:
            yield from row["content"].split("\n")


def report_text(data: Path, min_year: int = 1954) -> Iterator[str]:
    """All report paragraphs, stripped (empty ones included)."""
    yield from (p.strip() for p in early_national(data, min_year))
    yield from (p.strip() for p in build.report_paragraphs(data))


def held_out_texts(shared: Path) -> list[str]:
    """Annotated paragraphs used for model selection: never pretrain on them."""
    train, dev = build.split_train(shared)
    held = [x["text"] for x in dev]
    held += [x["text"] for x in train if is_held_out_doc(x.get("doc") or "", HELD_OUT_TENTHS)]
    return held


def select(paragraphs: Iterable[str], guards: list[Guard], min_chars: int) -> tuple[list[str], dict]:
    """Unique paragraphs of at least ``min_chars`` that no guard blocks, and counts."""
    seen: set[str] = set()
    kept: list[str] = []
    stats = {"read": 0, "short": 0, "duplicate": 0, "blocked": 0}
    for text in paragraphs:
        stats["read"] += 1
        norm = normalise(text)
        if len(norm) < min_chars:
            stats["short"] += 1
        elif norm in seen:
            stats["duplicate"] += 1
        elif any(g.blocks(text) for g in guards):
            stats["blocked"] += 1
        else:
            seen.add(norm)
            kept.append(text)
    stats["kept"] = len(kept)
    stats["chars"] = sum(len(t) for t in kept)
    return kept, stats


def write_jsonl(texts: Iterable[str], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf8") as f:
        f.writelines(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in texts)


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=build.SHARED)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--min-year", type=int, default=1954)
    ap.add_argument("--min-chars", type=int, default=10)
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    guards = [Guard.from_shared(args.shared), Guard(held_out_texts(args.shared))]
    texts, stats = select(report_text(args.shared / "data", args.min_year), guards, args.min_chars)
    write_jsonl(texts, args.out)
    logger.info("%s: %s", args.out, json.dumps(stats))
    return stats


if __name__ == "__main__":
    main()
