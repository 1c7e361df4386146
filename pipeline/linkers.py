"""Linkers for ``govie_facts``: which IND, DATE and LOC each quantity takes.

``govie.RuleLinker.v1`` applies the rules of :mod:`pipeline.linking`;
``govie.ModelLinker.v1`` scores every candidate with ``govie.RelationModel.v1`` (the
rule's pick is one of its features) and keeps the best above a threshold.
Both take all quantities of a document at once and return, per quantity, the links
and a confidence.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy
from spacy.util import registry
from thinc.api import Adam, Model, Optimizer

from . import linking
from .architectures.relation_model import LINK_LABELS, featurize
from .linking import Ent

Links = dict[str, "Ent | None"]
Example = tuple[str, Ent, list[Ent], Links]  # text, qty, ents, gold links


def rule_links(text: str, qty: Ent, ents: list[Ent]) -> Links:
    return {
        "ind": linking.link_indicator(text, qty, ents),
        "date": linking.link_date(text, qty, ents),
        "loc": linking.link_place(text, qty, ents),
    }


class RuleLinker:
    """Rules only; confidence is higher when an indicator was found."""

    def __call__(self, text: str, qtys: list[Ent], ents: list[Ent]) -> list[tuple[Links, float]]:
        out = []
        for qty in qtys:
            links = rule_links(text, qty, ents)
            out.append((links, 0.9 if links["ind"] is not None else 0.5))
        return out

    def to_bytes(self) -> bytes:
        return b""

    def from_bytes(self, data: bytes) -> RuleLinker:
        return self


class ModelLinker:
    """Candidates scored by a relation model; none when no score passes the threshold."""

    def __init__(self, model: Model, candidates: Callable, threshold: float = 0.5):
        self.model = model
        self.candidates = candidates
        self.threshold = threshold
        self.model.initialize()

    def _pairs(self, text: str, qty: Ent, ents: list[Ent]):
        rules = rule_links(text, qty, ents)
        for key, label in LINK_LABELS.items():
            for cand in self.candidates(text, qty, ents, label):
                yield key, cand, (text, qty, cand, ents, label, cand == rules[key])

    def __call__(self, text: str, qtys: list[Ent], ents: list[Ent]) -> list[tuple[Links, float]]:
        rows = [(i, key, cand, pair) for i, q in enumerate(qtys) for key, cand, pair in self._pairs(text, q, ents)]
        probs = self.model.predict(featurize([r[3] for r in rows]))[:, 0] if rows else []
        best: dict[tuple[int, str], tuple[float, Ent]] = {}
        for (i, key, cand, _), prob in zip(rows, probs):
            if prob >= self.threshold and prob > best.get((i, key), (0.0, None))[0]:
                best[i, key] = (float(prob), cand)
        out = []
        for i in range(len(qtys)):
            links = {key: best.get((i, key), (0.0, None))[1] for key in LINK_LABELS}
            ind_prob = best.get((i, "ind"), (0.5, None))[0]
            out.append((links, round(ind_prob, 4)))
        return out

    def update(self, examples: Iterable[Example], sgd: Optimizer) -> float:
        """One gradient step on a batch of gold-linked quantities; returns the loss."""
        pairs, truth = [], []
        for text, qty, ents, gold in examples:
            for key, cand, pair in self._pairs(text, qty, ents):
                pairs.append(pair)
                truth.append(1.0 if gold.get(key) == cand else 0.0)
        if not pairs:
            return 0.0
        probs, backprop = self.model.begin_update(featurize(pairs))
        target = numpy.asarray(truth, dtype="float32").reshape(-1, 1)
        backprop(probs - target)
        self.model.finish_update(sgd)
        eps = 1e-7
        return float(-(target * numpy.log(probs + eps) + (1 - target) * numpy.log(1 - probs + eps)).sum())

    def to_bytes(self) -> bytes:
        return self.model.to_bytes()

    def from_bytes(self, data: bytes) -> ModelLinker:
        if data:
            self.model.from_bytes(data)
        return self


@registry.misc("govie.RuleLinker.v1")
def make_rule_linker() -> RuleLinker:
    return RuleLinker()


@registry.misc("govie.ModelLinker.v1")
def make_model_linker(model: Model, candidates: Callable, threshold: float = 0.5) -> ModelLinker:
    return ModelLinker(model, candidates, threshold)


def default_optimizer(learn_rate: float = 0.01) -> Optimizer:
    return Adam(learn_rate)
