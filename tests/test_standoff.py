"""Stand-off annotations: no text stored, text read back and checked by hash."""

import csv
import json

import pytest

from corpus.guard import Guard
from corpus.standoff import (
    ANNOTATIONS,
    as_draft,
    doc_meta,
    load_annotations,
    resolve,
    source_lines,
    text_hash,
    to_standoff,
)
from tests.conftest import SHARED, requires_shared

PARAGRAPHS = ["一、本年工作回顾", "", "全县粮食产量达到12万吨，比上年增长3%。", "甲乙镇新建公路8公里。"]


@pytest.fixture
def shared(tmp_path):
    folder = tmp_path / "data" / "reports"
    folder.mkdir(parents=True)
    with (folder / "2024_甲县_工作报告.csv").open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["province", "full_text"])
        writer.writerow(["甲县", "\n".join(PARAGRAPHS)])
    (folder / "notes.txt").write_text("\n".join(PARAGRAPHS), encoding="utf8")
    return tmp_path


@pytest.mark.parametrize("name", ["2024_甲县_工作报告.csv", "notes.txt"])
def test_source_lines_keep_numbering(shared, name):
    assert source_lines(shared / "data" / "reports" / name) == PARAGRAPHS


@pytest.mark.parametrize(
    "stem,meta",
    [
        ("2026_甲省_政府工作报告", {"doc": "2026_甲省_政府工作报告", "doc_year": 2026, "doc_place": "甲省"}),
        ("2025年乙省政府工作报告", {"doc": "2025年乙省政府工作报告", "doc_year": 2025, "doc_place": "乙省"}),
        ("notes", {"doc": "notes", "doc_year": None, "doc_place": None}),
    ],
)
def test_doc_meta(tmp_path, stem, meta):
    assert doc_meta(tmp_path / f"{stem}.csv") == meta


def _line(text):
    start = text.index("12万吨")
    return {"id": "a-1", "doc": "d", "doc_year": 2024, "doc_place": "甲县", "text": text,
            "entities": [{"start": 2, "end": 6, "label": "IND"}, {"start": start, "end": start + 4, "label": "QTY"}],
            "facts": [{"qty": 1, "ind": 0, "date": None, "loc": None, "value": 120000.0, "value_high": None,
                       "unit": "吨", "approx": False, "year": 2024, "change": False, "target": False}]}


def test_record_holds_no_text_and_resolves(shared):
    line = _line(PARAGRAPHS[2])
    record = to_standoff(line, "data/reports/2024_甲县_工作报告.csv", 3)
    assert "text" not in record and PARAGRAPHS[2] not in json.dumps(record, ensure_ascii=False)
    assert record["sha1"] == text_hash(PARAGRAPHS[2])
    assert resolve([record], shared) == [line]


def test_changed_text_is_skipped(shared):
    record = to_standoff(_line(PARAGRAPHS[2]), "data/reports/2024_甲县_工作报告.csv", 4)
    assert resolve([record], shared) == []


@pytest.mark.parametrize(
    "text,spans,expected",
    [
        ("甲乙镇新建公路8公里", [(0, 3, "LOC")], [["甲乙镇", "LOC"]]),
        ("长沙和长沙市长沙", [(3, 5, "LOC"), (6, 8, "LOC")], [["长沙", "LOC", 1], ["长沙", "LOC"]]),
        ("5%和5%", [(0, 2, "QTY"), (3, 5, "QTY")], [["5%", "QTY"], ["5%", "QTY"]]),
    ],
)
def test_as_draft_names_entities_by_text(text, spans, expected):
    entities = [{"start": s, "end": e, "label": label} for s, e, label in spans]
    facts = [{"qty": len(spans) - 1, "ind": None, "confidence": 0.9}]
    ents, drafted = as_draft(text, entities, facts)
    assert ents == expected
    assert "confidence" not in drafted[0]
    assert drafted[0]["qty"] == (expected[-1][0] if len(spans) == 1 or expected[0][0] != expected[-1][0]
                                 else f"{expected[-1][0]}#2")


@pytest.mark.shared
@requires_shared
def test_our_annotations_resolve_and_build_drops_gold_and_train_lines(tmp_path):
    from spacy.vocab import Vocab

    from corpus.build import save_ours
    from pipeline.tokenizer import CharWordTokenizer

    records = [json.loads(x) for p in ANNOTATIONS.glob("*.standoff.jsonl")
               for x in p.read_text(encoding="utf8").splitlines() if x.strip()]
    own = [x for p in ANNOTATIONS.glob("own_*.jsonl") for x in p.read_text(encoding="utf8").splitlines() if x.strip()]
    lines = load_annotations(SHARED)
    assert len(lines) == len(records) + len(own)
    train_texts = {json.loads(x)["text"] for p in (SHARED / "train").glob("*.jsonl")
                   for x in p.read_text(encoding="utf8").splitlines() if x.strip()}
    guard = Guard.from_shared(SHARED)
    kept = save_ours(CharWordTokenizer(Vocab()), guard, SHARED, tmp_path)
    assert kept == [x for x in lines if not guard.blocks(x["text"]) and x["text"] not in train_texts]
    assert not any(guard.blocks(x["text"]) or x["text"] in train_texts for x in kept)
    assert len(kept) > 0.9 * len(lines)
