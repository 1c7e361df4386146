"""training/eval_confidence.py: matching facts by QTY and the ranking/calibration figures."""

import math
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "training"))
import eval_confidence as ec  # noqa: E402

ENTS = [{"start": 0, "end": 4, "label": "IND"}, {"start": 4, "end": 6, "label": "QTY"},
        {"start": 7, "end": 9, "label": "IND"}, {"start": 9, "end": 11, "label": "QTY"}]


def fact(qty, ind, confidence=None):
    return {"qty": qty, "ind": ind, **({"confidence": confidence} if confidence is not None else {})}


def test_matched_compares_indicator_spans_of_facts_with_the_same_qty():
    gold = [{"entities": ENTS, "facts": [fact(1, 0), fact(3, 2)]}]
    pred_ents = ENTS + [{"start": 12, "end": 14, "label": "QTY"}]
    pred = [{"entities": pred_ents, "facts": [fact(1, 0, 0.9), fact(3, None, 0.2), fact(4, None, 0.5)]}]
    assert ec.matched(gold, pred) == ([0.9, 0.2], [True, False])


@pytest.mark.parametrize("scores,right,expected", [
    ([0.9, 0.8, 0.2, 0.1], [True, True, False, False], 1.0),
    ([0.1, 0.2, 0.8, 0.9], [True, True, False, False], 0.0),
    ([0.5, 0.5, 0.5, 0.5], [True, False, True, False], 0.5),
    ([0.9, 0.5, 0.5, 0.1], [True, True, False, False], 0.875),
])
def test_auroc(scores, right, expected):
    assert ec.auroc(scores, right) == pytest.approx(expected)


def test_auroc_is_undefined_with_one_class():
    assert math.isnan(ec.auroc([0.3, 0.7], [True, True]))


@pytest.mark.parametrize("scores,right,expected", [
    ([1.0, 1.0], [True, True], 0.0),
    ([0.75, 0.75, 0.75, 0.75], [True, True, True, False], 0.0),
    ([0.95, 0.95], [False, False], 0.95),
])
def test_calibration_error(scores, right, expected):
    assert ec.calibration_error(scores, right) == pytest.approx(expected)


def test_top_accuracy_keeps_the_most_confident():
    assert ec.top_accuracy([0.9, 0.1, 0.8, 0.2], [True, False, True, False], 0.5) == 1.0
    assert ec.top_accuracy([0.9, 0.1, 0.8, 0.2], [True, False, True, False], 1.0) == 0.5
