"""``govie report DIR --html OUT.html``: one self-contained page over an extract output.

Facts per document, one chart per indicator (values by year and place, grouped by
``(ind_text, unit, change)``, only where there are two points or more), the documents
that failed, and a fact table with filters by indicator, place and year. Charts are
inline SVG; the filters are a few lines of inline JavaScript over an embedded JSON
blob. Nothing is fetched: the page opens offline.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from html import escape
from pathlib import Path

from .charts import PALETTE, bar_chart, line_chart
from .frame import read_extract
from .render import cell_text, fact_table

logger = logging.getLogger(__name__)

MAX_CHARTS, MAX_SERIES, MAX_BARS, MAX_DOC_BARS = 60, 8, 16, 30
MAX_TABLE, MAX_BLOB = 500, 20000
BLOB_COLUMNS = ("doc", "qty_text", "ind_text", "value", "unit", "year", "place", "change",
                "target", "confidence")


def indicator_groups(facts: list[dict]) -> list[dict]:
    """Chartable groups: ``{ind, unit, change, points: {(year, place, target): value}}``.

    A point is one (year, place, target) of an indicator; of several facts for it the most
    confident one counts. Facts without indicator, value or year are not charted.
    """
    best: dict[tuple, dict[tuple, tuple[float, float]]] = {}
    for f in facts:
        if not f.get("ind_text") or f.get("value") is None or f.get("year") is None:
            continue
        key = (f["ind_text"], f.get("unit") or "", bool(f.get("change")))
        point = (int(f["year"]), f.get("place") or "—", bool(f.get("target")))
        conf = float(f.get("confidence") or 0.0)
        points = best.setdefault(key, {})
        if point not in points or conf > points[point][1]:
            points[point] = (float(f["value"]), conf)
    groups = [
        {"ind": k[0], "unit": k[1], "change": k[2], "points": {p: v for p, (v, _) in pts.items()}}
        for k, pts in best.items()
        if len(pts) >= 2
    ]
    return sorted(groups, key=lambda g: (-len(g["points"]), g["ind"]))


def place_colors(groups: list[dict]) -> dict[str, str]:
    """One colour per place for all charts, the most charted places first."""
    counts = Counter(place for g in groups for _, place, _ in g["points"])
    return {place: PALETTE[i % len(PALETTE)] for i, (place, _) in enumerate(counts.most_common())}


def chart_for(group: dict, colors: dict[str, str] | None = None) -> str:
    """A line chart over years (one line per place) or, for a single year, bars per place."""
    points = group["points"]
    years = {year for year, _, _ in points}
    if len(years) >= 2:
        counts = Counter(place for _, place, _ in points)
        places = [p for p, _ in counts.most_common(MAX_SERIES)]
        order = list(colors or {})
        places.sort(key=lambda p: order.index(p) if p in order else len(order))  # legends agree
        series = {p: [(y, v, t) for (y, pl, t), v in sorted(points.items()) if pl == p] for p in places}
        return line_chart(series, colors=colors)
    bars = sorted(((pl + (" 目标" if t else ""), v, t) for (_, pl, t), v in points.items()),
                  key=lambda b: -b[1])
    return bar_chart(bars[:MAX_BARS])


def _card(group: dict, colors: dict[str, str]) -> str:
    places = sorted({pl for _, pl, _ in group["points"]})
    years = sorted({y for y, _, _ in group["points"]})
    unit = group["unit"] + (" · 增速/变化" if group["change"] else "")
    title = f"{escape(group['ind'])} <small>({escape(unit)}, {len(group['points'])} points)</small>"
    return (
        f'<div class="govie-card" data-ind="{escape(group["ind"])}" '
        f"data-places='{escape(json.dumps(places, ensure_ascii=False))}' "
        f"data-years='{json.dumps(years)}'><h4>{title}</h4>{chart_for(group, colors)}</div>"
    )


def _doc_label(doc: dict) -> str:
    if doc.get("title"):
        return str(doc["title"])
    source = str(doc.get("source") or doc.get("doc_id") or "?").rsplit("/", 1)[-1]
    return f"{source}::{doc['member']}" if doc.get("member") else source


def _per_document(documents: list[dict]) -> str:
    ok = [d for d in documents if d.get("status") != "error"]
    if not ok:
        return '<p class="govie-meta">No processed documents.</p>'
    ranked = sorted(ok, key=lambda d: -(d.get("n_facts") or 0))
    bars = [(_doc_label(d), float(d.get("n_facts") or 0), False) for d in ranked[:MAX_DOC_BARS]]
    more = f'<p class="govie-meta">Top {MAX_DOC_BARS} of {len(ok)} documents.</p>' if len(ok) > MAX_DOC_BARS else ""
    return bar_chart(bars, width=900, label_w=300) + more


def _errors(documents: list[dict]) -> str:
    failed = [d for d in documents if d.get("status") == "error"]
    if not failed:
        return '<p class="govie-meta">No document failed.</p>'
    rows = "".join(
        f"<tr><td>{escape(str(d.get('source') or ''))}</td><td>{escape(str(d.get('member') or ''))}</td>"
        f"<td>{escape(str(d.get('error') or ''))}</td></tr>"
        for d in failed
    )
    return (f'<table class="govie-facts govie-errors"><thead><tr><th>source</th><th>member</th>'
            f"<th>error</th></tr></thead><tbody>{rows}</tbody></table>")


def _blob(documents: list[dict], facts: list[dict]) -> str:
    labels = {d.get("doc_id"): _doc_label(d) for d in documents}
    rows = [
        [labels.get(f.get("doc_id"), f.get("doc_id") or "")]
        + [cell_text(c, f.get(c)) for c in BLOB_COLUMNS[1:]]
        for f in facts[:MAX_BLOB]
    ]
    return json.dumps({"columns": BLOB_COLUMNS, "rows": rows}, ensure_ascii=False).replace("</", "<\\/")


def _options(values, label: str, key: str) -> str:
    opts = "".join(f'<option value="{escape(str(v))}">{escape(str(v))}</option>' for v in values)
    return f'<label>{label} <select id="govie-f-{key}"><option value="">all</option>{opts}</select></label>'


def report_html(directory: str | Path) -> str:
    """The report page for an extract output directory (any format)."""
    documents, facts = read_extract(directory)
    groups = indicator_groups(facts)
    failed = sum(d.get("status") == "error" for d in documents)
    uncharted = sum(1 for f in facts if not f.get("ind_text"))
    inds = sorted({g["ind"] for g in groups} | {f["ind_text"] for f in facts if f.get("ind_text")})
    places = sorted({str(f["place"]) for f in facts if f.get("place")})
    years = sorted({int(f["year"]) for f in facts if f.get("year") is not None})
    summary = (f"{len(documents)} documents ({len(documents) - failed} ok, {failed} failed) · "
               f"{len(facts)} facts · {len(groups)} indicators charted")
    if uncharted:
        summary += f" · {uncharted} facts without indicator (not charted)"
    colors = place_colors(groups)
    cards = "".join(_card(g, colors) for g in groups[:MAX_CHARTS]) or '<p class="govie-meta">No indicator has two points or more.</p>'
    if len(groups) > MAX_CHARTS:
        cards += f'<p class="govie-meta">{len(groups) - MAX_CHARTS} more indicators not drawn.</p>'
    labels = {d.get("doc_id"): _doc_label(d) for d in documents}
    table_rows = [{**f, "doc": labels.get(f.get("doc_id"), f.get("doc_id"))} for f in facts[:MAX_TABLE]]
    filters = " ".join([_options(inds, "indicator", "ind"), _options(places, "place", "place"),
                        _options(years, "year", "year")])
    body = f"""
<div class="govie-doc">
<h1>govie report</h1>
<div class="govie-meta">{escape(str(directory))} · {summary}</div>
<h3>Facts per document</h3>{_per_document(documents)}
<h3>Documents with errors</h3>{_errors(documents)}
<h3>Indicators</h3>
<div class="govie-filters">{filters} <span id="govie-count"></span></div>
<div class="govie-cards">{cards}</div>
<h3>Facts</h3>
<div id="govie-table">{fact_table(table_rows, BLOB_COLUMNS)}</div>
</div>
<script type="application/json" id="govie-data">{_blob(documents, facts)}</script>
<script>{SCRIPT}</script>"""
    return _page(body, f"govie report {Path(directory).name}")


def write_report(directory: str | Path, html: str | Path) -> Path:
    """Write the report page of ``directory`` to ``html``."""
    out = Path(html)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(report_html(directory), encoding="utf8")
    logger.info("report of %s -> %s", directory, out)
    return out


def _page(body: str, title: str) -> str:
    from .render import page

    return page([REPORT_STYLE, body], title=title)


REPORT_STYLE = """<style>
.govie-doc h1{font-size:24px;margin:16px 0 4px}
.govie-cards{display:flex;flex-wrap:wrap;gap:12px}
.govie-card{border:1px solid #ddd;border-radius:6px;padding:6px 8px;width:400px}
.govie-card h4{margin:2px 0 4px;font-size:14px}.govie-card small{color:#777;font-weight:normal}
.govie-filters{margin:6px 0 10px;font-size:13px}.govie-filters select{margin-right:12px;max-width:220px}
#govie-count{color:#666}
</style>"""

SCRIPT = """
(function(){
var data=JSON.parse(document.getElementById('govie-data').textContent);
var num=['value','year','confidence'];
var cols=data.columns, ind=cols.indexOf('ind_text'), pl=cols.indexOf('place'), yr=cols.indexOf('year');
var sel=['ind','place','year'].map(function(k){return document.getElementById('govie-f-'+k);});
function esc(s){return String(s).replace(/[&<>"]/g,function(c){return {'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c];});}
function update(){
  var f=sel.map(function(s){return s.value;});
  document.querySelectorAll('.govie-card').forEach(function(card){
    var ok=(!f[0]||card.dataset.ind===f[0])&&(!f[1]||JSON.parse(card.dataset.places).indexOf(f[1])>=0)
      &&(!f[2]||JSON.parse(card.dataset.years).indexOf(+f[2])>=0);
    card.style.display=ok?'':'none';});
  var rows=data.rows.filter(function(r){return (!f[0]||r[ind]===f[0])&&(!f[1]||r[pl]===f[1])&&(!f[2]||r[yr]===f[2]);});
  document.getElementById('govie-count').textContent=rows.length+' facts match';
  var tbody=document.querySelector('#govie-table tbody');
  tbody.innerHTML=rows.slice(0,500).map(function(r){return '<tr>'+r.map(function(c,i){
    return (num.indexOf(cols[i])>=0?'<td class="num">':'<td>')+esc(c)+'</td>';}).join('')+'</tr>';}).join('');
}
var hash=new URLSearchParams(location.hash.slice(1));  // #ind=…&place=…&year=… preselects
['ind','place','year'].forEach(function(k,i){if(hash.get(k))sel[i].value=hash.get(k);});
sel.forEach(function(s){s.addEventListener('change',update);});
update();
})();
"""
