"""A plain-text table of the facts in an annotated JSONL file."""

from __future__ import annotations

import json
from pathlib import Path

COLUMNS = ("doc", "indicator", "value", "unit", "year", "place", "chg", "tgt", "quantity")


def fact_rows(path: str | Path) -> list[tuple]:
    """One tuple per fact of an annotated file, in COLUMNS order."""
    rows = []
    for raw in Path(path).read_text(encoding="utf8").splitlines():
        if not raw.strip():
            continue
        line = json.loads(raw)
        text, ents = line["text"], line["entities"]

        def surface(i, text=text, ents=ents):
            return "" if i is None else text[ents[i]["start"] : ents[i]["end"]]

        for f in line["facts"]:
            place = surface(f["loc"]) or line.get("doc_place") or ""
            rows.append((
                line.get("doc") or line["id"], surface(f["ind"]), format_value(f["value"]),
                f["unit"], f["year"] if f["year"] is not None else "", place,
                "Y" if f["change"] else "", "Y" if f["target"] else "", surface(f["qty"]),
            ))
    return rows


def format_value(value: float | None) -> str:
    """A number as a researcher reads it: 3260000000000, 5.4 (no exponents)."""
    if value is None:
        return ""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.10f}".rstrip("0").rstrip(".")


def facts_table(path: str | Path, limit: int = 40) -> str:
    """Aligned text table of the first ``limit`` facts of an annotated file."""
    rows = fact_rows(path)
    shown = [COLUMNS, *[tuple(str(c) for c in r) for r in rows[:limit]]]
    widths = [max(_width(r[i]) for r in shown) for i in range(len(COLUMNS))]
    lines = ["  ".join(_pad(c, w) for c, w in zip(r, widths)) for r in shown]
    more = f"\n… {len(rows) - limit} more facts" if len(rows) > limit else ""
    return f"{Path(path).name}: {len(rows)} facts\n" + "\n".join(lines) + more


def _width(s: str) -> int:
    return sum(2 if ord(c) > 0x2E7F else 1 for c in s)


def _pad(s: str, width: int) -> str:
    return s + " " * (width - _width(s))
