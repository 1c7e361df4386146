"""Pure functions for years: explicit, relative, planning periods, masked.

``resolve_year(date_text, base)`` gives the calendar year a DATE expression refers to,
where ``base`` is the year the passage speaks of (the year under review in a review
section, the plan year in a targets section, ``None`` when unknown or masked).
"""

from __future__ import annotations

import re

# five-year plan periods and the year each ends (facts over a period take its last year)
PLAN_PERIODS = {
    "十一五": 2010, "十二五": 2015, "十三五": 2020, "十四五": 2025, "十五五": 2030,
    "十六五": 2035,
}
RELATIVE = {
    "前年": -2, "上年": -1, "去年": -1, "上一年": -1, "今年": 0, "本年": 0, "当年": 0,
    "同期": 0, "年内": 0, "明年": 1, "下年": 1, "来年": 1, "后年": 2,
}
EXPLICIT_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
SHORT_YEAR = re.compile(r"^[’'‘]?(\d{2})年")
MASKED_YEAR = re.compile(r"(?:[xX×＊*_＿]{2,}|\d{2}[xX×＊*_]{2}|20[xX×＊*_]{2})\s*年")
CN_DIGITS = {c: str(i) for i, c in enumerate("零一二三四五六七八九")} | {"〇": "0", "○": "0"}


def explicit_year(text: str) -> int | None:
    """A four-digit year written in ``text`` (Arabic or 二〇二五 style), if any."""
    match = EXPLICIT_YEAR.search(text)
    if match:
        return int(match.group(1))
    cn = re.search(r"([〇○零一二三四五六七八九]{4})\s*年", text)
    if cn:
        digits = "".join(CN_DIGITS[c] for c in cn.group(1))
        year = int(digits)
        return year if 1900 <= year <= 2100 else None
    return None


def is_masked(text: str) -> bool:
    """Whether a DATE hides its year (xx年, 20xx年, __年)."""
    return bool(MASKED_YEAR.search(text))


def plan_period_year(text: str) -> int | None:
    """Last year of a named five-year plan period in ``text`` (“十四五”时期 → 2025)."""
    for name, end in PLAN_PERIODS.items():
        if name in text:
            return end
    return None


def resolve_year(date_text: str, base: int | None) -> int | None:
    """Calendar year of a DATE expression, relative to ``base`` (the passage's year)."""
    text = date_text.strip()
    if is_masked(text):
        return None
    year = explicit_year(text)
    if year is not None:
        return year
    period = plan_period_year(text)
    if period is not None:
        return period
    for word, offset in RELATIVE.items():
        if word in text:
            return None if base is None else base + offset
    return base


def is_relative(date_text: str) -> bool:
    """Whether the DATE is relative to the passage (上年, 今年, 年底, 一季度 …)."""
    text = date_text.strip()
    return explicit_year(text) is None and not is_masked(text) and plan_period_year(text) is None
