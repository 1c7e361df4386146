"""training/indicator_curve.py: the seeded samples and the rows of the learning curve."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "training"))
import indicator_curve  # noqa: E402


@pytest.mark.parametrize("n,fraction,expected", [(10, 0.0, 0), (10, 0.25, 2), (10, 0.5, 5), (10, 1.0, 10), (7, 0.5, 4)])
def test_sample_lines_takes_the_share(n, fraction, expected):
    assert len(indicator_curve.sample_lines(list(range(n)), fraction, seed=0)) == expected


def test_sample_lines_is_seeded_and_keeps_order():
    lines = list(range(100))
    a = indicator_curve.sample_lines(lines, 0.3, seed=4)
    assert a == indicator_curve.sample_lines(lines, 0.3, seed=4)
    assert a == sorted(a)
    assert a != indicator_curve.sample_lines(lines, 0.3, seed=5)


def test_curve_runs_one_seed_at_the_ends(monkeypatch):
    seen = []

    def fake_cv(docs, extra, cfg, folds):
        seen.append(len(extra))
        return {"all": {"f": len(extra) / 10}, "report": {"f": 0.0}, "page": {"f": 0.0}}

    monkeypatch.setattr(indicator_curve, "cross_validate", fake_cv)
    rows = indicator_curve.curve({}, list(range(10)), {}, 5, [0.0, 0.5, 1.0], [0, 1])
    assert seen == [0, 5, 5, 10]
    assert [(r["fraction"], r["seed"], r["our_lines"], r["all_f"]) for r in rows] == [
        (0.0, 0, 0, 0.0), (0.5, 0, 5, 0.5), (0.5, 1, 5, 0.5), (1.0, 0, 10, 1.0)]
