"""Container corner cases: member names, single .gz, GBK HTML, fallbacks, CSV errors."""

import gzip
import io
import zipfile

import pytest

from pipeline.ingest import Document, IngestError, iter_documents
from pipeline.ingest import readers as readers_module

GOOD = "青禾区全年地区生产总值386.5亿元，同比增长6.2%。城镇新增就业4120人。"


def _gbk_named_zip() -> bytes:
    """A zip whose member name is GBK bytes without the UTF-8 flag (as old Windows tools write)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("abcd.txt", GOOD.encode("gbk"))
    return buf.getvalue().replace(b"abcd.txt", "云栖.txt".encode("gbk"))


def _codes(records):
    return [r.code if isinstance(r, IngestError) else r.kind for r in records]


def test_gbk_member_name(tmp_path):
    path = tmp_path / "old.zip"
    path.write_bytes(_gbk_named_zip())
    (doc,) = iter_documents([path])
    assert doc.member == "云栖.txt" and doc.encoding == "gb18030" and doc.text == GOOD


def test_single_gz_file(tmp_path):
    path = tmp_path / "report.txt.gz"
    path.write_bytes(gzip.compress(GOOD.encode("utf-8")))
    (doc,) = iter_documents([path])
    assert (doc.member, doc.kind, doc.text) == ("report.txt", "txt", GOOD)


def test_gbk_html(tmp_path):
    html = f"<html><head><meta charset='gbk'><title>云栖县简况</title></head><body><p>{GOOD}</p></body></html>"
    path = tmp_path / "page.htm"
    path.write_bytes(html.encode("gbk"))
    (doc,) = iter_documents([path])
    assert doc.encoding == "gb18030" and GOOD in doc.text
    start = doc.text.index("386.5亿元")
    ostart, oend = doc.to_original(start, start + 7)
    assert doc.original[ostart:oend] == "386.5亿元"


def test_html_without_article_falls_back_to_visible_text(tmp_path):
    path = tmp_path / "tiny.html"
    path.write_text(
        "<html><body>下载<br>打印<br>全区人口153310人。</body></html>", encoding="utf-8"
    )
    (doc,) = iter_documents([path])
    assert doc.text == "全区人口153310人。"
    assert doc.original[slice(*doc.to_original(0, len(doc.text)))] == doc.text


def test_sniffed_kinds_and_hidden_files(tmp_path):
    (tmp_path / "noext").write_text(GOOD, encoding="utf-8")
    (tmp_path / "page").write_text(f"<!DOCTYPE html><html><body><p>{GOOD}</p></body></html>")
    (tmp_path / ".hidden.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "x.txt").write_text(GOOD, encoding="utf-8")
    records = list(iter_documents([tmp_path]))
    assert _codes(records) == ["txt", "html", "txt"]


@pytest.mark.parametrize(
    "content,codes",
    [
        ("title,text\n", ["E102"]),
        (f"title,text\na,{GOOD}\nb,\nc,{GOOD}\n", ["csv", "E113", "csv"]),
    ],
)
def test_csv_records(tmp_path, content, codes):
    path = tmp_path / "t.csv"
    path.write_text(content, encoding="utf-8")
    assert _codes(iter_documents([path])) == codes


def test_csv_undecodable_tail(tmp_path):
    path = tmp_path / "t.csv"
    head = f"title,text\na,{GOOD}\n".encode() * 5000  # well past the sniffed sample
    path.write_bytes(head + b"b,\xff\xfe\xfa\xfb\n")
    records = list(iter_documents([path]))
    assert _codes(records)[-1] == "E104" and len(records) > 1


def test_tsv_and_gbk_csv(tmp_path):
    (tmp_path / "a.tsv").write_text(f"id\ttext\n1\t{GOOD}\n", encoding="utf-8")
    (tmp_path / "b.csv").write_bytes(f"id,正文\n1,{GOOD}\n".encode("gbk") * 1)
    docs = list(iter_documents([tmp_path / "a.tsv", tmp_path / "b.csv"]))
    assert [d.text for d in docs] == [GOOD, GOOD]
    assert docs[1].encoding == "gb18030" and docs[1].metadata == {"id": "1"}


def test_unexpected_failure_is_an_error_record(tmp_path, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("reader bug")

    monkeypatch.setattr(readers_module, "iter_jsonl", boom)
    (tmp_path / "a.jsonl").write_text('{"text": "x"}\n', encoding="utf-8")
    (tmp_path / "b.txt").write_text(GOOD, encoding="utf-8")
    records = list(iter_documents([tmp_path]))
    assert records[0].code == "E101" and "reader bug" in records[0].reason
    assert isinstance(records[1], Document)
