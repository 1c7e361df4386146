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
        ("长三角和大湾区", [("长三角", "LOC"), ("大湾区", "LOC")]),
        ("在区委、区政府的领导下", [("区委", "ORG"), ("区政府", "ORG")]),
        ("国务院印发通知。", [("国务院", "ORG")]),
        ("湖南省省长 王某某", [("湖南省", "LOC"), ("王某某", "PER")]),
        ("江门市高新技术产业园", [("江门市高新技术产业园", "LOC")]),
        ("青禾区委召开会议。", [("青禾区委", "ORG")]),
        ("全区出生120人。", []),
        ("县委和县政府", [("县委", "ORG"), ("县政府", "ORG")]),
        ("平川县民政局", []),  # a place not in the lexicon: the NER takes the whole name
        ("**区人民法院", []),  # a masked place, likewise
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


@pytest.mark.parametrize(
    "text,preset,deferred",
    [
        ("长沙数据标注基地建成。", [], [("长沙", "LOC")]),
        ("长沙、湖南加快发展。", [("长沙", "LOC")], [("湖南", "LOC")]),
        ("长三角一体化发展。", [], [("长三角", "LOC")]),
        ("长沙市建成基地。", [("长沙市", "LOC")], []),
        ("支持浙江", [("浙江", "LOC")], []),
        ("浙江和湖南", [("浙江", "LOC"), ("湖南", "LOC")], []),
        ("湖南2025年", [("湖南", "LOC")], []),
    ],
)
def test_short_place_before_a_name_character_is_deferred(rules, text, preset, deferred):
    assert [(text[s:e], label) for s, e, label in rules(text)] == preset
    assert [(text[s:e], label) for s, e, label in rules.deferred(text)] == deferred


def _names_nlp(ner_span: tuple[int, int] | None):
    """govie_names, a stand-in NER that tags ``ner_span`` LOC, then govie_names_fill."""
    from spacy.language import Language

    name = f"stand_in_ner_{ner_span}"
    if name not in Language.factories:
        @Language.component(name)
        def stand_in(doc):
            if ner_span:
                doc.ents = [*doc.ents, doc.char_span(*ner_span, label="LOC")]
            return doc
    nlp = pipeline.blank()
    nlp.add_pipe("govie_names")
    nlp.add_pipe(name)
    nlp.add_pipe("govie_names", name="govie_names_fill", config={"fill": True})
    return nlp


@pytest.mark.skipif(not (LEXICON_DIR / "places.tsv").exists(), reason="no shipped gazetteer")
@pytest.mark.parametrize(
    "ner_span,expected",
    [((0, 8), [("长沙数据标注基地", "LOC")]), (None, [("长沙", "LOC")])],
)
def test_fill_adds_a_deferred_place_only_where_the_ner_tagged_nothing(ner_span, expected):
    doc = _names_nlp(ner_span)("长沙数据标注基地建成。")
    assert [(e.text, e.label_) for e in doc.ents] == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("县委、县政府和县民政局", [("县委", "ORG"), ("县政府", "ORG"), ("县民政局", "ORG")]),
        ("和县民政局", [("县民政局", "ORG")]),  # neither preset nor an organ pattern
        ("湖南省加快发展。", [("湖南省", "LOC")]),
    ],
)
def test_places_marked_o_are_never_preset(text, expected):
    rules = NameRules(PLACES | {"和县"}, {"和县": "O"})
    assert [(text[s:e], label) for s, e, label in rules(text)] == expected


def test_ambiguous_places_come_from_the_annotations():
    from corpus.name_lexicon import ambiguous_places

    def line(text, *ents):
        return {"text": text, "entities": [
            {"start": text.index(s), "end": text.index(s) + len(s), "label": lab} for s, lab in ents]}

    lines = [
        line("县政府和县民政局", ("县政府", "ORG"), ("县民政局", "ORG")),
        line("县委和县政府", ("县委", "ORG"), ("县政府", "ORG")),
        line("长沙市出生120人", ("长沙市", "LOC"), ("120人", "QTY")),
        line("长沙市建成基地", ("长沙市", "LOC")),
    ]
    assert ambiguous_places(lines, {"和县", "长沙市"}) == {"和县": (0, 2)}
    assert ambiguous_places(lines, {"和县", "长沙市"}, min_count=3) == {}


@pytest.mark.parametrize(
    "text,expected",
    [
        ("开展区人大述职评议", [("区人大", "ORG")]),  # after a verb the organ stands
        ("平川区人大述职评议", []),  # after an unknown place it is left to the NER
    ],
)
def test_bare_organ_after_a_function_word(text, expected):
    rules = NameRules(PLACES, {}, {"开展"})
    assert [(text[s:e], label) for s, e, label in rules(text)] == expected


def test_function_words_from_jieba_lines():
    from corpus.function_words import function_words

    lines = ["开展 5000 v", "平川 300 ns", "针对 900 p", "研究 10 v", "一个 800 m", "三个字 900 v"]
    assert function_words(lines, min_freq=20) == ["一个", "开展", "针对"]
