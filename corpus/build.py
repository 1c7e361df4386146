"""Build the NER training corpus as spaCy DocBins in ``corpus/build/``.

- ``train.spacy`` / ``dev.spacy``: ``../shared/train`` split ~90/10 by a hash of the
  paragraph id (dev is for model selection only).
- ``ours.spacy``, ``ours/ours.jsonl``: our stand-off annotations of ../shared report
  paragraphs (``corpus/annotations/*.standoff.jsonl``, ``corpus/standoff.py``), all for
  training.
- ``public.spacy``: msra, peoples_daily, cluener, weibo, resume mapped to PER/LOC/ORG;
  tokens of clauses with digits or time words are *missing* (those sources do not
  annotate QTY/DATE/IND), as are source labels without a govie counterpart.
- ``silver.spacy``: government report paragraphs labelled by ``corpus/silver.py``;
  only the labels whose rules reach ``--min-precision`` and ``--min-recall`` on the
  dev split are kept, all
  other tokens are *missing*.

Every paragraph passes ``corpus/guard.py`` (no gold/seed text), and report paragraphs
already in ``../shared/train`` are skipped.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import logging
import random
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from spacy.tokens import Doc, DocBin  # noqa: E402
from spacy.vocab import Vocab  # noqa: E402

from corpus import public, silver  # noqa: E402
from corpus.guard import Guard  # noqa: E402
from corpus.standoff import load_annotations, read_jsonl  # noqa: E402
from pipeline.errors import Errors, GovieError  # noqa: E402
from pipeline.tokenizer import CharWordTokenizer  # noqa: E402

logger = logging.getLogger("corpus.build")
SHARED = ROOT.parent / "shared"
OUT = ROOT / "corpus" / "build"
PUBLIC = ("msra", "peoples_daily", "cluener", "weibo", "resume")
UNKNOWN_CLAUSE = re.compile(r"[0-9０-９%％年月日季度去今明同期]|[一二两三四五六七八九十百千万亿][个名家项人次元亿万]")
CLAUSE = re.compile(r"[^，。；！？,;!?：:、]+")


def is_dev(line_id: str, dev_share: float = 0.1) -> bool:
    digest = hashlib.md5(line_id.encode("utf8")).hexdigest()
    return int(digest[:8], 16) / 0xFFFFFFFF < dev_share


def split_train(shared: Path) -> tuple[list[dict], list[dict]]:
    paths = sorted((shared / "train").glob("*.jsonl"))
    if not paths:
        raise GovieError(Errors.E401.format(path=shared / "train"))
    lines = [x for p in paths for x in read_jsonl(p)]
    train = [x for x in lines if not is_dev(x["id"])]
    dev = [x for x in lines if is_dev(x["id"])]
    return train, dev


def make_doc(
    tokenizer: CharWordTokenizer,
    text: str,
    spans: Iterable[tuple[int, int, str]],
    missing: Iterable[tuple[int, int]] = (),
    default: str = "outside",
) -> Doc:
    """A char-token Doc with ``spans`` as entities and ``missing`` ranges unannotated."""
    doc = tokenizer(text)
    ents, taken = [], set()
    for s, e, label in sorted(spans):
        span = doc.char_span(s, e, label=label, alignment_mode="contract")
        if span is None or not len(span) or any(i in taken for i in range(span.start, span.end)):
            continue
        ents.append(span)
        taken.update(range(span.start, span.end))
    miss = []
    for s, e in missing:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is None:
            continue
        miss.extend(doc[i : i + 1] for i in range(span.start, span.end) if i not in taken)
    seen: set[int] = set()
    miss = [m for m in miss if not (m.start in seen or seen.add(m.start))]
    doc.set_ents(ents, missing=miss, default=default)
    return doc


def gold_doc(tokenizer: CharWordTokenizer, line: dict) -> Doc:
    spans = [(e["start"], e["end"], e["label"]) for e in line["entities"]]
    return make_doc(tokenizer, line["text"], spans)


def unknown_ranges(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """Clauses that may hold QTY/DATE/IND, which the public corpora do not annotate."""
    return [(m.start(), m.end()) for m in CLAUSE.finditer(text) if UNKNOWN_CLAUSE.search(m.group())]


def public_docs(tokenizer, guard: Guard, data: Path, max_chars: int, seed: int) -> list[Doc]:
    rng = random.Random(seed)
    docs = []
    for name in PUBLIC:
        items = [it for it in public.read_public(name, data) if it[0].strip()]
        rng.shuffle(items)
        budget = max_chars // len(PUBLIC)
        for text, spans, missing in items:
            if budget <= 0:
                break
            if guard.blocks(text):
                continue
            docs.append(make_doc(tokenizer, text, spans, missing + unknown_ranges(text, spans)))
            budget -= len(text)
        logger.info("public %s: %d docs so far", name, len(docs))
    return docs


def report_paragraphs(data: Path) -> Iterator[str]:
    """Paragraphs of the national, 2025 provincial and 2026 provincial reports."""
    for row in read_jsonl(data / "gov_work_reports_national_1954_2025" / "government_work_reports.jsonl"):
        if row.get("year") and int(row["year"]) >= 2000:
            yield from row["content"].split("\n")
    try:
        import docx
    except ImportError:  # pragma: no cover - python-docx is a dependency
        docx = None
    if docx is not None:
        for path in sorted((data / "gov_work_reports_provincial_2025").glob("*.docx")):
            yield from (p.text for p in docx.Document(str(path)).paragraphs)
    csv.field_size_limit(10**8)
    for path in sorted((data / "gov_work_reports_provincial_2026").glob("2026_*.csv")):
        with path.open(encoding="utf-8-sig") as f:
            for row in csv.DictReader(f):
                yield from row["full_text"].split("\n")


def shuffled_paragraphs(data: Path, guards: Iterable[Guard], seed: int) -> Iterator[str]:
    """Report paragraphs of ≥ 20 characters, deduplicated, in a seeded shuffle, without
    those any of ``guards`` blocks (silver and self-training data draw from this)."""
    paras = [p.strip() for p in report_paragraphs(data)]
    paras = [p for p in dict.fromkeys(paras) if len(p) >= 20]
    random.Random(seed).shuffle(paras)
    guards = list(guards)
    return (p for p in paras if not any(g.blocks(p) for g in guards))


def silver_docs(tokenizer, guard, train_guard, labeler, labels, data, max_chars, seed) -> list[Doc]:
    docs, budget = [], max_chars
    for text in shuffled_paragraphs(data, (guard, train_guard), seed):
        if budget <= 0:
            break
        spans = [s for s in labeler(text) if s[2] in labels]
        if not spans:
            continue
        docs.append(make_doc(tokenizer, text, spans, default="missing"))
        budget -= len(text)
    return docs


def save(docs: list[Doc], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    DocBin(docs=docs, store_user_data=False).to_disk(path)
    logger.info("%s: %d docs, %d chars", path.name, len(docs), sum(len(d.text) for d in docs))


def save_ours(tokenizer: CharWordTokenizer, guard: Guard, shared: Path, out: Path,
              train_texts: set[str] | None = None) -> list[dict]:
    """Our stand-off annotations as ``ours.spacy`` and ``ours/ours.jsonl``: resolved, without
    gold/seed text (``guard``) and without lines of ../shared/train (``train_texts``, read
    from ``shared`` when not given: a dev line must not come back as training data)."""
    if train_texts is None:
        train_texts = {x["text"] for part in split_train(shared) for x in part}
    ours = [x for x in load_annotations(shared) if not guard.blocks(x["text"]) and x["text"] not in train_texts]
    save([gold_doc(tokenizer, x) for x in ours], out / "ours.spacy")
    (out / "ours").mkdir(parents=True, exist_ok=True)
    with (out / "ours" / "ours.jsonl").open("w", encoding="utf8") as f:
        f.writelines(json.dumps(x, ensure_ascii=False) + "\n" for x in ours)
    return ours


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=SHARED)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--public-chars", type=int, default=300_000)
    ap.add_argument("--silver-chars", type=int, default=300_000)
    ap.add_argument("--min-precision", type=float, default=0.75)
    ap.add_argument("--min-recall", type=float, default=0.2)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--ours-only", action="store_true", help="only rebuild ours.spacy and ours/")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    data = args.shared / "data"
    tokenizer = CharWordTokenizer(Vocab())
    guard = Guard.from_shared(args.shared)
    train, dev = split_train(args.shared)
    ours = save_ours(tokenizer, guard, args.shared, args.out, {x["text"] for x in train + dev})
    if args.ours_only:
        return
    train = [x for x in train if not guard.blocks(x["text"])]
    dev = [x for x in dev if not guard.blocks(x["text"])]
    save([gold_doc(tokenizer, x) for x in train], args.out / "train.spacy")
    save([gold_doc(tokenizer, x) for x in dev], args.out / "dev.spacy")
    (args.out / "dev").mkdir(parents=True, exist_ok=True)
    with (args.out / "dev" / "dev.jsonl").open("w", encoding="utf8") as f:
        f.writelines(json.dumps(x, ensure_ascii=False) + "\n" for x in dev)
    save(public_docs(tokenizer, guard, data, args.public_chars, args.seed), args.out / "public.spacy")
    labeler = silver.SilverLabeler(
        silver.train_lexicon(train), silver.admin_names(data), silver.nbs_indicators(data)
    )
    scores = {"train": silver.score(labeler, train), "dev": silver.score(labeler, dev)}
    labels = {
        k for k, v in scores["dev"].items() if v["p"] >= args.min_precision and v["r"] >= args.min_recall
    }
    (args.out / "silver_scores.json").write_text(json.dumps(scores, indent=1), encoding="utf8")
    logger.info("silver rule scores: %s; kept labels %s", json.dumps(scores), sorted(labels))
    train_guard = Guard([x["text"] for x in train + dev + ours])
    docs = silver_docs(tokenizer, guard, train_guard, labeler, labels, data, args.silver_chars, args.seed)
    save(docs, args.out / "silver.spacy")


if __name__ == "__main__":
    main()
