"""Parse one quantity expression into a :class:`Quantity` (value in the base unit).

The grammar, read left to right over text normalised by :func:`numerals.normalise`:
``[百分之|千分之] [-+] NUMERAL [多|余] [百千万亿…] [UNIT [/UNIT] [（UNIT、…）]] [多|余]
[左右|以上|以内|以下]``, plus ratios (``2.9∶1``), fractions (``1/3``, ``三分之一``),
tenths (``四成`` → 40 %), ``一半`` and ranges (``5%—6%``, ``3至5万元``). Units and
their kinds come from ``units.tsv``; scale characters before a unit multiply the value
(``亿千瓦时`` → 千瓦时, ``51313百羽`` → 羽).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import Errors, GovieError
from .numerals import SCALES, normalise, parse_numeral

UNITS_PATH = Path(__file__).with_name("units.tsv")
PREFIX_APPROX = ("超过", "突破", "约", "近", "超", "逾")
SUFFIX_APPROX = ("左右", "以上", "以内", "以下")
INNER_APPROX = "多余"
SPACES = " \u3000\xa0"
RANGE_SEPARATORS = "-—–~～至"
_CN = "零〇○一二两三四五六七八九十百千万亿"
_ARABIC_CORE = re.compile(r"[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?")
_CN_CORE = re.compile(rf"(?:[{_CN}][{_CN}0-9]*)(?:点[零〇一二三四五六七八九]+)?")
_SCALE_RUN = re.compile(r"[百千万亿]*")
_TENTH_CORE = re.compile(r"[一二两三四五六七八九十]|[1-9]")


@dataclass(frozen=True)
class Quantity:
    """A normalised quantity: ``value`` in ``unit`` (the base unit after scaling)."""

    value: float
    unit: str = ""
    approx: bool = False
    value_high: float | None = None
    kind: str = "number"

    def __post_init__(self) -> None:
        # scaling in binary floats leaves noise (72.4亿 → 7240000000.000001): keep 12 digits
        object.__setattr__(self, "value", tidy(self.value))
        if self.value_high is not None:
            object.__setattr__(self, "value_high", tidy(self.value_high))


def tidy(value: float) -> float:
    """``value`` rounded to 12 significant digits."""
    return float(f"{value:.12g}")


@dataclass(frozen=True)
class Scan:
    """What :func:`scan` read: the quantity, where it ends, and how the number is written."""

    quantity: Quantity
    end: int
    chinese: bool  # the number is written in Chinese numerals only
    scaled: bool  # a scale character (万, 亿 …) stood after the number


@lru_cache(maxsize=1)
def load_units(path: str | Path = UNITS_PATH) -> dict[str, tuple[str, str]]:
    """The unit catalogue: written form → (canonical unit, kind)."""
    units: dict[str, tuple[str, str]] = {}
    lines = Path(path).read_text(encoding="utf8").splitlines()
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) < 2 or not fields[0] or not fields[1]:
            raise GovieError(Errors.E202.format(path=path, line=number))
        canonical = fields[2] if len(fields) > 2 and fields[2] else fields[0]
        units[fields[0]] = (canonical, fields[1])
    return units


@lru_cache(maxsize=1)
def _unit_lengths() -> tuple[int, ...]:
    return tuple(sorted({len(u) for u in load_units()}, reverse=True))


def match_unit(text: str, pos: int) -> tuple[str, int] | None:
    """The longest catalogue unit at ``pos``: (written form, end)."""
    units = load_units()
    for length in _unit_lengths():
        written = text[pos : pos + length]
        if len(written) == length and written in units:
            nxt = text[pos + length : pos + length + 1]
            if written.isalpha() and written.isascii() and nxt.isascii() and nxt.isalnum():
                continue  # P in PB2, not a unit
            return written, pos + length
    return None


def _read_unit(text: str, pos: int) -> tuple[str, str, str, int] | None:
    """Unit at ``pos`` with compounds: (written, canonical, kind, end)."""
    found = match_unit(text, pos)
    if found is None:
        return None
    written, end = found
    if _at(text, end) in SPACES:  # 628007人 次
        skip = end
        while _at(text, skip) in SPACES:
            skip += 1
        joined = written + _at(text, skip)
        if joined in load_units():
            written, end = joined, skip + 1
    canonical, kind = load_units()[written]
    if _at(text, end) in ("/", "每"):
        per = match_unit(text, end + 1)
        per_end = per[1] if per else (end + 2 if _at(text, end + 1) in "年月日天秒人户亩" else 0)
        if per_end and text[end + 1 : per_end]:
            written = text[pos:per_end]
            canonical, kind = load_units().get(written, (written, kind + "_rate"))
            end = per_end
    if text[end : end + 1] == "（":
        close = text.find("）", end, end + 12)
        inner = text[end + 1 : close].split("、") if close > 0 else []
        if inner and all(match_unit(part, 0) == (part, len(part)) for part in inner):
            end = close + 1
            if text[end : end + 1] == "次":
                end += 1
            written = canonical = text[pos:end]
    return written, canonical, kind, end


def _read_number(text: str, pos: int) -> tuple[float, int, bool] | None:
    """A numeral at ``pos``: (value, end, written in Chinese)."""
    match = _ARABIC_CORE.match(text, pos)
    chinese = False
    if match is None:
        match = _CN_CORE.match(text, pos)
        chinese = True
    if match is None:
        return None
    value = parse_numeral(match.group())
    if value is None:
        return None
    return value, match.end(), chinese


def scan(text: str, pos: int = 0) -> Scan | None:
    """Read one quantity (no prefix, no range) starting exactly at ``pos``.

    ``text`` must already be normalised (:func:`numerals.normalise`); callers scanning a
    long text normalise it once.
    """
    for marker, unit, kind in (("百分之", "%", "rate"), ("千分之", "‰", "rate")):
        if text.startswith(marker, pos):
            number = _read_number(text, pos + len(marker))
            if number is None:
                return None
            value, end, chinese = number
            approx, end = _suffix_approx(text, end)
            return Scan(Quantity(value, unit, approx, kind=kind), end, chinese, False)
    if text.startswith("一半", pos):
        approx, end = _suffix_approx(text, pos + 2)
        return Scan(Quantity(50.0, "%", approx, kind="rate"), end, True, False)
    sign = 1.0
    start = pos
    if _at(text, pos) in ("-", "+") and text[pos + 1 : pos + 2].isdigit():
        sign = -1.0 if text[pos] == "-" else 1.0
        pos += 1
    number = _read_number(text, pos)
    if number is None:
        return None
    value, end, chinese = number
    return _after_number(text, start, end, sign * value, chinese)


def _after_number(text: str, start: int, end: int, value: float, chinese: bool) -> Scan | None:
    approx = False
    # a Chinese numeral may have swallowed the 千/百 of a unit (两千瓦) or a trailing scale
    if chinese and end - start > 1 and text[end - 1] in "千百" and match_unit(text, end - 1):
        shorter = parse_numeral(text[start : end - 1])
        if shorter is not None:
            value, end = shorter, end - 1
    if _at(text, end) in INNER_APPROX and _at(text, end + 1) in SCALES:
        approx, end = True, end + 1
    scaled = chinese and any(c in "万亿" for c in text[start:end])
    end = _space_to_unit(text, end)
    while end < len(text) and text[end] in "百千万亿" and not match_unit(text, end):
        value *= SCALES[text[end]]
        end, scaled = end + 1, True
    if _at(text, end) in INNER_APPROX and not approx:
        approx, end = True, end + 1
    special = _special_unit(text, start, end, value, chinese, scaled)
    if special is not None:
        return special
    unit, kind = "", "number"
    read = _read_unit(text, _space_to_unit(text, end))
    if read is not None:
        _written, unit, kind, end = read
        if kind == "tenth":
            if not _TENTH_CORE.fullmatch(text[start : end - 1].rstrip(INNER_APPROX)):
                return None
            value, kind = value * 10, "rate"
        if _at(text, end) in INNER_APPROX and not approx:
            approx, end = True, end + 1
    suffix, end = _suffix_approx(text, end)
    return Scan(Quantity(value, unit, approx or suffix, kind=kind), end, chinese, scaled)


def _space_to_unit(text: str, end: int) -> int:
    """Skip spaces between a number and its scale or unit (``92.6 万亩``, ``430 张``)."""
    skip = end
    while _at(text, skip) in SPACES:
        skip += 1
    if skip > end and (_at(text, skip) in "百千万亿" or match_unit(text, skip)):
        return skip
    return end


def _special_unit(
    text: str, start: int, end: int, value: float, chinese: bool, scaled: bool
) -> Scan | None:
    """Ratios against 1 or 100, fractions a/b and 翻一翻 (a slip for 番)."""
    nxt = text[end : end + 1]
    if nxt == ":" and not scaled:
        other = _ARABIC_CORE.match(text, end + 1)
        if other and other.group() in ("1", "100", "1.0"):
            after = text[other.end() : other.end() + 1]
            if after != ":" and not after.isdigit():
                return Scan(Quantity(value, "", kind="ratio"), other.end(), chinese, False)
    if nxt == "/" and not scaled and not chinese:
        other = _ARABIC_CORE.match(text, end + 1)
        if other and float(other.group().replace(",", "")):
            low = value / float(other.group().replace(",", ""))
            approx, end = _suffix_approx(text, other.end())
            return Scan(Quantity(low, "", approx, kind="fraction"), end, False, False)
    if text.startswith("分之", end):
        other = _read_number(text, end + 2)
        if other and value:
            approx, end = _suffix_approx(text, other[1])
            return Scan(Quantity(other[0] / value, "", approx, kind="fraction"), end, True, False)
    after = _at(text, end + 1)
    if nxt == "翻" and chinese and (_at(text, start - 1) == "翻" or not "\u4e00" <= after <= "\u9fff"):
        return Scan(Quantity(value, "番", kind="multiple"), end + 1, chinese, False)
    return None


def _at(text: str, i: int) -> str:
    """The character at ``i``, or NUL past either end (never a member of a char set)."""
    return text[i] if 0 <= i < len(text) else "\0"


def _suffix_approx(text: str, end: int) -> tuple[bool, int]:
    for word in SUFFIX_APPROX:
        if text.startswith(word, end):
            return True, end + len(word)
    return False, end


def scan_range(text: str, pos: int = 0) -> Scan | None:
    """A quantity or a range of two (``5%—6%``, ``3至5万元``) at ``pos`` of normalised text."""
    low = scan(text, pos)
    if low is None:
        return None
    sep = low.end
    if _at(text, sep) not in RANGE_SEPARATORS or low.quantity.kind == "ratio":
        return low
    high = scan(text, sep + 1)
    if high is None or high.chinese != low.chinese:
        return low
    lq, hq = low.quantity, high.quantity
    if lq.unit and lq.unit != hq.unit:
        return low
    if not hq.unit and lq.unit:
        return low
    value = lq.value
    if not lq.unit and not low.scaled:  # 3至5万元: the low end takes the high end's scale
        value *= _scale_of(text, sep + 1, high.end)
    if value > hq.value:
        return low
    quantity = Quantity(value, hq.unit, lq.approx or hq.approx, hq.value, hq.kind)
    return Scan(quantity, high.end, low.chinese, high.scaled)


def _scale_of(text: str, start: int, end: int) -> float:
    """The product of the scale characters written after the high end's number."""
    match = _ARABIC_CORE.match(text, start)
    if match is None:
        return 1.0
    factor = 1.0
    for char in _SCALE_RUN.match(text, match.end()).group():
        factor *= SCALES[char]
    return factor


def prefix_approx(text: str, start: int) -> str:
    """The approximating prefix written just before ``start`` (约, 超过 …), or ``""``."""
    for word in PREFIX_APPROX:
        if text[max(0, start - len(word)) : start] == word:
            return word
    return ""


def parse_quantity(text: str) -> Quantity | None:
    """Parse one expression (``约340.20万元``, ``5%—6%``, ``四成``); None if it is not one."""
    text = normalise(text.strip())
    prefix = next((w for w in PREFIX_APPROX if text.startswith(w)), "")
    upper = text.startswith("上万")
    pos = 1 if upper else len(prefix)
    found = scan_range(text, pos)
    if found is None and prefix:  # 近 in 近千 is a prefix, 超 in 超万 too
        found, prefix = scan_range(text, 0), ""
    if found is None or found.end != len(text):
        return None
    quantity = found.quantity
    if prefix or upper:
        quantity = Quantity(quantity.value, quantity.unit, True, quantity.value_high, quantity.kind)
    return quantity
