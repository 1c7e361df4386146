"""govie_facts on hand-built Docs: entities set by markup, facts checked field by field."""

import pytest

import pipeline
from tests.markup import parse_markup


@pytest.fixture(scope="module")
def nlp():
    nlp = pipeline.blank()
    nlp.add_pipe("govie_facts")
    return nlp


def run(nlp, marked: str, doc_year=None):
    text, ents = parse_markup(marked)
    doc = nlp.make_doc(text)
    doc.set_ents([doc.char_span(e.start, e.end, label=e.label) for e in ents])
    doc._.meta = {"doc_year": doc_year}
    doc = nlp.get_pipe("govie_facts")(doc)
    return text, {text[f["qty"][0] : f["qty"][1]]: f for f in doc._.facts}


def at(text, offsets):
    return None if offsets is None else text[offsets[0] : offsets[1]]


def test_level_and_change_of_one_indicator(nlp):
    text, facts = run(nlp, "[2024年|DATE][粮食产量|IND][68.4万吨|QTY]，比[上年|DATE]减少[1.2万吨|QTY]。")
    level, change = facts["68.4万吨"], facts["1.2万吨"]
    assert (level["value"], level["unit"], level["change"], level["year"]) == (684000, "吨", False, 2024)
    assert (change["value"], change["change"], change["year"]) == (12000, True, 2024)
    assert at(text, change["ind"]) == "粮食产量" and at(text, change["date"]) == "2024年"


def test_review_section_year_and_targets(nlp):
    marked = (
        "各位代表：\n一、[2025年|DATE]工作回顾\n[城镇新增就业|IND][41.5万人|QTY]。\n"
        "二、[2026年|DATE]工作安排\n[城镇新增就业|IND][40万人以上|QTY]。"
    )
    _, facts = run(nlp, marked, doc_year=2026)
    assert (facts["41.5万人"]["year"], facts["41.5万人"]["target"]) == (2025, False)
    assert (facts["40万人以上"]["year"], facts["40万人以上"]["target"]) == (2026, True)
    assert facts["40万人以上"]["approx"] is True


def test_prefix_approximator_outside_span(nlp):
    _, facts = run(nlp, "[营收|IND]超[650亿元|QTY]，[人口|IND]达[3万人|QTY]。")
    assert facts["650亿元"]["approx"] is True
    assert facts["3万人"]["approx"] is False


def test_masked_year_is_null(nlp):
    _, facts = run(nlp, "[xx年|DATE]全区[出生|IND][912人|QTY]。")
    assert facts["912人"]["year"] is None


def test_fact_fields_follow_the_contract(nlp):
    _, facts = run(nlp, "[青禾区|LOC][户籍人口|IND][8.6万人|QTY]。", doc_year=2023)
    fact = facts["8.6万人"]
    assert set(fact) == {"qty", "ind", "date", "loc", "value", "value_high", "unit", "approx",
                         "year", "change", "target", "confidence"}
    assert 0 <= fact["confidence"] <= 1 and fact["loc"] == [0, 3]


def test_percentage_points_are_not_percent(nlp):
    _, facts = run(nlp, "[城镇化率|IND]提高[1.03个百分点|QTY]。")
    assert (facts["1.03个百分点"]["unit"], facts["1.03个百分点"]["value"]) == ("个百分点", 1.03)


def test_unlinked_indicators_are_pruned(nlp):
    text, ents = parse_markup("[重点项目|IND]进展顺利，[新增就业|IND][300人|QTY]。")
    doc = nlp.make_doc(text)
    doc.set_ents([doc.char_span(e.start, e.end, label=e.label) for e in ents])
    doc._.meta = {}
    doc = nlp.get_pipe("govie_facts")(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [("新增就业", "IND"), ("300人", "QTY")]


@pytest.mark.parametrize("scores,expected", [
    ([], 0.9 * 0.6),            # an IND the scorer did not choose: the NER-only share
    ([[2, 8, 0.5]], 0.9 * 0.5),  # the scorer's probability for the span
    ([[0, 8, 0.5]], 0.9 * 0.6),  # a probability for another span does not count
])
def test_confidence_is_link_times_span_probability(nlp, scores, expected):
    text, ents = parse_markup("全区[地区生产总值|IND]增长[5.5%|QTY]。")
    doc = nlp.make_doc(text)
    doc.set_ents([doc.char_span(e.start, e.end, label=e.label) for e in ents])
    doc._.meta = {"doc_year": 2024}
    doc._.indicator_scores = scores
    (fact,) = nlp.get_pipe("govie_facts")(doc)._.facts
    assert fact["confidence"] == pytest.approx(expected)


def test_confidence_without_an_indicator(nlp):
    _, facts = run(nlp, "共[3个|QTY]。")
    assert facts["3个"]["ind"] is None
    assert facts["3个"]["confidence"] == pytest.approx(0.2)
