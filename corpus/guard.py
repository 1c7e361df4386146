"""Keep evaluation text out of training data.

Every paragraph that ``corpus/build.py`` writes passes :class:`Guard` first. A
paragraph is dropped when, after whitespace normalisation, it equals a protected
paragraph or line, or shares any window of ``WINDOW`` characters with one. The
protected text is ``../shared/gold/*.jsonl`` and ``../shared/seed/*``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path

WINDOW = 30
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Text without any whitespace (spacing in scraped text is not meaningful here)."""
    return _SPACE.sub("", text)


def windows(text: str, size: int = WINDOW) -> set[str]:
    """All character windows of ``size`` in normalised ``text`` (the text itself if shorter)."""
    norm = normalise(text)
    if len(norm) <= size:
        return {norm} if norm else set()
    return {norm[i : i + size] for i in range(len(norm) - size + 1)}


def protected_texts(shared: Path) -> list[str]:
    """Paragraphs of the gold files and lines of the seed files under ``shared``."""
    texts: list[str] = []
    for path in sorted((shared / "gold").glob("*.jsonl")):
        with path.open(encoding="utf8") as f:
            texts.extend(json.loads(line)["text"] for line in f if line.strip())
    for path in sorted((shared / "seed").glob("*")):
        if path.is_file():
            texts.extend(path.read_text(encoding="utf8").splitlines())
    return [t for t in texts if normalise(t)]


class Guard:
    """Decides whether a paragraph overlaps protected (gold / seed) text."""

    def __init__(self, protected: Iterable[str], size: int = WINDOW):
        self.size = size
        self.exact: set[str] = set()
        self.grams: set[str] = set()
        for text in protected:
            norm = normalise(text)
            if not norm:
                continue
            self.exact.add(norm)
            if len(norm) >= size:
                self.grams.update(windows(norm, size))

    @classmethod
    def from_shared(cls, shared: Path, size: int = WINDOW) -> Guard:
        return cls(protected_texts(shared), size)

    def blocks(self, text: str) -> bool:
        """True when ``text`` must not be used for training."""
        norm = normalise(text)
        if not norm:
            return False
        if norm in self.exact:
            return True
        if len(norm) < self.size:
            return False
        return any(norm[i : i + self.size] in self.grams for i in range(len(norm) - self.size + 1))

    def filter(self, texts: Iterable[str]) -> list[str]:
        """The texts that may be used."""
        return [t for t in texts if not self.blocks(t)]
