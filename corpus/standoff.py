"""Our own annotations of ../shared text, kept stand-off (no text in this repo).

A stand-off record names a paragraph of a ../shared source file by its line number and
the hash of its text, and holds gold-format entities and facts (ANNOTATION.md) without
the text::

    {"file": "data/gov_work_reports_provincial_2026/2026_X_政府工作报告.csv", "line": 57,
     "sha1": "…", "id": "…", "doc": "…", "doc_year": 2026, "doc_place": "X",
     "entities": [{"start": 0, "end": 4, "label": "IND"}, …], "facts": […]}

Workflow (``python corpus/standoff.py …``):

- ``list FILE``: the numbered paragraphs of a source file with their section kind
  (review/targets), to choose what to annotate;
- ``template FILE --lines 40-60``: draft lines (gold.py's draft format: entities named
  by text) with empty ``ents``/``facts``, written under ``training/runs/annotate/``
  (gitignored: drafts hold text);
- ``save DRAFT OUT``: builds offsets with ``gold.py build``, checks them, and writes the
  stand-off records to ``corpus/annotations/OUT``;
- ``resolve(records, shared)`` (library): the gold-format lines, text read back from
  ../shared and checked against the hash.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import logging
import re
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
ANNOTATIONS = ROOT / "corpus" / "annotations"
KEYS = ("id", "doc", "doc_year", "doc_place")
REPORT_NAME = re.compile(r"^(\d{4})年(.+?)政府工作报告$")

logger = logging.getLogger("corpus.standoff")
csv.field_size_limit(1 << 28)


def text_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf8")).hexdigest()[:16]


def source_lines(path: Path) -> list[str]:
    """The paragraphs of a source file, one per line, stripped (empty lines kept as "")."""
    if path.suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as f:
            row = next(csv.DictReader(f))
        return [line.strip() for line in row["full_text"].splitlines()]
    if path.suffix == ".docx":
        import docx

        return [p.text.strip() for p in docx.Document(str(path)).paragraphs]
    return [line.strip() for line in path.read_text(encoding="utf8").splitlines()]


def doc_meta(path: Path) -> dict:
    """``doc``, ``doc_year``, ``doc_place`` from a report file name (2026_X省_政府工作报告)."""
    stem = path.stem
    parts = stem.split("_")
    if len(parts) >= 3 and parts[0].isdigit():
        return {"doc": stem, "doc_year": int(parts[0]), "doc_place": parts[1]}
    named = REPORT_NAME.match(stem)  # 2025年四川省政府工作报告
    if named:
        return {"doc": stem, "doc_year": int(named.group(1)), "doc_place": named.group(2)}
    return {"doc": stem, "doc_year": None, "doc_place": None}


def to_standoff(line: dict, file: str, number: int) -> dict:
    """A gold line as a stand-off record (its text replaced by file, line and hash)."""
    record = {"file": file, "line": number, "sha1": text_hash(line["text"])}
    record.update({k: line.get(k) for k in KEYS})
    record.update(entities=line["entities"], facts=line["facts"])
    return record


def read_jsonl(path: str | Path) -> list[dict]:
    """The JSON lines of ``path`` (blank lines skipped; ``json``, so floats stay exact)."""
    with open(path, encoding="utf8") as f:
        return [json.loads(line) for line in f if line.strip()]


def train_lines(shared: Path = SHARED) -> list[dict]:
    """Every line of ../shared/train (gold format)."""
    return [r for path in sorted((shared / "train").glob("*.jsonl")) for r in read_jsonl(path)]


def line_reader(shared: Path) -> Callable[[str], list[str]]:
    """``source_lines`` of files under ``shared``, each file read once."""
    cache: dict[str, list[str]] = {}

    def lines_of(file: str) -> list[str]:
        if file not in cache:
            cache[file] = source_lines(shared / file)
        return cache[file]

    return lines_of


def resolve(records: list[dict], shared: Path = SHARED) -> list[dict]:
    """Gold-format lines for stand-off records; records whose text changed are skipped."""
    lines_of = line_reader(shared)
    lines = []
    for rec in records:
        source = lines_of(rec["file"])
        text = source[rec["line"] - 1] if 0 < rec["line"] <= len(source) else ""
        if text_hash(text) != rec["sha1"]:
            logger.warning("%s:%s: text changed, annotation skipped", rec["file"], rec["line"])
            continue
        line = {k: rec.get(k) for k in KEYS}
        line.update(text=text, entities=rec["entities"], facts=rec["facts"])
        lines.append(line)
    return lines


def load_annotations(shared: Path = SHARED, directory: Path = ANNOTATIONS) -> list[dict]:
    """Every stand-off file (``*.standoff.jsonl``) under ``directory``, resolved, then our
    own documents annotated in place (``own_*.jsonl``: gold format, text written by us)."""
    records = [r for path in sorted(directory.glob("*.standoff.jsonl")) for r in read_jsonl(path)]
    own = [r for path in sorted(directory.glob("own_*.jsonl")) for r in read_jsonl(path)]
    return resolve(records, shared) + own


def _sections(lines: list[str], meta: dict) -> list[str]:
    from pipeline.sections import detect_sections

    text = "\n".join(lines)
    kinds, offset = [], 0
    spans = detect_sections(text, meta["doc_year"])
    for line in lines:
        kind = next((f"{s[3]}:{s[2]}" for s in spans if s[0] <= offset < s[1]), "")
        kinds.append(kind)
        offset += len(line) + 1
    return kinds


def cmd_list(args) -> None:
    path = args.shared / args.file
    lines = source_lines(path)
    kinds = _sections(lines, doc_meta(path))
    for n, (line, kind) in enumerate(zip(lines, kinds), start=1):
        if line:
            sys.stdout.write(f"{n}\t{kind}\t{len(line)}\t{line[: args.width]}\n")


def as_draft(text: str, entities: list[dict], facts: list[dict]) -> tuple[list, list]:
    """Gold-format entities and facts in gold.py's draft form (entities named by text)."""
    ents, name_of, seen, pos = [], {}, {}, 0
    for i in sorted(range(len(entities)), key=lambda i: entities[i]["start"]):
        e = entities[i]
        surface = text[e["start"] : e["end"]]
        skip, found = 0, text.find(surface, pos)
        while 0 <= found < e["start"]:
            skip, found = skip + 1, text.find(surface, found + 1)
        ents.append([surface, e["label"], skip] if skip > 0 else [surface, e["label"]])
        seen[surface] = seen.get(surface, 0) + 1
        name_of[i] = surface if seen[surface] == 1 else f"{surface}#{seen[surface]}"
        pos = e["end"]
    out = []
    for fact in facts:
        out.append({k: (name_of[v] if k in ("qty", "ind", "date", "loc") and v is not None else v)
                    for k, v in fact.items() if k != "confidence"})
    return ents, out


def cmd_template(args) -> None:
    path = args.shared / args.file
    lines, meta = source_lines(path), doc_meta(path)
    first, _, last = args.lines.partition("-")
    numbers = [n for n in range(int(first), int(last or first) + 1) if lines[n - 1]]
    # the whole document up to the range, so headings before it set the years
    context = [n for n in range(1, numbers[-1] + 1) if lines[n - 1]] if numbers else []
    docs = dict(zip(context, _prefill([lines[n - 1] for n in context], meta))) if args.prefill else {}
    for n in numbers:
        ents, facts = as_draft(lines[n - 1], *docs[n]) if docs else ([], [])
        draft = {"id": f"{args.prefix}-{n:04d}", **meta, "text": lines[n - 1], "ents": ents, "facts": facts,
                 "source": {"file": args.file, "line": n}}
        sys.stdout.write(json.dumps(draft, ensure_ascii=False) + "\n")


def _prefill(texts: list[str], meta: dict) -> list[tuple[list, list]]:
    """The pipeline's entities and facts for each paragraph (a draft to correct)."""
    import pipeline
    from pipeline.annotate import annotate_rows

    rows = [{"id": str(i), **meta, "text": t} for i, t in enumerate(texts)]
    out = annotate_rows(pipeline.load(), rows)
    return [(r["entities"], r["facts"]) for r in out]


def cmd_save(args) -> None:
    from training.eval_ner import load_scorer

    gold = load_scorer(args.shared / "tools" / "gold.py")
    lines_of = line_reader(args.shared)
    out = []
    for draft in read_jsonl(args.draft):
        line = gold.build_line(draft)
        src = draft["source"]
        if lines_of(src["file"])[src["line"] - 1] != draft["text"]:
            raise SystemExit(f"{draft['id']}: text differs from {src['file']}:{src['line']}")
        out.append(to_standoff(line, src["file"], src["line"]))
    target = ANNOTATIONS / args.out
    target.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in out), encoding="utf8")
    logger.info("%d records -> %s", len(out), target)


def main(argv: list[str] | None = None) -> None:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    sub = parser.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("list")
    p.add_argument("file")
    p.add_argument("--width", type=int, default=60)
    p = sub.add_parser("template")
    p.add_argument("file")
    p.add_argument("--lines", required=True)
    p.add_argument("--prefix", default="ann")
    p.add_argument("--prefill", action="store_true", help="start from the pipeline's output")
    p = sub.add_parser("save")
    p.add_argument("draft")
    p.add_argument("out")
    args = parser.parse_args(argv)
    {"list": cmd_list, "template": cmd_template, "save": cmd_save}[args.cmd](args)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
