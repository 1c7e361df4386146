"""Ingestion: scraped archives in, clean documents with offsets and metadata out.

from pipeline.ingest import iter_documents, Document
for rec in iter_documents(["archive.zip", "reports/"]):
    if isinstance(rec, Document):
        rec.text, rec.doc_year, rec.place, rec.sections, rec.to_original(0, 5)
    else:
        rec.source, rec.member, rec.reason  # an IngestError: E1xx code and reason
"""

from ..sections import detect_sections
from .archives import Limits
from .clean import clean_text
from .decode import decode_bytes
from .document import Document, IngestError
from .meta import infer_doc_year, infer_place
from .offsets import OffsetMap
from .readers import iter_documents

__all__ = [
    "Document",
    "IngestError",
    "Limits",
    "OffsetMap",
    "clean_text",
    "decode_bytes",
    "detect_sections",
    "infer_doc_year",
    "infer_place",
    "iter_documents",
]
