"""Offset maps: where each character of a cleaned text came from in the original.

A map is stored as runs, two compact int arrays: run ``i`` starts at cleaned offset
``starts[i]`` and at original offset ``origins[i]``, and advances one to one until the
next run. Cleaning only deletes characters, so a few runs describe a whole document.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Iterable, Iterator


class OffsetMap:
    """Maps offsets of a cleaned text (length ``length``) to the original text."""

    __slots__ = ("starts", "origins", "length")

    def __init__(self, starts: array, origins: array, length: int) -> None:
        self.starts = starts
        self.origins = origins
        self.length = length

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        return cls(array("q", [0]), array("q", [0]), length)

    @classmethod
    def from_runs(cls, runs: Iterable[tuple[int, int, int]]) -> OffsetMap:
        """Build from ``(clean_start, orig_start, length)`` runs in cleaned order."""
        starts, origins = array("q"), array("q")
        end = 0
        for cstart, ostart, n in runs:
            if n <= 0:
                continue
            if starts and cstart == end and ostart == origins[-1] + (cstart - starts[-1]):
                end += n  # contiguous with the previous run: extend it
                continue
            starts.append(cstart)
            origins.append(ostart)
            end = cstart + n
        return cls(starts, origins, end)

    @classmethod
    def from_list(cls, offsets: Iterable[int]) -> OffsetMap:
        """Build from one original offset per cleaned character."""
        return cls.from_runs((i, o, 1) for i, o in enumerate(offsets))

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, i: int) -> int:
        if i < 0:
            i += self.length
        if not 0 <= i < self.length:
            raise IndexError(i)
        k = bisect_right(self.starts, i) - 1
        return self.origins[k] + (i - self.starts[k])

    def runs(self) -> Iterator[tuple[int, int, int]]:
        """Yield ``(clean_start, orig_start, length)`` for every run."""
        n = len(self.starts)
        for k in range(n):
            end = self.starts[k + 1] if k + 1 < n else self.length
            yield self.starts[k], self.origins[k], end - self.starts[k]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The original span covering cleaned ``[start, end)``."""
        if end <= start:
            pos = self[start] if start < self.length else self._end_origin()
            return pos, pos
        return self[start], self[end - 1] + 1

    def _end_origin(self) -> int:
        return self[self.length - 1] + 1 if self.length else 0

    def compose(self, inner: OffsetMap) -> OffsetMap:
        """``self`` maps C to T and ``inner`` maps T to O: return the map C to O."""
        return OffsetMap.from_runs(self._compose_runs(inner))

    def _compose_runs(self, inner: OffsetMap) -> Iterator[tuple[int, int, int]]:
        inner_runs = list(inner.runs())
        for cstart, tstart, n in self.runs():
            k = bisect_right(inner.starts, tstart) - 1
            while n > 0 and 0 <= k < len(inner_runs):
                ts, os, rn = inner_runs[k]
                take = min(n, ts + rn - tstart)
                if take > 0:
                    yield cstart, os + (tstart - ts), take
                    cstart, tstart, n = cstart + take, tstart + take, n - take
                k += 1

    def to_list(self) -> list[int]:
        """Flat ``[length, start0, origin0, start1, origin1, ...]`` for JSON."""
        flat = [self.length]
        for s, o in zip(self.starts, self.origins):
            flat += [s, o]
        return flat

    @classmethod
    def from_flat(cls, flat: list[int]) -> OffsetMap:
        return cls(array("q", flat[1::2]), array("q", flat[2::2]), flat[0])

    def __eq__(self, other: object) -> bool:
        return isinstance(other, OffsetMap) and self.to_list() == other.to_list()

    def __repr__(self) -> str:
        return f"OffsetMap(length={self.length}, runs={len(self.starts)})"
