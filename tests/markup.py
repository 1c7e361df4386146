"""Inline entity markup for tests: "[地区生产总值|IND]增长[5.5%|QTY]"."""

import re

from pipeline.linking import Ent

MARK = re.compile(r"\[([^\[\]|]+)\|([A-Z]+)\]")


def parse_markup(marked: str) -> tuple[str, list[Ent]]:
    """Plain text and its entities; entities are in reading order."""
    text, ents, pos = [], [], 0
    out_len = 0
    for m in MARK.finditer(marked):
        plain = marked[pos : m.start()]
        text.append(plain)
        out_len += len(plain)
        ents.append(Ent(out_len, out_len + len(m.group(1)), m.group(2)))
        text.append(m.group(1))
        out_len += len(m.group(1))
        pos = m.end()
    text.append(marked[pos:])
    return "".join(text), ents


def surface(text: str, ent: Ent | None) -> str | None:
    return None if ent is None else text[ent.start : ent.end]


def qty_by_text(text: str, ents: list[Ent], qty_text: str) -> Ent:
    return next(e for e in ents if e.label == "QTY" and text[e.start : e.end] == qty_text)
