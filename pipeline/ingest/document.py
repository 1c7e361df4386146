"""The ingestion records: ``Document`` (clean text, offset map, metadata) and ``IngestError``."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..sections import detect_sections
from .clean import clean_text
from .meta import infer_doc_year, infer_place
from .offsets import OffsetMap

MAX_TITLE = 80


def make_doc_id(source: str, member: str | None) -> str:
    """A stable id for a document: a hash of where it came from."""
    key = f"{source}\x00{member or ''}".encode()
    return hashlib.sha1(key).hexdigest()[:16]


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:32]


@dataclass
class IngestError:
    """A file or member that yielded no document, and why (``reason`` carries E1xx)."""

    source: str
    member: str | None
    reason: str

    @property
    def doc_id(self) -> str:
        """The id the input would have had as a Document (its row in ``documents``)."""
        return make_doc_id(self.source, self.member)

    @property
    def code(self) -> str:
        m = re.match(r"\[(E\d+)\]", self.reason)
        return m[1] if m else ""


@dataclass
class Document:
    """One cleaned document. ``offsets`` maps ``text`` to ``original`` (the decoded
    file, HTML source, record field or docx paragraphs joined by newlines)."""

    doc_id: str
    content_hash: str
    source: str
    member: str | None
    kind: str
    encoding: str
    title: str | None
    text: str
    offsets: OffsetMap
    doc_year: int | None = None
    place: str | None = None
    sections: list[tuple[int, int, int | None, str]] = field(default_factory=list)
    gaps: list[tuple[int, int, int]] = field(default_factory=list)
    removed: dict[str, int] = field(default_factory=dict)
    metadata: dict[str, Any] = field(default_factory=dict)
    original: str = field(default="", repr=False, compare=False)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Offsets in ``original`` of the cleaned span ``[start, end)``."""
        return self.offsets.to_original(start, end)

    @property
    def meta(self) -> dict[str, Any]:
        """The ``doc._.meta`` value (DEVELOPERS.md)."""
        return {
            "doc_id": self.doc_id,
            "doc_year": self.doc_year,
            "doc_place": self.place,
            "sections": [list(s) for s in self.sections],
        }

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready record (the original text left out)."""
        return {
            "doc_id": self.doc_id,
            "content_hash": self.content_hash,
            "source": self.source,
            "member": self.member,
            "kind": self.kind,
            "encoding": self.encoding,
            "title": self.title,
            "text": self.text,
            "offsets": self.offsets.to_list(),
            "doc_year": self.doc_year,
            "place": self.place,
            "sections": [list(s) for s in self.sections],
            "gaps": [list(g) for g in self.gaps],
            "metadata": self.metadata,
        }


def _title_from_text(text: str) -> str | None:
    first = text.split("\n", 1)[0].strip()
    if (
        first
        and len(first) <= MAX_TITLE
        and not re.search(r"[。；！？]$|^各位|^[一二三四五六七八九十]、", first)
    ):
        return first
    return None


def _meta_field(metadata: dict[str, Any], names: tuple[str, ...]) -> Any:
    for name in names:
        value = metadata.get(name)
        if value not in (None, ""):
            return value
    return None


def _infer(fn: Callable, title: str | None, name: str, text: str, record: bool) -> Any:
    """Title, filename, text; for a record in a file of many, the filename comes last."""
    if not record:
        return fn(title, name, text)
    found = fn(title, None, text)
    return found if found is not None else fn(None, name, None)


def build_document(
    text: str,
    *,
    source: str,
    member: str | None,
    kind: str,
    encoding: str,
    raw: bytes,
    filename: str | None = None,
    title: str | None = None,
    base_map: OffsetMap | None = None,
    original: str | None = None,
    metadata: dict[str, Any] | None = None,
    record: bool = False,
) -> Document:
    """Clean ``text`` into a Document. When ``text`` was extracted from ``original``
    (HTML), ``base_map`` maps it there and the offsets are composed."""
    metadata = metadata or {}
    cleaned = clean_text(text)
    offsets = cleaned.offsets.compose(base_map) if base_map is not None else cleaned.offsets
    title = title or _meta_field(metadata, ("title", "标题")) or _title_from_text(cleaned.text)
    title = str(title).strip()[:MAX_TITLE] if title else None
    name = filename or member or source
    year = _meta_field(metadata, ("doc_year", "year", "年份"))
    doc_year = (
        int(year)
        if str(year or "").isdigit()
        else _infer(infer_doc_year, title, name, cleaned.text, record)
    )
    place = _meta_field(metadata, ("doc_place", "place", "province", "地区"))
    place = str(place) if place else _infer(infer_place, title, name, cleaned.text, record)
    return Document(
        doc_id=make_doc_id(source, member),
        content_hash=content_hash(raw),
        source=source,
        member=member,
        kind=kind,
        encoding=encoding,
        title=title,
        text=cleaned.text,
        offsets=offsets,
        doc_year=doc_year,
        place=place,
        sections=detect_sections(cleaned.text, doc_year),
        gaps=cleaned.gaps,
        removed=dict(cleaned.removed),
        metadata=metadata,
        original=text if original is None else original,
    )
