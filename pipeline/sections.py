"""Which year, and which kind of passage (review or targets), each part of a document speaks of.

A report reviews one year and sets targets for the next: in the 2026 report, the
section 一、2025年工作回顾 speaks of 2025 and 三、2026年工作安排 of 2026. Headings set
the year of the paragraphs after them; before any heading, a work report
(各位代表, 政府工作报告) reviews the year before its own, other documents speak of their
own year. Masked years (xx年) leave the year unknown.
"""

from __future__ import annotations

import re

from .years import explicit_year, is_masked, plan_period_year

Section = tuple[int, int, "int | None", str]

TOP_HEADING = re.compile(r"^\s*(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]{1,3}[、.．]|附件)")
TARGET_CUE = re.compile(
    r"(目标任务|主要目标|预期目标|主要任务|重点任务|工作安排|工作计划|工作打算|工作思路|工作要点|工作设想|今年工作|"
    r"关于\d{4}年|\d{4}年(的)?(主要|重点)?(工作|任务))"
)
REVIEW_CUE = re.compile(r"(回顾|成就|工作总结|主要工作|完成情况|主要成绩)")
TARGETS_OPENING = re.compile(r"^\s*(今年|(\d{4})年)(是|工作的总体要求|经济社会发展的主要预期目标|主要预期目标)")
PLAN_WORK = re.compile(r"主要工作|重点工作")
PAST_CUE = re.compile(r"过去|去年|上年|年来")
REPORT_CUE = re.compile(r"(各位代表|政府工作报告|向大会报告)")
MAX_HEADING = 60
HIDDEN_GAP = re.compile(r"此处隐藏\s*\d+\s*个字")
NUMBERED = re.compile(r"^\s*([一二三四五六七八九十]{1,3})[、.．]")
PART = re.compile(r"^\s*第[一二三四五六七八九十]+部分")
# traditional characters of the cue words, so Big5 reports get the same sections
TRADITIONAL = str.maketrans(
    "顧總結況績標務預計劃畫點設報會經濟發開過來實業區縣鎮與關於時這長規數們為",
    "顾总结况绩标务预计划划点设报会经济发开过来实业区县镇与关于时这长规数们为",
)


def lines_with_offsets(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def heading_context(line: str, doc_year: int | None) -> tuple[bool, int | None, str] | None:
    """(masked, year, kind) set by a heading line, or None if the line is no section heading."""
    stripped = line.strip().translate(TRADITIONAL)
    opening = TARGETS_OPENING.search(stripped)
    opens_targets = opening is not None and (
        opening.group(2) is None or (doc_year is not None and int(opening.group(2)) >= doc_year)
    )
    is_heading = len(stripped) <= MAX_HEADING and TOP_HEADING.search(stripped)
    if not (is_heading or opens_targets):
        return None
    masked = is_masked(stripped)
    year = explicit_year(stripped) or plan_period_year(stripped)
    if stripped.startswith(("今年", "本年")) and doc_year is not None and explicit_year(stripped) is None:
        year = doc_year  # 今年是“十五五”开局之年 speaks of this year, not of 2030
    if opens_targets or (TARGET_CUE.search(stripped) and not REVIEW_CUE.search(stripped)):
        kind = "targets"
    elif PLAN_WORK.search(stripped) and year is not None and doc_year and year >= doc_year:
        kind = "targets"  # 三、2026年主要工作 in the 2026 report
    elif REVIEW_CUE.search(stripped) or (year is not None and doc_year and year < doc_year):
        kind = "review"
    elif year is not None and doc_year and year >= doc_year:
        kind = "targets"
    else:
        return None if year is None and not masked else (masked, year, "other")
    if year is None and kind == "targets" and not masked:
        year = doc_year
    if year is None and kind == "review" and doc_year and PAST_CUE.search(stripped):
        year = doc_year - 1  # 一、过去一年工作回顾
    return masked, year, kind


TITLE_CUE = re.compile(r"(公报|总结|报告|汇报|分析|小结)")


def opening_context(text: str, doc_year: int | None) -> tuple[int | None, str]:
    """Year and kind of the text before any heading: by genre, or a dated title's year.

    Without a document year the year stays unknown: a scraped page's title may name
    a year its body does not speak of.
    """
    first_line = text.split("\n", 1)[0].strip().translate(TRADITIONAL)
    if doc_year is not None and len(first_line) <= MAX_HEADING and TITLE_CUE.search(first_line):
        titled = explicit_year(first_line)
        reviews_last_year = titled == doc_year and REPORT_CUE.search(text[:3000].translate(TRADITIONAL))
        if titled is not None and not is_masked(first_line) and not reviews_last_year:
            return titled, "review" if REVIEW_CUE.search(first_line) else "other"
    if doc_year is None:
        return None, "other"
    if REPORT_CUE.search(text[:3000].translate(TRADITIONAL)):
        return doc_year - 1, "review"
    return doc_year, "other"


def detect_sections(text: str, doc_year: int | None) -> list[Section]:
    """[(start, end, year, kind)] covering ``text``; kind is review, targets or other."""
    if not text:
        return []
    year, kind = opening_context(text, doc_year)
    sections: list[list] = [[0, len(text), year, kind]]
    headings = _headings(text, doc_year)
    # a report that plans its own year reviews the year before it (一、政府工作回顾)
    same_year_plan = doc_year is not None and (doc_year, "targets") in {h[2:] for h in headings}
    for start, masked, new_year, new_kind in headings:
        if masked:
            new_year = None
        elif new_year is None and new_kind == "review" and same_year_plan:
            new_year = doc_year - 1
        elif new_year is None:
            new_year = sections[-1][2]
        sections[-1][1] = start
        sections.append([start, len(text), new_year, new_kind])
    _split_at_gaps(text, sections)
    return [tuple(s) for s in sections if s[1] > s[0] or len(sections) == 1]


def _headings(text: str, doc_year: int | None) -> list[tuple[int, bool, int | None, str]]:
    """(offset, masked, year, kind) of each heading line, in order."""
    numbering, found = _Numbering(), []
    for start, end in lines_with_offsets(text):
        line = text[start:end]
        heading = heading_context(line, doc_year) if numbering.accepts(line) else None
        if heading is not None:
            found.append((start, *heading))
    return found


class _Numbering:
    """Top headings count 一、二、三…; numbering that restarts at 一 after 二 is an item
    list (十大民生实事), whose items are no sections until the next 第N部分."""

    def __init__(self) -> None:
        self.last, self.in_list = 0, False

    def accepts(self, line: str) -> bool:
        if PART.match(line):
            self.last, self.in_list = 0, False
            return True
        m = NUMBERED.match(line)
        if m is None:
            return True
        number = _numeral(m.group(1))
        if number == 1 and self.last >= 2:
            self.in_list = True
        if not self.in_list:
            self.last = number
        return not self.in_list


def _numeral(s: str) -> int:
    """一 → 1, 十二 → 12, 二十 → 20."""
    digits = {c: i + 1 for i, c in enumerate("一二三四五六七八九")}
    if "十" not in s:
        return digits.get(s, 0)
    tens, _, ones = s.partition("十")
    return digits.get(tens, 1) * 10 + digits.get(ones, 0)


def _split_at_gaps(text: str, sections: list[list]) -> None:
    """A scraper's hidden-text gap breaks the context: a masked or unknown year before it
    does not carry over; what follows speaks of the year it names most often."""
    for gap in HIDDEN_GAP.finditer(text):
        i = next(k for k, s in enumerate(sections) if s[0] <= gap.end() < s[1] or k == len(sections) - 1)
        start, end, year, kind = sections[i]
        if year is not None:
            continue
        years = [explicit_year(m.group(0)) for m in re.finditer(r"(19|20)\d{2}\s*年", text[gap.end() :])]
        if not years:
            continue
        named = max(set(years), key=years.count)
        sections[i : i + 1] = [[start, gap.end(), year, kind], [gap.end(), end, named, kind]]


def context_at(sections: list[Section], pos: int) -> tuple[int | None, str]:
    """(year, kind) of the section holding character ``pos``."""
    for start, end, year, kind in sections:
        if start <= pos < end:
            return year, kind
    return (sections[-1][2], sections[-1][3]) if sections else (None, "other")
