"""``govie_quantities``: rule-based ``QTY`` spans with their parsed value and unit.

The recogniser is :func:`pipeline.numbers.find_quantities` (pure, over ``doc.text``); this
component puts its matches into ``doc.ents`` (keeping existing entities that do not
overlap them) and writes ``doc._.quantities`` as plain dicts.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

from spacy.language import Language
from spacy.scorer import Scorer
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.util import filter_spans

from ..errors import Errors, GovieError
from ..extensions import doc_text, register_extensions
from ..numbers import QuantityMatch, find_quantities

logger = logging.getLogger(__name__)


@Language.factory(
    "govie_quantities",
    default_config={"label": "QTY", "overwrite": False},
    assigns=["doc.ents", "doc._.quantities"],
)
def make_quantities(nlp: Language, name: str, label: str, overwrite: bool) -> QuantityRecognizer:
    register_extensions()
    return QuantityRecognizer(name, label=label, overwrite=overwrite)


def quantity_dict(match: QuantityMatch) -> dict:
    """The plain-dict form stored in ``doc._.quantities``."""
    q = match.quantity
    return {
        "start": match.start,
        "end": match.end,
        "text": match.text,
        "value": q.value,
        "value_high": q.value_high,
        "unit": q.unit,
        "approx": q.approx,
        "kind": q.kind,
    }


class QuantityRecognizer:
    """Tags quantities as ``label`` spans; ``overwrite`` lets them replace overlapping ents."""

    def __init__(self, name: str = "govie_quantities", label: str = "QTY", overwrite: bool = False):
        if not label:
            raise GovieError(Errors.E201.format(label=label))
        self.name = name
        self.label = label
        self.overwrite = overwrite

    def __call__(self, doc: Doc) -> Doc:
        spans: list[Span] = []
        kept: list[dict] = []
        for match in find_quantities(doc_text(doc)):
            span = doc.char_span(match.start, match.end, label=self.label)
            if span is None:  # a boundary inside a token: only with a foreign tokenizer
                span = doc.char_span(match.start, match.end, label=self.label, alignment_mode="expand")
                if span is None:
                    logger.debug("no span for %r at %d", match.text, match.start)
                    continue
            spans.append(span)
            kept.append(quantity_dict(match))
        doc.ents = self._merge(doc, spans)
        in_ents = {(e.start_char, e.end_char) for e in doc.ents if e.label_ == self.label}
        doc._.quantities = [q for q in kept if (q["start"], q["end"]) in in_ents]
        return doc

    def _merge(self, doc: Doc, spans: list[Span]) -> list[Span]:
        existing = list(doc.ents)
        if self.overwrite:
            taken = {i for span in spans for i in range(span.start, span.end)}
            others = [e for e in existing if not taken.intersection(range(e.start, e.end))]
            return filter_spans(others + spans)
        taken = {i for e in existing for i in range(e.start, e.end)}
        fresh = [s for s in spans if not taken.intersection(range(s.start, s.end))]
        return sorted(existing + filter_spans(fresh), key=lambda s: s.start)

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        for doc in docs:
            yield self(doc)

    def initialize(self, get_examples=None, nlp=None) -> None:
        return None

    def score(self, examples: Iterable[Example], **kwargs) -> dict:
        """Span P/R/F of ``label`` entities only, as ``qty_p``, ``qty_r``, ``qty_f``."""
        label = self.label

        def getter(doc: Doc, attr: str) -> list[Span]:
            return [e for e in doc.ents if e.label_ == label]

        scores = Scorer.score_spans(list(examples), "ents", getter=getter, **kwargs)
        return {
            "qty_p": scores["ents_p"],
            "qty_r": scores["ents_r"],
            "qty_f": scores["ents_f"],
        }

    def to_disk(self, path: str | Path, exclude=tuple()) -> None:
        return None

    def from_disk(self, path: str | Path, exclude=tuple()) -> QuantityRecognizer:
        return self
