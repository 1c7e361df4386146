"""govie extract: every input accounted for, formats, workers, resume after kill -9, Dask."""

import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import duckdb
import pyarrow.dataset as ds
import pytest

from corpus.synth import write_corpus
from pipeline.batch import extract
from pipeline.batch.sinks import make_sink
from pipeline.errors import GovieError

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "corpus" / "samples" / "ingest"
FORMATS = ["jsonl", "csv", "parquet", "duckdb"]


def read_table(out: Path, fmt: str, table: str) -> list[dict]:
    if fmt == "jsonl":
        return [json.loads(x) for x in (out / f"{table}.jsonl").read_text("utf8").splitlines()]
    if fmt == "csv":
        import csv

        with open(out / f"{table}.csv", encoding="utf8", newline="") as f:
            return list(csv.DictReader(f))
    if fmt == "parquet":
        return ds.dataset(out / f"{table}.parquet", format="parquet").to_table().to_pylist()
    con = duckdb.connect(str(out / "govie.duckdb"), read_only=True)
    try:
        cur = con.execute(f"SELECT * FROM {table}")
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur.fetchall()]
    finally:
        con.close()


def key(rows: list[dict]) -> list[tuple]:
    return [(r["doc_id"], str(r.get("fact_id")), str(r.get("value"))) for r in rows]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    """Every sample container plus bad files: empty, binary, broken zip, nested zips."""
    root = tmp_path_factory.mktemp("hostile")
    for path in SAMPLES.iterdir():
        (root / path.name).write_bytes(path.read_bytes())
    (root / "empty.txt").write_bytes(b"")
    (root / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (root / "broken.zip").write_bytes(b"PK\x03\x04 this is not really a zip")
    inner = root / "inner.zip"
    with zipfile.ZipFile(inner, "w") as z:
        z.writestr("a.txt", "全区出生120人。")
    nested = inner.read_bytes()
    for depth in range(4):
        path = root / f"nest{depth}.zip"
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("inner.zip", nested)
        nested = path.read_bytes()
        path.unlink()
    (root / "deep.zip").write_bytes(nested)
    return root


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_input_is_in_the_documents_table(hostile, tmp_path, fmt):
    from pipeline.ingest import iter_documents

    expected = len(list(iter_documents([hostile])))
    counts = extract([hostile], tmp_path / "out", fmt=fmt, workers=1)
    documents = read_table(tmp_path / "out", fmt, "documents")
    assert len(documents) == counts["documents"] == expected
    assert len({d["doc_id"] for d in documents}) == expected
    errors = [d for d in documents if d["status"] == "error"]
    assert errors and all(d["error"] for d in errors)
    assert len(read_table(tmp_path / "out", fmt, "facts")) == counts["facts"] > 0


def test_one_worker_equals_two(tmp_path):
    write_corpus(12, tmp_path / "syn")
    extract([tmp_path / "syn" / "docs"], tmp_path / "one", workers=1, batch_size=2)
    extract([tmp_path / "syn" / "docs"], tmp_path / "two", workers=2, batch_size=2)
    for table in ("documents", "facts"):
        assert (tmp_path / "one" / f"{table}.jsonl").read_text("utf8") == (
            tmp_path / "two" / f"{table}.jsonl"
        ).read_text("utf8")


def test_existing_output_needs_resume_or_overwrite(tmp_path):
    write_corpus(2, tmp_path / "syn")
    extract([tmp_path / "syn" / "docs"], tmp_path / "out", workers=1)
    with pytest.raises(GovieError, match="E601"):
        extract([tmp_path / "syn" / "docs"], tmp_path / "out", workers=1)
    counts = extract([tmp_path / "syn" / "docs"], tmp_path / "out", workers=1, overwrite=True)
    assert counts["documents"] == 2


@pytest.mark.parametrize("fmt", FORMATS)
def test_resume_repairs_what_a_kill_leaves(tmp_path, fmt):
    """A half-written batch (facts without documents, a cut line, a tmp part) is repaired."""
    docs = write_corpus(10, tmp_path / "syn")
    extract([tmp_path / "syn" / "docs"], tmp_path / "ref", fmt=fmt, workers=1, batch_size=3)
    out = tmp_path / "out"
    extract(docs[:4], out, fmt=fmt, workers=1, batch_size=3)
    sink = make_sink(fmt, out)
    sink.prepare(resume=True, overwrite=False)
    orphan = dict(read_table(tmp_path / "ref", fmt, "facts")[-1])
    sink.write([], [orphan])  # facts of a batch whose documents never landed
    sink.close()
    if fmt == "parquet":  # the kill came between the facts part and the documents part
        max((out / "documents.parquet").glob("part-*.parquet")).unlink()
    if fmt in ("jsonl", "csv"):
        with open(out / f"documents.{fmt}", "a", encoding="utf8") as f:
            f.write('{"doc_id": "half-writ')
    if fmt == "parquet":
        (out / "documents.parquet" / "part-000099.tmp").write_bytes(b"PAR1 half")
    extract([tmp_path / "syn" / "docs"], out, fmt=fmt, workers=1, batch_size=3, resume=True)
    for table in ("documents", "facts"):
        got, ref = read_table(out, fmt, table), read_table(tmp_path / "ref", fmt, table)
        assert sorted(key(got)) == sorted(key(ref))


def test_kill_9_then_resume(tmp_path):
    write_corpus(120, tmp_path / "syn")
    src = tmp_path / "syn" / "docs"
    extract([src], tmp_path / "ref", workers=1, batch_size=2)
    cmd = [sys.executable, "-m", "pipeline.cli", "extract", str(src), "--out", str(tmp_path / "out"),
           "--workers", "1", "--batch-size", "2"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    documents = tmp_path / "out" / "documents.jsonl"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if documents.exists() and documents.stat().st_size > 2000:
            break
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    extract([src], tmp_path / "out", workers=1, batch_size=2, resume=True)
    for table in ("documents", "facts"):
        got = read_table(tmp_path / "out", "jsonl", table)
        assert sorted(key(got)) == sorted(key(read_table(tmp_path / "ref", "jsonl", table)))


@pytest.mark.slow
def test_dask_local_cluster_equals_local(tmp_path):
    pytest.importorskip("dask.distributed")
    write_corpus(6, tmp_path / "syn")
    extract([tmp_path / "syn" / "docs"], tmp_path / "local", workers=1, batch_size=2)
    extract([tmp_path / "syn" / "docs"], tmp_path / "dask", workers=2, batch_size=2, engine="dask")
    for table in ("documents", "facts"):
        assert (tmp_path / "local" / f"{table}.jsonl").read_text("utf8") == (
            tmp_path / "dask" / f"{table}.jsonl"
        ).read_text("utf8")


def test_batches_close_at_the_character_cap():
    from pipeline.batch.run import batches
    from pipeline.ingest import IngestError

    class Doc:
        def __init__(self, n):
            self.text = "字" * n

    from pipeline.batch import run

    records = [Doc(6000), Doc(6000), Doc(10), IngestError("x", None, "bad")]
    run_doc = run.Document
    run.Document = Doc  # the cap counts characters of Documents only
    try:
        sizes = [len(b) for b in batches(records, size=8, max_chars=10_000)]
    finally:
        run.Document = run_doc
    assert sizes == [2, 2]


def test_a_failing_document_is_reported_alone(monkeypatch):
    from pipeline.batch import work

    class Boom:
        def make_doc(self, text):
            from spacy.tokens import Doc
            from spacy.vocab import Vocab

            return Doc(Vocab(), words=list(text))

        def pipe(self, docs, batch_size):
            raise RuntimeError("batch broke")

        def __call__(self, doc):
            if "坏" in doc.text:
                raise ValueError("bad document")
            doc._.facts = []
            return doc

    from pipeline.extensions import register_extensions

    register_extensions()
    monkeypatch.setitem(work._PIPELINES, "boom", Boom())
    payloads = [{"doc_id": "a", "text": "好", "meta": {}}, {"doc_id": "b", "text": "坏", "meta": {}}]
    results = work.process_batch(payloads, "boom")
    assert [r["doc_id"] for r in results] == ["a", "b"]
    assert results[0]["error"] is None and "E602" in results[1]["error"]
