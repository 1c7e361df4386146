"""Build ``models/lexicons/indicators.txt``: indicator names from the NBS annual tables.

The column headers of ../shared/data/nbs_national_annual_indicators_1978_2014/zb/**.csv
are indicator names (人口出生率, 社会消费品零售总额 …); units in brackets are cut and
names of 2–10 characters kept. A derived lexicon: names only, one a line, sorted.

    python corpus/indicator_lexicon.py [--shared ../shared] [--out models/lexicons/indicators.txt]
"""

from __future__ import annotations

import argparse
import csv
import logging
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BRACKETS = re.compile(r"[（(][^）)]*[）)]")
KEEP = re.compile(r"^[\u4e00-\u9fff]{2,10}$")


def indicator_names(table_dir: Path) -> set[str]:
    """Cleaned header names of every CSV table under ``table_dir``."""
    names = set()
    for path in table_dir.rglob("*.csv"):
        with open(path, encoding="utf-8", newline="") as f:
            header = next(csv.reader(f), [])
        for raw in header[1:]:
            name = BRACKETS.sub("", raw).strip()
            if KEEP.match(name):
                names.add(name)
    return names


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--out", type=Path, default=ROOT / "models" / "lexicons" / "indicators.txt")
    args = parser.parse_args()
    names = indicator_names(args.shared / "data" / "nbs_national_annual_indicators_1978_2014" / "zb")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("".join(f"{n}\n" for n in sorted(names)), encoding="utf-8")
    logging.basicConfig(level=logging.INFO)
    logging.info("wrote %d indicator names to %s", len(names), args.out)


if __name__ == "__main__":
    main()
