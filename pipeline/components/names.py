"""``govie_names``: preset PER, LOC and ORG spans from lexicons and patterns (``pipeline.names``).

Runs before ``ner``, which keeps preset entities and labels the rest. A second instance
with ``fill`` (``govie_names_fill``, after ``ner``) adds the short place names the first
one deferred to the NER, where the NER tagged nothing over them. The lexicons
travel with the pipeline (``to_disk``/``from_disk``); ``initialize`` reads them from
``models/lexicons`` (or the directory given).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from spacy.language import Language
from spacy.scorer import get_ner_prf
from spacy.tokens import Doc
from spacy.training import Example

from ..extensions import doc_text
from ..names import NameRules, read_lexicon, read_places, read_words

LEXICON_DIR = Path(__file__).resolve().parents[2] / "models" / "lexicons"
FILES = ("places.tsv", "names.tsv", "function_words.txt")


def save_lexicons(component, path: Path, files: tuple[str, ...]) -> None:
    """Copy the lexicon ``files`` a name component reads into ``path``; a component not
    called yet loads the default lexicons first, so that they travel with it."""
    path.mkdir(parents=True, exist_ok=True)
    if component.source is None:
        component.load(LEXICON_DIR)
    if component.source is None or component.source.resolve() == path.resolve():
        return
    for name in files:
        if (component.source / name).exists():
            shutil.copyfile(component.source / name, path / name)


@Language.factory(
    "govie_names",
    default_config={"labels": ["PER", "LOC", "ORG"], "fill": False},
    assigns=["doc.ents"],
    requires=["doc.ents"],
)
def make_names(nlp: Language, name: str, labels: list[str], fill: bool) -> NameTagger:
    return NameTagger(name, labels, fill)


class NameTagger:
    def __init__(self, name: str, labels: list[str], fill: bool = False):
        self.name = name
        self.labels = set(labels)
        self.fill = fill
        self.rules: NameRules | None = None
        self.source: Path | None = None

    def initialize(self, get_examples=None, nlp=None, lexicon_dir: str | Path = LEXICON_DIR) -> None:
        self.load(Path(lexicon_dir))

    def load(self, directory: Path) -> None:
        if not (directory / "places.tsv").exists():
            return
        self.rules = NameRules(read_places(directory / "places.tsv"), read_lexicon(directory / "names.tsv"),
                               read_words(directory / "function_words.txt"))
        self.source = directory

    def __call__(self, doc: Doc) -> Doc:
        if self.rules is None:
            self.load(LEXICON_DIR)
        if self.rules is None:
            return doc
        taken = [(e.start_char, e.end_char) for e in doc.ents]
        new = []
        text = doc_text(doc)
        found = self.rules.deferred(text) if self.fill else self.rules(text)
        for start, end, label in found:
            if label in self.labels and not any(s < end and start < e for s, e in taken):
                span = doc.char_span(start, end, label=label)
                if span is not None:
                    new.append(span)
        if new:
            doc.ents = sorted([*doc.ents, *new], key=lambda s: s.start)
        return doc

    def score(self, examples: list[Example], **kwargs) -> dict:
        return get_ner_prf(examples)

    def to_disk(self, path, exclude=tuple()) -> None:
        save_lexicons(self, Path(path), FILES)

    def from_disk(self, path, exclude=tuple()) -> NameTagger:
        self.load(Path(path))
        return self
