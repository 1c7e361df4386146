"""Synthetic work-summary documents with known facts, from our own templates.

    python corpus/synth.py N OUT_DIR [--seed 0]

Writes N ``.txt`` documents (a title line, review sentences, a targets sentence) into
``OUT_DIR/docs/`` and ``OUT_DIR/truth.jsonl`` with the facts each holds. For scale tests and benchmarks; the
wording is ours, the places and numbers are drawn at random.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

PLACES = ["青禾区", "云栖县", "松岭镇", "白沙镇", "临江市", "望川县", "石门区", "溪口镇"]
INDICATORS = [
    ("地区生产总值", "亿元", 1e8, (50, 900)),
    ("一般公共预算收入", "亿元", 1e8, (5, 90)),
    ("城镇新增就业", "人", 1, (800, 9000)),
    ("固定资产投资", "亿元", 1e8, (10, 400)),
    ("社会消费品零售总额", "亿元", 1e8, (20, 500)),
    ("粮食总产量", "万吨", 1e4, (1, 80)),
    ("户籍人口", "人", 1, (20000, 900000)),
]
REVIEW = "{year}年，{place}{ind}{level}{unit}，比上年增长{growth}%。"
TARGET = "{next}年主要预期目标是：{ind}增长{target}%左右。"


def make_document(rng: random.Random, i: int) -> tuple[str, list[dict]]:
    place, year = rng.choice(PLACES), rng.randint(2015, 2025)
    lines, facts = [f"{place}{year}年工作总结"], []
    for ind, unit, scale, (low, high) in rng.sample(INDICATORS, k=rng.randint(2, 5)):
        level = round(rng.uniform(low, high), 1) if scale > 1 else rng.randint(low, high)
        growth = round(rng.uniform(0.5, 9.5), 1)
        lines.append(REVIEW.format(year=year, place=place, ind=ind, level=level, unit=unit, growth=growth))
        facts.append({"ind": ind, "value": level * scale, "unit": unit.lstrip("万亿"), "year": year,
                      "change": False, "target": False})
        facts.append({"ind": ind, "value": growth, "unit": "%", "year": year, "change": True,
                      "target": False})
    ind = rng.choice(INDICATORS)[0]
    target = rng.choice([4, 5, 5.5, 6, 7])
    lines.append(TARGET.format(next=year + 1, ind=ind, target=target))
    facts.append({"ind": ind, "value": target, "unit": "%", "year": year + 1, "change": True,
                  "target": True})
    return "\n".join(lines) + "\n", facts


def write_corpus(n: int, out_dir: str | Path, seed: int = 0) -> list[Path]:
    """Write ``n`` documents into ``out_dir/docs`` and their facts into ``out_dir/truth.jsonl``."""
    rng = random.Random(seed)
    out = Path(out_dir)
    (out / "docs").mkdir(parents=True, exist_ok=True)
    paths = []
    with open(out / "truth.jsonl", "w", encoding="utf8") as truth:
        for i in range(n):
            text, facts = make_document(rng, i)
            path = out / "docs" / f"synth-{i:06d}.txt"
            path.write_text(text, encoding="utf8")
            truth.write(json.dumps({"file": path.name, "facts": facts}, ensure_ascii=False) + "\n")
            paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    write_corpus(args.n, args.out_dir, args.seed)


if __name__ == "__main__":
    main()
