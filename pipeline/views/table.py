"""Plain-text tables of facts: from an annotated JSONL file, or from extract rows."""

from __future__ import annotations

import json
from pathlib import Path

COLUMNS = ("doc", "indicator", "value", "unit", "year", "place", "chg", "tgt", "quantity")


def format_value(value: float | None) -> str:
    """A number as a researcher reads it: 3260000000000, 5.4 (no exponents)."""
    if value is None:
        return ""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.10f}".rstrip("0").rstrip(".")


def annotated_rows(path: str | Path) -> list[tuple]:
    """One tuple per fact of a gold-format annotated file, in COLUMNS order."""
    rows = []
    for raw in Path(path).read_text(encoding="utf8").splitlines():
        if not raw.strip():
            continue
        line = json.loads(raw)
        text, ents = line["text"], line["entities"]

        def surface(i, text=text, ents=ents):
            return "" if i is None else text[ents[i]["start"] : ents[i]["end"]]

        for f in line["facts"]:
            rows.append(_row(line.get("doc") or line["id"], surface(f["ind"]), f,
                             surface(f["loc"]) or line.get("doc_place") or "", surface(f["qty"])))
    return rows


def extract_rows(documents: list[dict], facts: list[dict]) -> list[tuple]:
    """One tuple per row of an extract ``facts`` table, labelled by document title."""
    title = {d["doc_id"]: d.get("title") or d.get("member") or d["source"] for d in documents}
    return [_row(title.get(f["doc_id"], f["doc_id"]), f.get("ind_text") or "", f,
                 f.get("place") or "", f["qty_text"]) for f in facts]


def _row(doc: str, indicator: str, fact: dict, place: str, quantity: str) -> tuple:
    year = fact.get("year")
    return (doc, indicator, format_value(fact["value"]), fact["unit"],
            "" if year is None else year, place, "Y" if fact["change"] else "",
            "Y" if fact["target"] else "", quantity)


def render_table(rows: list[tuple], title: str, limit: int = 40) -> str:
    """Aligned text table of the first ``limit`` rows."""
    shown = [COLUMNS, *[tuple(_clip(str(c)) for c in r) for r in rows[:limit]]]
    widths = [max(_width(r[i]) for r in shown) for i in range(len(COLUMNS))]
    lines = ["  ".join(_pad(c, w) for c, w in zip(r, widths)) for r in shown]
    more = f"\n… {len(rows) - limit} more facts" if len(rows) > limit else ""
    return f"{title}: {len(rows)} facts\n" + "\n".join(lines) + more


def facts_table(path: str | Path, limit: int = 40) -> str:
    """Aligned text table of the facts of an annotated file."""
    return render_table(annotated_rows(path), Path(path).name, limit)


def _clip(s: str, n: int = 18) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


def _width(s: str) -> int:
    return sum(2 if ord(c) > 0x2E7F else 1 for c in s)


def _pad(s: str, width: int) -> str:
    return s + " " * (width - _width(s))
