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
_ORDINAL_BEFORE = ("第", "连续", "连", "前", "每", "星期", "周", "初", "其", "之", "近", "双")
_DATE_AFTER = ("年", "月", "日", "号", "时", "周", "届", "季度", "世纪", "点", "期间", "代", "后")
_NAME_AFTER = ("级", "型", "式", "大", "强", "化", "路", "线", "号", "所", "地", "区", "中心", "经普")
_LINK_BEFORE = ("为", "是", "从", "由", "至", "到", "达", "比", "降", "增", "升", "跨越")
_VALUE_AFTER = "，。；、,;)）：:" + "缩提下增降变减上升到至"
_MEASURE_DROP_AFTER = ("会议", "全会", "党代会", "人口抽样", "字")
_SESSIONS = re.compile(r"(?:、[一二三四五六七八九十]+次)*(?:产业|会议|全会|党代会)")
_LAST_NUMBER = re.compile(r"(?<![0-9.])[0-9]+(?:\.[0-9]+)?$")
_SHARE_ABOUT = re.compile(r"约占[^，。；、,;]{0,4}$")
_TASK_UNITS = frozenset("项条件个类批")
_TASK_NOUNS = re.compile(r"[^，。；、,;]{0,6}?(措施|实事|任务|举措|规定|清单|台阶|大关|难题|方面)")
_QUALIFIED_NOUNS = ("县", "城市", "省份", "市", "级", "企业", "以上", "以下")
_REACH_BEFORE = ("达到", "迈上", "跨上", "过", "破", "在", "达")


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
    if _approx_before(norm, start):
        quantity = replace(quantity, approx=True)
    return QuantityMatch(start, read.end, text[start : read.end], quantity)


def _approx_before(norm: str, start: int) -> bool:
    """约, 近, 超过 … just before the number; 上 in 上万; 约占 earlier in the clause."""
    if prefix_approx(norm, start) or (norm[start] == "万" and norm[start - 1 : start] == "上"):
        return True
    return _SHARE_ABOUT.search(norm, max(0, start - 8), start) is not None


def _keep(norm: str, start: int, read: Scan) -> bool:
    """Whether the numeral read at ``start`` is a measurement."""
    quantity, end = read.quantity, read.end
    before, after = norm[max(0, start - 2) : start], norm[end : end + 4]
    if _is_ordinal(norm, start, before):
        return False
    if after[:1].isascii() and after[:1].isalpha():
        return False  # 5G, 4A级, 3D
    if _quoted(norm, start, end) or after.startswith(("+", "＋")) or before.endswith(("+", "“")):
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
        return not _qualifies_noun(norm, read, after)
    return before.endswith(_LINK_BEFORE) and _ends_clause(after, verbs=True)


def _is_ordinal(norm: str, start: int, before: str) -> bool:
    if before in ("目前", "提前", "当前", "此前", "之前", "以前"):
        return False
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
    if after.startswith(_MEASURE_DROP_AFTER) or _qualifies_noun(norm, read, after):
        return False
    if quantity.kind == "count" and " " in norm[start : read.end] and _is_cjk(after[:1]):
        return False  # 附件2 名词解释: a spaced measure word must end the phrase
    if read.scaled and norm[start - 1 : start] == "个":
        return False  # 连跨两个万亿元台阶
    if quantity.unit in _TASK_UNITS and _TASK_NOUNS.match(norm, read.end, read.end + 12):
        return False  # 21条措施, 20项民生实事: counts of policy items
    if read.chinese:
        return _keep_chinese(norm, start, read, after)
    return True


def _qualifies_noun(norm: str, read: Scan, after: str) -> bool:
    """30万吨级航道, 500千伏输变电, 20户以上自然村, 千亿元县: a number inside a noun phrase."""
    quantity = read.quantity
    if quantity.kind == "voltage" and _is_cjk(after[:1]):
        return True
    if quantity.kind == "money" and after.startswith(_QUALIFIED_NOUNS):
        return True
    bound = norm[: read.end].endswith(("以上", "以下"))
    return bound and quantity.kind != "rate" and _is_cjk(after[:1]) and after[:1] not in "和及"


def _keep_chinese(norm: str, start: int, read: Scan, after: str) -> bool:
    """Chinese numerals are words (两个确立, 八项规定, 二期) unless they plainly measure."""
    quantity = read.quantity
    run = _NUMERAL_RUN.match(norm, start)
    numeral = run.group() if run else ""
    before = norm[max(0, start - 2) : start]
    if quantity.kind in ("rate", "multiple", "fraction"):
        return True
    if not numeral or after[:1] in "万千百":
        return False  # 千头万绪, 千家万户: idioms
    if quantity.unit in ("次", "名") and not read.scaled and not any(c in "百千" for c in numeral):
        good = numeral != "一" and bool(after) and not before.endswith(("届", "次、"))
        return good and not _SESSIONS.match(norm, read.end)
    if not any(c in "百千万亿" for c in numeral):
        return False
    if _at_least_one(norm, run.end() if run else start) or _approx_before(norm, start):
        return True
    if before.endswith(_REACH_BEFORE):
        return True
    return numeral[0] not in "十百千万亿" and quantity.unit not in ("届", "期")


def _at_least_one(norm: str, pos: int) -> bool:
    """余 or 多 right after the numeral (千余家, 三百多万)."""
    return norm[pos : pos + 1] in ("余", "多")


def _is_cjk(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


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
    """分别回落2.16和1.66个百分点: bare numbers listed before a quantity take its unit."""
    by_span = {(m.start, m.end): m for m in found}
    for match in found:
        if not match.quantity.unit:
            continue
        pos = match.start
        while norm[pos - 1 : pos] in ("、", "和", "及", "与", "或") and pos > 1:
            run = _LAST_NUMBER.search(norm, max(0, pos - 24), pos - 1)
            if run is None or run.start() == 0 or _continues_number(norm, run.start()):
                break
            if not _is_cjk(norm[run.start() - 1]) and norm[run.start() - 1] not in "、":
                break  # 3、8000万尾: a list marker, not a shared unit
            if norm[run.start() - 2 : run.start()].endswith(_ORDINAL_BEFORE):
                break
            old = by_span.get((run.start(), run.end()))
            if old is not None and old.quantity.unit:
                break
            quantity = replace(match.quantity, value=float(run.group()), value_high=None)
            if old is not None:
                quantity = replace(quantity, approx=old.quantity.approx)
            span = (run.start(), run.end())
            by_span[span] = QuantityMatch(span[0], span[1], text[span[0] : span[1]], quantity)
            pos = run.start()
    return sorted(by_span.values(), key=lambda m: m.start)
