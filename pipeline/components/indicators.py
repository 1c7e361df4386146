"""``govie_indicators``: the indicator span of each quantity, chosen by a trained scorer.

For every QTY the component scores the candidate spans of its clause
(``govie.indicator_candidates.v1``) with a sparse linear model and keeps the best one
above the threshold as an ``IND`` entity. Numbers whose indicator stands earlier in
the sentence (地区生产总值达到…，增长5.4%) get none here: the fact linker finds it.
With ``replace_ner`` the NER's own IND entities are dropped first.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy
from spacy.language import Language
from spacy.scorer import get_ner_prf
from spacy.tokens import Doc, Span
from spacy.training import Example
from thinc.api import Model, Optimizer

from ..architectures.indicator_candidates import gap_key, none_features, span_features
from ..architectures.relation_model import hash_features
from ..extensions import doc_text, register_extensions
from ..linking import Ent

# text, qty, context entities (no IND), gold indicator (start, end) or None, word starts, ends
TrainItem = tuple[str, Ent, list[Ent], "tuple[int, int] | None", set[int], set[int]]


@Language.factory(
    "govie_indicators",
    default_config={
        "model": {"@architectures": "govie.SpanScorer.v1", "length": 262144},
        "candidates": {"@misc": "govie.indicator_candidates.v1"},
        "threshold": 0.0,
        "replace_ner": True,
        "min_gap_count": 2,
    },
    assigns=["doc.ents", "doc._.indicator_scores"],
    requires=["doc.ents"],
)
def make_indicators(nlp: Language, name: str, model: Model, candidates: Callable, threshold: float,
                    replace_ner: bool, min_gap_count: int) -> IndicatorFinder:
    register_extensions()
    return IndicatorFinder(name, model, candidates, threshold, replace_ner, min_gap_count)


def word_bounds(doc: Doc | Span) -> tuple[set[int], set[int]]:
    """Character offsets (in the doc) where segmenter words start and end, over the tokens
    of ``doc`` or a span of it (from token.lemma_ B/I/E/S)."""
    starts, ends = set(), set()
    for token in doc:
        pos = token.lemma_ or "S"
        if pos in ("B", "S"):
            starts.add(token.idx)
        if pos in ("E", "S"):
            ends.add(token.idx + len(token.text))
    return starts, ends


class IndicatorFinder:
    def __init__(self, name: str, model: Model, candidates: Callable, threshold: float = 0.5,
                 replace_ner: bool = True, min_gap_count: int = 2):
        self.name = name
        self.model = model
        self.candidates = candidates
        self.threshold = threshold
        self.replace_ner = replace_ner
        self.min_gap_count = min_gap_count
        self.gaps: set[str] = {""}
        self.lexicon: set[str] = set()
        self.tails: set[str] = set()
        self.model.initialize()

    def _rows(self, text: str, qty: Ent, ents: list[Ent], starts: set[int], ends: set[int]):
        for cand in self.candidates(text, qty, ents, self.gaps):
            yield cand, span_features(text, qty, cand, ents, starts, ends, self.lexicon, self.tails)

    def _choices(self, text: str, qty: Ent, ents: list[Ent], starts: set[int], ends: set[int]):
        """Candidates of a quantity and their features; the last choice is "none"."""
        rows = list(self._rows(text, qty, ents, starts, ends))
        return [c for c, _ in rows] + [None], [f for _, f in rows] + [none_features(text, qty)]

    def predict_spans(self, text: str, ents: list[Ent], starts: set[int], ends: set[int]) -> list[Ent]:
        """Chosen indicator spans, best first, none overlapping each other or other entities."""
        return [span for _, span in self.predict_scored(text, ents, starts, ends)]

    def predict_scored(self, text: str, ents: list[Ent], starts: set[int],
                       ends: set[int]) -> list[tuple[float, Ent]]:
        """``predict_spans`` with the probability the scorer gave each span."""
        scored = []
        for qty in (e for e in ents if e.label == "QTY"):
            cands, feats = self._choices(text, qty, ents, starts, ends)
            probs = _softmax(self.model.predict(hash_features(feats))[:, 0])
            best = int(numpy.argmax(probs))
            if cands[best] is not None and probs[best] >= self.threshold:
                scored.append((float(probs[best]), cands[best]))
        chosen: list[tuple[float, Ent]] = []
        for prob, (start, end, _) in sorted(scored, reverse=True):
            if not any(c.start < end and start < c.end for _, c in chosen):
                chosen.append((prob, Ent(start, end, "IND")))
        return chosen

    def __call__(self, doc: Doc) -> Doc:
        kept = [e for e in doc.ents if not (self.replace_ner and e.label_ == "IND")]
        context = [Ent(e.start_char, e.end_char, e.label_) for e in kept if e.label_ != "IND"]
        starts, ends = word_bounds(doc)
        scored = self.predict_scored(doc_text(doc), context, starts, ends)
        found = [f for _, f in scored]
        spans = [e for e in kept if not any(f.start < e.end_char and e.start_char < f.end for f in found)]
        spans += [doc.char_span(f.start, f.end, label="IND") for f in found]
        doc.ents = sorted((s for s in spans if s is not None), key=lambda s: s.start)
        doc._.indicator_scores = [[f.start, f.end, round(p, 4)] for p, f in scored]
        return doc

    def initialize(self, items: Iterable[TrainItem], lexicon: Iterable[str] = ()) -> None:
        """Learn the verb gaps from training items; take names and their tails from ``lexicon``.

        The lexicon is external (NBS indicator names): names from the training items
        themselves would make "in the lexicon" a perfect, useless feature.
        """
        gaps = Counter()
        for text, qty, _, gold, _, _ in items:
            if gold is not None and gold[1] <= qty.start:
                gaps[gap_key(text[gold[1] : qty.start])] += 1
        self.gaps = {g for g, n in gaps.items() if n >= self.min_gap_count and len(g) <= 6} | {""}
        self.lexicon = set(lexicon)
        tails = Counter(name[-2:] for name in self.lexicon)
        self.tails = {t for t, n in tails.items() if n >= 3}

    def update(self, items: list[TrainItem], sgd: Optimizer) -> float:
        """One step of softmax over each quantity's candidates and "none"."""
        feats, groups, gold_index = [], [], []
        for text, qty, ents, gold, starts, ends in items:
            cands, rows = self._choices(text, qty, ents, starts, ends)
            spans = [c[:2] if c is not None else None for c in cands]
            gold_index.append(spans.index(gold) if gold in spans else len(spans) - 1)
            groups.append(len(rows))
            feats.extend(rows)
        scores, backprop = self.model.begin_update(hash_features(feats))
        d_scores = numpy.zeros_like(scores)
        loss, pos = 0.0, 0
        for n, gold in zip(groups, gold_index):
            probs = _softmax(scores[pos : pos + n, 0])
            loss -= float(numpy.log(probs[gold] + 1e-9))
            probs[gold] -= 1.0
            d_scores[pos : pos + n, 0] = probs
            pos += n
        backprop(d_scores)
        self.model.finish_update(sgd)
        return loss

    def score(self, examples: list[Example], **kwargs) -> dict:
        prf = get_ner_prf(examples)["ents_per_type"].get("IND", {"p": 0.0, "r": 0.0, "f": 0.0})
        return {"ind_p": prf["p"], "ind_r": prf["r"], "ind_f": prf["f"]}

    def to_disk(self, path, exclude=tuple()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "model.bin").write_bytes(self.model.to_bytes())
        cfg = {"gaps": sorted(self.gaps), "lexicon": sorted(self.lexicon), "tails": sorted(self.tails)}
        (path / "vocab.json").write_text(json.dumps(cfg, ensure_ascii=False), encoding="utf8")

    def from_disk(self, path, exclude=tuple()) -> IndicatorFinder:
        path = Path(path)
        if (path / "model.bin").exists():
            self.model.from_bytes((path / "model.bin").read_bytes())
        if (path / "vocab.json").exists():
            cfg = json.loads((path / "vocab.json").read_text(encoding="utf8"))
            self.gaps, self.lexicon, self.tails = set(cfg["gaps"]), set(cfg["lexicon"]), set(cfg["tails"])
        return self


def _softmax(scores):
    exp = numpy.exp(scores - scores.max())
    return exp / exp.sum()
