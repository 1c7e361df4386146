"""The trained linker: overfit a few examples, save, reload, same predictions."""

import pytest
from spacy.util import registry

import pipeline  # noqa: F401  (registers the linker and architecture)
from pipeline.linkers import RuleLinker, default_optimizer
from tests.markup import parse_markup, qty_by_text

MARKED = [
    ("[产值|IND][3亿元|QTY]，[利润|IND]增长[5%|QTY]。", "3亿元", "产值"),
    ("[产值|IND][3亿元|QTY]，[利润|IND]增长[5%|QTY]。", "5%", "利润"),
    ("建成[12个|QTY][示范村|IND]，[新增就业|IND][300人|QTY]。", "12个", "示范村"),
    ("建成[12个|QTY][示范村|IND]，[新增就业|IND][300人|QTY]。", "300人", "新增就业"),
]


def make_linker(threshold=0.5):
    config = {
        "@misc": "govie.ModelLinker.v1",
        "threshold": threshold,
        "model": {"@architectures": "govie.RelationModel.v1", "length": 4096},
        "candidates": {"@misc": "govie.link_candidates.v1"},
    }
    return registry.resolve({"linker": config})["linker"]


def examples():
    out = []
    for marked, qty_text, ind_text in MARKED:
        text, ents = parse_markup(marked)
        qty = qty_by_text(text, ents, qty_text)
        ind = next(e for e in ents if text[e.start : e.end] == ind_text)
        out.append((text, qty, ents, {"ind": ind, "date": None, "loc": None}))
    return out


def predicted(linker, data):
    return [linker(text, [qty], ents)[0][0]["ind"] for text, qty, ents, _ in data]


def test_overfit_then_reload():
    data = examples()
    linker = make_linker()
    sgd = default_optimizer(0.1)
    losses = [linker.update(data, sgd) for _ in range(60)]
    assert losses[-1] < losses[0] / 5
    assert predicted(linker, data) == [gold["ind"] for *_, gold in data]
    reloaded = make_linker().from_bytes(linker.to_bytes())
    assert predicted(reloaded, data) == predicted(linker, data)


def test_threshold_one_links_nothing():
    data = examples()
    assert all(link is None for link in predicted(make_linker(threshold=1.01), data))


@pytest.mark.parametrize("index", range(len(MARKED)))
def test_rule_linker_agrees_on_easy_cases(index):
    text, qty, ents, gold = examples()[index]
    assert RuleLinker()(text, [qty], ents)[0][0]["ind"] == gold["ind"]
