"""Pretraining text and masking: gold/seed and held-out paragraphs never reach the
pretraining corpus; masked Docs keep the word features of unmasked words only."""

from __future__ import annotations

import json
from pathlib import Path

import numpy
import pytest
from spacy.vocab import Vocab

from corpus import build
from corpus import pretrain_text as pt
from corpus.guard import Guard
from pipeline.tokenizer import CharWordTokenizer
from tests.conftest import SHARED, requires_shared
from training import pretrain_tok2vec as ptv

PROTECTED = "全区新建改建农村公路三百公里，完成危房改造一千二百户，群众出行更加便利。"
OTHER = "我们将持续优化营商环境，支持民营企业发展壮大，激发各类经营主体活力。"


@pytest.mark.parametrize(
    "paragraphs,kept,stats",
    [
        ([OTHER, OTHER, " " + OTHER], [OTHER], {"duplicate": 2, "kept": 1}),
        ([PROTECTED, OTHER], [OTHER], {"blocked": 1, "kept": 1}),
        (["前言：" + PROTECTED[:32] + "。", OTHER], [OTHER], {"blocked": 1}),
        (["各位代表：", "", OTHER], [OTHER], {"short": 2}),
    ],
)
def test_select(paragraphs, kept, stats):
    texts, found = pt.select(paragraphs, [Guard([PROTECTED])], min_chars=10)
    assert texts == kept
    assert {k: found[k] for k in stats} == stats
    assert found["chars"] == sum(len(t) for t in kept)


def test_write_jsonl(tmp_path):
    path = tmp_path / "out" / "pretrain.jsonl"
    pt.write_jsonl([OTHER, PROTECTED], path)
    assert [json.loads(line)["text"] for line in path.open(encoding="utf8")] == [OTHER, PROTECTED]


def _doc(words_per_segment: list[str]):
    """A char Doc whose NORM/LEMMA come from the given segmentation."""
    tok = CharWordTokenizer(Vocab())
    doc = tok("".join(words_per_segment))
    pos = 0
    for word in words_per_segment:
        for k in range(len(word)):
            token = doc[pos + k]
            token.norm_ = word
            token.lemma_ = "S" if len(word) == 1 else "B" if k == 0 else "E" if k == len(word) - 1 else "I"
        pos += len(word)
    return doc


@pytest.mark.parametrize(
    "words,hidden,masked_norms",
    [
        (["全", "省", "增长", "较快"], [2], ["全", "省", "[MASK]", "[MASK]", "较快", "较快"]),
        (["地区生产总值", "增长"], [], ["地区生产总值"] * 6 + ["增长"] * 2),
        (["全", "省"], [0, 1], ["[MASK]", "[MASK]"]),
    ],
)
def test_mask_docs_hides_words_of_masked_chars(words, hidden, masked_norms):
    doc = _doc(words)
    keep = numpy.ones(len(doc), dtype=bool)
    keep[hidden] = False
    (masked,) = ptv.mask_docs([doc], keep, numpy.random.default_rng(0))
    assert [t.norm_ for t in masked] == masked_norms
    assert [t.lemma_ for t in masked] == [t.lemma_ for t in doc]
    kept = [i for i in range(len(doc)) if keep[i]]
    assert [masked[i].text for i in kept] == [doc[i].text for i in kept]


@pytest.mark.parametrize(
    "files,expected",
    [
        (["model0.bin", "model1.bin", "model1.temp.bin"], ("model1.bin", 2)),
        (["model0.bin", "model1.temp.bin"], ("model1.temp.bin", 1)),
        (["model-last.bin"], None),
    ],
)
def test_checkpoints(tmp_path: Path, files, expected):
    for name in files:
        (tmp_path / name).write_bytes(b"")
    found = ptv.checkpoints(tmp_path)
    assert ((found[-1][1].name, found[-1][0]) if found else None) == expected


@pytest.mark.shared
@requires_shared
def test_gold_and_dev_paragraphs_are_dropped():
    """A gold paragraph and a dev-split paragraph offered as report text are dropped."""
    gold_path = sorted((SHARED / "gold").glob("*.jsonl"))[0]
    lines = [json.loads(line)["text"] for line in gold_path.open(encoding="utf8")]
    gold = next(t for t in lines if len(t) >= 40)
    _, dev = build.split_train(SHARED)
    dev_text = next(x["text"] for x in dev if len(x["text"]) >= 40)
    held = pt.held_out_texts(SHARED)
    guards = [Guard.from_shared(SHARED), Guard(held)]
    texts, stats = pt.select([gold, dev_text, OTHER], guards, min_chars=5)
    assert texts == [OTHER] and stats["blocked"] == 2


@pytest.mark.shared
@requires_shared
def test_built_pretrain_text_has_no_gold_text():
    """``corpus/build/pretrain.jsonl`` holds no gold/seed or held-out paragraph or window."""
    if not pt.OUT.exists():
        pytest.skip("run corpus/pretrain_text.py first")
    texts = [json.loads(line)["text"] for line in pt.OUT.open(encoding="utf8")]
    guards = [Guard.from_shared(SHARED), Guard(pt.held_out_texts(SHARED))]
    assert texts and not [t for t in texts if any(g.blocks(t) for g in guards)]
