"""Find the quantities (``QTY``) in a text: measurements, not names, dates or list markers.

:func:`find_quantities` reads every numeral with :func:`parse.scan_range` and keeps the
ones that measure something (ANNOTATION.md): it drops ordinals and list markers
(第三, 一、), numbers inside names (十四五, 5G, PM2.5, “1571”), dates (2014年), streaks
(连续3年), qualifiers (30万吨级), durations in years or months, and bare numbers that no
unit, scale, ratio or linking verb (为, 从, 至 …) marks as a value. Prefixes such as 约 and
超过 stay outside the span but make the quantity approximate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .numerals import normalise
from .parse import Quantity, Scan, prefix_approx, scan_range

_START = re.compile(r"百分之|千分之|一半|[0-9]|[-+](?=[0-9])|[零〇○一二两三四五六七八九十百千万亿]")
_NUMERAL_RUN = re.compile(r"[0-9.,零〇○一二两三四五六七八九十百千万亿点]+")
_ORDINAL_BEFORE = ("第", "连续", "连", "前", "每", "星期", "周", "初", "其", "之", "近")
_DATE_AFTER = ("年", "月", "日", "号", "时", "周", "届", "季度", "世纪", "点", "期间", "代", "后")
_NAME_AFTER = ("级", "型", "式", "大", "强", "化", "路", "线", "号", "所", "地", "区", "中心", "经普")
_LINK_BEFORE = ("为", "是", "从", "由", "至", "到", "达", "比", "降", "增", "升", "跨越", "、")
_VALUE_AFTER = "，。；、,;)）：:" + "缩提下增降变减上升到至"
# Chinese numerals that are words, not counts, with these measure words: 一批, 一步, 一次…
_WORD_UNITS = frozenset("个批项件次场步种位条轮回部处家所门支本篇张套间路路段片节列届股")
_MEASURE_DROP_AFTER = ("会议", "全会", "党代会")


@dataclass(frozen=True)
class QuantityMatch:
    """A quantity found in a text: character offsets and the parsed :class:`Quantity`."""

    start: int
    end: int
    text: str
    quantity: Quantity


def find_quantities(text: str) -> list[QuantityMatch]:
    """Every measurement in ``text``, in order, non-overlapping."""
    norm = normalise(text)
    found: list[QuantityMatch] = []
    pos = 0
    while True:
        match = _START.search(norm, pos)
        if match is None:
            break
        start = match.start()
        if start > 0 and _continues_number(norm, start):
            pos = _skip_run(norm, start)
            continue
        read = scan_range(norm, start)
        if read is None or read.end <= start:
            pos = _skip_run(norm, start)
            continue
        if _keep(norm, start, read):
            found.append(_make(text, norm, start, read))
        pos = max(read.end, start + 1)
    return _share_units(norm, text, found)


def _continues_number(norm: str, start: int) -> bool:
    """The candidate starts inside a longer token: 20xx9, PM2.5, G60, 1.2 after a digit."""
    prev = norm[start - 1]
    return (prev.isascii() and (prev.isalnum() or prev in "_.")) or prev == "·"


def _skip_run(norm: str, start: int) -> int:
    run = _NUMERAL_RUN.match(norm, start)
    return run.end() if run else start + 1


def _make(text: str, norm: str, start: int, read: Scan) -> QuantityMatch:
    quantity = read.quantity
    if prefix_approx(norm, start) or (norm[start] == "万" and norm[start - 1 : start] == "上"):
        quantity = replace(quantity, approx=True)
    return QuantityMatch(start, read.end, text[start : read.end], quantity)


def _keep(norm: str, start: int, read: Scan) -> bool:
    """Whether the numeral read at ``start`` is a measurement."""
    quantity, end = read.quantity, read.end
    before, after = norm[max(0, start - 2) : start], norm[end : end + 4]
    if _is_ordinal(norm, start, before):
        return False
    if after[:1].isascii() and after[:1].isalpha():
        return False  # 5G, 4A级, 3D
    if _quoted(norm, start, end) or after.startswith(("+", "＋")) or before.endswith("+"):
        return False
    if quantity.unit:
        return _keep_measure(norm, start, read, after)
    if quantity.kind in ("ratio", "fraction"):
        return True
    if after.startswith(_DATE_AFTER) or after.startswith(_NAME_AFTER):
        return False
    if after[:1] in (":", "∶") or (start > 0 and norm[start - 1] in ":∶"):
        return _ratio_part(norm, start, end)
    if read.chinese:
        return read.scaled and bool(prefix_approx(norm, start)) and _ends_clause(after)
    if read.scaled:
        return not after.startswith(("以上", "以下"))
    return before.endswith(_LINK_BEFORE) and _ends_clause(after, verbs=True)


def _is_ordinal(norm: str, start: int, before: str) -> bool:
    return before.endswith(_ORDINAL_BEFORE) and not prefix_approx(norm, start)


def _quoted(norm: str, start: int, end: int) -> bool:
    """A number standing alone in quotes is a name (“1571”, “十四五”)."""
    return norm[start - 1 : start] in "“\"'‘《" and norm[end : end + 1] in "”\"'’》" and start > 0


def _keep_measure(norm: str, start: int, read: Scan, after: str) -> bool:
    quantity = read.quantity
    if quantity.kind == "duration" and norm[max(0, start - 2) : start].endswith("连续"):
        return False
    if after.startswith(("级", "型", "量级")) and quantity.kind != "count":
        return False  # 30万吨级, 25兆瓦级: a qualifier
    if after.startswith(_MEASURE_DROP_AFTER):
        return False
    if read.chinese and not read.scaled:
        core = norm[start : read.end]
        if core[:1] == "一" and core[1:2] in _WORD_UNITS:
            return False  # 一批, 一个, 一项: words, not counts
    return True


def _ratio_part(norm: str, start: int, end: int) -> bool:
    """Parts of a ratio chain like 4.0∶37.7∶58.3 (not a clock time like 13:19)."""
    left = start
    while left > 0 and (norm[left - 1].isdigit() or norm[left - 1] in ".:∶"):
        left -= 1
    right = end
    while right < len(norm) and (norm[right].isdigit() or norm[right] in ".:∶"):
        right += 1
    parts = [p for p in re.split(r"[:∶]", norm[left:right]) if p]
    return len(parts) >= 3 and any("." in p for p in parts)


def _ends_clause(after: str, verbs: bool = False) -> bool:
    if not after:
        return True
    return after[0] in _VALUE_AFTER if verbs else after[0] in "，。；、,;)）"


def _share_units(norm: str, text: str, found: list[QuantityMatch]) -> list[QuantityMatch]:
    """分别回落2.16和1.66个百分点: a bare number before a listed quantity takes its unit."""
    out: list[QuantityMatch] = list(found)
    taken = {(m.start, m.end) for m in found}
    for match in found:
        if not match.quantity.unit:
            continue
        pos = match.start
        while True:
            sep = norm[pos - 1 : pos]
            if sep not in ("、", "和", "及", "与", "或"):
                break
            run = re.search(r"[0-9]+(?:\.[0-9]+)?$", norm[: pos - 1])
            if run is None or (run.start(), run.end()) in taken:
                break
            if run.start() > 0 and _continues_number(norm, run.start()):
                break
            if norm[run.start() - 2 : run.start()].endswith(_ORDINAL_BEFORE):
                break
            value = float(run.group())
            quantity = replace(match.quantity, value=value, value_high=None)
            out.append(QuantityMatch(run.start(), run.end(), text[run.start() : run.end()], quantity))
            taken.add((run.start(), run.end()))
            pos = run.start()
    return sorted(out, key=lambda m: m.start)
