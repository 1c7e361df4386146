"""Tests for the char-word tokenizer (pipeline/tokenizer.py)."""

from __future__ import annotations

import pickle
import warnings
from pathlib import Path

import pytest
import spacy
from spacy.vocab import Vocab

from pipeline.errors import GovieError
from pipeline.tokenizer import (
    CharWordTokenizer,
    DictCutter,
    resolve_model_dir,
    word_positions,
    word_prf,
)

SEG_DIR = Path(__file__).resolve().parents[1] / "models" / "seg"
has_model = pytest.mark.skipif(
    not (SEG_DIR / "weights.npz").exists(), reason="models/seg not trained"
)
SENTENCES = [
    "今年全县新增城镇就业岗位三千个。",
    "去年我市地区生产总值达到1234.5亿元，比上年增长6.1%。",
    "河西镇新修乡村公路12公里，受益群众5800多人。",
    "本报告中的数据 均为 初步统计数。",
    "全区出生人口比上年减少2.3个百分点\n人口自然增长率为4.1‰",
]


def triples(doc) -> list[tuple[str, str, str]]:
    return [(t.text, t.norm_, t.lemma_) for t in doc]


def make_nlp(model_dir: str | Path | None) -> spacy.Language:
    tok = {"@tokenizers": "govie.CharWordTokenizer.v1", "model_dir": model_dir}
    return spacy.blank("zh", config={"nlp": {"tokenizer": tok}})


@pytest.fixture(scope="module")
def nlp():
    return make_nlp("models/seg")


@pytest.mark.parametrize(
    "text,words,expected",
    [
        ("今年增长", ["今年", "增长"], [(0, 2), (2, 4)]),
        ("a b", ["a", "b"], [(0, 1), (2, 3)]),
        ("人口", ["人", "X", "口"], [(0, 1), (1, 2)]),
    ],
)
def test_word_positions(text, words, expected):
    assert word_positions(text, words) == expected


@pytest.mark.parametrize(
    "gold,pred,f1",
    [
        ([["今年", "增长"]], [["今年", "增长"]], 1.0),
        ([["今年", "增长"]], [["今", "年", "增长"]], 0.4),
        ([["今年", "增长"]], [["今年增长"]], 0.0),
    ],
)
def test_word_prf(gold, pred, f1):
    assert word_prf(gold, pred)[2] == pytest.approx(f1)


@pytest.mark.parametrize(
    "text,words,expected",
    [
        ("全区出生", ["全区", "出生"], ["B", "E", "B", "E"]),
        ("出生94人", ["出生", "94", "人"], ["B", "E", "B", "E", "S"]),
        ("高新区", ["高新区"], ["B", "I", "E"]),
        ("我 们", ["我", "们"], ["S", "S"]),
    ],
)
def test_word_info_on_chars(monkeypatch, text, words, expected):
    tok = CharWordTokenizer(Vocab())
    monkeypatch.setattr(tok, "segment", lambda _text: words)
    doc = tok(text)
    assert [t.lemma_ for t in doc] == expected
    assert [t.norm_ for t in doc] == [w for w in words for _ in w]


@pytest.mark.parametrize(
    "text,n_tokens",
    [("增长5%", 4), ("江门市  高新区", 7), ("人口\n数", 4), ("", 0), ("  ", 1)],
)
def test_chars_without_model(text, n_tokens):
    doc = CharWordTokenizer(Vocab())(text)
    assert doc.text == text
    assert len(doc) == n_tokens
    assert all(t.lemma_ == ("" if t.text.isspace() else "S") for t in doc)


@pytest.mark.parametrize(
    "text,pieces",
    [
        ("四川省科技厅", [("四川省", True), ("科技厅", False)]),
        ("在北京市海淀区", [("在", False), ("北京市海淀区", True)]),
        ("北京和北京市", [("北京", True), ("和", False), ("北京市", True)]),
        ("没有词", [("没有词", False)]),
        ("", []),
    ],
)
def test_dict_cutter_longest_match(text, pieces):
    cutter = DictCutter(["四川省", "北京", "北京市", "北京市海淀区", "四川省科学院"])
    found, is_word, tags = cutter.solve(text)
    assert list(zip(found, is_word)) == pieces
    assert tags == [""] * len(found)


def test_missing_model_files(tmp_path):
    with pytest.raises(GovieError, match="E301"):
        CharWordTokenizer(Vocab(), model_dir=tmp_path)


def test_missing_model_dir_warns():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        nlp = make_nlp("no/such/dir")
    assert any("W301" in str(w.message) for w in caught)
    assert nlp.tokenizer.segmenter is None


def test_resolve_model_dir_against_repo(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    assert resolve_model_dir("pipeline") == SEG_DIR.parents[1] / "pipeline"
    assert resolve_model_dir("no/such") == Path("no/such")


def test_pickle_without_model():
    tok = CharWordTokenizer(Vocab())
    tok2 = pickle.loads(pickle.dumps(tok))
    assert triples(tok2("人口")) == triples(tok("人口"))


@has_model
@pytest.mark.parametrize("text", SENTENCES)
def test_model_words(nlp, text):
    doc = nlp(text)
    assert doc.text == text
    chars = [t for t in doc if not t.text.isspace()]
    assert len(chars) == len("".join(text.split()))
    assert all(t.lemma_ in "BIES" for t in chars)
    words = [t.norm_ for t in chars if t.lemma_ in "BS"]
    assert "".join(words) == "".join(text.split())


@has_model
@pytest.mark.parametrize("text,word", [(SENTENCES[1], "1234.5"), (SENTENCES[2], "12")])
def test_model_keeps_numbers_whole(nlp, text, word):
    start = text.index(word)
    doc = nlp(text)
    assert doc[start].lemma_ == "B"
    assert {t.norm_ for t in doc[start : start + len(word)]} == {word}


@has_model
@pytest.mark.parametrize("text", ["GDP增长5.2%，CPI上涨0.3%", "ＧＤＰ增长５．２％", "a b"])
def test_model_words_keep_original_chars(nlp, text):
    words = nlp.tokenizer.segment(text)
    assert "".join(words) == "".join(text.split())


@has_model
def test_pickle_with_model(nlp):
    nlp2 = pickle.loads(pickle.dumps(nlp))
    assert nlp2.tokenizer.segmenter is not None
    assert [triples(nlp2(t)) for t in SENTENCES] == [triples(nlp(t)) for t in SENTENCES]


@has_model
def test_disk_round_trip(nlp, tmp_path):
    nlp.to_disk(tmp_path / "nlp")
    assert (tmp_path / "nlp" / "tokenizer" / "weights.npz").exists()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        nlp2 = spacy.load(tmp_path / "nlp")
    assert nlp2.tokenizer.has_user_dict == nlp.tokenizer.has_user_dict
    assert [triples(nlp2(t)) for t in SENTENCES] == [triples(nlp(t)) for t in SENTENCES]


@has_model
def test_pipe_two_processes_equals_call(nlp):
    texts = SENTENCES * 3
    piped = list(nlp.pipe(texts, n_process=2, batch_size=2))
    assert [triples(d) for d in piped] == [triples(nlp(t)) for t in texts]
