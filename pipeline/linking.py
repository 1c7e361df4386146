"""Rule linking of a QTY to its IND, DATE and LOC, and its change / target flags.

Pure functions over the document text and entity offsets, so each rule is testable
alone; the ``govie_facts`` component and the trained linker's candidate generator
both use them. Rules were read off ../shared/train (never gold): the indicator is
the nearest IND before the number in its sentence, or the one right after it
("116个国家和地区"); the date is the nearest non-baseline DATE before it in the
sentence; a place owns a number only when it opens the number's clause.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SENTENCE_END = re.compile(r"[。！？!?\n]")
CLAUSE_END = re.compile(r"[，,；;：:。！？!?\n]")
BASELINE_BEFORE = re.compile(r"(比|较|与|同|对比|相比|低于|高于|超过|于)$")
BASELINE_AFTER = re.compile(r"^(同期|相比|持平|末相比|的水平)")
FROM_BEFORE = re.compile(r"(由|从)$")
LOC_EXAMPLE_AFTER = re.compile(r"^(等|、|和|及|与|到|至)")
CHANGE_WORDS = re.compile(
    r"(增长|增加|增幅|增速|提高|提升|上升|上涨|下降|减少|降低|下滑|回落|回升|缩小|扩大|"
    r"收窄|同比|环比|翻|多|少|高|低|超出|改善|压减|压降|压缩|精简|缩短|节约|净增|新增|涨幅|降幅)"
)
LEVEL_AFTER_CHANGE = re.compile(r"(到|至)$")
RATE_UNIT = re.compile(r"(%|％|个百分点|成|倍)$")
LIST_SEPARATOR = re.compile(r"^(、|和|及|与|，|,)$")
TARGET_WORDS = re.compile(r"(目标|预期|力争|确保|年计划|计划(?=[投完新实建用达争开])|预算安排|拟)")
TARGET_OPENING = re.compile(r"(目标|计划|任务)(是|为)?[：:]")


@dataclass(frozen=True)
class Ent:
    """An entity by character offsets."""

    start: int
    end: int
    label: str


def bounds(text: str, pos: int, pattern: re.Pattern) -> tuple[int, int]:
    """The span delimited by ``pattern`` (one-character delimiters) around character ``pos``.

    Scans outwards from ``pos`` only, so the cost is the span's length, not the text's.
    """
    start = pos
    while start > 0 and not pattern.match(text, start - 1):
        start -= 1
    found = pattern.search(text, pos)
    return start, found.start() if found else len(text)


def sentence_of(text: str, pos: int) -> tuple[int, int]:
    return bounds(text, pos, SENTENCE_END)


def clause_of(text: str, pos: int) -> tuple[int, int]:
    return bounds(text, pos, CLAUSE_END)


def respective_indicator(text: str, qty: Ent, ents: list[Ent]) -> Ent | None:
    """In "A和B分别达到95%和98%", the i-th number measures the i-th indicator."""
    c_start, c_end = clause_of(text, qty.start)
    found = text.rfind("分别", c_start, qty.start)
    if found < 0:
        return None
    inds = _listed(
        text,
        [e for e in ents if e.label == "IND" and c_start <= e.start and e.end <= found],
        backwards=True,
    )
    qtys = _listed(
        text,
        [e for e in ents if e.label == "QTY" and found <= e.start and e.end <= c_end],
        backwards=False,
    )
    if len(inds) < 2 or len(inds) != len(qtys) or qty not in qtys:
        return None
    return inds[qtys.index(qty)]


def _listed(text: str, ents: list[Ent], backwards: bool) -> list[Ent]:
    """The run of entities joined only by list separators, from the end (or start)."""
    ordered = list(reversed(ents)) if backwards else list(ents)
    run = ordered[:1]
    for ent in ordered[1:]:
        left, right = (ent, run[-1]) if backwards else (run[-1], ent)
        if not LIST_SEPARATOR.search(text[left.end : right.start]):
            break
        run.append(ent)
    return list(reversed(run)) if backwards else run


def link_indicator(text: str, qty: Ent, ents: list[Ent]) -> Ent | None:
    """The IND a quantity measures: adjacent after it, else nearest before in the sentence."""
    respective = respective_indicator(text, qty, ents)
    if respective is not None:
        return respective
    s_start, s_end = sentence_of(text, qty.start)
    inds = [e for e in ents if e.label == "IND" and s_start <= e.start and e.end <= s_end]
    after = [e for e in inds if e.start >= qty.end and text[qty.end : e.start] in ("", "的")]
    before = [e for e in inds if e.end <= qty.start]
    if after and not _clause_has(text, before, qty):
        return after[0]
    if before:
        return before[-1]
    return after[0] if after else None


def _clause_has(text: str, ents: list[Ent], qty: Ent) -> bool:
    c_start, _ = clause_of(text, qty.start)
    return any(e.start >= c_start for e in ents)


def is_baseline(text: str, date: Ent) -> bool:
    """Whether a DATE is a comparison baseline (比上年, 与去年同期相比), not the fact's time."""
    before = text[max(0, date.start - 3) : date.start]
    after = text[date.end : date.end + 4]
    return bool(BASELINE_BEFORE.search(before) or BASELINE_AFTER.search(after))


def link_date(text: str, qty: Ent, ents: list[Ent]) -> Ent | None:
    """The DATE governing a quantity: nearest non-baseline DATE before it in the sentence.

    A DATE opening "由2020年的A提高到B" governs only A, its first quantity.
    """
    s_start, _ = sentence_of(text, qty.start)
    dates = [e for e in ents if e.label == "DATE" and s_start <= e.start and e.end <= qty.start]
    for date in reversed(dates):
        if is_baseline(text, date):
            continue
        if FROM_BEFORE.search(text[max(0, date.start - 1) : date.start]):
            between = [e for e in ents if e.label == "QTY" and date.end <= e.start < qty.start]
            if between:
                continue
        return date
    return None


def link_place(text: str, qty: Ent, ents: list[Ent]) -> Ent | None:
    """The LOC owning a quantity: a place opening the quantity's clause, not an example list."""
    c_start, _ = clause_of(text, qty.start)
    in_clause = [e for e in ents if c_start <= e.start and e.end <= qty.start]
    for i, ent in enumerate(in_clause):
        if ent.label != "LOC":
            continue
        if any(e.label in ("IND", "QTY") for e in in_clause[:i]):
            return None
        if LOC_EXAMPLE_AFTER.search(text[ent.end : ent.end + 1]):
            return None
        return ent
    return None


def is_change(text: str, qty: Ent, ents: list[Ent]) -> bool:
    """Whether the quantity is a change of its indicator (增长5%, 比上年多3万人).

    The cue is read between the previous entity of the clause and the number, so
    the indicator's own words (人口自然增长率为4.72‰) never count; a number reached
    (提高到72.2%, 由A提高到B) is a level; in a list (分别增长4.4%、5.9%) each number
    takes the cue of the first.
    """
    c_start, _ = clause_of(text, qty.start)
    before = [e for e in ents if c_start <= e.start and e.end <= qty.start]
    prev_end = before[-1].end if before else c_start
    window = text[prev_end : qty.start]
    if before and before[-1].label == "QTY" and LIST_SEPARATOR.search(window):
        return is_change(text, before[-1], ents)
    if LEVEL_AFTER_CHANGE.search(window):
        return False
    if text[qty.start : qty.end].endswith("个百分点"):
        return True
    if CHANGE_WORDS.search(window):
        return True
    if (
        before
        and before[-1].label == "IND"
        and not window
        and RATE_UNIT.search(text[qty.start : qty.end])
    ):
        lead_start = before[-2].end if len(before) > 1 else c_start
        return bool(CHANGE_WORDS.search(text[lead_start : before[-1].start][-4:]))
    return False


def is_target(text: str, qty: Ent, section_kind: str | None) -> bool:
    """Whether the quantity is a plan or goal: a targets section, or a goal word before it."""
    c_start, _ = clause_of(text, qty.start)
    s_start, _ = sentence_of(text, qty.start)
    if TARGET_WORDS.search(text[c_start : qty.start]):
        return True
    if TARGET_OPENING.search(text[s_start : qty.start]):
        return True
    return section_kind == "targets"


FROM_LEVEL_AFTER = re.compile(r"^(的水平)?[^，,；;。]{0,4}?(到|至)")
FIVE_YEAR_CUE = re.compile(r"(十四五|五年|这五年|5年来)")


def is_from_level(text: str, qty: Ent) -> bool:
    """Whether the quantity is A in 由A提高到B / 从A到B (a level of the baseline year)."""
    c_start, _ = clause_of(text, qty.start)
    lead = text[c_start : qty.start]
    opener = max(lead.rfind("由"), lead.rfind("从"))
    if opener < 0 or len(lead) - opener > 12:
        return False
    return bool(FROM_LEVEL_AFTER.search(text[qty.end : qty.end + 8]))


def baseline_year(text: str, qty: Ent, base: int | None, heading: str) -> int | None:
    """Year of A in 由A到B without a stated year: the five-year period's start, else base - 1."""
    if base is None:
        return None
    line_start = text.rfind("\n", 0, qty.start) + 1
    if FIVE_YEAR_CUE.search(text[line_start : qty.start]) or FIVE_YEAR_CUE.search(heading):
        return base - 5
    return base - 1
