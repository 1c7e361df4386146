"""NER: a tiny model overfits hand-written sentences, survives a disk round trip,
and ``nlp.pipe`` agrees with ``nlp()``."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.training import Example
from spacy.util import fix_random_seed, load_config, load_model_from_config

import pipeline.tokenizer  # noqa: F401  (registers govie.CharWordTokenizer.v1)
from pipeline.components.dates import find_dates

ROOT = Path(__file__).resolve().parents[1]
TINY = ROOT / "training" / "configs" / "ner_tiny.cfg"
TRAIN = [
    ("2024年长河市地区生产总值增长6.1%。", [("2024年", "DATE"), ("长河市", "LOC"),
                                          ("地区生产总值", "IND"), ("6.1%", "QTY")]),
    ("市长 林远航代表长河市人民政府作报告。", [("林远航", "PER"), ("长河市人民政府", "ORG")]),
    ("上年粮食产量达到120万吨。", [("上年", "DATE"), ("粮食产量", "IND"), ("120万吨", "QTY")]),
]


def _spans(text: str, ents: list[tuple[str, str]]) -> list[tuple[int, int, str]]:
    out, pos = [], 0
    for surface, label in ents:
        start = text.index(surface, pos)
        out.append((start, start + len(surface), label))
        pos = start + len(surface)
    return out


@pytest.fixture(scope="module")
def trained():
    fix_random_seed(0)
    nlp = load_model_from_config(load_config(TINY), auto_fill=True, validate=True)
    examples = [
        Example.from_dict(nlp.make_doc(text), {"entities": _spans(text, ents)})
        for text, ents in TRAIN
    ]
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(200):
        nlp.update(examples, sgd=optimizer, drop=0.0)
    return nlp


def _ents(doc) -> list[tuple[int, int, str]]:
    return [(e.start_char, e.end_char, e.label_) for e in doc.ents]


@pytest.mark.parametrize("text,ents", TRAIN)
def test_overfit(trained, text, ents):
    assert _ents(trained(text)) == _spans(text, ents)


def test_reload(trained, tmp_path):
    trained.to_disk(tmp_path / "ner")
    nlp2 = spacy.load(tmp_path / "ner")
    for text, ents in TRAIN:
        assert _ents(nlp2(text)) == _spans(text, ents)


def test_pipe_equals_call(trained):
    texts = [text for text, _ in TRAIN] + ["长河市粮食产量增长。", ""]
    assert [_ents(d) for d in trained.pipe(texts, batch_size=2)] == [_ents(trained(t)) for t in texts]


@pytest.mark.parametrize(
    "text,dates",
    [
        ("2025年全市经济增长", ["2025年"]),
        ("比上年增长8%，去年同期为5%", ["上年", "去年同期"]),
        ("“十四五”时期成效显著，xx年年人口稳定", ["“十四五”时期", "xx年年"]),
        ("1-7月财政收入", ["1-7月"]),
        ("连续5年保持增长，全年目标完成", []),
    ],
)
def test_find_dates(text, dates):
    assert [text[s:e] for s, e in find_dates(text)] == dates


def test_dates_component_keeps_other_tokens_missing():
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "govie.CharWordTokenizer.v1"}}})
    import pipeline.components.dates  # noqa: F401

    nlp.add_pipe("govie_dates")
    doc = nlp("今年长河市增长")
    assert [(e.text, e.label_) for e in doc.ents] == [("今年", "DATE")]
    assert [t.ent_iob_ for t in doc][2:] == [""] * 5


def test_dates_rejects_empty_label():
    from pipeline.components.dates import DateRecognizer
    from pipeline.errors import GovieError

    with pytest.raises(GovieError, match="E403"):
        DateRecognizer("govie_dates", label="")


SHIPPED = ROOT / "models" / "ner"


@pytest.fixture(scope="module")
def shipped():
    if not (SHIPPED / "config.cfg").exists():
        pytest.skip("models/ner not built")
    return spacy.load(SHIPPED)


def test_shipped_model_keeps_preset_entities(shipped):
    text = "今年长河市新建学校12所，粮食产量达到120万吨。"
    doc = shipped.make_doc(text)
    doc.set_ents([doc.char_span(9, 12, label="QTY")], default="unmodified")
    for _, proc in shipped.pipeline:
        doc = proc(doc)
    assert (9, 12, "QTY") in _ents(doc)
    assert set(shipped.get_pipe("ner").labels) == {"PER", "LOC", "ORG", "IND", "QTY", "DATE"}


def test_shipped_pipe_equals_call(shipped):
    texts = ["2025年全省地区生产总值增长5.4%。", "市长 林远航", ""]
    assert [_ents(d) for d in shipped.pipe(texts)] == [_ents(shipped(t)) for t in texts]
