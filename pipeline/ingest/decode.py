"""Bytes to text: BOMs, strict UTF-8 first, then charset-normalizer.

``decode_bytes`` returns ``(text, encoding)`` or raises ``DecodeFailure`` whose
``code`` is the error to report (binary, undecodable). GBK and GB2312 are decoded
with GB18030, their superset, and recorded as ``gb18030``.
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)
# Encodings a Chinese document may plausibly use (normalised Python codec names).
CJK_FAMILY = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "gb18030": "gb18030",
    "hz": "hz",
    "big5": "big5",
    "big5hkscs": "big5hkscs",
    "cp950": "cp950",
    "utf_16": "utf-16",
    "utf_16_le": "utf-16-le",
    "utf_16_be": "utf-16-be",
    "utf_32": "utf-32",
    "utf_8": "utf-8",
    "ascii": "utf-8",
}
SNIFF = 1 << 16
CONTROL = set(range(0, 32)) - {9, 10, 12, 13, 27}


class DecodeFailure(Exception):
    """Why bytes could not become text; ``code`` is ``"E103"`` or ``"E104"``."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode ``data``; return the text (BOM removed) and the encoding name."""
    for bom, codec, name in BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec), name
            except UnicodeDecodeError as err:
                raise DecodeFailure("E104", f"{name} BOM but invalid data: {err.reason}") from err
    if b"\x00" in data[:SNIFF]:
        return _utf16_without_bom(data)
    check_binary(data)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return _detect(data)


def _utf16_without_bom(data: bytes) -> tuple[str, str]:
    """NUL bytes: UTF-16 text without a BOM, or a binary file."""
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _plausible(text[: SNIFF // 2]):
            return text, codec
    raise DecodeFailure("E103", "NUL bytes")


def _plausible(text: str) -> bool:
    if not text:
        return False
    good = sum(1 for c in text if c.isprintable() or c in "\n\r\t" or "\u4e00" <= c <= "\u9fff")
    cjk = sum(1 for c in text if "\u4e00" <= c <= "\u9fff")
    return good / len(text) > 0.98 and cjk / len(text) > 0.2


def check_binary(data: bytes) -> None:
    """Raise E103 when the bytes look like a binary file rather than text."""
    head = data[:SNIFF]
    if b"\x00" in head:
        raise DecodeFailure("E103", "NUL bytes")
    controls = sum(1 for b in head if b in CONTROL)
    if head and controls / len(head) > 0.01:
        raise DecodeFailure("E103", f"{controls} control bytes in the first {len(head)}")


def _detect(data: bytes) -> tuple[str, str]:
    codec = _guess(data)
    try:
        return data.decode(codec), codec
    except UnicodeDecodeError as err:
        if codec != "gb18030" and _mostly_chinese(data, "gb18030"):
            return data.decode("gb18030"), "gb18030"
        raise DecodeFailure("E104", f"{codec} guessed but invalid: {err.reason}") from err


def _guess(data: bytes) -> str:
    """The codec for ``data`` (whose last character may be cut)."""
    best = from_bytes(data[: SNIFF * 4]).best()
    guess = best.encoding if best is not None else None
    codec = CJK_FAMILY.get(guess or "")
    if codec is not None and _partial_decode(data, codec) is not None:
        return codec
    if _mostly_chinese(data, "gb18030"):
        return "gb18030"  # short GBK texts are often guessed as a Western code page
    raise DecodeFailure("E104", f"no plausible Chinese encoding (best guess {guess})")


def _partial_decode(data: bytes, codec: str) -> str | None:
    try:
        return codecs.getincrementaldecoder(codec)().decode(data[: SNIFF * 4], final=False)
    except UnicodeDecodeError:
        return None


def _mostly_chinese(data: bytes, codec: str) -> bool:
    text = _partial_decode(data, codec)
    high = [c for c in text or "" if ord(c) > 127]
    if not high:
        return False
    cjk = sum(1 for c in high if "\u4e00" <= c <= "\u9fff" or "\u3000" <= c <= "\u303f")
    return cjk / len(high) > 0.9


def sniff_encoding(sample: bytes) -> str:
    """The encoding of a stream judged on its first bytes (a cut character is fine)."""
    for bom, _codec, name in BOMS:
        if sample.startswith(bom):
            return name
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    check_binary(sample)
    return _guess(sample)
