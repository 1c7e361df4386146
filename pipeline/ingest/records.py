"""Record containers: JSONL (one object a line) and CSV/TSV (one row a document).

A record's "original" is its text field; its member is ``<file member>#<line>``; the
other fields are kept as metadata (``title``, ``year``, ``province`` … also feed the
inferred title, year and place). Lines longer than ``Limits.max_bytes`` are skipped
without being held in memory.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from typing import Any, BinaryIO

from ..errors import Errors
from .archives import Blob, Limits
from .decode import SNIFF, DecodeFailure, decode_bytes, sniff_encoding
from .document import Document, IngestError, build_document

TEXT_FIELDS = ("text", "full_text", "content", "body", "article", "正文", "内容", "全文")
CHUNK = 1 << 20


def _member(blob: Blob, line: int) -> str:
    return f"{blob.member}#{line}" if blob.member else f"#{line}"


def _record(
    blob: Blob, line: int, text: str, raw: bytes, encoding: str, kind: str, metadata: dict[str, Any]
) -> Document | IngestError:
    member = _member(blob, line)
    doc = build_document(
        text,
        source=blob.source,
        member=member,
        kind=kind,
        encoding=encoding,
        raw=raw,
        filename=blob.name,
        metadata=metadata,
        record=True,
    )
    if not doc.text.strip():
        return IngestError(blob.source, member, Errors.E102.format(path=f"{blob.label()}#{line}"))
    return doc


def _lines(f: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """``(line number, bytes)``; bytes is None for a line over ``limit``."""
    number = 0
    while True:
        line = f.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):  # skip the rest of the long line
                line = f.readline(CHUNK)
            yield number, None
        else:
            yield number, line


def iter_jsonl(
    blob: Blob, limits: Limits, text_column: str | None
) -> Iterator[Document | IngestError]:
    """One document per JSON object line with a string text field."""
    label = blob.label()
    with blob.open() as f:
        for number, line in _lines(f, limits.max_bytes):
            member = _member(blob, number)
            if line is None:
                yield IngestError(
                    blob.source,
                    member,
                    Errors.E105.format(
                        path=f"{label}#{number}",
                        size=f"> {limits.max_bytes}",
                        limit=limits.max_bytes,
                    ),
                )
                continue
            if not line.strip():
                continue
            try:
                decoded, encoding = decode_bytes(line)
                obj = json.loads(decoded)
            except (DecodeFailure, ValueError) as err:
                yield IngestError(
                    blob.source, member, Errors.E112.format(line=number, path=label, reason=err)
                )
                continue
            if not isinstance(obj, dict):
                reason = f"a JSON {type(obj).__name__}, not an object"
                yield IngestError(
                    blob.source, member, Errors.E112.format(line=number, path=label, reason=reason)
                )
                continue
            field = text_column or next((k for k in TEXT_FIELDS if k in obj), "text")
            text = obj.get(field)
            if not isinstance(text, str):
                yield IngestError(
                    blob.source, member, Errors.E113.format(line=number, path=label, field=field)
                )
                continue
            metadata = {k: v for k, v in obj.items() if k != field}
            yield _record(blob, number, text, line, encoding, "jsonl", metadata)


def find_text_column(header: list[str], first: dict[str, str] | None) -> str | None:
    """The text column: a known name, else the column with the longest Chinese value."""
    lowered = {h.strip().lower(): h for h in header if h}
    for name in TEXT_FIELDS:
        if name in lowered:
            return lowered[name]
    if not first:
        return None
    chinese = [
        (len(v or ""), k) for k, v in first.items() if k and re.search(r"[\u4e00-\u9fff]", v or "")
    ]
    best = max(chinese, default=None)
    return best[1] if best and best[0] >= 20 else None


def iter_csv(
    blob: Blob, limits: Limits, text_column: str | None
) -> Iterator[Document | IngestError]:
    """One document per row; the encoding is judged on the first bytes."""
    label = blob.label()
    with blob.open() as f:
        try:
            encoding = sniff_encoding(f.read(SNIFF))
        except DecodeFailure as err:
            template = Errors.E103 if err.code == "E103" else Errors.E104
            yield blob.error(template.format(path=label, reason=err.reason))
            return
        f.seek(0)
        codec = "utf-8-sig" if encoding == "utf-8" else encoding
        stream = io.TextIOWrapper(f, encoding=codec, newline="")
        delimiter = "\t" if blob.name.lower().endswith(".tsv") else ","
        yield from _rows(blob, stream, delimiter, encoding, limits, text_column)


def _rows(
    blob: Blob,
    stream: io.TextIOWrapper,
    delimiter: str,
    encoding: str,
    limits: Limits,
    text_column: str | None,
) -> Iterator[Document | IngestError]:
    label = blob.label()
    csv.field_size_limit(max(limits.max_bytes, csv.field_size_limit()))
    reader = csv.DictReader(stream, delimiter=delimiter)
    column, seen = None, 0
    try:
        for row in reader:
            seen += 1
            number = seen  # the row number (a row may span several lines)
            if column is None:
                column = text_column or find_text_column(reader.fieldnames or [], row)
                if column not in (reader.fieldnames or []):
                    yield blob.error(Errors.E111.format(path=label, columns=reader.fieldnames))
                    return
            text = row.get(column)
            if not isinstance(text, str) or not text.strip():
                yield IngestError(
                    blob.source,
                    _member(blob, number),
                    Errors.E113.format(line=number, path=label, field=column),
                )
                continue
            metadata = {k: v for k, v in row.items() if k != column and k is not None}
            raw = text.encode("utf-8")
            yield _record(blob, number, text, raw, encoding, "csv", metadata)
    except UnicodeDecodeError as err:
        yield blob.error(
            Errors.E104.format(path=f"{label} after line {reader.line_num}", reason=err.reason)
        )
    except csv.Error as err:
        yield blob.error(
            Errors.E114.format(path=f"{label} line {reader.line_num}", kind="csv", reason=err)
        )
    if not seen:
        yield blob.error(Errors.E102.format(path=label))
