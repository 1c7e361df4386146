"""Document metadata from title, filename and text: year and place. Pure functions.

- ``infer_doc_year``: the year the document is dated (a 2026 government work report
  is 2026; a 2025 work summary is 2025): title, then filename, then the header's
  date line (——2026年2月3日在…, 时间：2026-02-09), then an opening "2025年，…".
- ``infer_place``: the most specific gazetteer place (``models/lexicons/places.tsv``)
  named in the title, then the filename, then header patterns of the text
  (在X第N届人民代表大会, X人民政府, X市长); unknown places (青禾区) by the name pattern.

Sections (year and kind of each passage) come from ``pipeline.sections.detect_sections``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

PLACES_TSV = Path(__file__).resolve().parents[2] / "models" / "lexicons" / "places.tsv"
LEVELS = {"country": -1, "province": 0, "city": 1, "county": 2, "town": 3}
CN_DIGITS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0", "○": "0"}
YEAR = r"(?<![0-9])((?:19[4-9]|20[0-9])[0-9])(?![0-9])"
SUFFIX = r"(?:省|自治区|市|自治州|地区|盟|县|区|旗|镇|乡|街道|縣|區|鎮|鄉)"
PLACE_TAILS = set("省市区县镇乡村旗州盟街縣區鎮鄉")
NUM = "一二三四五六七八九十"


def _years(s: str) -> list[int]:
    s = re.sub(
        "[〇一二三四五六七八九零○]{4}(?=年)", lambda m: "".join(CN_DIGITS[c] for c in m[0]), s
    )
    return [int(y) for y in re.findall(YEAR + "(?=年|[-_./—]|$|[^0-9])", s)]


def infer_doc_year(title: str | None, filename: str | None, text: str | None) -> int | None:
    """The year the document is dated, or None when unknown or masked."""
    for source in (title, Path(filename).name if filename else None):
        if source:
            years = _years(source)
            if years:
                return years[0]
    head = (text or "")[:400]
    m = re.search(YEAR + r"(?:年[0-9]{1,2}月[0-9]{1,2}日|-[0-9]{1,2}-[0-9]{1,2})", head)
    if m:
        return int(m[1])
    m = re.match(r"\s*" + YEAR + r"年[，,是我全以]", head)
    return int(m[1]) if m else None


@lru_cache(maxsize=1)
def load_places(path: Path = PLACES_TSV) -> dict[str, tuple[str, int]]:
    """Map every full and short name to ``(full name, level rank)``."""
    table: dict[str, tuple[str, int]] = {}
    if not path.exists():
        return table
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        name, short, level, _parent, _code = line.split("\t")
        rank = LEVELS.get(level, 3)
        for key in (name, short):
            if key and (key not in table or table[key][1] > rank):
                table[key] = (name, rank)
    return table


def _gazetteer_place(s: str) -> str | None:
    places = load_places()
    best: tuple[int, int, str] | None = None  # (-rank, -length, name): most specific wins
    i = 0
    while i < len(s):
        step = 1
        for n in range(min(12, len(s) - i), 1, -1):
            hit = places.get(s[i : i + n])
            if hit and hit[0] != s[i : i + n] and s[i + n : i + n + 1] in PLACE_TAILS:
                continue  # 白沙 in 白沙镇 is another place than 白沙(黎族自治县)
            if hit:
                key = (-hit[1], -n, hit[0])
                best = key if best is None or key < best else best
                step = n  # leftmost-longest: 津市 inside 天津市 is no match
                break
        i += step
    return best[2] if best else None


def _pattern_place(s: str) -> str | None:
    s = re.sub(r"[0-9〇一二三四五六七八九零○]{4}年", "|", s)
    for seg in re.split(r"[|\s_\-—·,，、:：()（）《》“”\"'.]+", s):
        seg = re.sub(r"^(?:关于|中共|印发|在)", "", seg)
        m = re.match(
            rf"([\u4e00-\u9fff]{{1,8}}?{SUFFIX})(?:人民政府|政府|人大|工作|国民经济|经济|统计|人口|财政|第|$)",
            seg,
        )
        if m:
            return m[1]
    return None


HEADER_PLACE = re.compile(
    rf"([\u4e00-\u9fff]{{2,12}}?{SUFFIX})(?:第[{NUM}]+届人民代表大会|人民政府|人大常委会|"
    r"(?:省|市|区|县|州|旗)长[ \u3000]|(?:省|市|区|县)委)"
)


def infer_place(title: str | None, filename: str | None, text: str | None) -> str | None:
    """The document's own place (a full name), or None."""
    for source in (title, Path(filename).stem if filename else None):
        if source:
            place = _gazetteer_place(source) or _pattern_place(source)
            if place:
                return place
    for m in HEADER_PLACE.finditer((text or "")[:400]):
        name = re.sub(r"^(?:在|于|向|代表|关于)", "", m[1])
        place = _gazetteer_place(name)
        if place or len(name) >= 2:
            return place or name
    return None
