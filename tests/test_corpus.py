"""Corpus building: the gold guard, public-corpus readers, silver rules, DocBin docs."""

from __future__ import annotations

import json

import pytest
from spacy.vocab import Vocab

from corpus import build, public, silver
from corpus.guard import Guard, normalise, protected_texts
from pipeline.tokenizer import CharWordTokenizer
from tests.conftest import SHARED, requires_shared

PROTECTED = "今年全区新增城镇就业一万二千人，居民收入稳步增长，各项事业取得新进展。"


@pytest.mark.parametrize(
    "text,blocked",
    [
        (PROTECTED, True),
        ("  今年全区新增城镇就业 一万二千人，居民收入稳步增长，各项事业取得新进展。 ", True),
        ("前言。" + PROTECTED[2:33] + "后记。", True),  # shares a 30-char window
        (PROTECTED[:20], False),  # shorter than a window, not a whole paragraph
        ("我们坚持稳中求进工作总基调，推动经济持续回升向好。", False),
        ("", False),
    ],
)
def test_guard_blocks(text, blocked):
    assert Guard([PROTECTED]).blocks(text) is blocked


def test_normalise():
    assert normalise(" 龚 正\n市长\t") == "龚正市长"


@pytest.mark.parametrize(
    "tags,spans",
    [
        (["B-PER", "I-PER", "O", "B-LOC"], [(0, 2, "PER"), (3, 4, "LOC")]),
        (["B-NAME", "E-NAME", "S-ORG", "O"], [(0, 2, "NAME"), (2, 3, "ORG")]),
        (["O", "B-ORG", "M-ORG", "E-ORG"], [(1, 4, "ORG")]),
    ],
)
def test_tag_spans(tags, spans):
    assert public._tag_spans(tags) == spans


@pytest.mark.parametrize(
    "text,expected",
    [
        ("2025年地区生产总值增长5.4%", [("2025年", "DATE"), ("5.4%", "QTY")]),
        ("比上年增长3.2个百分点", [("上年", "DATE"), ("3.2个百分点", "QTY")]),
        ("市长 王小明", [("王小明", "PER")]),
        ("省人民政府推动长三角一体化", [("省人民政府", "ORG"), ("长三角", "LOC")]),
    ],
)
def test_silver_labeler(text, expected):
    labeler = silver.SilverLabeler({"地区生产总值": "IND"}, {"江苏省", "江苏"}, set())
    found = [(text[s:e], label) for s, e, label in labeler(text)]
    for item in expected:
        assert item in found


def test_make_doc_missing():
    tok = CharWordTokenizer(Vocab())
    doc = build.make_doc(tok, "王小明去2025年北京", [(0, 3, "PER")], [(4, 9)])
    assert [(e.text, e.label_) for e in doc.ents] == [("王小明", "PER")]
    assert [t.ent_iob_ for t in doc] == ["B", "I", "I", "O", "", "", "", "", "", "O", "O"]


def test_shuffled_paragraphs_drop_short_repeated_and_guarded(monkeypatch, tmp_path):
    paragraphs = ["青禾区地区生产总值增长百分之五点八，城乡居民收入稳步提高。", "短段落",
                  "青禾区地区生产总值增长百分之五点八，城乡居民收入稳步提高。",
                  "柳河镇新建村级养老服务站十二个，覆盖全部行政村和社区。"]
    monkeypatch.setattr(build, "report_paragraphs", lambda data: iter(paragraphs))
    guard = Guard([paragraphs[3]])
    assert list(build.shuffled_paragraphs(tmp_path, [], seed=0)) in (
        [paragraphs[0], paragraphs[3]], [paragraphs[3], paragraphs[0]])
    assert list(build.shuffled_paragraphs(tmp_path, [guard], seed=0)) == [paragraphs[0]]


@pytest.mark.shared
@requires_shared
def test_built_corpus_has_no_gold_text(tmp_path):
    """Every paragraph the corpus builder keeps passes the guard; gold lines never do."""
    guard = Guard.from_shared(SHARED)
    gold = protected_texts(SHARED)
    assert gold and all(guard.blocks(t) for t in gold)
    train, dev = build.split_train(SHARED)
    kept = [x["text"] for x in train + dev if not guard.blocks(x["text"])]
    gold_windows = set().union(*(set(_windows(t)) for t in gold))
    for text in kept:
        assert normalise(text) not in {normalise(g) for g in gold}
        assert not gold_windows.intersection(_windows(text))
    path = SHARED / "gold"
    ids = {json.loads(line)["id"] for p in path.glob("*.jsonl") for line in p.open()}
    assert not ids.intersection(x["id"] for x in train + dev)


def _windows(text: str, size: int = 30) -> list[str]:
    norm = normalise(text)
    return [norm[i : i + size] for i in range(len(norm) - size + 1)]


@pytest.mark.shared
@requires_shared
@pytest.mark.parametrize("part", ["train", "dev", "public", "silver"])
def test_built_docbins_have_no_gold_text(part):
    """The DocBins written by ``make corpus`` hold no gold/seed paragraph or window."""
    from spacy.tokens import DocBin

    path = build.OUT / f"{part}.spacy"
    if not path.exists():
        pytest.skip("run `make corpus` first")
    guard = Guard.from_shared(SHARED)
    texts = [doc.text for doc in DocBin().from_disk(path).get_docs(Vocab())]
    assert texts and not [t for t in texts if guard.blocks(t)]
