"""govie_indicators: candidates, overfit-then-reload, and the component on a Doc."""

import spacy

import pipeline
from pipeline.architectures.indicator_candidates import make_indicator_candidates
from pipeline.components.indicators import word_bounds
from pipeline.linkers import default_optimizer
from pipeline.linking import Ent
from tests.markup import parse_markup, qty_by_text

MARKED = [
    ("全区[地区生产总值|IND]增长[5.5%|QTY]。", "5.5%"),
    ("新建[校舍|IND][4.6万平方米|QTY]，招聘[教师|IND][215名|QTY]。", "4.6万平方米"),
    ("新建[校舍|IND][4.6万平方米|QTY]，招聘[教师|IND][215名|QTY]。", "215名"),
    ("建成[12个|QTY][示范村|IND]。", "12个"),
]


def items(nlp):
    out = []
    for marked, qty_text in MARKED:
        text, ents = parse_markup(marked)
        qty = qty_by_text(text, ents, qty_text)
        inds = [e for e in ents if e.label == "IND"]
        gold = min(inds, key=lambda e: abs(e.start - qty.start))
        starts, ends = word_bounds(nlp.make_doc(text))
        context = [e for e in ents if e.label != "IND"]
        out.append((text, qty, context, (gold.start, gold.end), starts, ends))
    return out


def test_candidates_hold_the_span_before_a_verb_and_after_a_count():
    candidates = make_indicator_candidates()
    text, ents = parse_markup("全区[地区生产总值|IND]增长[5.5%|QTY]，建成[12个|QTY]示范村。")
    spans = {text[s:e] for s, e, _ in candidates(text, ents[1], ents, {"", "增长"})}
    assert "地区生产总值" in spans and "全区地区生产总值增长" in spans
    after = {text[s:e] for s, e, _ in candidates(text, ents[2], ents, {""})}
    assert "示范村" in after and not any("，" in s for s in spans | after)


def trained(nlp):
    finder = nlp.add_pipe("govie_indicators", config={"model": {"length": 4096}, "min_gap_count": 1})
    data = items(nlp)
    finder.initialize(data)
    sgd = default_optimizer(0.1)
    losses = [finder.update(data, sgd) for _ in range(50)]
    return finder, data, losses


def test_overfit_then_reload(tmp_path):
    nlp = pipeline.blank()
    finder, data, losses = trained(nlp)
    assert losses[-1] < losses[0] / 5
    for text, qty, context, gold, starts, ends in data:
        found = finder.predict_spans(text, context + [qty], starts, ends)
        assert (gold[0], gold[1]) in {(f.start, f.end) for f in found}
    nlp.to_disk(tmp_path / "nlp")
    reloaded = spacy.load(tmp_path / "nlp").get_pipe("govie_indicators")
    text, qty, context, gold, starts, ends = data[0]
    assert reloaded.predict_spans(text, context + [qty], starts, ends) == finder.predict_spans(
        text, context + [qty], starts, ends)


GROWTH = "全区地区生产总值增长5.5%。"
GROWTH_QTY = (GROWTH.index("5.5%"), GROWTH.index("5.5%") + 4)


def tagged_growth_doc():
    """The trained component run on a Doc whose one QTY is set by hand."""
    nlp = pipeline.blank()
    finder, _, _ = trained(nlp)
    doc = nlp.make_doc(GROWTH)
    doc.set_ents([doc.char_span(*GROWTH_QTY, label="QTY")])
    return finder(doc)


def test_component_sets_ind_entities():
    doc = tagged_growth_doc()
    assert ("地区生产总值", "IND") in {(e.text, e.label_) for e in doc.ents}
    assert Ent(*GROWTH_QTY, "QTY") in {Ent(e.start_char, e.end_char, e.label_) for e in doc.ents}


def test_component_records_the_probability_of_each_chosen_span():
    doc = tagged_growth_doc()
    inds = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "IND"]
    scores = doc._.indicator_scores
    assert [(s, e) for s, e, _ in scores] == inds
    assert all(isinstance(p, float) and 0.0 < p <= 1.0 for _, _, p in scores)
