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

    A document that fails is reported with its reason; the batch goes on.
    """
    nlp = get_pipeline(model)
    results = []
    for payload in payloads:
        try:
            doc = nlp.make_doc(payload["text"])
            doc._.meta = dict(payload["meta"])
            doc = nlp(doc)
            facts = plain_facts(doc.text, doc._.facts or [])
            results.append({"doc_id": payload["doc_id"], "facts": facts, "error": None})
        except Exception as err:  # noqa: BLE001 - one bad document never stops a batch
            logger.warning("document %s failed: %s", payload["doc_id"], err)
            reason = Errors.E602.format(reason=f"{type(err).__name__}: {err}")
            results.append({"doc_id": payload["doc_id"], "facts": [], "error": reason})
    return results
