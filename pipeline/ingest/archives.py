"""Archive members out of zip, tar(.gz/.bz2/.xz) and .gz, within size and depth limits.

Each function yields ``Blob`` members or ``IngestError`` records and never raises on
bad input: a corrupt archive, an encrypted member, a member or a total beyond the
limits (zip bombs: declared sizes, compression ratio and the bytes actually read are
all capped) each become one error and the rest goes on.
"""

from __future__ import annotations

import gzip
import tarfile
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import BinaryIO

from ..errors import Errors
from .document import IngestError

CORRUPT = (zipfile.BadZipFile, tarfile.TarError, zlib.error, EOFError, OSError, ValueError)
MIN_BOMB = 1 << 20  # members smaller than this are never judged on their ratio


@dataclass(frozen=True)
class Limits:
    """Caps that keep one bad input from exhausting memory or time."""

    max_bytes: int = 16 << 20  # one file, member or record
    max_total: int = 256 << 20  # all members of one archive, expanded
    max_ratio: int = 200  # expanded / compressed size of one zip member
    max_depth: int = 2  # archives opened inside archives
    max_members: int = 50_000


@dataclass
class Blob:
    """Bytes to ingest: a file on disk (``path``) or an archive member (``data``)."""

    source: str
    name: str
    member: str | None = None
    path: Path | None = None
    data: bytes | None = None
    depth: int = 0

    def size(self) -> int:
        return self.path.stat().st_size if self.path is not None else len(self.data or b"")

    def open(self) -> BinaryIO:
        return self.path.open("rb") if self.path is not None else BytesIO(self.data or b"")

    def read(self) -> bytes:
        return self.path.read_bytes() if self.path is not None else (self.data or b"")

    def label(self) -> str:
        return f"{self.source}::{self.member}" if self.member else self.source

    def child(self, name: str, data: bytes) -> Blob:
        member = f"{self.member}::{name}" if self.member else name
        return Blob(self.source, name, member, None, data, self.depth + 1)

    def error(self, reason: str, member: str | None = None) -> IngestError:
        return IngestError(self.source, member if member is not None else self.member, reason)


@dataclass
class _Budget:
    """The member count and expanded total of one archive, checked member by member."""

    limits: Limits
    count: int = 0
    total: int = 0

    def admit(self, blob: Blob, child: Blob, size: int) -> tuple[IngestError | None, bool]:
        """``(error, stop)`` for a member of declared ``size``: no error if it may be read;
        ``stop`` when the whole archive is over its limits."""
        self.count += 1
        if self.count > self.limits.max_members:
            reason = f"more than {self.limits.max_members} members"
            return blob.error(Errors.E108.format(path=blob.label(), reason=reason)), True
        if size > self.limits.max_bytes:
            error = Errors.E105.format(path=child.label(), size=size, limit=self.limits.max_bytes)
            return child.error(error), False
        self.total += size
        if self.total > self.limits.max_total:
            reason = f"members total more than {self.limits.max_total} bytes"
            return blob.error(Errors.E108.format(path=blob.label(), reason=reason)), True
        return None, False


def _member_name(info: zipfile.ZipInfo) -> str:
    if info.flag_bits & 0x800:
        return info.filename
    raw = info.filename.encode("cp437", errors="replace")
    for codec in ("utf-8", "gb18030"):
        try:
            return raw.decode(codec)
        except UnicodeDecodeError:
            continue
    return info.filename


def _skip(name: str) -> bool:
    parts = name.rstrip("/").split("/")
    return name.endswith("/") or parts[0] == "__MACOSX" or parts[-1].startswith(".")


def _read_capped(f: BinaryIO, limit: int) -> bytes | None:
    data = f.read(limit + 1)
    return None if len(data) > limit else data


def iter_zip(blob: Blob, limits: Limits) -> Iterator[Blob | IngestError]:
    """Members of a zip archive."""
    try:
        zf = zipfile.ZipFile(blob.open())
        infos = zf.infolist()
    except CORRUPT as err:
        yield blob.error(Errors.E106.format(path=blob.label(), reason=err))
        return
    budget = _Budget(limits)
    with zf:
        for info in infos:
            name = _member_name(info)
            if _skip(name):
                continue
            child = blob.child(name, b"")
            error, stop = budget.admit(blob, child, info.file_size)
            if error is not None:
                yield error
                if stop:
                    return
                continue
            if info.flag_bits & 0x1:
                yield child.error(Errors.E107.format(path=child.label()))
                continue
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > MIN_BOMB and ratio > limits.max_ratio:
                reason = f"compression ratio {ratio:.0f} > {limits.max_ratio}"
                yield child.error(Errors.E108.format(path=child.label(), reason=reason))
                continue
            try:
                with zf.open(info) as f:
                    data = _read_capped(f, limits.max_bytes)
            except CORRUPT as err:
                yield child.error(Errors.E106.format(path=child.label(), reason=err))
                continue
            except RuntimeError as err:  # zipfile: encrypted without the flag we checked
                yield child.error(Errors.E107.format(path=child.label()) + f" ({err})")
                continue
            if data is None:
                reason = f"member {name} yields more than {limits.max_bytes} bytes"
                yield child.error(Errors.E108.format(path=child.label(), reason=reason))
                continue
            child.data = data
            yield child


def iter_tar(blob: Blob, limits: Limits) -> Iterator[Blob | IngestError]:
    """Regular-file members of a tar archive (any compression tarfile knows)."""
    budget, last = _Budget(limits), None
    try:
        with tarfile.open(fileobj=blob.open(), mode="r:*") as tf:
            for info in tf:
                if not info.isfile() or _skip(info.name):
                    continue
                last = info.name
                child = blob.child(info.name, b"")
                error, stop = budget.admit(blob, child, info.size)
                if error is not None:
                    yield error
                    if stop:
                        return
                    continue
                f = tf.extractfile(info)
                child.data = f.read(info.size) if f is not None else b""
                if len(child.data) < info.size:
                    raise EOFError(f"member {info.name} cut short")
                yield child
    except CORRUPT as err:
        where = f" after member {last}" if last else ""
        yield blob.error(Errors.E106.format(path=blob.label(), reason=f"{err}{where}"))


def iter_gzip(blob: Blob, limits: Limits) -> Iterator[Blob | IngestError]:
    """The single member of a ``.gz`` file (not a tar)."""
    name = blob.name[:-3] if blob.name.lower().endswith(".gz") else blob.name + ".out"
    try:
        with gzip.GzipFile(fileobj=blob.open()) as f:
            data = _read_capped(f, limits.max_bytes)
    except CORRUPT as err:
        yield blob.error(Errors.E106.format(path=blob.label(), reason=err))
        return
    if data is None:
        reason = f"more than {limits.max_bytes} bytes"
        yield blob.error(Errors.E108.format(path=blob.label(), reason=reason))
        return
    yield blob.child(name, data)
