"""OffsetMap: runs, lookups, composition, serialisation."""

import pytest

from pipeline.ingest.offsets import OffsetMap


@pytest.mark.parametrize(
    "offsets",
    [[0, 1, 2, 3], [5, 6, 7, 10, 11, 20], [3], [0, 2, 4, 6], []],
)
def test_from_list_roundtrips(offsets):
    omap = OffsetMap.from_list(offsets)
    assert len(omap) == len(offsets)
    assert [omap[i] for i in range(len(offsets))] == offsets
    assert OffsetMap.from_flat(omap.to_list()) == omap


def test_runs_are_merged():
    omap = OffsetMap.from_runs([(0, 10, 3), (3, 13, 2), (5, 30, 4)])
    assert list(omap.runs()) == [(0, 10, 5), (5, 30, 4)]
    assert len(omap.starts) == 2


@pytest.mark.parametrize(
    "start,end,expected",
    [(0, 1, (10, 11)), (0, 5, (10, 15)), (4, 6, (14, 31)), (5, 9, (30, 34)), (2, 2, (12, 12))],
)
def test_to_original(start, end, expected):
    omap = OffsetMap.from_runs([(0, 10, 5), (5, 30, 4)])
    assert omap.to_original(start, end) == expected


def test_compose_matches_per_character():
    outer = OffsetMap.from_list([0, 1, 4, 5, 6, 9])  # C -> T
    inner = OffsetMap.from_list([100, 101, 102, 103, 200, 201, 202, 203, 204, 300])  # T -> O
    composed = outer.compose(inner)
    assert [composed[i] for i in range(len(outer))] == [inner[outer[i]] for i in range(len(outer))]


def test_identity_and_bounds():
    omap = OffsetMap.identity(4)
    assert omap[3] == 3 and omap[-1] == 3
    with pytest.raises(IndexError):
        omap[4]
