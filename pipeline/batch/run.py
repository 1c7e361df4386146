"""``govie extract``: archives in, ``documents`` and ``facts`` tables out.

Ingestion runs in the main process (it holds each Document and its offset map);
batches of plain payloads go to workers (local processes, or Dask), and results come
back in input order, so the output is the same for any number of workers. Each
batch is written atomically; ``resume`` skips the doc_ids a sink already holds.
"""

from __future__ import annotations

import logging
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from ..ingest import Document, IngestError, iter_documents
from .progress import Progress
from .rows import document_row, error_row, fact_rows, worker_payload
from .sinks import make_sink
from .work import get_pipeline, process_batch

logger = logging.getLogger(__name__)
# A batch also ends once it holds this many characters: a long report goes alone in its
# batch, so the workers share a few long documents evenly (bench/README.md).
BATCH_CHARS = 10_000


def batches(records: Iterable, size: int, max_chars: int | None = BATCH_CHARS) -> Iterator[list]:
    """Lists of up to ``size`` records, cut early once they hold ``max_chars`` characters."""
    chunk: list = []
    chars = 0
    for record in records:
        chunk.append(record)
        chars += len(record.text) if isinstance(record, Document) else 0
        if len(chunk) >= size or (max_chars and chars >= max_chars):
            yield chunk
            chunk, chars = [], 0
    if chunk:
        yield chunk


class LocalEngine:
    """Batches on a pool of processes (or in this process for one worker)."""

    def __init__(self, workers: int, model: str | None):
        self.workers = workers
        self.model = model
        self.pool = ProcessPoolExecutor(workers, initializer=get_pipeline, initargs=(model,)) if workers > 1 else None

    def submit(self, payloads: list[dict]) -> Future:
        if self.pool is not None:
            return self.pool.submit(process_batch, payloads, self.model)
        future: Future = Future()
        future.set_result(process_batch(payloads, self.model))
        return future

    @property
    def window(self) -> int:
        return max(2, 2 * self.workers)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown()


def make_engine(engine: str, workers: int, model: str | None, scheduler: str | None):
    if engine == "dask":
        from .dask_engine import DaskEngine

        return DaskEngine(workers, model, scheduler)
    return LocalEngine(workers, model)


def _rows_for(batch: list, results: list[dict]) -> tuple[list[dict], list[dict]]:
    by_id = {r["doc_id"]: r for r in results}
    documents, facts = [], []
    for rec in batch:
        if isinstance(rec, IngestError):
            documents.append(error_row(rec))
            continue
        result = by_id[rec.doc_id]
        rows = fact_rows(rec, result["facts"]) if not result["error"] else []
        documents.append(document_row(rec, len(rows), result["error"]))
        facts.extend(rows)
    return documents, facts


def extract(
    inputs: list[str | Path],
    out_dir: str | Path,
    fmt: str = "jsonl",
    workers: int | None = None,
    resume: bool = False,
    overwrite: bool = False,
    engine: str = "local",
    scheduler: str | None = None,
    model: str | None = None,
    batch_size: int = 8,
    text_column: str | None = None,
    progress: bool | None = None,
) -> dict[str, int]:
    """Run the pipeline over ``inputs`` into ``out_dir``; returns counts of what was written."""
    workers = workers or os.cpu_count() or 1
    sink = make_sink(fmt, Path(out_dir))
    done = sink.prepare(resume, overwrite)
    todo = (r for r in iter_documents(inputs, text_column) if r.doc_id not in done)
    runner = make_engine(engine, workers, str(model) if model else None, scheduler)
    counts = {"documents": 0, "errors": 0, "facts": 0, "skipped": len(done)}
    meter = Progress(enabled=progress)
    pending: deque = deque()
    try:
        for batch in batches(todo, batch_size, BATCH_CHARS):
            payloads = [worker_payload(r) for r in batch if isinstance(r, Document)]
            pending.append((batch, runner.submit(payloads)))
            while len(pending) >= runner.window:
                _write(sink, *pending.popleft(), counts, meter)
        while pending:
            _write(sink, *pending.popleft(), counts, meter)
    finally:
        runner.close()
        sink.close()
        meter.close()
    logger.info("extract done: %s", counts)
    return counts


def _write(sink, batch: list, future: Future, counts: dict, meter: Progress) -> None:
    documents, facts = _rows_for(batch, future.result())
    sink.write(documents, facts)
    errors = sum(1 for d in documents if d["status"] == "error")
    counts["documents"] += len(documents)
    counts["errors"] += errors
    counts["facts"] += len(facts)
    meter.advance(len(documents), sum(d["n_chars"] or 0 for d in documents), errors)
