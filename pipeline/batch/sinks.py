"""Output sinks for ``govie extract``: JSONL, CSV, Parquet datasets, DuckDB.

Every sink writes one batch at a time and atomically enough to resume after a kill -9:
facts before documents, so a document row is the proof its facts are complete. On
``--resume`` a sink repairs what a kill left (a truncated last line, a half-written
part file, facts of a batch whose documents never landed) and reports the doc_ids done.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ..errors import Errors, GovieError
from .rows import DOCUMENT_COLUMNS, FACT_COLUMNS

STR, INT, FLOAT, BOOL = pa.string(), pa.int64(), pa.float64(), pa.bool_()
DOCUMENT_TYPES = dict(zip(DOCUMENT_COLUMNS, [STR] * 9 + [STR, INT, INT]))
DOCUMENT_TYPES["doc_year"] = INT
FACT_TYPES = {
    **dict.fromkeys(FACT_COLUMNS, STR),
    **dict.fromkeys(("qty_start", "qty_end", "ind_start", "ind_end", "year", "orig_start", "orig_end"), INT),
    **dict.fromkeys(("value", "value_high", "confidence"), FLOAT),
    **dict.fromkeys(("approx", "change", "target"), BOOL),
}
SCHEMAS = {
    "documents": pa.schema([(c, DOCUMENT_TYPES[c]) for c in DOCUMENT_COLUMNS]),
    "facts": pa.schema([(c, FACT_TYPES[c]) for c in FACT_COLUMNS]),
}
FORMATS = ("jsonl", "csv", "parquet", "duckdb")


class Sink:
    """Base: ``prepare`` (repair, return done ids), ``write`` a batch, ``close``."""

    def __init__(self, out_dir: Path):
        self.out_dir = Path(out_dir)

    def outputs(self) -> list[Path]:
        raise NotImplementedError

    def prepare(self, resume: bool, overwrite: bool) -> set[str]:
        existing = [p for p in self.outputs() if p.exists()]
        if existing and not (resume or overwrite):
            raise GovieError(Errors.E601.format(path=existing[0]))
        if overwrite:
            for path in existing:
                shutil.rmtree(path) if path.is_dir() else path.unlink()
        self.out_dir.mkdir(parents=True, exist_ok=True)
        return self.repair() if resume else set()

    def repair(self) -> set[str]:
        raise NotImplementedError

    def write(self, documents: list[dict], facts: list[dict]) -> None:
        raise NotImplementedError

    def close(self) -> None:
        return None


def _truncate_partial_line(path: Path) -> None:
    """Drop a last line without its newline (a write cut by a kill)."""
    if not path.exists():
        return
    with open(path, "rb+") as f:
        data = f.read()
        cut = data.rfind(b"\n") + 1
        if cut < len(data):
            f.truncate(cut)


def _append(path: Path, lines: list[str]) -> None:
    if not lines:
        return
    with open(path, "a", encoding="utf8", newline="") as f:
        f.write("".join(lines))
        f.flush()
        os.fsync(f.fileno())


class LineSink(Sink):
    """One record a line: ``documents.<ext>`` and ``facts.<ext>``."""

    ext = "jsonl"

    def __init__(self, out_dir: Path):
        super().__init__(out_dir)
        self.paths = {t: self.out_dir / f"{t}.{self.ext}" for t in ("documents", "facts")}

    def outputs(self) -> list[Path]:
        return list(self.paths.values())

    def repair(self) -> set[str]:
        for path in self.paths.values():
            _truncate_partial_line(path)
        done = {row["doc_id"] for row in self.read("documents")}
        facts = list(self.read("facts"))
        if any(row["doc_id"] not in done for row in facts):
            kept = [row for row in facts if row["doc_id"] in done]
            tmp = self.paths["facts"].with_suffix(".tmp")
            tmp.unlink(missing_ok=True)
            self.paths["facts"], real = tmp, self.paths["facts"]
            self._start("facts")
            _append(tmp, [self.format("facts", row) for row in kept])
            os.replace(tmp, real)
            self.paths["facts"] = real
        return done

    def _start(self, table: str) -> None:
        return None

    def write(self, documents: list[dict], facts: list[dict]) -> None:
        for table, rows in (("facts", facts), ("documents", documents)):
            self._start(table)
            _append(self.paths[table], [self.format(table, row) for row in rows])

    def format(self, table: str, row: dict) -> str:
        return json.dumps(row, ensure_ascii=False) + "\n"

    def read(self, table: str):
        path = self.paths[table]
        if path.exists():
            with open(path, encoding="utf8") as f:
                for line in f:
                    yield json.loads(line)


class CsvSink(LineSink):
    """CSV with a header; line breaks inside values become spaces, so a record is a line."""

    ext = "csv"

    def _start(self, table: str) -> None:
        path = self.paths[table]
        if not path.exists() or path.stat().st_size == 0:
            columns = DOCUMENT_COLUMNS if table == "documents" else FACT_COLUMNS
            _append(path, [",".join(columns) + "\r\n"])

    def format(self, table: str, row: dict) -> str:
        columns = DOCUMENT_COLUMNS if table == "documents" else FACT_COLUMNS
        values = [_csv_value(row.get(c)) for c in columns]
        buffer = _LineBuffer()
        csv.writer(buffer).writerow(values)
        return buffer.text

    def read(self, table: str):
        path = self.paths[table]
        if path.exists():
            with open(path, encoding="utf8", newline="") as f:
                yield from csv.DictReader(f)


class _LineBuffer:
    def __init__(self):
        self.text = ""

    def write(self, s: str) -> None:
        self.text += s


def _csv_value(value):
    if isinstance(value, str):
        return value.replace("\r", " ").replace("\n", " ")
    return "" if value is None else value


class ParquetSink(Sink):
    """Datasets of part files ``documents.parquet/part-NNNNNN.parquet`` (and facts)."""

    def __init__(self, out_dir: Path):
        super().__init__(out_dir)
        self.dirs = {t: self.out_dir / f"{t}.parquet" for t in ("documents", "facts")}
        self.next_part = 0

    def outputs(self) -> list[Path]:
        return list(self.dirs.values())

    def parts(self, table: str) -> dict[int, Path]:
        found = {}
        for p in self.dirs[table].glob("part-*.parquet"):
            found[int(p.stem.split("-")[1])] = p
        return found

    def repair(self) -> set[str]:
        for d in self.dirs.values():
            d.mkdir(parents=True, exist_ok=True)
            for tmp in d.glob("*.tmp"):
                tmp.unlink()
        doc_parts = self.parts("documents")
        for n, path in self.parts("facts").items():
            if n not in doc_parts:
                path.unlink()
        self.next_part = max(doc_parts, default=-1) + 1
        done = set()
        for path in doc_parts.values():
            done.update(pq.read_table(path, columns=["doc_id"]).column("doc_id").to_pylist())
        return done

    def write(self, documents: list[dict], facts: list[dict]) -> None:
        for table, rows in (("facts", facts), ("documents", documents)):
            self.dirs[table].mkdir(parents=True, exist_ok=True)
            final = self.dirs[table] / f"part-{self.next_part:06d}.parquet"
            tmp = final.with_suffix(".tmp")
            pq.write_table(pa.Table.from_pylist(rows, schema=SCHEMAS[table]), tmp)
            os.replace(tmp, final)
        self.next_part += 1


class DuckdbSink(Sink):
    """``govie.duckdb`` with tables ``documents`` and ``facts``; one transaction a batch."""

    def __init__(self, out_dir: Path):
        super().__init__(out_dir)
        self.path = self.out_dir / "govie.duckdb"
        self.con = None

    def outputs(self) -> list[Path]:
        return [self.path, self.path.with_suffix(".duckdb.wal")]

    def prepare(self, resume: bool, overwrite: bool) -> set[str]:
        done = super().prepare(resume, overwrite)
        import duckdb

        self.con = duckdb.connect(str(self.path))
        for table, schema in SCHEMAS.items():
            cols = ", ".join(f'"{f.name}" {_duck_type(f.type)}' for f in schema)
            self.con.execute(f"CREATE TABLE IF NOT EXISTS {table} ({cols})")
        if resume:
            self.con.execute("DELETE FROM facts WHERE doc_id NOT IN (SELECT doc_id FROM documents)")
            done = {r[0] for r in self.con.execute("SELECT doc_id FROM documents").fetchall()}
        return done

    def repair(self) -> set[str]:
        return set()  # done ids are read once connected (in prepare)

    def write(self, documents: list[dict], facts: list[dict]) -> None:
        self.con.execute("BEGIN TRANSACTION")
        for table, rows in (("facts", facts), ("documents", documents)):
            if rows:
                arrow = pa.Table.from_pylist(rows, schema=SCHEMAS[table])  # noqa: F841
                self.con.execute(f"INSERT INTO {table} SELECT * FROM arrow")
        self.con.execute("COMMIT")

    def close(self) -> None:
        if self.con is not None:
            self.con.close()
            self.con = None


def _duck_type(t: pa.DataType) -> str:
    return {STR: "VARCHAR", INT: "BIGINT", FLOAT: "DOUBLE", BOOL: "BOOLEAN"}[t]


def make_sink(fmt: str, out_dir: Path) -> Sink:
    sinks = {"jsonl": LineSink, "csv": CsvSink, "parquet": ParquetSink, "duckdb": DuckdbSink}
    if fmt not in sinks:
        raise GovieError(Errors.E006.format(fmt=fmt, choices=", ".join(FORMATS)))
    return sinks[fmt](out_dir)
