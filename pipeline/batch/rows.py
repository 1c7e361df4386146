"""Rows of the two output tables: ``documents`` (one per input) and ``facts`` (one per fact).

Workers send back plain facts (offsets into the cleaned text, plus the sentence);
the main process, which holds each Document and its offset map, makes the rows.
"""

from __future__ import annotations

from typing import Any

from ..ingest import Document, IngestError
from ..linking import sentence_of

DOCUMENT_COLUMNS = (
    "doc_id", "content_hash", "source", "member", "status", "error", "encoding", "title",
    "doc_year", "doc_place", "n_chars", "n_facts",
)
FACT_COLUMNS = (
    "doc_id", "fact_id", "qty_text", "qty_start", "qty_end", "ind_text", "ind_start", "ind_end",
    "date_text", "loc_text", "value", "value_high", "unit", "approx", "year", "change", "target",
    "confidence", "sentence", "place", "orig_start", "orig_end",
)


def worker_payload(doc: Document) -> dict[str, Any]:
    """What a worker needs of a Document (no offset map, no original text)."""
    return {"doc_id": doc.doc_id, "text": doc.text, "meta": doc.meta}


def plain_facts(text: str, facts: list[dict]) -> list[dict]:
    """Facts with their sentence, as a worker returns them."""
    out = []
    for fact in facts:
        start, end = sentence_of(text, fact["qty"][0])
        out.append({**fact, "sentence": text[start:end].strip()})
    return out


def _surface(text: str, offsets) -> str | None:
    return text[offsets[0] : offsets[1]] if offsets else None


def fact_rows(doc: Document, facts: list[dict]) -> list[dict]:
    """The ``facts`` rows of one document."""
    rows = []
    for i, fact in enumerate(facts):
        qs, qe = fact["qty"]
        ind = fact.get("ind") or [None, None]
        orig_start, orig_end = doc.to_original(qs, qe)
        loc_text = _surface(doc.text, fact.get("loc"))
        rows.append({
            "doc_id": doc.doc_id, "fact_id": f"{doc.doc_id}-{i:04d}",
            "qty_text": doc.text[qs:qe], "qty_start": qs, "qty_end": qe,
            "ind_text": _surface(doc.text, fact.get("ind")), "ind_start": ind[0], "ind_end": ind[1],
            "date_text": _surface(doc.text, fact.get("date")), "loc_text": loc_text,
            "value": fact["value"], "value_high": fact.get("value_high"), "unit": fact["unit"],
            "approx": bool(fact["approx"]), "year": fact["year"], "change": bool(fact["change"]),
            "target": bool(fact["target"]), "confidence": float(fact.get("confidence", 0.0)),
            "sentence": fact.get("sentence"), "place": loc_text or doc.place,
            "orig_start": orig_start, "orig_end": orig_end,
        })
    return rows


def document_row(doc: Document, n_facts: int, error: str | None = None) -> dict:
    return {
        "doc_id": doc.doc_id, "content_hash": doc.content_hash, "source": doc.source,
        "member": doc.member, "status": "error" if error else "ok", "error": error,
        "encoding": doc.encoding, "title": doc.title, "doc_year": doc.doc_year,
        "doc_place": doc.place, "n_chars": len(doc.text), "n_facts": n_facts,
    }


def error_row(err: IngestError) -> dict:
    """The ``documents`` row of an input that yielded no document."""
    row = dict.fromkeys(DOCUMENT_COLUMNS)
    row.update({"doc_id": err.doc_id, "source": err.source,
                "member": err.member, "status": "error", "error": err.reason,
                "n_chars": 0, "n_facts": 0})
    return row
