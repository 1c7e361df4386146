"""Readers for the public NER corpora in ``../shared/data``, mapped to govie labels.

Each reader yields ``(text, spans, missing)``: ``spans`` are ``(start, end, label)`` with
labels PER/LOC/ORG, ``missing`` are character ranges whose labels are unknown (source
labels with no govie counterpart that may hold names, e.g. book titles). The mapping
of every source label is in ``corpus/README.md``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

Item = tuple[str, list[tuple[int, int, str]], list[tuple[int, int]]]

BIO_MAPS: dict[str, dict[str, str | None]] = {
    "msra": {"PER": "PER", "LOC": "LOC", "ORG": "ORG"},
    "peoples_daily": {"PER": "PER", "LOC": "LOC", "ORG": "ORG"},
    "weibo": {
        "PER.NAM": "PER", "LOC.NAM": "LOC", "GPE.NAM": "LOC", "ORG.NAM": "ORG",
        "PER.NOM": None, "LOC.NOM": None, "GPE.NOM": None, "ORG.NOM": None,
    },
    "resume": {
        "NAME": "PER", "ORG": "ORG", "LOC": "LOC", "CONT": "MISSING",
        "RACE": None, "TITLE": None, "EDU": None, "PRO": None,
    },
}
CLUENER_MAP: dict[str, str | None] = {
    "name": "PER", "company": "ORG", "government": "ORG", "organization": "ORG",
    "scene": "LOC", "address": "LOC", "position": None,
    "book": "MISSING", "movie": "MISSING", "game": "MISSING",
}
FILES = {
    "msra": ["msra_ner/msra_test_bio.txt"],
    "peoples_daily": ["peoples_daily_1998_ner/example.dev", "peoples_daily_1998_ner/example.test"],
    "weibo": ["weibo_ner/weiboNER_2nd_conll.train", "weibo_ner/weiboNER_2nd_conll.dev"],
    "resume": ["resume_ner/train.char.bmes", "resume_ner/dev.char.bmes"],
    "cluener": ["cluener2020/train.json"],
}


def _sentences(path: Path, strip_digit: bool) -> Iterator[list[tuple[str, str]]]:
    sent: list[tuple[str, str]] = []
    with path.open(encoding="utf8") as f:
        for raw in f:
            parts = raw.split()
            if len(parts) < 2:
                if sent:
                    yield sent
                sent = []
                continue
            char, tag = parts[0], parts[-1]
            if strip_digit and len(char) > 1 and char[-1].isdigit():
                char = char[:-1]
            sent.append((char[:1], tag))
    if sent:
        yield sent


def _tag_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """Spans from BIO or BMES tags."""
    spans, start, label = [], None, None
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, name = tag.partition("-")
        if start is not None and (prefix in ("O", "B", "S") or name != label):
            spans.append((start, i, label))
            start = None
        if prefix in ("B", "S") or (prefix in ("I", "M", "E") and start is None and name):
            start, label = i, name
        if prefix in ("E", "S") and start is not None:
            spans.append((start, i + 1, label))
            start = None
    return spans


def read_bio(name: str, data: Path) -> Iterator[Item]:
    """Char-level BIO/BMES corpora (msra, peoples_daily, weibo, resume)."""
    mapping = BIO_MAPS[name]
    for rel in FILES[name]:
        for sent in _sentences(data / rel, strip_digit=name == "weibo"):
            text = "".join(c for c, _ in sent)
            spans, missing = [], []
            for s, e, label in _tag_spans([t for _, t in sent]):
                target = mapping.get(label)
                if target == "MISSING":
                    missing.append((s, e))
                elif target:
                    spans.append((s, e, target))
            yield text, spans, missing


def read_cluener(data: Path) -> Iterator[Item]:
    for rel in FILES["cluener"]:
        with (data / rel).open(encoding="utf8") as f:
            for raw in f:
                row = json.loads(raw)
                text, spans, missing = row["text"], [], []
                for label, mentions in row.get("label", {}).items():
                    target = CLUENER_MAP.get(label)
                    for surface, offsets in mentions.items():
                        for s, e_incl in offsets:
                            if target == "MISSING" or (
                                label == "address" and any(c.isdigit() for c in surface)
                            ):
                                missing.append((s, e_incl + 1))
                            elif target:
                                spans.append((s, e_incl + 1, target))
                yield text, spans, missing


def read_public(name: str, data: Path) -> Iterator[Item]:
    if name == "cluener":
        return read_cluener(data)
    return read_bio(name, data)
