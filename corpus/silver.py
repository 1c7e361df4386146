"""Distant supervision: silver entity spans for unannotated government report text.

Rules and lexicons, each aimed at precision rather than recall:

- ``DATE``: calendar and report-relative patterns (``2025年``, ``上年``, ``“十四五”时期``).
- ``QTY``: a number with a unit or measure word (used to anchor ``IND``).
- ``LOC``: administrative divisions (``admin_divisions_cn``: full names, short names of
  provinces and prefectures) and named regions (``REGIONS``).
- ``ORG``: government and party bodies by suffix after a place or a level word.
- ``PER``: person names after a leading title (``省长 王某某``) and known leaders.
- ``IND``: indicator names (NBS indicator names and the ``train`` split's ``IND`` strings)
  directly before a ``QTY``, possibly across a linking verb.
- Lexicons from the ``train`` split's annotations (strings annotated with one label in
  most of their occurrences).

Labels a rule set does not cover stay *missing* in the silver Docs, never ``O``.
:func:`score` measures each label against annotated paragraphs.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from corpus.name_lexicon import consistent_names
from pipeline.components.dates import DATE_RE
from pipeline.names import NameRules, resolve

NUM = r"\d+(?:[.,]\d+)*"
UNITS = (
    "个百分点|万亿元|亿元|万元|千元|元|美元|亿美元|万人次|人次|万人|人|万户|户|例|万吨|吨|公里|千米|"
    "万亩|亩|公顷|平方公里|平方米|万平方米|万千瓦|千瓦时|千瓦|个|家|所|项|件|名|座|条|台|辆|套|篇|场|"
    "批|期|份|宗|倍|床|张|头|株|处|位|艘|架|万|亿|%|‰"
)
QTY_RE = re.compile(
    rf"(?<![第\d.])(?:{NUM})(?:[—\-~至到](?:{NUM}))?(?:多|余)?(?:{UNITS})(?:多|余|左右|以上)?"
)
def admin_names(data: Path) -> set[str]:
    """Administrative division names, with short forms of provinces and prefectures."""
    root = data / "admin_divisions_cn"
    names: set[str] = set()
    for fname, short in (("provinces.csv", True), ("cities.csv", True), ("areas.csv", False)):
        with (root / fname).open(encoding="utf8") as f:
            for row in csv.DictReader(f):
                name = row["name"]
                if name in ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"):
                    continue
                names.add(name)
                if short:
                    stem = re.sub(r"(?:维吾尔|回族|壮族)?(?:自治区|自治州|省|市|地区|盟)$", "", name)
                    if len(stem) >= 2:
                        names.add(stem)
    return names


def nbs_indicators(data: Path, max_len: int = 10) -> set[str]:
    """Short NBS indicator names (first CSV row of every table)."""
    names: set[str] = set()
    for path in (data / "nbs_national_annual_indicators_1978_2014" / "zb").rglob("*.csv"):
        with path.open(encoding="utf8") as f:
            header = next(csv.reader(f), [])
        names.update(n.strip() for n in header[1:] if 3 <= len(n.strip()) <= max_len)
    return {n for n in names if not re.search(r"[\d(（]", n)}


def train_lexicon(lines: Iterable[dict], min_rate: float = 0.6, min_count: int = 1) -> dict[str, str]:
    """Strings annotated with one label in at least ``min_rate`` of their occurrences."""
    return consistent_names(list(lines), min_rate, ("PER", "LOC", "ORG", "IND"), min_count)


class SilverLabeler:
    """Finds silver spans in a paragraph: ``[(start, end, label)]``, no overlaps.

    Names come from the run-time rules (:class:`pipeline.names.NameRules`), so silver
    data and the ``govie_names`` component agree; DATE, QTY and IND are added here.
    """

    def __init__(self, lexicon: dict[str, str], places: set[str], indicators: set[str]):
        self.names = NameRules(places, lexicon)
        self.indicators = indicators | {k for k, v in lexicon.items() if v == "IND"}
        self.max_ind = max(len(k) for k in self.indicators)

    def __call__(self, text: str) -> list[tuple[int, int, str]]:
        spans = [(m.start(), m.end(), "DATE") for m in DATE_RE.finditer(text)]
        qtys = [(m.start(), m.end(), "QTY") for m in QTY_RE.finditer(text)]
        spans += qtys + self.names.candidates(text, keep_deferred=True)
        spans += self._indicator_spans(text, qtys)
        return resolve(spans, PRIORITY)

    def _indicator_spans(self, text: str, qtys: list) -> list[tuple[int, int, str]]:
        link = re.compile(r"(?:为|达到|达|增长|下降|提高|突破|超过|实现|完成|比上年增长|同比增长|增加|减少)?$")
        found = []
        for start, _, _ in qtys:
            before = text[max(0, start - self.max_ind - 6) : start]
            verb = link.search(before)
            end = start - (len(verb.group(0)) if verb else 0)
            for n in range(min(self.max_ind, end), 1, -1):
                if text[end - n : end] in self.indicators:
                    found.append((end - n, end, "IND"))
                    break
        return found


PRIORITY = {"QTY": 0, "DATE": 1, "PER": 2, "ORG": 3, "LOC": 4, "IND": 5}


def score(labeler: SilverLabeler, lines: Iterable[dict]) -> dict[str, dict[str, float]]:
    """Per-label precision/recall/F of the silver spans against annotated ``lines``."""
    tp, pred, gold = Counter(), Counter(), Counter()
    for line in lines:
        g = {(e["start"], e["end"], e["label"]) for e in line["entities"]}
        p = set(labeler(line["text"]))
        for _, _, label in g:
            gold[label] += 1
        for _, _, label in p:
            pred[label] += 1
        for _, _, label in g & p:
            tp[label] += 1
    out = {}
    for label in sorted(set(gold) | set(pred)):
        prec = tp[label] / pred[label] if pred[label] else 0.0
        rec = tp[label] / gold[label] if gold[label] else 0.0
        f = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        out[label] = {"p": round(prec, 3), "r": round(rec, 3), "f": round(f, 3), "n": gold[label]}
    return out
