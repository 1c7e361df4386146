"""Gold-format JSONL in, gold-format JSONL out (ANNOTATION.md "Pipeline output").

Lines that share a ``doc`` value, in file order, form one document: they are joined
with line breaks and run as one Doc, so a heading line sets the year of the
paragraphs after it; entities and facts are then cut back to their lines.
"""

from __future__ import annotations

import json
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from .errors import Errors, GovieError
from .extensions import register_extensions

FACT_FIELDS = ("value", "value_high", "unit", "approx", "year", "change", "target", "confidence")
LINKS = ("qty", "ind", "date", "loc")


def read_jsonl(path: str | Path) -> list[dict]:
    """Input lines, each checked for ``id`` and ``text``; errors name the file and line."""
    rows = []
    try:
        handle = open(path, encoding="utf8")
    except OSError as err:
        raise GovieError(Errors.E001.format(path=path, reason=err.strerror)) from err
    with handle:
        for n, raw in enumerate(handle, 1):
            if not raw.strip():
                continue
            try:
                row = json.loads(raw)
            except json.JSONDecodeError as err:
                raise GovieError(Errors.E002.format(line=n, path=path, reason=err.msg)) from err
            if not isinstance(row, dict) or not isinstance(row.get("text"), str):
                raise GovieError(Errors.E003.format(line=n, path=path))
            if "id" not in row:
                raise GovieError(Errors.E004.format(line=n, path=path))
            rows.append(row)
    return rows


def group_documents(rows: list[dict]) -> list[list[dict]]:
    """Rows grouped into documents by ``doc`` (first-seen order); rows without one stand alone."""
    groups: dict[object, list[dict]] = {}
    for i, row in enumerate(rows):
        key = row.get("doc") if row.get("doc") is not None else ("__line__", i)
        groups.setdefault(key, []).append(row)
    return list(groups.values())


def make_document_doc(nlp: Language, rows: list[dict]) -> tuple[Doc, list[int]]:
    """One Doc for a document's rows, and the character offset where each row starts."""
    register_extensions()
    starts, pos = [], 0
    for row in rows:
        starts.append(pos)
        pos += len(row["text"]) + 1
    doc = nlp.make_doc("\n".join(row["text"] for row in rows))
    first = rows[0]
    doc._.meta = {
        "doc_id": first.get("doc") or first.get("id"),
        "doc_year": first.get("doc_year"),
        "doc_place": first.get("doc_place"),
    }
    return doc, starts


def split_document(doc: Doc, rows: list[dict], starts: list[int]) -> list[dict]:
    """Cut a processed Doc back into output rows with entities and facts."""
    out = []
    facts = doc._.facts or []
    for row, start in zip(rows, starts):
        end = start + len(row["text"])
        ents = [e for e in doc.ents if e.start_char >= start and e.end_char <= end]
        entities = [
            {"start": e.start_char - start, "end": e.end_char - start, "label": e.label_}
            for e in ents
        ]
        index = {(e.start_char, e.end_char): i for i, e in enumerate(ents)}
        row_facts = []
        for fact in facts:
            qty = fact.get("qty")
            if not qty or tuple(qty) not in index:
                continue
            record = {key: _index_of(fact.get(key), index) for key in LINKS}
            record.update({key: fact.get(key) for key in FACT_FIELDS if key in fact})
            row_facts.append(record)
        out.append({**row, "entities": entities, "facts": row_facts})
    return out


def _index_of(offsets, index: dict) -> int | None:
    return index.get(tuple(offsets)) if offsets else None


def annotate_rows(nlp: Language, rows: list[dict], batch_size: int = 16) -> list[dict]:
    """Annotate input rows; output rows come in input order."""
    groups = group_documents(rows)
    prepared = [make_document_doc(nlp, g) for g in groups]
    docs = nlp.pipe((doc for doc, _ in prepared), batch_size=batch_size)
    output_of: dict[int, dict] = {}
    for group, (_, starts), doc in zip(groups, prepared, docs):
        for row, out in zip(group, split_document(doc, group, starts)):
            output_of[id(row)] = out
    return [output_of[id(row)] for row in rows]


def annotate_file(nlp: Language, src: str | Path, dst: str | Path) -> int:
    """``govie annotate SRC -o DST``; returns the number of lines written."""
    rows = read_jsonl(src)
    n = 0
    with open(dst, "w", encoding="utf8") as out:
        for row in annotate_rows(nlp, rows):
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
    return n
