"""DATE by rules: calendar and report-relative time expressions (ANNOTATION.md ``DATE``).

Runs before ``ner``; ``ner`` keeps the preset spans. Matches are added to ``doc.ents``
where they do not overlap an existing entity; other tokens keep their state, so the
statistical ``ner`` still labels them.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.scorer import Scorer
from spacy.tokens import Doc, Span
from spacy.training import Example

from ..errors import Errors, GovieError
from ..extensions import doc_text

DATE_PATTERNS = (
    r"(?:19|20)\d{2}\s?年(?:底|末|初|上半年|下半年|前三季度|[一二三四]季度|\d{1,2}月份?(?:\d{1,2}日)?)?",
    r"(?:20[xX]{2}|[xX]{2}\s?年?)年",
    r"(?<![\d.])\d{1,2}\s?[-—至~]\s?\d{1,2}月份?",
    r"(?<![\d.])\d{1,2}月\d{1,2}日(?:至\d{1,2}日)?",
    r"去年同期|上年同期|去年\d{1,2}月份?|上年|去年|今年|明年|当年|当月|年初|年末|年底",
    r"上半年|下半年|前三季度|[一二三四]季度|过去一年|一年来|这一年|过去的?五年|五年来|这五年",
    r"(?<!\d)近\d{1,2}年|(?<!\d)\d{1,2}年来",
    r"“十[一二三四五六七八九]五”(?:时期|期间|以来|末期|末|开局之年|收官之年|这五年)?",
    r"[〇○零一二三四五六七八九]{4}年",
    r"近[一二三四五六七八九十]年来?|今后五年|未来五年",
    r"[一二三四五六七八九十]{1,2}、[一二三四五六七八九十]{1,2}月份?",
    r"(?:元旦、?春节|春节|国庆|中秋)(?:期间|前后|前夕)",
)
DATE_RE = re.compile("|".join(DATE_PATTERNS))


def find_dates(text: str) -> list[tuple[int, int]]:
    """Character (start, end) of every date expression in ``text``."""
    return [(m.start(), m.end()) for m in DATE_RE.finditer(text)]


@Language.factory(
    "govie_dates",
    default_config={"label": "DATE"},
    assigns=["doc.ents"],
)
def make_dates(nlp: Language, name: str, label: str) -> DateRecognizer:
    return DateRecognizer(name, label=label)


class DateRecognizer:
    """Adds rule-matched DATE spans to ``doc.ents``; leaves unmatched tokens as they are."""

    def __init__(self, name: str, label: str = "DATE"):
        if not label:
            raise GovieError(Errors.E403.format(label=label))
        self.name = name
        self.label = label

    def __call__(self, doc: Doc) -> Doc:
        taken = {i for e in doc.ents for i in range(e.start, e.end)}
        spans: list[Span] = []
        for start, end in find_dates(doc_text(doc)):
            span = doc.char_span(start, end, label=self.label, alignment_mode="contract")
            if span is None or not len(span) or taken.intersection(range(span.start, span.end)):
                continue
            spans.append(span)
            taken.update(range(span.start, span.end))
        if spans:
            doc.set_ents(spans, default="unmodified")
        return doc

    def initialize(self, get_examples=None, nlp=None) -> None:
        return None

    def score(self, examples: list[Example], **kwargs) -> dict:
        def getter(doc: Doc, attr: str) -> list[Span]:
            return [e for e in doc.ents if e.label_ == self.label]

        scores = Scorer.score_spans(list(examples), "ents", getter=getter, **kwargs)
        return {f"dates_{k}": v for k, v in scores.items() if not k.endswith("per_type")}

    def to_disk(self, path, exclude=tuple()) -> None:
        return None

    def from_disk(self, path, exclude=tuple()) -> DateRecognizer:
        return self
