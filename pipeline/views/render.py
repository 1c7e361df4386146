"""A processed document as HTML: entities (displaCy), facts as arcs, and the fact table.

    from IPython.display import HTML
    HTML(render(nlp(text)))                 # in a notebook
    show_file("report.docx", "out/show.html")   # ``govie show FILE --html OUT.html``
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from html import escape
from pathlib import Path

from spacy import displacy
from spacy.tokens import Doc

from .arcs import COLORS, LINKS, arc_row, fact_groups
from .frame import doc_fact_rows
from .table import format_value

logger = logging.getLogger(__name__)

TABLE_COLUMNS = ("qty_text", "ind_text", "value", "unit", "year", "place", "change", "target",
                 "confidence")
HEADERS = {"qty_text": "quantity", "ind_text": "indicator"}
MAX_ROW_WIDTH = 1250
STYLE = """
<style>
.govie-doc{font-family:"Noto Sans CJK SC","Noto Sans SC","Source Han Sans SC","PingFang SC",
 "Microsoft YaHei",sans-serif;color:#222;max-width:1320px;margin:0 auto 40px}
.govie-doc h2{font-size:20px;margin:18px 0 4px}.govie-doc h3{font-size:16px;margin:18px 0 6px}
.govie-meta{color:#666;font-size:13px}
.govie-legend span{display:inline-block;padding:1px 8px;margin-right:6px;border-radius:4px;font-size:12px}
.govie-ents{border:1px solid #ddd;border-radius:6px;padding:4px 12px;max-height:520px;overflow:auto}
.govie-ents .entities{line-height:2.3!important}
.govie-row{border-bottom:1px dashed #e3e3e3;padding:4px 0;overflow-x:auto}
.govie-arcs text{font-size:15px}.govie-arcs .govie-arc-label{font-size:11px}
.govie-arcs .govie-foot{font-size:11px}
table.govie-facts{border-collapse:collapse;font-size:13px;margin-top:6px}
.govie-facts th,.govie-facts td{border:1px solid #ddd;padding:3px 8px;text-align:left}
.govie-facts th{background:#f4f4f4}.govie-facts td.num{text-align:right;font-variant-numeric:tabular-nums}
.govie-facts tr:nth-child(even) td{background:#fafafa}
</style>
"""


def render(doc: Doc, title: str | None = None, style: bool = True) -> str:
    """HTML of one processed Doc: entity view, fact arcs and fact table (a fragment)."""
    meta = doc._.meta or {}
    facts = doc._.facts or []
    heading = title or meta.get("title") or meta.get("doc_id") or "document"
    details = [f"{k}: {meta[k]}" for k in ("doc_year", "doc_place", "doc_id") if meta.get(k) is not None]
    anchor = f' id="doc-{escape(str(meta["doc_id"]))}"' if meta.get("doc_id") else ""
    parts = [STYLE if style else "", f'<div class="govie-doc"{anchor}>']
    parts.append(f"<h2>{escape(str(heading))}</h2>")
    parts.append(f'<div class="govie-meta">{escape(" · ".join(details))} · {len(facts)} facts</div>')
    parts.append(_legend())
    parts.append('<h3>Entities</h3><div class="govie-ents">' + entity_html(doc) + "</div>")
    parts.append("<h3>Facts as arcs</h3>" + arcs_html(doc))
    parts.append("<h3>Fact table</h3>" + fact_table(doc_fact_rows(doc)))
    parts.append("</div>")
    return "\n".join(parts)


def entity_html(doc: Doc) -> str:
    """displaCy's entity view of ``doc`` with the govie colours."""
    data = {
        "text": doc.text,
        "ents": [{"start": e.start_char, "end": e.end_char, "label": e.label_} for e in doc.ents],
        "title": None,
    }
    options = {"colors": COLORS, "ents": list(COLORS)}
    return displacy.render(data, style="ent", manual=True, options=options, jupyter=False)


def arcs_html(doc: Doc, max_width: int = MAX_ROW_WIDTH) -> str:
    """One SVG row per group of facts in a sentence."""
    facts = [f for f in doc._.facts or [] if f.get("qty")]
    if not facts:
        return '<p class="govie-meta">No facts.</p>'
    text = doc.text  # spaCy joins the tokens on every access: once
    ents = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
    rows = [arc_row(text, group, ents) for group in fact_groups(text, facts, max_width)]
    return "\n".join(f'<div class="govie-row">{row}</div>' for row in rows)


def _legend() -> str:
    ents = "".join(f'<span style="background:{c}">{label}</span>' for label, c in COLORS.items())
    rels = "".join(
        f'<span style="color:{c};border:1px solid {c}">→ {name}</span>' for _, name, c in LINKS
    )
    return f'<div class="govie-legend">{ents} {rels}</div>'


def fact_table(rows: list[dict], columns: tuple[str, ...] = TABLE_COLUMNS) -> str:
    """An HTML table of fact rows (dicts with extract fact columns)."""
    head = "".join(f"<th>{HEADERS.get(c, c)}</th>" for c in columns)
    body = []
    for row in rows:
        cells = []
        for c in columns:
            value = row.get(c)
            numeric = c in ("value", "year", "confidence")
            cells.append(f'<td{" class=num" if numeric else ""}>{escape(cell_text(c, value))}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f'<table class="govie-facts"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def cell_text(column: str, value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "✓" if value else ""
    if column == "value":
        return format_value(float(f"{float(value):.12g}"))  # 7240000000.0000009537 → 7240000000
    if column == "confidence":
        return f"{float(value):.2f}"
    return str(value)


def page(parts: Iterable[str], title: str = "govie") -> str:
    """A complete HTML page around rendered fragments."""
    body = "\n".join(parts)
    return (
        f'<!DOCTYPE html>\n<html lang="zh"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f"{STYLE}</head><body>\n{body}\n</body></html>\n"
    )


def process(nlp, document) -> Doc:
    """Run ``nlp`` on an ingest Document, with its metadata set first."""
    doc = nlp.make_doc(document.text)
    doc._.meta = dict(document.meta)
    return nlp(doc)


def show_file(file: str | Path, html: str | Path, model: str | Path | None = None) -> int:
    """``govie show FILE --html OUT.html``: every document ``FILE`` holds, on one page.

    Returns the number of documents rendered; inputs that could not be read are listed.
    """
    from ..build import load
    from ..ingest import Document, iter_documents

    nlp = load(model)
    parts, toc = [], []
    for record in iter_documents([file]):
        if isinstance(record, Document):
            doc = process(nlp, record)
            title = record.title or record.source
            parts.append(render(doc, title=title, style=False))
            toc.append(f'<li><a href="#doc-{escape(record.doc_id)}">{escape(title)}</a> '
                       f"({len(doc._.facts or [])} facts)</li>")
        else:
            where = f"{record.source}::{record.member}" if record.member else record.source
            parts.append(f'<p class="govie-meta">Skipped {escape(where)}: {escape(record.reason)}</p>')
    if len(toc) > 1:  # many documents: a table of contents first
        parts.insert(0, f'<div class="govie-doc"><h2>{len(toc)} documents</h2><ol>{"".join(toc)}</ol></div>')
    n = len(toc)
    out = Path(html)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page(parts, title=f"govie show {Path(file).name}"), encoding="utf8")
    logger.info("rendered %d documents of %s -> %s", n, file, out)
    return n
