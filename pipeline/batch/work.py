"""The work a worker does: one pipeline per process, documents in, plain facts out.

Nothing here knows about sinks or ingestion containers, so the same function serves
local processes and Dask workers.
"""

from __future__ import annotations

import logging
from typing import Any

from ..errors import Errors
from .rows import plain_facts

logger = logging.getLogger(__name__)
_PIPELINES: dict[str | None, Any] = {}


def get_pipeline(model: str | None):
    """The pipeline for ``model``, loaded once per process."""
    if model not in _PIPELINES:
        from ..build import load

        _PIPELINES[model] = load(model)
    return _PIPELINES[model]


def process_batch(payloads: list[dict], model: str | None = None) -> list[dict]:
    """[{doc_id, facts | error}] for a batch of worker payloads, in order.

    The batch goes through ``nlp.pipe`` (the neural components batch their work: ~14%
    less CPU on short documents, bench/README.md); if that fails, each document is
    redone alone, so a document that fails is reported with its reason and the rest go on.
    """
    nlp = get_pipeline(model)
    try:
        docs = list(nlp.pipe([_make_doc(nlp, p) for p in payloads], batch_size=max(len(payloads), 1)))
    except Exception as err:  # noqa: BLE001 - find the bad document one by one
        logger.info("batch failed (%s); processing its documents one by one", err)
        return [_process_one(nlp, payload) for payload in payloads]
    return [_result(payload, doc) for payload, doc in zip(payloads, docs)]


def _make_doc(nlp, payload: dict):
    doc = nlp.make_doc(payload["text"])
    doc._.meta = dict(payload["meta"])
    return doc


def _result(payload: dict, doc) -> dict:
    return {"doc_id": payload["doc_id"], "facts": plain_facts(doc.text, doc._.facts or []), "error": None}


def _process_one(nlp, payload: dict) -> dict:
    try:
        return _result(payload, nlp(_make_doc(nlp, payload)))
    except Exception as err:  # noqa: BLE001 - one bad document never stops a batch
        logger.warning("document %s failed: %s", payload["doc_id"], err)
        reason = Errors.E602.format(reason=f"{type(err).__name__}: {err}")
        return {"doc_id": payload["doc_id"], "facts": [], "error": reason}
