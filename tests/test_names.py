"""Name rules (PER, LOC, ORG) and the govie_names / govie_guard components."""

import pytest

import pipeline
from pipeline.components.names import LEXICON_DIR
from pipeline.names import NameRules, read_places, resolve

PLACES = {"湖南省", "湖南", "长沙市", "长沙", "江门市", "浙江", "浙江省"}


@pytest.fixture(scope="module")
def rules():
    return NameRules(PLACES, {"青禾区委": "ORG"})


@pytest.mark.parametrize(
    "text,expected",
    [
        ("湖南省加快发展。", [("湖南省", "LOC")]),
        ("长沙市人民政府出台措施。", [("长沙市人民政府", "ORG")]),
        ("浙江大学新建实验室。", [("浙江大学", "ORG")]),
        ("长三角一体化发展。", [("长三角", "LOC")]),
        ("在区委、区政府的领导下", [("区委", "ORG"), ("区政府", "ORG")]),
        ("国务院印发通知。", [("国务院", "ORG")]),
        ("湖南省省长 王某某", [("湖南省", "LOC"), ("王某某", "PER")]),
        ("江门市高新技术产业园", [("江门市高新技术产业园", "LOC")]),
        ("青禾区委召开会议。", [("青禾区委", "ORG")]),
        ("全区出生120人。", []),
    ],
)
def test_rules(rules, text, expected):
    assert [(text[s:e], label) for s, e, label in rules(text)] == expected


def test_resolve_keeps_the_longest():
    assert resolve([(0, 2, "LOC"), (0, 4, "ORG"), (5, 7, "LOC")]) == [(0, 4, "ORG"), (5, 7, "LOC")]


@pytest.mark.skipif(not (LEXICON_DIR / "places.tsv").exists(), reason="no shipped gazetteer")
def test_shipped_gazetteer_has_provinces_and_short_names():
    places = read_places(LEXICON_DIR / "places.tsv")
    assert {"湖南省", "湖南", "浦东新区"} <= places


def test_names_component_presets_before_ner_and_keeps_existing():
    nlp = pipeline.blank()
    nlp.add_pipe("govie_quantities")
    nlp.add_pipe("govie_names")
    doc = nlp("湖南省新增就业12万人。")
    assert [(e.text, e.label_) for e in doc.ents] == [("湖南省", "LOC"), ("12万人", "QTY")]


def test_guard_drops_what_the_rules_did_not_find():
    nlp = pipeline.blank()
    nlp.add_pipe("govie_quantities")
    nlp.add_pipe("govie_guard")
    doc = nlp.make_doc("建设5G基站1200个。")
    nlp.get_pipe("govie_quantities")(doc)
    doc.set_ents([*doc.ents, doc.char_span(2, 4, label="QTY")])
    doc = nlp.get_pipe("govie_guard")(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [("1200个", "QTY")]
