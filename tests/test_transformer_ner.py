"""Transformer NER: character windows and BIO helpers; a tiny random BERT overfits
hand-written sentences, survives a disk round trip, keeps preset entities, and
``nlp.pipe`` agrees with ``nlp()``."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Span
from spacy.training import Example

from pipeline.architectures.char_encoder import (
    CharVocab,
    bio_to_spans,
    normalise_char,
    owner_windows,
    spans_to_bio,
    windows,
)
from pipeline.build import blank

TINY = {"hidden_size": 32, "num_hidden_layers": 1, "num_attention_heads": 2, "intermediate_size": 64,
        "max_position_embeddings": 16, "type_vocab_size": 1, "hidden_dropout_prob": 0.0,
        "attention_probs_dropout_prob": 0.0}
TRAIN = [
    ("2024年长河市粮食产量达到120万吨。", [("长河市", "LOC"), ("粮食产量", "IND"), ("120万吨", "QTY")]),
    ("市长 林远航代表长河市人民政府作报告。", [("林远航", "PER"), ("长河市人民政府", "ORG")]),
]


@pytest.mark.parametrize("char,norm", [("Ａ", "a"), ("５", "5"), ("B", "b"), ("长", "长"), ("％", "%"), ("㎡", "㎡")])
def test_normalise_char(char, norm):
    assert normalise_char(char) == norm


@pytest.mark.parametrize("n,size,stride", [(0, 12, 8), (5, 12, 8), (12, 12, 8), (13, 12, 8), (40, 12, 8)])
def test_windows_cover(n, size, stride):
    spans = windows(n, size, stride)
    assert all(e - s <= size for s, e in spans)
    assert set().union(*(range(s, e) for s, e in spans)) == set(range(n))
    owners = owner_windows(n, spans)
    assert all(spans[w][0] <= i < spans[w][1] for i, w in enumerate(owners))


@pytest.mark.parametrize("tags,spans", [
    (["B-LOC", "I-LOC", "O", "B-QTY"], [(0, 2, "LOC"), (3, 4, "QTY")]),
    (["I-ORG", "I-ORG", "B-ORG"], [(0, 2, "ORG"), (2, 3, "ORG")]),
    (["B-PER", "I-LOC", "O"], [(0, 1, "PER"), (1, 2, "LOC")]),
    (["O", "O"], []),
])
def test_bio_to_spans(tags, spans):
    assert bio_to_spans(tags) == spans


@pytest.mark.parametrize("tags,spans", [
    (["B-QTY", "I-QTY", "B-QTY", "I-QTY"], [(0, 4, "QTY")]),
    (["B-LOC", "B-ORG", "I-ORG"], [(0, 1, "LOC"), (1, 3, "ORG")]),
    (["B-LOC", "O", "B-LOC"], [(0, 1, "LOC"), (2, 3, "LOC")]),
])
def test_bio_to_spans_merge(tags, spans):
    assert bio_to_spans(tags, merge=True) == spans


def test_bio_round_trip():
    spans = [(1, 3, "LOC"), (3, 4, "IND"), (6, 9, "QTY")]
    assert bio_to_spans(spans_to_bio(10, spans)) == spans


def test_vocab_round_trip(tmp_path):
    vocab = CharVocab.from_texts(["长河市长河", "长"], min_count=2)
    assert vocab.encode("长河x") == [vocab.index["长"], vocab.index["河"], 1]
    vocab.to_disk(tmp_path / "vocab.txt")
    assert CharVocab.from_disk(tmp_path / "vocab.txt").items == vocab.items


def _spans(text: str, ents: list[tuple[str, str]]) -> list[tuple[int, int, str]]:
    out, pos = [], 0
    for surface, label in ents:
        start = text.index(surface, pos)
        out.append((start, start + len(surface), label))
        pos = start + len(surface)
    return out


def _ents(doc) -> list[tuple[int, int, str]]:
    return [(e.start_char, e.end_char, e.label_) for e in doc.ents]


@pytest.fixture(scope="module")
def trained():
    torch = pytest.importorskip("torch")
    pytest.importorskip("transformers")
    import pipeline.components.transformer_ner  # noqa: F401

    torch.manual_seed(0)
    nlp = blank()
    comp = nlp.add_pipe("govie_transformer_ner", config={"bert": TINY, "window": 12, "stride": 8})
    examples = [Example.from_dict(nlp.make_doc(t), {"entities": _spans(t, e)}) for t, e in TRAIN]
    comp.initialize(lambda: examples)
    items = comp.training_items([eg.reference for eg in examples])
    optimizer = torch.optim.Adam(comp.model.parameters(), lr=0.01)
    for _ in range(150):
        comp.update(items, optimizer)
    return nlp


@pytest.mark.parametrize("text,ents", TRAIN)
def test_overfit(trained, text, ents):
    assert _ents(trained(text)) == _spans(text, ents)


def test_reload(trained, tmp_path):
    trained.to_disk(tmp_path / "nlp")
    nlp2 = spacy.load(tmp_path / "nlp")
    for text, _ in TRAIN:
        assert _ents(nlp2(text)) == _ents(trained(text))


def test_pipe_equals_call(trained):
    texts = [t for t, _ in TRAIN] * 3 + ["", "  "]
    assert [_ents(d) for d in trained.pipe(texts, batch_size=4)] == [_ents(trained(t)) for t in texts]


def test_keeps_preset_entities(trained):
    text = TRAIN[0][0]
    doc = trained.make_doc(text)
    start = text.index("长河市粮")
    doc.ents = [Span(doc, start, start + 4, label="DATE")]
    doc = trained.get_pipe("govie_transformer_ner")(doc)
    assert (start, start + 4, "DATE") in _ents(doc)
    assert all(e[0] >= start + 4 or e[1] <= start for e in _ents(doc) if e[2] != "DATE")


def test_score(trained):
    examples = [Example.from_dict(trained(t), {"entities": _spans(t, e)}) for t, e in TRAIN]
    scores = trained.get_pipe("govie_transformer_ner").score(examples)
    assert scores["ents_f"] == pytest.approx(1.0)


def test_paragraphs_apart(trained):
    """Windows never cross a newline: a joined text gets each paragraph's entities."""
    texts = [t for t, _ in TRAIN]
    joined = _ents(trained("\n".join(texts)))
    offset = len(texts[0]) + 1
    expected = _ents(trained(texts[0])) + [(s + offset, e + offset, lab) for s, e, lab in _ents(trained(texts[1]))]
    assert joined == expected


def test_missing_model_dir(tmp_path):
    from pipeline.components.transformer_ner import add_transformer_ner
    from pipeline.errors import GovieError

    with pytest.raises(GovieError, match="E405"):
        add_transformer_ner(blank(), tmp_path / "nothing")
