"""Build the segmenter's domain dictionary ``models/seg/user_dict.txt``.

    .venv/bin/python training/build_user_dict.py                 # all sources
    .venv/bin/python training/build_user_dict.py --sources admin units --out /tmp/d.txt

pkuseg cuts a dictionary word out of the text before the model sees it (forward
longest match), so every word listed here becomes one segment. The words come from
``../shared/data`` at build time:

* ``admin``: names of provinces, prefectures, counties and townships (full names with
  their suffix, 3+ characters; province short forms such as 安徽 too);
* ``nbs``: NBS indicator names (column headers of the national annual tables), pure
  Chinese, 4–10 characters;
* ``caijing`` / ``diming``: THUOCL finance terms / place names (3+ characters, frequent);
* ``units`` and ``core``: multi-character unit words and core indicator names,
  written here by hand.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
HAN = re.compile(r"^[\u4e00-\u9fff]+$")
GENERIC_PLACES = {"市辖区", "城区", "郊区", "矿区", "新区", "开发区", "县", "市", "区"}
PLACE_SUFFIXES = ("特别行政区", "壮族自治区", "回族自治区", "维吾尔自治区", "自治区", "省", "市")

UNITS = """
万元 亿元 万亿元 千元 百万元 千万元 万美元 亿美元 万欧元 元人民币
万人 亿人 万户 万人次 亿人次 人次 户次 万名 万个 万家 万套 万间 万辆 万台 万件 万张 万册
万吨 亿吨 千克 公斤 万头 万只 万羽 万株 万亩 公顷 万公顷 平方米 万平方米 亿平方米
平方公里 万平方公里 公里 千米 万公里 立方米 万立方米 亿立方米 千瓦 万千瓦 亿千瓦 千瓦时
万千瓦时 亿千瓦时 兆瓦 吉瓦 标准箱 万标箱 吨标准煤 万吨标准煤 个百分点 百分点 百分比
""".split()

CORE_INDICATORS = """
地区生产总值 国内生产总值 生产总值 一般公共预算收入 一般公共预算支出 地方一般公共预算收入
税收收入 非税收入 财政总收入 城镇新增就业 城镇调查失业率 城镇登记失业率 居民消费价格
规模以上工业增加值 工业增加值 固定资产投资 社会消费品零售总额 进出口总额 货物进出口总额
实际使用外资 城镇居民人均可支配收入 农村居民人均可支配收入 居民人均可支配收入 常住人口
户籍人口 城镇化率 常住人口城镇化率 研发经费投入强度 粮食总产量 粮食产量 人口出生率
人口死亡率 人口自然增长率 出生人口性别比 综合节育率 计划生育率 已婚育龄妇女 育龄妇女
社会抚养费 财政收入 财政支出 金融机构 存款余额 贷款余额 单位生产总值能耗 空气质量优良天数比率
""".split()


def admin_names() -> Iterator[str]:
    """Administrative division names, full form; province short forms."""
    folder = DATA / "admin_divisions_cn"
    for name in ("provinces", "cities", "areas", "streets"):
        with (folder / f"{name}.csv").open(encoding="utf-8") as f:
            for row in csv.DictReader(f):
                yield row["name"]
    hk = json.loads((folder / "HK-MO-TW.json").read_text(encoding="utf-8"))
    yield from _json_names(hk)


def _provinces() -> Iterator[str]:
    with (DATA / "admin_divisions_cn" / "provinces.csv").open(encoding="utf-8") as f:
        yield from (row["name"] for row in csv.DictReader(f))


def _short_province(name: str) -> str:
    for suffix in PLACE_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def _json_names(node) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(key, str) and HAN.match(key):
                yield key
            if key == "name" and isinstance(value, str):
                yield value
            yield from _json_names(value)
    elif isinstance(node, list):
        for item in node:
            yield from _json_names(item)


def nbs_names() -> Iterator[str]:
    """Indicator names: the header row of every NBS annual table."""
    for path in sorted((DATA / "nbs_national_annual_indicators_1978_2014" / "zb").rglob("*.csv")):
        with path.open(encoding="utf-8") as f:
            header = next(csv.reader(f), [])
        for cell in header[1:]:
            if 4 <= len(cell) <= 10:
                yield cell


def thuocl(name: str, min_freq: int) -> Iterator[str]:
    """THUOCL words with at least ``min_freq`` occurrences."""
    text = (DATA / "thuocl_lexicons" / f"THUOCL_{name}.txt").read_text(encoding="utf-8-sig")
    for line in text.replace("\r", "\n").splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[1].isdigit() and int(parts[1]) >= min_freq:
            yield parts[0]


def keep(words: Iterable[str], min_len: int) -> set[str]:
    """Pure-Chinese words of at least ``min_len`` characters, minus generic place words."""
    return {w for w in words if HAN.match(w) and len(w) >= min_len and w not in GENERIC_PLACES}


SOURCES = {
    "admin": lambda: keep(admin_names(), 3) | {_short_province(n) for n in _provinces()},
    "nbs": lambda: keep(nbs_names(), 4),
    "caijing": lambda: keep(thuocl("caijing", 100), 3),
    "diming": lambda: keep(thuocl("diming", 1000), 3),
    "units": lambda: set(UNITS),
    "core": lambda: set(CORE_INDICATORS),
}
DEFAULT_SOURCES = ["admin", "nbs", "caijing", "diming", "units", "core"]


def build(sources: list[str]) -> list[str]:
    words: set[str] = set()
    for name in sources:
        words |= SOURCES[name]()
    return sorted(words)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--sources", nargs="*", default=DEFAULT_SOURCES, choices=list(SOURCES))
    p.add_argument("--out", type=Path, default=ROOT / "models" / "seg" / "user_dict.txt")
    args = p.parse_args()
    words = build(args.sources)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("".join(w + "\n" for w in words), encoding="utf-8")
    print(f"{len(words)} words from {', '.join(args.sources)} -> {args.out}")


if __name__ == "__main__":
    main()
