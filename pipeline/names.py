"""Rules for names (PER, LOC, ORG) that are exact enough to preset before the NER.

Lexicons: administrative divisions (``models/lexicons/places.tsv``: full names, and short
names of provinces and prefectures), named regions and central bodies listed here, and
``models/lexicons/names.tsv`` (strings the training annotations label one way in at
least 60 % of their occurrences). Patterns: place or level + organ (区委, 江门市人民政府),
place + … + organisation or place suffix (浙江大学, 滨海新区), a title line (市长 王某).
Longest match wins; a short place name followed by a character that continues a name
(浙江大学) is left to the longer patterns. A short place name followed by any other Chinese
character that is not a word boundary (长沙数据标注基地, 金华双龙) is *deferred*: not preset,
so the NER can tag the longer name, and added after the NER only where it tagged nothing
(``NameRules.deferred``; on the held-out split of ../shared/train this moved pipeline LOC F
from 0.809 to 0.840).
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

REGIONS = (
    "中国 港澳台 港澳 香港 澳门 台湾 长三角 京津冀 粤港澳大湾区 大湾区 长江经济带 长江 黄河 "
    "成渝地区双城经济圈 成渝 川渝 东盟 中亚 东南亚 中部地区 西部地区 东北地区 雄安新区 浦东新区 "
    "海南自由贸易港 珠三角 黄河流域 长江流域 大运河"
).split()
CENTRAL_ORGS = (
    "党中央 中共中央 国务院 全国人大 全国人大常委会 全国政协 中央军委 人民解放军 解放军 武警部队 武警 "
    "工商联 共青团 妇联 残联 红十字会 联合国"
).split()
LEADERS = "习近平 毛泽东 邓小平 江泽民 胡锦涛 周恩来 李强 李克强 朱镕基 温家宝".split()
LEVEL = r"(?:省|市|县|区|镇|乡|自治区|州|盟|旗|街道)"
ORG_SUFFIX = (
    r"(?:人民政府|政府|党委|委员会|人大常委会|人大|政协|纪委|监委|法院|人民法院|检察院|人民检察院|"
    r"公安局|财政局|民政局|统计局|教育局|卫生局|发改委|卫健委|人社厅|委)"
)
ORG_NAME_SUFFIX = "实验室|研究院|研究所|大学|学院|银行|集团|公司|医院|协会|学会|交易所|中心"
LOC_NAME_SUFFIX = (
    "公园|新区|机场|港|都市圈|科学城|功能区|作业区|综保区|自贸试验区|产业城|产业园|开发区|高新区|示范区"
)
NAME_NEXT = set("实研大学银集公医协交港机都科功作综自产开高示湖河山路桥城园站基遗湾圈岛峡谷江溪堰窑陵寺馆院所厂局委办队团会社报台中国际新")
TITLE_PER = re.compile(
    r"^(?:\S{0,12}?(?:省长|市长|主席|县长|区长|州长|镇长|乡长|书记))\s*((?:[\u4e00-\u9fff]\s?){1,3}[\u4e00-\u9fff])\s*$"
)
LEVEL_CHARS = set("省市县区镇乡州盟旗")
# characters after which a short place name is a whole word (preset rather than deferred)
WORD_BOUNDARY = set("等和与及的在、，。；：！？（）()“”《》 \n")
PRIORITY = {"PER": 0, "ORG": 1, "LOC": 2}
# head nouns that decide LOC or ORG (ANNOTATION.md: roads, ports, parks, zones, bases,
# venues are LOC; companies, hospitals, universities, laboratories, platforms, power
# stations are ORG); a name that ends in both kinds (幼儿园) is left as it is
ORG_HEAD = re.compile(
    r"(公司|集团|医院|大学|学院|实验室|研究院|研究所|平台|电厂|电站|文化站|银行|协会|商会|联盟|委员会|"
    r"学校|小学|中学|幼儿园|足球队|球队|俱乐部|委|局|政府|办|办公室|法院|检察院|党委|支部|大队|中队|所|社|总部|报)$"
)
LOC_HEAD = re.compile(
    r"(省|市|县|区|镇|乡|村|街道|社区|园|园区|带|走廊|示范区|开发区|新区|试验区|合作区|基地|港|港区|机场|"
    r"公园|路|铁路|高速|大桥|湖|河|江|山|岛|湾|峡|景区|古镇|遗址|圈|城)$"
)
Span = tuple[int, int, str]


def read_places(path: Path) -> set[str]:
    """Full names of all divisions, short names of provinces and prefectures."""
    names: set[str] = set()
    with open(path, encoding="utf8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            names.add(row["name"])
            if row["level"] in ("province", "city", "country") and len(row["short"]) >= 2:
                names.add(row["short"])
    return names


def read_words(path: Path) -> set[str]:
    """One word per line (an empty set when the file is missing)."""
    return set(path.read_text(encoding="utf8").split()) if path.exists() else set()


def read_lexicon(path: Path) -> dict[str, str]:
    """``string<TAB>label`` lines."""
    if not path.exists():
        return {}
    rows = (line.split("\t") for line in path.read_text(encoding="utf8").splitlines() if line)
    return {s: label for s, label in rows}


class NameRules:
    """Finds PER, LOC and ORG spans: ``[(start, end, label)]``, no overlaps."""

    def __init__(self, places: set[str], lexicon: dict[str, str] | None = None,
                 function_words: set[str] = frozenset()):
        self.function_words = set(function_words)
        self.lexicon = {k: v for k, v in (lexicon or {}).items() if v in PRIORITY}
        # "O" in the lexicon: a place name the annotations mostly do not tag (和县 in 县政府和县民政局)
        blocked = {k for k, v in (lexicon or {}).items() if v == "O"}
        places = places - blocked
        for name in places | (set(REGIONS) - blocked):
            self.lexicon.setdefault(name, "LOC")
        for name in CENTRAL_ORGS:
            self.lexicon.setdefault(name, "ORG")
        for name in LEADERS:
            self.lexicon.setdefault(name, "PER")
        # per first character, the name lengths to try, longest first (most characters start none)
        lengths: dict[str, set[int]] = {}
        for name in self.lexicon:
            lengths.setdefault(name[0], set()).add(len(name))
        self.lengths = {c: sorted(ns, reverse=True) for c, ns in lengths.items()}
        place_lengths: dict[str, set[int]] = {}
        for place in places:
            if len(place) >= 2:
                place_lengths.setdefault(place[0], set()).add(len(place))
        self.places, self.place_lengths = places, place_lengths
        alt = "|".join(sorted((re.escape(p) for p in places if len(p) >= 2), key=len, reverse=True))
        self.org_re = re.compile(rf"(?:(?:中共)?(?:{alt})|{LEVEL}){ORG_SUFFIX}")
        mid = r"[^，。、；：！？,.;:（()）“”\s的和与及等在]{0,8}?"
        self.named = [
            (re.compile(rf"(?:{alt}){mid}(?:{ORG_NAME_SUFFIX})"), "ORG"),
            (re.compile(rf"(?:{alt}){mid}(?:{LOC_NAME_SUFFIX})"), "LOC"),
        ]

    def __call__(self, text: str) -> list[Span]:
        """The spans to preset before the NER."""
        return resolve(self.candidates(text))

    def candidates(self, text: str, keep_deferred: bool = False) -> list[Span]:
        """Every pattern and lexicon match, overlapping (``resolve`` picks); deferred names
        only with ``keep_deferred``."""
        place_starts = [i for i in range(len(text)) if self._place_at(text, i)]
        org_starts = sorted(set(place_starts) | {i for i, c in enumerate(text) if c in ORG_START_CHARS})
        spans = [(m.start(), m.end(), "ORG") for m in _matches(self.org_re, text, org_starts)
                 if not _bare_inside_name(text, m, self.function_words)]
        for pattern, label in self.named:
            spans += [(m.start(), m.end(), label) for m in _matches(pattern, text, place_starts)]
        for line in re.finditer(r"[^\n]+", text):
            title = TITLE_PER.match(line.group(0))
            if title:
                spans.append((line.start() + title.start(1), line.start() + title.end(1), "PER"))
        preset, deferred = self._lexicon_spans(text)
        return spans + preset + (deferred if keep_deferred else [])

    def _place_at(self, text: str, i: int) -> bool:
        return any(text[i : i + n] in self.places for n in self.place_lengths.get(text[i], ()))

    def deferred(self, text: str) -> list[Span]:
        """Short place names left to the NER (a name character follows them)."""
        return self._lexicon_spans(text)[1]

    def _lexicon_spans(self, text: str) -> tuple[list[Span], list[Span]]:
        """Lexicon matches, longest first at each position: (preset, deferred).

        A short place name (not ending in a level character) is skipped before a character
        that continues a name (浙江大学: the patterns take it) and deferred before any other
        Chinese character that is not a word boundary."""
        preset, deferred, i = [], [], 0
        while i < len(text):
            for n in self.lengths.get(text[i], ()):
                if n < 2 or i + n > len(text):
                    continue
                label = self.lexicon.get(text[i : i + n])
                if label is None:
                    continue
                nxt = text[i + n] if i + n < len(text) else ""
                short_place = label == "LOC" and text[i + n - 1] not in LEVEL_CHARS
                if short_place and nxt in NAME_NEXT:
                    continue
                name_goes_on = short_place and _name_char(nxt)
                (deferred if name_goes_on else preset).append((i, i + n, label))
                i += n - 1
                break
            i += 1
        return preset, deferred


# first characters of the level words and of 中共, where an organ pattern may start
ORG_START_CHARS = frozenset("省市县区镇乡自州盟旗街中")


def _matches(pattern: re.Pattern, text: str, starts: list[int]) -> list[re.Match]:
    """``pattern.finditer(text)`` tried only at ``starts`` (sorted), where every match of
    it begins: the giant place alternations are slow to try at every character."""
    found, resume = [], 0
    for i in starts:
        if i < resume:
            continue
        match = pattern.match(text, i)
        if match:
            found.append(match)
            resume = match.end()
    return found


# a place that starts a longer name: 云阳 + 世界地质公园, 亚洲 + 文化遗产保护联盟
FACILITY_HEAD = re.compile(
    r"(?P<ORG>研究院|研究所|实验室|大学|学院|公司|集团|医院|银行|协会|商会|联盟|委员会|平台|电厂|电站)|"
    r"(?P<LOC>基地|产业园|园区|示范区|开发区|新区|试验区|合作区|港区|机场|公园|枢纽|景区|湿地|保税区|科学城|"
    r"科创城|航站楼)"
)
NOT_IN_NAME = re.compile(
    r"[\s\d，。、；：！？,.;:（()）“”《》的和与及等在为是了将由从对向把被]|入选|入列|入围|纳入|列入|建设|建成|"
    r"首个|首批|打造|获批|获评|成为|推进|加快|共建|支持|推动|实施|开展|申建|创建|设立|组建|新增"
)
MAX_EXTENSION = 8


def facility_extension(text: str, end: int, limit: int) -> tuple[int, str] | None:
    """Where a name that ends at ``end`` goes on to a facility head (before ``limit``, at
    most ``MAX_EXTENSION`` characters on): (new end, label), or None."""
    tail = text[end : min(limit, end + MAX_EXTENSION + 4)]
    head = FACILITY_HEAD.search(tail)
    if head is None or head.start() > MAX_EXTENSION or NOT_IN_NAME.search(tail, 0, head.end()):
        return None
    return end + head.end(), head.lastgroup


def learned_extension(text: str, end: int, limit: int, heads: dict[str, str]) -> tuple[int, str] | None:
    """Where a name that ends at ``end`` goes on to an ending of three or four characters
    from ``heads.tsv`` (湛江临港 → 湛江临港经济区, 妇联 → 妇联维权服务中心): the nearest
    within ``MAX_EXTENSION`` characters, with no verb or punctuation between, as
    (new end, label), or None."""
    for stop in range(end + 2, min(limit, end + MAX_EXTENSION) + 1):
        if NOT_IN_NAME.search(text, end, stop):
            return None
        for n in (4, 3):
            if stop - n >= end and text[stop - n : stop] in heads:
                return stop, heads[text[stop - n : stop]]
    return None


def _bare_inside_name(text: str, match: re.Match, function_words: set[str]) -> bool:
    """A bare level + organ (县民政局) after a name character (平川县民政局, **区人民法院:
    the place is unknown or masked): the NER, not the pattern, should take the whole name.
    After a verb or preposition (开展区人大, 针对区人大) the pattern stands."""
    if match.group(0)[0] not in LEVEL_CHARS and not match.group(0).startswith("街道"):
        return False
    if match.start() == 0 or text[max(0, match.start() - 2) : match.start()] in function_words:
        return False
    before = text[match.start() - 1]
    return before in "*＊×xX" or _name_char(before)


def _name_char(char: str) -> bool:
    """A Chinese character that is not a word boundary: a name may go on across it."""
    return "\u4e00" <= char <= "\u9fff" and char not in WORD_BOUNDARY


def head_label(name: str) -> str | None:
    """``LOC`` or ``ORG`` as the last word of ``name`` decides, else None."""
    org, loc = bool(ORG_HEAD.search(name)), bool(LOC_HEAD.search(name))
    return "ORG" if org and not loc else ("LOC" if loc and not org else None)


def learned_head_label(name: str, heads: dict[str, str]) -> str | None:
    """The label of the longest ending of ``name`` in ``heads`` (``heads.tsv``), else None."""
    for n in (4, 3, 2):
        if len(name) > n and name[-n:] in heads:
            return heads[name[-n:]]
    return None


# a level (省 … 乡) after a boundary, then a short name and an organisation head:
# 县医保局, 县城第二水厂, 乡民政办 (not 市级三甲医院, 省域经济副中心, 县不再…)
LEVEL_ORGANISATION = re.compile(
    r"(?<=[，。、；：“”《》\s,;:（(])(?:省|市|县|区|镇|乡)(?![级域内外不])"
    r"[^，。、；：“”《》\s和与及等的在对为,;:（()）0-9]{1,8}?"
    r"(?:办公室|办|委员会|委|局|管委会|研究院|研究所|医院|卫生院|学校|小学|中学|幼儿园|水厂|联社|交易所|"
    r"中心|指挥部)(?=[，。、；：“”\s,;:]|[在对为把被将和与及等的]|$)"
)


def level_organisations(text: str, function_words: set[str]) -> list[tuple[int, int]]:
    """Organisations named by a level and a head (县医保局 …), none with a verb or
    preposition inside (县民政局联合县人民医院 is two): ``[(start, end)]``."""
    found = []
    for match in LEVEL_ORGANISATION.finditer(text):
        name = match.group(0)
        if not any(name[i : i + 2] in function_words for i in range(1, len(name) - 1)):
            found.append((match.start(), match.end()))
    return found


# administrative levels, outermost first (自治区 before 区: the longest ending decides)
ADMIN_RANK = {"自治区": 1, "省": 1, "市": 2, "州": 2, "盟": 2, "县": 3, "区": 3, "旗": 3,
              "街道": 4, "镇": 4, "乡": 4, "社区": 5, "村": 5}
ADMIN_ENDINGS = sorted(ADMIN_RANK, key=len, reverse=True)


def admin_rank(name: str) -> int | None:
    """The administrative level a place name ends in (省 1 … 村 5), else None."""
    for ending in ADMIN_ENDINGS:
        if name.endswith(ending):
            return ADMIN_RANK[ending]
    return None


# administrative levels that end a place inside a longer, non-name span
LEVEL_END = re.compile(r"(村|镇|乡|街道|社区|县|区|市|省)")
NUMBERED_GROUP = re.compile(r"[一二三四五六七八九十0-9]+组")


def place_overrun(name: str, word_ends: set[int]) -> int | None:
    """Where a name the NER ran on past its place should end (龙井村 in 龙井村集体经济收入,
    城南新区 in 城南新区征地拆迁): the first level character that ends a segmenter word
    (offsets in ``word_ends`` relative to ``name``), when the whole span does not end
    like a name (no head noun) and what follows is not a numbered group (青山村六组)."""
    if head_label(name) is not None or LEVEL_END.search(name[-2:]):
        return None
    for match in LEVEL_END.finditer(name):
        cut = match.end()
        if 2 <= cut < len(name) and cut in word_ends:
            return None if NUMBERED_GROUP.match(name, cut) else cut
    return None


def resolve(spans: list[Span], priority: dict[str, int] = PRIORITY) -> list[Span]:
    """Longest span first (then label priority); drop spans that overlap a kept one."""
    kept: list[Span] = []
    taken: set[int] = set()
    for s, e, label in sorted(spans, key=lambda x: (-(x[1] - x[0]), priority.get(x[2], 9), x[0])):
        if any(i in taken for i in range(s, e)):
            continue
        kept.append((s, e, label))
        taken.update(range(s, e))
    return sorted(kept)
