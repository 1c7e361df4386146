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
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

from pipeline.components.dates import DATE_RE

NUM = r"\d+(?:[.,]\d+)*"
UNITS = (
    "个百分点|万亿元|亿元|万元|千元|元|美元|亿美元|万人次|人次|万人|人|万户|户|例|万吨|吨|公里|千米|"
    "万亩|亩|公顷|平方公里|平方米|万平方米|万千瓦|千瓦时|千瓦|个|家|所|项|件|名|座|条|台|辆|套|篇|场|"
    "批|期|份|宗|倍|床|张|头|株|处|位|艘|架|万|亿|%|‰"
)
QTY_RE = re.compile(
    rf"(?<![第\d.])(?:{NUM})(?:[—\-~至到](?:{NUM}))?(?:多|余)?(?:{UNITS})(?:多|余|左右|以上)?"
)
REGIONS = (
    "中国 港澳台 港澳 香港 澳门 台湾 长三角 京津冀 粤港澳大湾区 大湾区 长江经济带 长江 黄河 "
    "成渝地区双城经济圈 成渝 川渝 东盟 中亚 东南亚 中部地区 西部地区 东北地区 雄安新区 浦东新区 "
    "海南自由贸易港 珠三角 黄河流域 长江流域 大运河 一带一路"
).split()
LEVEL = r"(?:省|市|县|区|镇|乡|自治区|州|盟|旗|街道)"
ORG_SUFFIX = (
    r"(?:人民政府|政府|党委|委员会|人大常委会|人大|政协|纪委|监委|法院|人民法院|检察院|人民检察院|"
    r"公安局|财政局|民政局|统计局|教育局|卫生局|发改委|卫健委|人社厅|委)"
)
ORG_NAME_SUFFIX = "实验室|研究院|研究所|大学|学院|银行|集团|公司|医院|协会|学会|交易所|中心"
LOC_NAME_SUFFIX = "公园|新区|机场|港|都市圈|科学城|功能区|作业区|综保区|自贸试验区|产业城|产业园|开发区|高新区|示范区"
NAME_NEXT = set("实研大学银集公医协交港机都科功作综自产开高示湖河山路桥城园站基遗湾圈岛峡谷江溪堰窑陵寺馆院所厂局委办队团会社报台中国际新")
TITLE_PER_RE = re.compile(r"^(?:\S{0,12}?(?:省长|市长|主席|县长|区长|州长|镇长|乡长|书记))\s*((?:[\u4e00-\u9fff]\s?){1,3}[\u4e00-\u9fff])\s*$")
LEADERS = "习近平 毛泽东 邓小平 江泽民 胡锦涛 周恩来 李强 李克强 朱镕基 温家宝".split()
CENTRAL_ORGS = (
    "党中央 中共中央 国务院 全国人大 全国人大常委会 全国政协 中央军委 人民解放军 解放军 武警部队 武警 "
    "工商联 共青团 妇联 残联 红十字会 联合国"
).split()


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
    lines = list(lines)
    labelled: dict[str, Counter] = defaultdict(Counter)
    for line in lines:
        for e in line["entities"]:
            if e["label"] in ("PER", "LOC", "ORG", "IND"):
                labelled[line["text"][e["start"] : e["end"]]][e["label"]] += 1
    texts = [line["text"] for line in lines]
    lexicon = {}
    for string, labels in labelled.items():
        label, n = labels.most_common(1)[0]
        if len(string) < 2 or n < min_count:
            continue
        seen = sum(t.count(string) for t in texts)
        if seen and n / seen >= min_rate:
            lexicon[string] = label
    return lexicon


class SilverLabeler:
    """Finds silver spans in a paragraph: ``[(start, end, label)]``, no overlaps."""

    def __init__(self, lexicon: dict[str, str], places: set[str], indicators: set[str]):
        self.lexicon = dict(lexicon)
        for name in places | set(REGIONS):
            self.lexicon.setdefault(name, "LOC")
        for name in CENTRAL_ORGS:
            self.lexicon.setdefault(name, "ORG")
        for name in LEADERS:
            self.lexicon.setdefault(name, "PER")
        self.indicators = indicators | {k for k, v in lexicon.items() if v == "IND"}
        self.max_len = max(len(k) for k in self.lexicon)
        self.max_ind = max(len(k) for k in self.indicators)
        place_alt = "|".join(sorted((re.escape(p) for p in places if len(p) >= 2), key=len, reverse=True))
        self.org_re = re.compile(rf"(?:(?:中共)?(?:{place_alt})|{LEVEL}){ORG_SUFFIX}")
        mid = r"[^，。、；：！？,.;:（()）“”\s的和与及等在]{0,8}?"
        self.named_re = [
            (re.compile(rf"(?:{place_alt}){mid}(?:{ORG_NAME_SUFFIX})"), "ORG"),
            (re.compile(rf"(?:{place_alt}){mid}(?:{LOC_NAME_SUFFIX})"), "LOC"),
        ]

    def __call__(self, text: str) -> list[tuple[int, int, str]]:
        spans = [(m.start(), m.end(), "DATE") for m in DATE_RE.finditer(text)]
        qtys = [(m.start(), m.end(), "QTY") for m in QTY_RE.finditer(text)]
        spans += qtys
        spans += [(m.start(), m.end(), "ORG") for m in self.org_re.finditer(text)]
        for pattern, label in self.named_re:
            spans += [(m.start(), m.end(), label) for m in pattern.finditer(text)]
        m = TITLE_PER_RE.match(text)
        if m:
            spans.append((m.start(1), m.end(1), "PER"))
        spans += self._lexicon_spans(text)
        spans += self._indicator_spans(text, qtys)
        return _resolve(spans)

    def _lexicon_spans(self, text: str) -> list[tuple[int, int, str]]:
        found, i = [], 0
        while i < len(text):
            for n in range(min(self.max_len, len(text) - i), 1, -1):
                label = self.lexicon.get(text[i : i + n])
                if label and label != "IND":
                    if label == "LOC" and i + n < len(text) and text[i + n] in NAME_NEXT:
                        continue
                    found.append((i, i + n, label))
                    i += n - 1
                    break
            i += 1
        return found

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


def _resolve(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Longest span first (then label priority); drop spans that overlap a kept one."""
    kept: list[tuple[int, int, str]] = []
    taken: set[int] = set()
    for s, e, label in sorted(spans, key=lambda x: (-(x[1] - x[0]), PRIORITY[x[2]], x[0])):
        if any(i in taken for i in range(s, e)):
            continue
        kept.append((s, e, label))
        taken.update(range(s, e))
    return sorted(kept)


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
