"""Extract output as rows and as a pandas DataFrame, whatever format ``govie extract`` wrote.

    rows = read_extract("out/extract")            # (documents, facts): lists of dicts
    df = facts_frame("out/extract")               # or facts_frame(nlp.pipe(texts))

Formats: ``documents.jsonl`` + ``facts.jsonl``, ``.csv``, ``documents.parquet/`` +
``facts.parquet/`` part-file datasets, or ``govie.duckdb`` with tables ``documents``
and ``facts``. CSV values come back typed (ints, floats, booleans, None).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..batch.rows import DOCUMENT_COLUMNS, FACT_COLUMNS
from ..errors import Errors, GovieError

TABLES = ("documents", "facts")
INTS = {"qty_start", "qty_end", "ind_start", "ind_end", "year", "orig_start", "orig_end",
        "doc_year", "n_chars", "n_facts"}
FLOATS = {"value", "value_high", "confidence"}
BOOLS = {"approx", "change", "target"}


def find_format(out_dir: str | Path) -> str:
    """jsonl, csv, parquet or duckdb: the format of an extract output directory."""
    out = Path(out_dir)
    if (out / "govie.duckdb").exists():
        return "duckdb"
    for fmt in ("jsonl", "csv", "parquet"):
        if (out / f"documents.{fmt}").exists() or (out / f"facts.{fmt}").exists():
            return fmt
    raise GovieError(Errors.E701.format(path=out))


def read_extract(out_dir: str | Path) -> tuple[list[dict], list[dict]]:
    """(documents, facts) rows of an extract output directory, in the order written."""
    out = Path(out_dir)
    fmt = find_format(out)
    readers = {"jsonl": _read_jsonl, "csv": _read_csv, "parquet": _read_parquet}
    try:
        if fmt == "duckdb":
            documents, facts = _read_duckdb(out / "govie.duckdb")
        else:
            documents, facts = (readers[fmt](out, table) for table in TABLES)
    except (OSError, ValueError, ImportError) as err:
        if isinstance(err, GovieError):
            raise
        raise GovieError(Errors.E703.format(path=out, reason=f"{type(err).__name__}: {err}")) from err
    return [_complete(r, DOCUMENT_COLUMNS) for r in documents], [_complete(r, FACT_COLUMNS) for r in facts]


def _complete(row: dict, columns: tuple[str, ...]) -> dict:
    return {c: row.get(c) for c in columns}


def _read_jsonl(out: Path, table: str) -> list[dict]:
    path = out / f"{table}.jsonl"
    if not path.exists():
        return []
    with open(path, encoding="utf8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _read_csv(out: Path, table: str) -> list[dict]:
    path = out / f"{table}.csv"
    if not path.exists():
        return []
    with open(path, encoding="utf8", newline="") as f:
        return [{k: _typed(k, v) for k, v in row.items()} for row in csv.DictReader(f)]


def _typed(column: str, value: str | None) -> Any:
    """A CSV cell back to its type: '' is None, 'True' a bool, '2025' an int."""
    if value is None or value == "":
        return None
    try:
        if column in INTS:
            return int(float(value))
        if column in FLOATS:
            return float(value)
    except ValueError:
        return value
    if column in BOOLS:
        return value.strip().lower() in ("true", "1", "yes")
    return value


def _read_parquet(out: Path, table: str) -> list[dict]:
    import pyarrow.parquet as pq

    folder = out / f"{table}.parquet"
    parts = sorted(folder.glob("part-*.parquet")) if folder.is_dir() else []
    if folder.is_file():
        parts = [folder]
    rows: list[dict] = []
    for part in parts:
        rows.extend(pq.read_table(part).to_pylist())
    return rows


def _read_duckdb(path: Path) -> tuple[list[dict], list[dict]]:
    import duckdb

    con = duckdb.connect(str(path), read_only=True)
    try:
        names = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        return tuple(_duck_rows(con, t) if t in names else [] for t in TABLES)  # type: ignore[return-value]
    finally:
        con.close()


def _duck_rows(con, table: str) -> list[dict]:
    cursor = con.execute(f"SELECT * FROM {table}")  # table is one of TABLES
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, values)) for values in cursor.fetchall()]


def doc_fact_rows(doc) -> list[dict]:
    """``facts`` rows (FACT_COLUMNS) of one processed spaCy Doc; no original offsets."""
    from ..linking import sentence_of

    meta = doc._.meta or {}
    doc_id = meta.get("doc_id") or ""
    text = doc.text  # spaCy joins the tokens on every access: once
    rows = []
    for i, fact in enumerate(doc._.facts or []):
        qs, qe = fact["qty"]
        ind = fact.get("ind") or [None, None]
        loc_text = _surface(text, fact.get("loc"))
        s_start, s_end = sentence_of(text, qs)
        rows.append(_complete({
            "doc_id": doc_id, "fact_id": f"{doc_id}-{i:04d}",
            "qty_text": text[qs:qe], "qty_start": qs, "qty_end": qe,
            "ind_text": _surface(text, fact.get("ind")), "ind_start": ind[0], "ind_end": ind[1],
            "date_text": _surface(text, fact.get("date")), "loc_text": loc_text,
            "value": fact.get("value"), "value_high": fact.get("value_high"), "unit": fact.get("unit"),
            "approx": bool(fact.get("approx")), "year": fact.get("year"),
            "change": bool(fact.get("change")), "target": bool(fact.get("target")),
            "confidence": float(fact.get("confidence") or 0.0),
            "sentence": text[s_start:s_end].strip(), "place": loc_text or meta.get("doc_place"),
        }, FACT_COLUMNS))
    return rows


def _surface(text: str, offsets) -> str | None:
    return text[offsets[0] : offsets[1]] if offsets else None


def fact_rows_of(docs_or_dir: Any) -> list[dict]:
    """Fact rows from an extract output directory, a processed Doc, or an iterable of them."""
    if isinstance(docs_or_dir, (str, Path)):
        return read_extract(docs_or_dir)[1]
    if hasattr(docs_or_dir, "_") and hasattr(docs_or_dir, "text"):
        return doc_fact_rows(docs_or_dir)
    if not isinstance(docs_or_dir, Iterable):
        raise GovieError(Errors.E704.format(kind=type(docs_or_dir).__name__))
    rows: list[dict] = []
    for doc in docs_or_dir:
        if not (hasattr(doc, "_") and hasattr(doc, "text")):
            raise GovieError(Errors.E704.format(kind=f"an iterable of {type(doc).__name__}"))
        rows.extend(doc_fact_rows(doc))
    return rows


def facts_frame(docs_or_dir: Any):
    """A pandas DataFrame with the extract fact columns (FACT_COLUMNS).

    ``docs_or_dir``: an extract output directory (any format), a processed Doc, or an
    iterable of processed Docs (``nlp.pipe(...)``).
    """
    try:
        import pandas as pd
    except ImportError as err:
        raise GovieError(Errors.E702.format(what="facts_frame")) from err
    rows = fact_rows_of(docs_or_dir)
    frame = pd.DataFrame(rows, columns=list(FACT_COLUMNS))
    for column in INTS & set(FACT_COLUMNS):
        frame[column] = frame[column].astype("Int64")
    for column in BOOLS:
        frame[column] = frame[column].astype("boolean")
    return frame
