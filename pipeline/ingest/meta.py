"""Document metadata from title, filename and text: year, place, sections. Pure functions.

- ``infer_doc_year``: the year the document is dated (a 2026 government work report
  is 2026; a 2025 work summary is 2025): title, then filename, then the header's
  date line (——2026年2月3日在…, 时间：2026-02-09), then an opening "2025年，…".
- ``infer_place``: the most specific gazetteer place (``models/lexicons/places.tsv``)
  named in the title, then the filename, then header patterns of the text
  (在X第N届人民代表大会, X人民政府, X市长); unknown places (青禾区) by the name pattern.
- ``detect_sections``: top-level headings (一、… / 第一部分) and target lines
  (今年…主要预期目标是) cut the text into ``(start, end, year, kind)``, kind in
  review/targets/other; masked years (xx年) give ``None``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

PLACES_TSV = Path(__file__).resolve().parents[2] / "models" / "lexicons" / "places.tsv"
LEVELS = {"country": -1, "province": 0, "city": 1, "county": 2, "town": 3}
CN_DIGITS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0", "○": "0"}
YEAR = r"(?<![0-9])((?:19[4-9]|20[0-9])[0-9])(?![0-9])"
MASKED = re.compile(r"(?:xx|XX|ｘｘ|ＸＸ|××|\*\*|＊＊|某)年")
PLAN_PERIODS = {"十一五": 2010, "十二五": 2015, "十三五": 2020, "十四五": 2025, "十五五": 2030}
SUFFIX = r"(?:省|自治区|市|自治州|地区|盟|县|区|旗|镇|乡|街道|縣|區|鎮|鄉)"
PLACE_TAILS = set("省市区县镇乡村旗州盟街縣區鎮鄉")
NUM = "一二三四五六七八九十"
TOP_HEADING = re.compile(rf"^\s*(?:([{NUM}]{{1,3}})[、.．]|第([{NUM}]{{1,3}})部分)")
TARGET_LINE = re.compile(
    r"^\s*(今年|明年|本年|[0-9]{4}年)?[^。\n]{0,16}(?:主要预期目标|主要目标|预期目标|发展目标)(?:是|为|[：:])"
)
REVIEW_WORDS = re.compile(r"回顾|完成情况|总结|成绩|成效|取得|过去|开展|进展|工作情况|基本情况")
TARGET_WORDS = re.compile(
    r"安排|计划(?!生育)|打算|思路|展望|部署|建议|主要目标|预期目标|目标任务|发展目标|奋斗目标|"
    r"主要任务|重点任务|重点工作"
)


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


def _heading_year(
    heading: str, kind: str, doc_year: int | None, same_year_plan: bool
) -> int | None:
    if MASKED.search(heading):
        return None
    years = _years(heading)
    if years:
        return max(years) if kind == "review" else years[0]
    periods = [year for period, year in PLAN_PERIODS.items() if period in heading]
    if periods:
        return max(periods)
    if doc_year is None:
        return None
    if re.search("今年|本年|当年", heading):
        return doc_year
    if re.search("明年", heading):
        return doc_year + 1
    if re.search("去年|上年|过去|年来", heading) or (kind == "review" and same_year_plan):
        return doc_year - 1
    return doc_year if kind in ("review", "targets") else None


def _kind(heading: str, doc_year: int | None) -> str:
    if REVIEW_WORDS.search(heading):
        return "review"
    if TARGET_WORDS.search(heading):
        return "targets"
    if re.search("主要工作|工作$", heading):  # a plan when it names the document's year
        years = _years(heading)
        if years and doc_year is not None and years[0] >= doc_year:
            return "targets"
        return "review"
    return "other"


def _numeral(s: str) -> int:
    """一 → 1, 十二 → 12, 二十 → 20 (headings only go so far)."""
    digits = {c: i + 1 for i, c in enumerate(NUM[:9])}
    if "十" not in s:
        return digits.get(s, 0)
    tens, _, ones = s.partition("十")
    return digits.get(tens, 1) * 10 + digits.get(ones, 0)


def _cuts(text: str, doc_year: int | None) -> list[tuple[int, str, str]]:
    """``(offset, heading text, kind)`` where a section starts."""
    cuts, expected = [], 1
    for m in re.finditer(r"[^\n]+", text):
        line = m[0]
        head = re.split(r"[。；：:！]", line, maxsplit=1)[0][:40]
        top = TOP_HEADING.match(line)
        number = _numeral(top[1] or top[2]) if top else 0
        if number == 1 and expected > 2:
            expected = 0  # numbering restarts: an item list (民生实事), no more sections
        if top and number == expected:  # 一、二、… in order
            expected += 1
            cuts.append((m.start(), head.strip(), _kind(head, doc_year)))
        elif TARGET_LINE.match(line):
            cuts.append((m.start(), head.strip(), "targets"))
    return cuts


def detect_sections(text: str, doc_year: int | None) -> list[tuple[int, int, int | None, str]]:
    """Cut ``text`` into ``(start, end, year, kind)`` sections covering all of it."""
    if not text:
        return []
    cuts = _cuts(text, doc_year)
    plan_years = {_heading_year(h, k, doc_year, False) for _, h, k in cuts if k == "targets"}
    same_year_plan = doc_year is not None and doc_year in plan_years
    sections: list[tuple[int, int, int | None, str]] = []
    if not cuts or cuts[0][0] > 0:
        sections.append((0, cuts[0][0] if cuts else len(text), None, "other"))
    for i, (start, head, kind) in enumerate(cuts):
        end = cuts[i + 1][0] if i + 1 < len(cuts) else len(text)
        year = _heading_year(head, kind, doc_year, same_year_plan)
        prev = sections[-1] if sections else None
        if prev and not TOP_HEADING.match(text[start:end]) and prev[2:] == (year, kind):
            sections[-1] = (prev[0], end, year, kind)  # a target line inside its section
        else:
            sections.append((start, end, year, kind))
    return sections
