"""Views: the document view (entities, fact arcs, table), the report page, facts_frame."""

import json
import re
import sys
import warnings
from html.parser import HTMLParser

import pytest

import pipeline
from pipeline.batch.rows import DOCUMENT_COLUMNS, FACT_COLUMNS
from pipeline.batch.sinks import make_sink
from pipeline.errors import GovieError
from pipeline.views import facts_frame, read_extract, render, report
from pipeline.views.arcs import fact_groups
from pipeline.views.charts import fmt_num, nice_ticks
from pipeline.views.cli_commands import report as report_command
from pipeline.views.cli_commands import show as show_command
from pipeline.views.report import indicator_groups

VOID = {"meta", "br", "hr", "img", "input", "link", "col", "area", "base", "wbr", "source"}


class Checker(HTMLParser):
    """Balanced tags (void elements and ``<x/>`` aside), script blobs collected."""

    def __init__(self):
        super().__init__()
        self.stack, self.errors, self.scripts, self.tags = [], [], {}, []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append((tag, dict(attrs)))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1][0] != tag:
            self.errors.append(f"unexpected </{tag}> (open: {[t for t, _ in self.stack[-3:]]})")
            return
        self.stack.pop()

    def handle_data(self, data):
        if self.stack and self.stack[-1][0] == "script" and self.stack[-1][1].get("id"):
            self.scripts[self.stack[-1][1]["id"]] = data


def parse(html: str) -> Checker:
    checker = Checker()
    checker.feed(html)
    checker.close()
    assert checker.errors == [] and [t for t, _ in checker.stack] == []
    return checker


DOCS = [
    {"doc_id": "a", "source": "in/青禾区.txt", "status": "ok", "title": "青禾区2025年工作报告",
     "doc_year": 2025, "doc_place": "青禾区", "n_chars": 80, "n_facts": 4},
    {"doc_id": "b", "source": "in/云栖县.txt", "status": "ok", "title": "云栖县2025年工作报告",
     "doc_year": 2025, "doc_place": "云栖县", "n_chars": 60, "n_facts": 3},
    {"doc_id": "c", "source": "in/坏.zip", "member": "x.doc", "status": "error",
     "error": "[E103] x.doc looks binary", "n_chars": 0, "n_facts": 0},
]
FACTS = [  # (doc, qty, ind, value, unit, year, place, change, target)
    ("a", "35.2亿元", "地区生产总值", 3.52e9, "元", 2023, "青禾区", False, False),
    ("a", "37.1亿元", "地区生产总值", 3.71e9, "元", 2024, "青禾区", False, False),
    ("a", "6%左右", "地区生产总值", 6.0, "%", 2026, "青禾区", True, True),
    ("a", "4120人", "城镇新增就业", 4120.0, "人", 2025, "青禾区", False, False),
    ("b", "15.3亿元", "地区生产总值", 1.53e9, "元", 2024, "云栖县", False, False),
    ("b", "2300人", "城镇新增就业", 2300.0, "人", 2025, "云栖县", False, False),
    ("b", "58公里", None, 58.0, "公里", 2025, "云栖县", False, False),
]


def rows():
    documents = [{c: d.get(c) for c in DOCUMENT_COLUMNS} for d in DOCS]
    facts = []
    for i, (doc, qty, ind, value, unit, year, place, change, target) in enumerate(FACTS):
        row = dict.fromkeys(FACT_COLUMNS)
        row.update({"doc_id": doc, "fact_id": f"{doc}-{i:04d}", "qty_text": qty, "qty_start": i,
                    "qty_end": i + 3, "ind_text": ind, "value": value, "unit": unit, "year": year,
                    "place": place, "change": change, "target": target, "approx": False,
                    "confidence": 0.8, "sentence": f"句子{i}。"})
        facts.append(row)
    return documents, facts


@pytest.fixture(params=["jsonl", "csv", "parquet", "duckdb"])
def extract_dir(request, tmp_path):
    sink = make_sink(request.param, tmp_path)
    sink.prepare(resume=False, overwrite=False)
    sink.write(*rows())
    sink.close()
    return tmp_path


def test_read_extract_any_format(extract_dir):
    documents, facts = read_extract(extract_dir)
    expected_docs, expected_facts = rows()
    assert [d["doc_id"] for d in documents] == ["a", "b", "c"]
    assert documents[2]["status"] == "error" and documents[2]["n_facts"] == 0
    assert [(f["value"], f["year"], f["change"], f["target"], f["ind_text"]) for f in facts] == [
        (f["value"], f["year"], f["change"], f["target"], f["ind_text"]) for f in expected_facts
    ]


def test_report_page(extract_dir):
    html = report(extract_dir)
    page = parse(html)
    data = json.loads(page.scripts["govie-data"])
    assert len(data["rows"]) == len(FACTS)
    assert [r[1] for r in data["rows"]] == [f[1] for f in FACTS]
    assert data["rows"][0][0] == "青禾区2025年工作报告"
    cards = [a for t, a in page.tags if t == "div" and a.get("class") == "govie-card"]
    assert {c["data-ind"] for c in cards} == {"地区生产总值", "城镇新增就业"}  # 6% alone: no chart
    points = {(a["data-place"], a["data-year"], float(a["data-value"]))
              for t, a in page.tags if t == "circle"}
    assert points == {("青禾区", "2023", 3.52e9), ("青禾区", "2024", 3.71e9), ("云栖县", "2024", 1.53e9)}
    bars = {a["data-label"]: float(a["data-value"]) for t, a in page.tags
            if t == "rect" and "data-label" in a}
    assert bars["青禾区"] == 4120 and bars["云栖县"] == 2300  # one year: bars per place
    assert bars["青禾区2025年工作报告"] == 4  # facts per document
    assert "[E103] x.doc looks binary" in html
    assert "src=" not in html and "http" not in html.replace("http://www.w3.org/2000/svg", "")
    options = {a["value"] for t, a in page.tags if t == "option"}
    assert {"地区生产总值", "青禾区", "云栖县", "2026"} <= options


def test_report_command_writes_page(extract_dir, tmp_path):
    out = report_command(extract_dir, tmp_path / "r" / "report.html")
    assert out.exists() and "govie report" in out.read_text(encoding="utf8")


@pytest.mark.parametrize(
    "facts,expected",
    [
        ([("地区生产总值", "元", False, 2024, "甲", False, 1.0)], []),
        (
            [("地区生产总值", "元", False, 2024, "甲", False, 1.0),
             ("地区生产总值", "元", False, 2025, "甲", False, 2.0)],
            [("地区生产总值", "元", False, 2)],
        ),
        (  # a rate and a level of one indicator are two groups
            [("地区生产总值", "元", False, 2024, "甲", False, 1.0),
             ("地区生产总值", "%", True, 2025, "甲", False, 5.0)],
            [],
        ),
        (  # the same point twice counts once; a target is another point
            [("就业", "人", False, 2025, "甲", False, 1.0), ("就业", "人", False, 2025, "甲", False, 1.0),
             ("就业", "人", False, 2025, "甲", True, 2.0)],
            [("就业", "人", False, 2)],
        ),
        ([(None, "人", False, 2025, "甲", False, 1.0), (None, "人", False, 2024, "甲", False, 1.0)], []),
    ],
)
def test_indicator_groups(facts, expected):
    rows_ = [{"ind_text": i, "unit": u, "change": c, "year": y, "place": p, "target": t, "value": v}
             for i, u, c, y, p, t, v in facts]
    assert [(g["ind"], g["unit"], g["change"], len(g["points"])) for g in indicator_groups(rows_)] == expected


@pytest.mark.parametrize(
    "value,text", [(3.865e10, "386.5亿"), (126000, "12.6万"), (5.4, "5.4"), (0, "0"), (-2.5e8, "-2.5亿")]
)
def test_fmt_num(value, text):
    assert fmt_num(value) == text


@pytest.mark.parametrize("lo,hi", [(0, 3.7e9), (0, 6.2), (-3, 5), (5, 5), (0, 1)])
def test_nice_ticks_cover(lo, hi):
    ticks = nice_ticks(lo, hi)
    assert ticks[0] <= lo and ticks[-1] >= hi and len(ticks) <= 12


TEXT = "一、2025年工作回顾\n过去一年，青禾区地区生产总值达到386.5亿元，同比增长6.2%。\n城镇新增就业4120人。"


def made_doc():
    nlp = pipeline.blank()
    doc = nlp.make_doc(TEXT)
    spans = {s: [TEXT.index(s), TEXT.index(s) + len(s)] for s in
             ("2025年", "过去一年", "青禾区", "地区生产总值", "386.5亿元", "6.2%", "城镇新增就业", "4120人")}
    labels = ["DATE", "DATE", "LOC", "IND", "QTY", "QTY", "IND", "QTY"]
    doc.ents = [doc.char_span(*spans[s], label=lab) for s, lab in zip(spans, labels)]
    doc._.meta = {"doc_id": "m1", "doc_year": 2026, "doc_place": "青禾区"}

    def fact(qty, ind, date, loc, value, unit, change):
        return {"qty": spans[qty], "ind": spans.get(ind), "date": spans.get(date), "loc": spans.get(loc),
                "value": value, "value_high": None, "unit": unit, "approx": False, "year": 2025,
                "change": change, "target": False, "confidence": 0.75}

    doc._.facts = [
        fact("386.5亿元", "地区生产总值", "过去一年", "青禾区", 3.865e10, "元", False),
        fact("6.2%", "地区生产总值", "过去一年", "青禾区", 6.2, "%", True),
        fact("4120人", "城镇新增就业", None, None, 4120.0, "人", False),
    ]
    return doc


def test_render_document_view():
    html = render(made_doc())
    page = parse(html)
    arcs = [a for t, a in page.tags if t == "g" and a.get("class") == "govie-arc"]
    rels = sorted(a["data-rel"] for a in arcs)
    # the two numbers of one indicator share its line, and the year and place lines
    assert rels == ["indicator", "indicator", "place", "year"]
    assert sorted(a.get("data-n") or "1" for a in arcs) == ["1", "2", "2", "2"]
    svg_text = re.sub(r"<[^>]+>", "", html)
    for surface in ("386.5亿元", "38650000000", "城镇新增就业", "4120", "0.75"):
        assert surface in svg_text or surface in html
    assert "IND" in html and "#c3a6ff" in html  # displaCy marks in our colours
    headers = [m for m in re.findall(r"<th>([^<]+)</th>", html)]
    assert headers == ["quantity", "indicator", "value", "unit", "year", "place", "change", "target",
                       "confidence"]


def test_facts_split_into_rows_that_fit():
    doc = made_doc()
    assert len(fact_groups(doc.text, doc._.facts, 1250)) == 2  # two sentences
    assert len(fact_groups(doc.text, doc._.facts, 60)) == 3  # too narrow to share a row


def test_show_file(tmp_path):
    src = tmp_path / "云栖县2025年政府工作报告.txt"
    src.write_text("云栖县2025年政府工作报告\n各位代表：\n一、2024年工作回顾\n全县地区生产总值152.8亿元，增长5.7%。\n",
                   encoding="utf8")
    out = tmp_path / "show.html"
    with warnings.catch_warnings():  # a fresh clone has no trained pipeline: rules only
        warnings.simplefilter("ignore")
        assert show_command(src, out) == 1
    html = out.read_text(encoding="utf8")
    parse(html)
    assert "152.8亿元" in html and "15280000000" in html and html.startswith("<!DOCTYPE html>")


def test_facts_frame_from_dir_and_docs(extract_dir):
    pytest.importorskip("pandas")  # the optional 'views' extra
    frame = facts_frame(extract_dir)
    assert list(frame.columns) == list(FACT_COLUMNS) and len(frame) == len(FACTS)
    assert frame["year"].tolist() == [f[5] for f in FACTS]
    from_docs = facts_frame([made_doc(), made_doc()])
    assert len(from_docs) == 6 and from_docs.loc[0, "ind_text"] == "地区生产总值"
    assert from_docs.loc[2, "place"] == "青禾区" and from_docs.loc[0, "sentence"].startswith("过去一年")


@pytest.mark.parametrize("bad", [42, [1, 2]])
def test_facts_frame_rejects_other_inputs(bad):
    with pytest.raises(GovieError, match="E704"):
        facts_frame(bad)


def test_facts_frame_without_pandas(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(GovieError, match="E702"):
        facts_frame(tmp_path)


def test_missing_extract_output(tmp_path):
    with pytest.raises(GovieError, match="E701"):
        read_extract(tmp_path)


@pytest.mark.parametrize("text", ["", "没有数字的句子。"])
def test_render_without_facts(text):
    doc = pipeline.blank().make_doc(text)
    html = render(doc)
    parse(html)
    assert "No facts." in html


def test_report_of_empty_extract(tmp_path):
    for table in ("documents", "facts"):
        (tmp_path / f"{table}.jsonl").write_text("", encoding="utf8")
    page = parse(report(tmp_path))
    assert json.loads(page.scripts["govie-data"])["rows"] == []


def test_report_escapes_markup_in_values(tmp_path):
    documents, facts = rows()
    facts[0]["ind_text"] = facts[1]["ind_text"] = "</script><b>指标"
    for table, data in (("documents", documents), ("facts", facts)):
        lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in data)
        (tmp_path / f"{table}.jsonl").write_text(lines, encoding="utf8")
    page = parse(report(tmp_path))
    blob = json.loads(page.scripts["govie-data"])
    assert blob["rows"][0][2] == "</script><b>指标"
    assert not [t for t, _ in page.tags if t == "b"]


def test_show_many_documents_has_contents(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "甲.txt").write_text("青禾区2025年工作总结\n全区地区生产总值386.5亿元。\n", encoding="utf8")
    (folder / "乙.txt").write_text("云栖县2025年工作总结\n全县粮食总产量12.6万吨。\n", encoding="utf8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert show_command(folder, tmp_path / "show.html") == 2
    page = parse((tmp_path / "show.html").read_text(encoding="utf8"))
    links = [a["href"] for t, a in page.tags if t == "a"]
    anchors = {"#" + a["id"] for t, a in page.tags if t == "div" and a.get("id")}
    assert len(links) == 2 and set(links) == anchors


def test_a_place_keeps_its_colour_across_charts():
    from pipeline.views.report import chart_for, place_colors

    groups = [
        {"ind": "甲", "unit": "元", "change": False,
         "points": {(2024, "青禾区", False): 1.0, (2025, "青禾区", False): 2.0, (2025, "云栖县", False): 3.0}},
        {"ind": "乙", "unit": "元", "change": False,
         "points": {(2024, "云栖县", False): 1.0, (2025, "白沙镇", False): 2.0}},
    ]
    colors = place_colors(groups)
    strokes = {}
    for group in groups:
        for m in re.finditer(r'<circle [^>]*stroke="([^"]+)"[^>]*data-place="([^"]+)"', chart_for(group, colors)):
            strokes.setdefault(m[2], set()).add(m[1])
    assert set(strokes) == {"青禾区", "云栖县", "白沙镇"}
    assert all(len(s) == 1 for s in strokes.values())
    assert len({next(iter(s)) for s in strokes.values()}) == 3
