"""How well fact ``confidence`` ranks and calibrates: is the fact's indicator right?

    python training/eval_confidence.py GOLD.jsonl PRED.jsonl     # e.g. out/eval/pooled.*.jsonl

On facts whose QTY span matches gold, "right" means the predicted indicator is exactly the
gold span (or both are none). Prints accuracy, mean confidence, AUROC, the expected
calibration error over 10 bins, and the accuracy of the most confident 50/80/90 %.
"""

from __future__ import annotations

import json
import sys

import numpy

from pipeline.annotate import read_jsonl


def matched(gold_rows: list[dict], pred_rows: list[dict]) -> tuple[list[float], list[bool]]:
    """(confidence, indicator right) of each predicted fact whose QTY span is in gold."""
    scores, right = [], []
    for gold, pred in zip(gold_rows, pred_rows, strict=True):
        g_ents, p_ents = gold["entities"], pred["entities"]
        by_qty = {_span(g_ents, f["qty"]): f for f in gold["facts"]}
        for fact in pred["facts"]:
            truth = by_qty.get(_span(p_ents, fact["qty"]))
            if truth is not None:
                scores.append(float(fact.get("confidence") or 0.0))
                right.append(_span(g_ents, truth["ind"]) == _span(p_ents, fact["ind"]))
    return scores, right


def _span(ents: list[dict], index: int | None) -> tuple[int, int] | None:
    return None if index is None else (ents[index]["start"], ents[index]["end"])


def auroc(scores: list[float], right: list[bool]) -> float:
    """Chance that a right fact outranks a wrong one (ties count half)."""
    s, y = numpy.asarray(scores, float), numpy.asarray(right, bool)
    if y.all() or not y.any():
        return float("nan")
    _, inverse, counts = numpy.unique(s, return_inverse=True, return_counts=True)
    ranks = (numpy.cumsum(counts) - (counts - 1) / 2)[inverse]  # average rank of ties
    n_pos, n_neg = y.sum(), (~y).sum()
    return float((ranks[y].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def calibration_error(scores: list[float], right: list[bool], bins: int = 10) -> float:
    """Expected calibration error: |accuracy − confidence| per bin, weighted by its size."""
    s, y = numpy.asarray(scores, float), numpy.asarray(right, float)
    which = numpy.minimum((s * bins).astype(int), bins - 1)
    return float(sum(abs(s[which == b].mean() - y[which == b].mean()) * (which == b).sum()
                     for b in range(bins) if (which == b).any()) / max(1, len(s)))


def top_accuracy(scores: list[float], right: list[bool], share: float) -> float:
    """Accuracy of the ``share`` most confident facts."""
    order = numpy.argsort(-numpy.asarray(scores, float), kind="stable")
    keep = order[: max(1, int(len(order) * share))]
    return float(numpy.asarray(right, float)[keep].mean())


def report(scores: list[float], right: list[bool]) -> dict[str, float]:
    return {"facts": len(right), "accuracy": round(float(numpy.mean(right)), 4),
            "mean_confidence": round(float(numpy.mean(scores)), 4),
            "auroc": round(auroc(scores, right), 4), "ece": round(calibration_error(scores, right), 4),
            **{f"top_{int(share * 100)}": round(top_accuracy(scores, right, share), 4) for share in (0.5, 0.8, 0.9)}}


def main(gold: str, pred: str) -> None:
    sys.stdout.write(json.dumps(report(*matched(read_jsonl(gold), read_jsonl(pred)))) + "\n")


if __name__ == "__main__":
    main(*sys.argv[1:])
