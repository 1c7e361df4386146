"""``govie_guard``: labels the rules own stay the rules' (after ``ner``).

QTY and DATE come from exact rules (``govie_quantities``, ``govie_dates``), which
score higher than the statistical NER on them; this component drops QTY and DATE
entities the NER added beyond the rules (5G, 30万吨级, 第6个 …), leaving the other
tokens unlabelled.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example

from ..extensions import doc_text
from .dates import find_dates


@Language.factory("govie_guard", default_config={"labels": ["QTY", "DATE"]},
                  assigns=["doc.ents"], requires=["doc.ents"])
def make_guard(nlp: Language, name: str, labels: list[str]) -> RuleGuard:
    return RuleGuard(name, labels)


class RuleGuard:
    def __init__(self, name: str, labels: list[str]):
        self.name = name
        self.labels = set(labels)

    def ruled(self, doc: Doc) -> set[tuple[int, int, str]]:
        spans = {(q["start"], q["end"], "QTY") for q in (doc._.quantities or [])}
        spans |= {(s, e, "DATE") for s, e in find_dates(doc_text(doc))}
        return spans

    def __call__(self, doc: Doc) -> Doc:
        ruled = self.ruled(doc)
        kept = [e for e in doc.ents
                if e.label_ not in self.labels or (e.start_char, e.end_char, e.label_) in ruled]
        if len(kept) != len(doc.ents):
            doc.set_ents(kept, default="outside")
        return doc

    def initialize(self, get_examples=None, nlp=None) -> None:
        return None

    def score(self, examples: list[Example], **kwargs) -> dict:
        return {}

    def to_disk(self, path, exclude=tuple()) -> None:
        return None

    def from_disk(self, path, exclude=tuple()) -> RuleGuard:
        return self
