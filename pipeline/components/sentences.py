"""Sentence boundaries for Chinese report text: 。！？；, their ASCII twins, line breaks."""

from __future__ import annotations

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.scorer import Scorer
from spacy.tokens import Doc
from spacy.training import Example

DEFAULT_ENDS = "。！？；!?;"
CLOSERS = "”’」』）)"


@Language.factory(
    "govie_sentences",
    default_config={"ends": DEFAULT_ENDS, "newline": True},
    assigns=["token.is_sent_start"],
)
def make_sentences(nlp: Language, name: str, ends: str, newline: bool) -> SentenceSplitter:
    return SentenceSplitter(name, ends=ends, newline=newline)


def sentence_starts(token_texts: list[str], ends: str, newline: bool) -> list[bool]:
    """Whether each token starts a sentence, given the tokens' texts.

    Closing quotes and brackets right after an end, and whitespace, stay with the
    sentence they follow.
    """
    starts, after_end = [], True
    for tok in token_texts:
        is_break = tok in ends or (newline and "\n" in tok)
        attached = tok in CLOSERS or tok.isspace()
        starts.append(after_end and not is_break and not attached)
        if is_break:
            after_end = True
        elif not (attached and after_end):
            after_end = False
    return starts


class SentenceSplitter:
    """Rule-based sentence splitter; quotes and brackets after an end stay attached."""

    def __init__(self, name: str, ends: str = DEFAULT_ENDS, newline: bool = True):
        self.name = name
        self.ends = ends
        self.newline = newline

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        starts = sentence_starts([t.text for t in doc], self.ends, self.newline)
        values = numpy.asarray([[1 if s or i == 0 else -1] for i, s in enumerate(starts)], dtype="int64")
        values = values.astype("uint64")
        doc.from_array([SENT_START], values)  # one pass; per-token setters rescan the doc
        return doc

    def initialize(self, get_examples=None, nlp=None) -> None:
        return None

    def score(self, examples: list[Example], **kwargs) -> dict:
        return Scorer.score_spans(examples, "sents", **kwargs)

    def to_disk(self, path, exclude=tuple()) -> None:
        return None

    def from_disk(self, path, exclude=tuple()) -> SentenceSplitter:
        return self
