"""Containers: every sample yields its documents, metadata, and offsets that map back."""

import json
import re
from pathlib import Path

import pytest

from pipeline.ingest import Document, IngestError, iter_documents
from pipeline.ingest.html import extract_html, visible_text

SAMPLES = Path(__file__).resolve().parents[1] / "corpus" / "samples" / "ingest"
# member (or file name), title, encoding, doc_year, place
EXPECTED = [
    ("bulletins.csv::#1", "青禾区2024年国民经济和社会发展统计公报", "utf-8-sig", 2025, "青禾区"),
    ("bulletins.csv::#2", "云栖县2024年财政预算执行情况", "utf-8-sig", 2025, "云栖县"),
    ("qinghe_2025h1_economy.html", "青禾区2025年1—6月经济运行情况", "utf-8", 2025, "青禾区"),
    ("qinghe_2026_report_utf8.txt", "2026年青禾区政府工作报告", "utf-8", 2026, "青禾区"),
    (
        "qinghe_bundle.tar.gz::bundle/qinghe_2026_report.txt",
        "2026年青禾区政府工作报告",
        "utf-8-sig",
        2026,
        "青禾区",
    ),
    (
        "qinghe_bundle.tar.gz::bundle/yunqi_2023_agri_big5.txt",
        "雲棲縣2023年農業農村工作情況",
        "big5",
        2023,
        "雲棲縣",
    ),
    ("records.jsonl::#1", "白沙镇2025年工作总结", "utf-8", 2025, "白沙镇"),
    ("records.jsonl::#2", "xx镇xx年计划生育工作总结", "utf-8", None, None),
    ("records.jsonl::#3", "云栖县2026年一季度经济运行简况", "utf-8", 2026, "云栖县"),
    ("yunqi_2024_summary_gbk.txt", "云栖县2024年工作总结", "gb18030", 2024, "云栖县"),
    ("yunqi_2025_report.docx", "云栖县2025年政府工作报告", "docx", 2025, "云栖县"),
    (
        "yunqi_archive.zip::云栖县/2024年工作总结.txt",
        "云栖县2024年工作总结",
        "gb18030",
        2024,
        "云栖县",
    ),
    (
        "yunqi_archive.zip::云栖县/baisha_2023h1_utf16.txt",
        "白沙镇2023年上半年民政工作小结",
        "utf-16",
        2023,
        "白沙镇",
    ),
]


def _key(doc: Document) -> str:
    name = Path(doc.source).name
    return f"{name}::{doc.member}" if doc.member else name


@pytest.fixture(scope="module")
def docs() -> dict[str, Document]:
    records = list(iter_documents([SAMPLES]))
    assert not [r for r in records if isinstance(r, IngestError)]
    return {_key(d): d for d in records}


@pytest.mark.parametrize("key,title,encoding,year,place", EXPECTED)
def test_samples(docs, key, title, encoding, year, place):
    doc = docs[key]
    assert (doc.title, doc.encoding, doc.doc_year, doc.place) == (title, encoding, year, place)
    assert doc.text and doc.doc_id and len(doc.content_hash) == 32


def test_every_sample_file_is_read(docs):
    kinds = {d.kind for d in docs.values()}
    assert kinds == {"txt", "html", "docx", "jsonl", "csv"}
    assert len(docs) == len(EXPECTED)
    assert len({d.doc_id for d in docs.values()}) == len(docs)


@pytest.mark.parametrize("key", [row[0] for row in EXPECTED])
def test_offsets_round_trip(docs, key):
    doc = docs[key]
    assert len(doc.offsets) == len(doc.text)
    for m in re.finditer(r"[0-9][0-9.]*[万亿]?[元人吨%]", doc.text):
        ostart, oend = doc.to_original(m.start(), m.end())
        original = doc.original[ostart:oend]
        if doc.kind == "html":
            original, _ = visible_text(original)
        assert original == m.group(), (key, m.group(), original)


def test_noise_is_removed(docs):
    doc = docs["qinghe_2026_report_utf8.txt"]
    assert not re.search(r"下载|打印|【字号|相关推荐|上一篇|文档为doc格式|扫码关注", doc.text)
    assert doc.text.startswith("2026年青禾区政府工作报告\n")
    ((start, end, hidden),) = doc.gaps
    assert hidden == 2046 and doc.text[start:end] == "……此处隐藏2046个字……"
    # the report's opening reviews the year before it; the target line opens its own section
    assert [s[2:] for s in doc.sections] == [
        (2025, "review"), (2025, "review"), (2026, "targets"), (2026, "targets")
    ]
    assert doc.meta["doc_place"] == "青禾区" and doc.meta["sections"][1][2] == 2025


def test_html_drops_chrome_scripts_and_ads(docs):
    doc = docs["qinghe_2025h1_economy.html"]
    assert "188.2亿元" in doc.text and "<23580元>" in doc.text
    assert not re.search(r"点击下载|扫码关注|政务公开|相关推荐|版权所有|_hm|float", doc.text)


def test_html_alignment_with_entities():
    html = "<html><body><p>收入&lt;9.6亿元&gt;，增长&nbsp;3.9%。</p></body></html>"
    text, _title, omap = extract_html(html)
    start = text.index("9.6亿元")
    ostart, oend = omap.to_original(start, start + 5)
    assert html[ostart:oend] == "9.6亿元"


def test_docx_keeps_tables(docs):
    doc = docs["yunqi_2025_report.docx"]
    assert "地区生产总值（亿元）\t152.8\t5.7" in doc.text
    assert [s[2:] for s in doc.sections][1:] == [(2024, "review"), (2025, "targets")]


def test_jsonl_and_csv_metadata(docs):
    assert docs["records.jsonl::#1"].metadata == {
        "id": "bs-01",
        "title": "白沙镇2025年工作总结",
        "url": "http://example.org/bs/2025",
    }
    assert (
        docs["records.jsonl::#3"].place == "云栖县" and docs["records.jsonl::#3"].doc_year == 2026
    )
    assert (
        docs["bulletins.csv::#1"].metadata["place"] == "青禾区"
        and "full_text" not in docs["bulletins.csv::#1"].metadata
    )


@pytest.mark.parametrize("column,expected", [(None, "正文内容"), ("note", "备注")])
def test_csv_text_column(tmp_path, column, expected):
    path = tmp_path / "t.csv"
    long = "青禾区全年地区生产总值386.5亿元，同比增长6.2%，城镇新增就业4120人。"
    path.write_text(f"id,note,body_text\n1,备注,{expected}{long}\n", encoding="utf-8")
    (doc,) = iter_documents([path], text_column=column)
    assert doc.text.startswith(expected if column else "正文内容")


def test_csv_missing_column(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("id,note\n1,短\n", encoding="utf-8")
    (err,) = iter_documents([path])
    assert isinstance(err, IngestError) and err.code == "E111"


def test_jsonl_text_column(tmp_path):
    path = tmp_path / "r.jsonl"
    path.write_text(
        json.dumps({"content": "全区人口153310人。", "k": 1}, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    (doc,) = iter_documents([path])
    assert doc.text == "全区人口153310人。" and doc.metadata == {"k": 1} and doc.member == "#1"


def test_doc_id_depends_on_source_and_member(tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("全区人口153310人。", encoding="utf-8")
    a, b = iter_documents([tmp_path])
    assert a.content_hash == b.content_hash and a.doc_id != b.doc_id
    assert a.to_dict()["offsets"][0] == len(a.text)
