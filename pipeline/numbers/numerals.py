"""Numerals: Arabic, Chinese and mixed (一千五百五十二, 两千万, 十7, 1,100万, 5.3万亿).

Hand-written rather than cn2an: cn2an raises on forms government text mixes
(``1,100万``, ``5.3万亿``, ``51313百``, ``百分之十五``; ``两千万`` and ``十7`` only in its
"smart" mode) and signals failure by exception, costly as control flow when every
candidate of a report is tried. Measured by ``bench/bench_quantities.py`` on our
numeral table: this parser 35/35 at ~15 µs a call, cn2an (smart) 28/35 at ~31 µs.
"""

from __future__ import annotations

import re

CN_DIGITS = {
    "零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
SCALES = {**SMALL_UNITS, **BIG_UNITS}
NUMERAL_CHARS = "".join(CN_DIGITS) + "".join(SCALES) + "0123456789.点"

# Full-width digits, letters and the few signs numbers use, mapped one-to-one to ASCII so
# offsets into the normalised text are offsets into the original.
_FULLWIDTH = {chr(c): chr(c - 0xFEE0) for c in range(0xFF10, 0xFF1A)}
_FULLWIDTH.update({chr(c): chr(c - 0xFEE0) for c in range(0xFF21, 0xFF3B)})
_FULLWIDTH.update({chr(c): chr(c - 0xFEE0) for c in range(0xFF41, 0xFF5B)})
_FULLWIDTH.update({"．": ".", "－": "-", "＋": "+", "％": "%", "／": "/", "：": ":"})
_FULLWIDTH.update({"−": "-", "∶": ":", "﹪": "%"})
_TRANSLATE = str.maketrans(_FULLWIDTH)
_ARABIC = re.compile(r"[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?")


def normalise(text: str) -> str:
    """Map full-width digits, letters and number signs to ASCII; same length as ``text``."""
    return text.translate(_TRANSLATE)


def parse_numeral(numeral: str) -> float | None:
    """Value of a numeral, or None when it is not one.

    Arabic with scale characters (``5.3万亿``, ``51313百``) multiplies the scales;
    Chinese and mixed numerals (``十二万八千``, ``十7``, ``二点四``) follow the usual
    place-value grammar; digit strings (``二〇二五``) read positionally.
    """
    text = normalise(numeral).replace(",", "").replace("，", "")
    if not text:
        return None
    match = re.fullmatch(r"([0-9]+(?:\.[0-9]+)?)([十百千万亿]*)", text)
    if match:
        value = float(match.group(1))
        for char in match.group(2):
            value *= SCALES[char]
        return value
    if any(c not in NUMERAL_CHARS for c in text):
        return None
    if "点" in text or "." in text:
        return _parse_decimal(text)
    return _parse_place_value(text)


def _parse_decimal(text: str) -> float | None:
    sep = "点" if "点" in text else "."
    head, _, tail = text.partition(sep)
    # a scale after the decimals belongs to the whole number: 一点五万
    scale = 1
    while tail and tail[-1] in SCALES:
        scale *= SCALES[tail[-1]]
        tail = tail[:-1]
    whole = _parse_place_value(head) if head else 0.0
    frac = _digit_string(tail)
    if whole is None or frac is None or not tail:
        return None
    return (whole + float("0." + frac)) * scale


def _digit_string(text: str) -> str | None:
    digits = []
    for char in text:
        if char.isdigit():
            digits.append(char)
        elif char in CN_DIGITS:
            digits.append(str(CN_DIGITS[char]))
        else:
            return None
    return "".join(digits)


def _parse_place_value(text: str, top: bool = True) -> float | None:
    """Place-value grammar: split at the last occurrence of the largest unit.

    A digit string stands alone (二〇二五) or as one digit between units (十四五 is none).
    """
    if not text:
        return 0.0
    units = [c for c in text if c in SCALES]
    if not units:
        digits = _digit_string(text)
        if not digits or (not top and len(digits) > 1 and not text.isdigit()):
            return None
        return float(digits)
    largest = max(units, key=SCALES.get)
    cut = text.rindex(largest)
    head, tail = text[:cut], text[cut + 1 :]
    left = _parse_place_value(head, top=False) if head else 1.0
    if left is None:
        return None
    unit = SCALES[largest]
    tail = tail.lstrip("零〇○")
    if len(tail) == 1 and tail in CN_DIGITS and unit >= 100 and not text[cut + 1 :].startswith(
        ("零", "〇")
    ):
        # 一千五 = 1500, 一万五 = 15000 (the unit below is implied)
        return left * unit + CN_DIGITS[tail] * unit / 10
    right = _parse_place_value(tail, top=False)
    if right is None:
        return None
    return left * unit + right
