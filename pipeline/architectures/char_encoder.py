"""Character vocabulary, windows and BIO decoding for govie's character BERT encoder.

The encoder (``training/pretrain_encoder.py``) reads one id per character. Characters
are normalised one to one (full-width ASCII to half-width, Latin lower-cased), so a
character's position in the text is its position in the model input. Long texts are
cut into overlapping windows of at most ``max_len - 2`` characters; each character
takes the label predicted in the window where it is furthest from an edge.
Nothing here imports torch.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

SPECIALS = ("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]")
PAD, UNK, CLS, SEP, MASK = range(len(SPECIALS))
VOCAB_FILE = "vocab.txt"


def normalise_char(char: str) -> str:
    """One character for one character: NFKC when it stays one character, lower case."""
    norm = unicodedata.normalize("NFKC", char)
    if len(norm) != 1:
        return char
    return norm.lower() if norm.isascii() else norm


class CharVocab:
    """Maps characters to ids; unknown characters map to ``[UNK]``."""

    def __init__(self, chars: Iterable[str]):
        self.items: list[str] = list(SPECIALS) + [c for c in chars if c not in SPECIALS]
        self.index = {c: i for i, c in enumerate(self.items)}

    def __len__(self) -> int:
        return len(self.items)

    @classmethod
    def from_texts(cls, texts: Iterable[str], min_count: int = 3, max_size: int = 8000) -> CharVocab:
        """The characters seen at least ``min_count`` times, most frequent first."""
        counts: Counter[str] = Counter()
        for text in texts:
            counts.update(normalise_char(c) for c in text if not c.isspace())
        keep = [c for c, n in counts.most_common(max_size - len(SPECIALS)) if n >= min_count]
        return cls(keep)

    def encode(self, chars: Sequence[str]) -> list[int]:
        return [self.index.get(normalise_char(c), UNK) for c in chars]

    def to_disk(self, path: str | Path) -> None:
        Path(path).write_text("\n".join(self.items) + "\n", encoding="utf8")

    @classmethod
    def from_disk(cls, path: str | Path) -> CharVocab:
        items = Path(path).read_text(encoding="utf8").split("\n")[:-1]
        return cls(items[len(SPECIALS) :])


def windows(n: int, size: int, stride: int) -> list[tuple[int, int]]:
    """Overlapping ``(start, end)`` windows covering ``range(n)``."""
    if n <= size:
        return [(0, n)]
    starts = list(range(0, n - size, stride)) + [n - size]
    return [(s, s + size) for s in starts]


def owner_windows(n: int, spans: list[tuple[int, int]]) -> list[int]:
    """For each position, the window in which it is furthest from an edge."""
    owners, margins = [0] * n, [-1] * n
    for w, (start, end) in enumerate(spans):
        for i in range(start, end):
            margin = min(i - start, end - 1 - i)
            if margin > margins[i]:
                owners[i], margins[i] = w, margin
    return owners


def bio_labels(labels: Iterable[str]) -> list[str]:
    """``O`` then ``B-X``, ``I-X`` for every entity label."""
    tags = ["O"]
    for label in labels:
        tags += [f"B-{label}", f"I-{label}"]
    return tags


def spans_to_bio(n: int, spans: Iterable[tuple[int, int, str]]) -> list[str]:
    """BIO tags of ``n`` positions from ``(start, end, label)`` position spans."""
    tags = ["O"] * n
    for start, end, label in spans:
        tags[start] = f"B-{label}"
        for i in range(start + 1, end):
            tags[i] = f"I-{label}"
    return tags


def bio_to_spans(tags: Sequence[str], merge: bool = False) -> list[tuple[int, int, str]]:
    """``(start, end, label)`` spans; an ``I-X`` without its ``B-X`` starts a span.
    With ``merge``, a ``B-X`` right after ``X`` continues that span (IO decoding)."""
    spans: list[tuple[int, int, str]] = []
    start, label = None, None
    for i, tag in enumerate(list(tags) + ["O"]):
        prefix, _, name = tag.partition("-")
        if merge and prefix == "B" and name == label:
            prefix = "I"
        if start is not None and (prefix != "I" or name != label):
            spans.append((start, i, label))
            start, label = None, None
        if prefix == "B" or (prefix == "I" and start is None):
            start, label = i, name
    return spans
