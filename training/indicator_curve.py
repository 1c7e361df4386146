"""Learning curve of the indicator scorer: how much our annotations buy on ../shared/train.

    python training/indicator_curve.py [CONFIG] [--folds 5] [--fractions 0,0.25,0.5,0.75,1]
        [--seeds 0,1]

For each fraction, a seeded sample of that share of our annotation lines joins the
training side of ``train_indicators.cross_validate`` (document folds of ../shared/train),
and the cross-validated IND span F on ../shared/train documents is printed. The curve
says whether annotating more text of our kind would still move the scorer.
"""

from __future__ import annotations

import argparse
import json
import logging
import random

from train_indicators import cross_validate, load_data  # training/ is the script directory

logger = logging.getLogger("govie.indicator_curve")


def sample_lines(lines: list, fraction: float, seed: int) -> list:
    """A seeded sample of ``fraction`` of ``lines`` (order kept)."""
    keep = sorted(random.Random(seed).sample(range(len(lines)), round(len(lines) * fraction)))
    return [lines[i] for i in keep]


def curve(docs: dict, ours: list, cfg: dict, folds: int, fractions: list[float],
          seeds: list[int]) -> list[dict]:
    """One row per (fraction, seed): lines of ours used and cross-validated IND F."""
    rows = []
    for fraction in fractions:
        for seed in seeds if 0 < fraction < 1 else seeds[:1]:
            extra = sample_lines(ours, fraction, seed)
            scores = cross_validate(docs, extra, cfg, folds)
            row = {"fraction": fraction, "seed": seed, "our_lines": len(extra),
                   **{f"{genre}_f": s["f"] for genre, s in scores.items()}}
            logger.info("%s", json.dumps(row))
            rows.append(row)
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("config", nargs="?", default="training/configs/indicators.cfg")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--fractions", default="0,0.25,0.5,0.75,1")
    ap.add_argument("--seeds", default="0,1")
    args = ap.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    logging.getLogger("govie.training").setLevel(logging.WARNING)  # no per-epoch losses
    _, cfg, docs, ours = load_data(args.config)
    curve(docs, ours, cfg, args.folds, [float(f) for f in args.fractions.split(",")],
          [int(s) for s in args.seeds.split(",")])


if __name__ == "__main__":
    main()
