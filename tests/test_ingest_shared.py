"""Ingestion on the public reports in ../shared (read at test time, never copied)."""

import pytest

from pipeline.ingest import Document, iter_documents
from tests.conftest import SHARED, requires_shared

DATA = SHARED / "data"


@pytest.mark.shared
@requires_shared
def test_provincial_2026_csv_metadata():
    docs = [
        d
        for d in iter_documents([DATA / "gov_work_reports_provincial_2026"])
        if isinstance(d, Document)
    ]
    assert len(docs) >= 20
    for doc in docs:
        province = doc.source.rsplit("/", 1)[-1].split("_")[1]
        assert (doc.doc_year, doc.place) == (2026, province)
        assert doc.encoding == "utf-8-sig" and "【字号" not in doc.text
    with_both = [
        d for d in docs if {(2025, "review"), (2026, "targets")} <= {s[2:] for s in d.sections}
    ]
    assert len(with_both) >= len(docs) - 2


@pytest.mark.shared
@requires_shared
def test_provincial_2025_docx_metadata():
    docs = list(iter_documents([DATA / "gov_work_reports_provincial_2025"]))
    assert all(isinstance(d, Document) and d.kind == "docx" for d in docs)
    assert {d.doc_year for d in docs} == {2025}
    assert all(d.place and d.place[:2] in d.title for d in docs)


@pytest.mark.shared
@requires_shared
def test_seed_page_is_masked():
    (doc,) = iter_documents([SHARED / "seed"])
    assert (doc.doc_year, doc.place) == (None, None)
    assert len(doc.gaps) == 1 and "文档为doc格式" not in doc.text
    start, end, _ = doc.gaps[0]
    ostart, oend = doc.to_original(start, end)
    assert doc.original[ostart:oend] == doc.text[start:end]
