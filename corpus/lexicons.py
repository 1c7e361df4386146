"""Build ``models/lexicons/places.tsv`` from ../shared/data/admin_divisions_cn.

Columns: name, short, level (country/province/city/county), parent (full name), code.
Streets (41k rows) are left out to keep the file small.

    python corpus/lexicons.py [--shared ../shared] [--out models/lexicons/places.tsv]
"""

from __future__ import annotations

import argparse
import csv
import logging
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ETHNIC = (
    "蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 拉祜 水 "
    "东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 "
    "乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺 各"
).split()
PROVINCE_SHORT = {
    "内蒙古自治区": "内蒙古",
    "广西壮族自治区": "广西",
    "西藏自治区": "西藏",
    "宁夏回族自治区": "宁夏",
    "新疆维吾尔自治区": "新疆",
}
PLACEHOLDERS = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}


def short_name(name: str) -> str:
    """The usual short form (江门市 → 江门, 黔东南苗族侗族自治州 → 黔东南), or ""."""
    if name in PROVINCE_SHORT:
        return PROVINCE_SHORT[name]
    m = re.match(r"(.+?)自治(?:州|县|旗)$", name)
    if m:
        base = m[1]
        changed = True
        while changed:
            changed = False
            for eth in sorted(ETHNIC, key=len, reverse=True):
                for tail in (eth + "族", eth):
                    if base.endswith(tail) and len(base) - len(tail) >= 2:
                        base, changed = base[: -len(tail)], True
                        break
                if changed:
                    break
        return base if base != m[1] else ""
    m = re.match(r"(.+?)(?:省|市|地区|盟|县|区|旗|林区|特区)$", name)
    return m[1] if m and len(m[1]) >= 2 else ""


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def build_rows(src: Path) -> list[tuple[str, str, str, str, str]]:
    provinces = {r["code"]: r["name"] for r in read_csv(src / "provinces.csv")}
    cities = {r["code"]: r for r in read_csv(src / "cities.csv")}
    rows = [("中华人民共和国", "中国", "country", "", "0")]
    rows += [(n, short_name(n), "province", "中华人民共和国", c) for c, n in provinces.items()]
    for code, r in cities.items():
        if r["name"] not in PLACEHOLDERS:
            rows.append(
                (r["name"], short_name(r["name"]), "city", provinces[r["provinceCode"]], code)
            )
    for r in read_csv(src / "areas.csv"):
        city = cities.get(r["cityCode"], {}).get("name", "")
        parent = city if city and city not in PLACEHOLDERS else provinces[r["provinceCode"]]
        rows.append((r["name"], short_name(r["name"]), "county", parent, r["code"]))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--out", type=Path, default=ROOT / "models" / "lexicons" / "places.tsv")
    args = parser.parse_args()
    rows = build_rows(args.shared / "data" / "admin_divisions_cn")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as f:
        f.write("name\tshort\tlevel\tparent\tcode\n")
        for row in rows:
            f.write("\t".join(row) + "\n")
    logging.basicConfig(level=logging.INFO)
    logging.info("wrote %d places to %s", len(rows), args.out)


if __name__ == "__main__":
    main()
