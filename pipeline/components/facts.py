"""``govie_facts``: link each measurement QTY to its IND, DATE and LOC; normalise it.

Writes ``doc._.facts`` as ANNOTATION.md "Pipeline output" says: ``qty``, ``ind``,
``date``, ``loc`` as [start, end] character offsets (or None), ``value``,
``value_high``, ``unit``, ``approx``, ``year``, ``change``, ``target``, ``confidence``.
The linker is chosen in the config (``govie.RuleLinker.v1`` by default).

``confidence`` estimates the chance that the fact's indicator is right: the linker's
probability for the link times the indicator scorer's probability for the span
(``doc._.indicator_scores``); an IND only the NER found counts ``ner_ind_confidence``
for the span, a fact without an indicator gets ``no_ind_confidence`` (both measured out
of fold, `models/README.md`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example

from .. import (
    linkers,  # noqa: F401  (registers the linkers)
    linking,
)
from ..architectures import relation_model  # noqa: F401  (registers the architecture)
from ..extensions import doc_text, register_extensions
from ..linking import Ent
from ..sections import context_at, detect_sections
from ..years import resolve_year

Linker = Callable[[str, list[Ent], list[Ent]], list[tuple[dict, float]]]


@Language.factory(
    "govie_facts",
    default_config={"linker": {"@misc": "govie.RuleLinker.v1"}, "prune_unlinked_ind": True,
                    "ner_ind_confidence": 0.6, "no_ind_confidence": 0.2},
    assigns=["doc._.facts", "doc._.meta", "doc.ents"],
    requires=["doc.ents"],
)
def make_facts(nlp: Language, name: str, linker: Linker, prune_unlinked_ind: bool,
               ner_ind_confidence: float, no_ind_confidence: float) -> FactLinker:
    register_extensions()
    return FactLinker(name, linker, prune_unlinked_ind, ner_ind_confidence, no_ind_confidence)


class FactLinker:
    """Turns QTY entities into facts."""

    def __init__(self, name: str, linker: Linker, prune_unlinked_ind: bool,
                 ner_ind_confidence: float, no_ind_confidence: float):
        self.name = name
        self.linker = linker
        self.prune_unlinked_ind = prune_unlinked_ind
        self.ner_ind_confidence = ner_ind_confidence
        self.no_ind_confidence = no_ind_confidence

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        meta = dict(doc._.meta or {})
        if "sections" not in meta:
            meta["sections"] = [list(s) for s in detect_sections(text, meta.get("doc_year"))]
        doc._.meta = meta
        ents = [Ent(e.start_char, e.end_char, e.label_) for e in doc.ents]
        parsed = {(q["start"], q["end"]): q for q in (doc._.quantities or [])}
        measured = []
        for qty in ents:
            if qty.label == "QTY":
                quantity = parsed.get((qty.start, qty.end)) or _parse(text, qty)
                if quantity is not None:
                    measured.append((qty, quantity))
        linked = self.linker(text, [q for q, _ in measured], ents)
        span_probs = {(s, e): p for s, e, p in (doc._.indicator_scores or [])}
        doc._.facts = [
            self.make_fact(text, qty, ents, quantity, meta["sections"], links,
                           self.confidence(links["ind"], link_prob, span_probs))
            for (qty, quantity), (links, link_prob) in zip(measured, linked)
        ]
        if self.prune_unlinked_ind:
            self._prune_unlinked(doc)
        return doc

    def confidence(self, ind: Ent | None, link_prob: float, span_probs: dict) -> float:
        """The chance the fact's indicator (span and link) is right."""
        if ind is None:
            return self.no_ind_confidence
        return round(link_prob * span_probs.get((ind.start, ind.end), self.ner_ind_confidence), 4)

    def _prune_unlinked(self, doc: Doc) -> None:
        """An IND is annotated only where a QTY measures it (ANNOTATION.md): drop the rest."""
        linked = {tuple(f["ind"]) for f in doc._.facts if f["ind"]}
        kept = [e for e in doc.ents if e.label_ != "IND" or (e.start_char, e.end_char) in linked]
        if len(kept) != len(doc.ents):
            doc.set_ents(kept, default="outside")

    def make_fact(self, text: str, qty: Ent, ents: list[Ent], quantity: dict, sections,
                  links: dict, confidence: float) -> dict:
        base_year, kind = context_at(sections, qty.start)
        date = links["date"]
        year = base_year
        if date is not None:
            year = resolve_year(text[date.start : date.end], base_year)
        elif linking.is_from_level(text, qty):
            year = linking.baseline_year(text, qty, base_year, _heading(text, sections, qty.start))
        return {
            "qty": [qty.start, qty.end],
            **{k: [e.start, e.end] if e is not None else None for k, e in links.items()},
            "value": quantity["value"],
            "value_high": quantity.get("value_high"),
            "unit": quantity["unit"],
            "approx": bool(quantity.get("approx")),
            "year": year,
            "change": linking.is_change(text, qty, ents),
            "target": linking.is_target(text, qty, kind),
            "confidence": confidence,
        }

    def initialize(self, get_examples=None, nlp=None) -> None:
        return None

    def score(self, examples: list[Example], **kwargs) -> dict:
        """Fact P/R/F on the qty span (facts whose qty span and value match)."""
        tp = n_pred = n_gold = 0
        for eg in examples:
            gold = {tuple(f["qty"]): f for f in (eg.reference._.facts or [])}
            pred = {tuple(f["qty"]): f for f in (eg.predicted._.facts or [])}
            n_gold, n_pred = n_gold + len(gold), n_pred + len(pred)
            tp += sum(1 for q, f in pred.items() if q in gold and gold[q]["ind"] == f["ind"])
        p = tp / n_pred if n_pred else 0.0
        r = tp / n_gold if n_gold else 0.0
        return {"facts_p": p, "facts_r": r, "facts_f": 2 * p * r / (p + r) if p + r else 0.0}

    def to_disk(self, path, exclude=tuple()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "linker.bin").write_bytes(self.linker.to_bytes())

    def from_disk(self, path, exclude=tuple()) -> FactLinker:
        weights = Path(path) / "linker.bin"
        if weights.exists():
            self.linker.from_bytes(weights.read_bytes())
        return self


def _heading(text: str, sections, pos: int) -> str:
    """The first line of the section holding ``pos``."""
    start = next((s[0] for s in sections if s[0] <= pos < s[1]), 0)
    end = text.find("\n", start)
    return text[start : end if end >= 0 else len(text)]


def _parse(text: str, qty: Ent) -> dict | None:
    """Parse a QTY the quantities component did not (e.g. one the NER added)."""
    try:
        from ..numbers import parse_quantity
    except ImportError:  # pragma: no cover - numbers package absent
        return None
    from ..numbers.parse import PREFIX_APPROX

    found = parse_quantity(text[qty.start : qty.end])
    if found is None:
        return None
    prefixed = text[max(0, qty.start - 2) : qty.start].endswith(PREFIX_APPROX)
    return {"value": found.value, "value_high": found.value_high, "unit": found.unit,
            "approx": found.approx or prefixed}
