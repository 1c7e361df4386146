"""The gold-format contract: ``govie annotate`` in, gold.py's format out."""

import json
from pathlib import Path

import pytest

import pipeline
from pipeline.annotate import annotate_file, group_documents, read_jsonl
from pipeline.errors import GovieError

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "corpus" / "samples" / "samples.jsonl"


@pytest.fixture(scope="module")
def annotated(tmp_path_factory):
    out = tmp_path_factory.mktemp("annotate") / "out.jsonl"
    annotate_file(pipeline.load(), SAMPLES, out)
    return [json.loads(line) for line in out.read_text(encoding="utf8").splitlines()]


def test_every_input_line_comes_back_in_order(annotated):
    assert [r["id"] for r in annotated] == [r["id"] for r in read_jsonl(SAMPLES)]


def test_output_is_valid_gold_format(annotated):
    for row in annotated:
        spans = sorted((e["start"], e["end"]) for e in row["entities"])
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
        for fact in row["facts"]:
            assert row["entities"][fact["qty"]]["label"] == "QTY"
            for key, label in (("ind", "IND"), ("date", "DATE"), ("loc", "LOC")):
                if fact[key] is not None:
                    assert row["entities"][fact[key]]["label"] == label
            assert {"value", "unit", "approx", "year", "change", "target"} <= set(fact)


def test_heading_line_sets_the_year_of_later_lines(annotated):
    row = next(r for r in annotated if r["id"] == "s2-2")
    assert row["facts"] and {f["year"] for f in row["facts"]} == {2025}


def test_group_documents_keeps_first_seen_order():
    rows = [{"id": 1, "doc": "a"}, {"id": 2, "doc": "b"}, {"id": 3, "doc": "a"}, {"id": 4}]
    assert [[r["id"] for r in g] for g in group_documents(rows)] == [[1, 3], [2], [4]]


@pytest.mark.parametrize(
    "content,code",
    [("{not json\n", "E002"), ('{"id": 1}\n', "E003"), ('{"text": "x"}\n', "E004")],
)
def test_bad_input_names_file_and_line(tmp_path, content, code):
    path = tmp_path / "bad.jsonl"
    path.write_text(content, encoding="utf8")
    with pytest.raises(GovieError, match=code) as err:
        read_jsonl(path)
    assert "bad.jsonl" in str(err.value)
