"""``iter_documents``: paths in, ``Document`` or ``IngestError`` records out.

Containers: directories (recursive, hidden files skipped), zip, tar(.gz/.bz2/.xz),
.gz, JSONL (a ``text`` field; other fields kept as metadata), CSV/TSV (the text
column given or found), HTML (trafilatura), docx (python-docx), plain text. The kind
comes from the suffix, else from the first bytes. Nothing here raises on bad input.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath

from ..errors import Errors
from .archives import Blob, Limits, iter_gzip, iter_tar, iter_zip
from .decode import DecodeFailure, decode_bytes
from .document import Document, IngestError, build_document
from .records import iter_csv, iter_jsonl

logger = logging.getLogger(__name__)
Record = Document | IngestError
SUFFIX_KINDS = {
    **dict.fromkeys([".txt", ".text", ".md", ".log"], "txt"),
    **dict.fromkeys([".html", ".htm", ".shtml", ".xhtml", ".asp", ".aspx", ".php", ".jsp"], "html"),
    ".docx": "docx",
    ".zip": "zip",
    **dict.fromkeys([".tar", ".tgz", ".tbz2", ".txz"], "tar"),
    ".gz": "gz",
    **dict.fromkeys([".jsonl", ".ndjson"], "jsonl"),
    **dict.fromkeys([".csv", ".tsv"], "csv"),
}
UNSUPPORTED = {".doc", ".pdf", ".xls", ".xlsx", ".ppt", ".pptx", ".wps", ".rtf", ".png", ".jpg"}
ARCHIVES = {"zip", "tar", "gz"}


def iter_documents(
    paths: Iterable[str | Path], text_column: str | None = None, *, limits: Limits | None = None
) -> Iterator[Record]:
    """Yield a ``Document`` for every text found under ``paths``, an ``IngestError``
    for every file or member that yields none; a bad input never stops the batch."""
    limits = limits or Limits()
    for path in paths:
        path = Path(path)
        if not path.exists():
            yield IngestError(str(path), None, Errors.E115.format(path=path))
        elif path.is_dir():
            for file in _walk(path):
                yield from _safe(Blob(str(file), file.name, path=file), text_column, limits)
        else:
            yield from _safe(Blob(str(path), path.name, path=path), text_column, limits)


def _walk(root: Path) -> list[Path]:
    files = [p for p in root.rglob("*") if p.is_file()]
    return sorted(p for p in files if not any(s.startswith(".") for s in p.relative_to(root).parts))


def _safe(blob: Blob, text_column: str | None, limits: Limits) -> Iterator[Record]:
    """Dispatch ``blob``; an unexpected failure becomes one error record."""
    try:
        yield from _dispatch(blob, text_column, limits)
    except Exception as err:  # noqa: BLE001 - the batch must go on
        logger.exception("ingesting %s failed", blob.label())
        yield blob.error(
            Errors.E101.format(path=blob.label(), reason=f"{type(err).__name__}: {err}")
        )


def kind_of(name: str, head: bytes) -> str | None:
    """The container kind of a file from its name, else its first bytes."""
    lower = name.lower()
    if lower.endswith((".tar.gz", ".tar.bz2", ".tar.xz")):
        return "tar"
    suffix = PurePosixPath(lower).suffix
    if suffix in SUFFIX_KINDS:
        return SUFFIX_KINDS[suffix]
    if suffix in UNSUPPORTED:
        return None
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head.startswith(b"\x1f\x8b"):
        return "gz"
    sniff = head[:512].lstrip().lower()
    if sniff.startswith((b"<!doctype html", b"<html")) or b"<body" in sniff:
        return "html"
    return "txt"


def _head(blob: Blob) -> bytes:
    if blob.data is not None:
        return blob.data[:1024]
    with blob.open() as f:
        return f.read(1024)


def _dispatch(blob: Blob, text_column: str | None, limits: Limits) -> Iterator[Record]:
    kind = kind_of(blob.name, _head(blob))
    if kind is None:
        yield blob.error(
            Errors.E110.format(suffix=PurePosixPath(blob.name).suffix, path=blob.label())
        )
        return
    if kind in ARCHIVES:
        if blob.depth >= limits.max_depth:
            yield blob.error(Errors.E109.format(path=blob.label(), depth=limits.max_depth))
            return
        members = {"zip": iter_zip, "tar": iter_tar, "gz": iter_gzip}[kind](blob, limits)
        for item in members:
            if isinstance(item, IngestError):
                yield item
            else:
                yield from _safe(item, text_column, limits)
    elif kind == "jsonl":
        yield from iter_jsonl(blob, limits, text_column)
    elif kind == "csv":
        yield from iter_csv(blob, limits, text_column)
    else:
        yield from _single(blob, kind, limits)


def _single(blob: Blob, kind: str, limits: Limits) -> Iterator[Record]:
    """A txt, html or docx file: one document."""
    size = blob.size()
    if size > limits.max_bytes:
        yield blob.error(Errors.E105.format(path=blob.label(), size=size, limit=limits.max_bytes))
        return
    raw = blob.read()
    if not raw.strip():
        yield blob.error(Errors.E102.format(path=blob.label()))
        return
    if kind == "docx":
        from .docx import read_docx

        result = read_docx(raw, blob.label(), limits.max_total)
        if isinstance(result, str):
            yield blob.error(result)
            return
        (text, title), encoding, original, base_map = result, "docx", None, None
    else:
        try:
            text, encoding = decode_bytes(raw)
        except DecodeFailure as err:
            template = Errors.E103 if err.code == "E103" else Errors.E104
            yield blob.error(template.format(path=blob.label(), reason=err.reason))
            return
        title, original, base_map = None, None, None
        if kind == "html":
            from .html import extract_html

            original = text
            text, title, base_map = extract_html(original)
    doc = build_document(
        text,
        source=blob.source,
        member=blob.member,
        kind=kind,
        encoding=encoding,
        raw=raw,
        filename=blob.name,
        title=title,
        base_map=base_map,
        original=original,
    )
    yield doc if doc.text.strip() else blob.error(Errors.E102.format(path=blob.label()))
