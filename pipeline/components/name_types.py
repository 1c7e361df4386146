"""``govie_name_types``: LOC or ORG by the head noun of the name (after ``ner``).

First, a place the NER tagged alone where it starts a facility name is extended to that
name (云阳 → 云阳世界地质公园, 亚洲 → 亚洲文化遗产保护联盟; ``facility_extension``: a head
within 8 characters, no punctuation, digit or verb between). Out-of-fold (below) LOC F
0.726 → 0.735, ORG 0.667 → 0.670; the held-out split unchanged. An organisation is
extended only to an organisation head (紫金山 → 紫金山实验室), and adjacent ORG pieces the
NER split (中国水权交易所 | 武汉交易服务中心) are merged: ORG F 0.686 → 0.709 out-of-fold
(``training/oof_eval.py``), 0.704 → 0.755 on the held-out split.

With ``persons``, a short name after a title or before 同志 that the NER typed as a place
becomes PER (所长 周明远), and masked names in a person's place (主要领导***同志) are
added, and so are names set off by spaces after a title (区委书记 钱某某 与…)
or by a list comma, a stop, 同志 or 等 (``pipeline.persons``): out-of-fold PER F 0.901
→ 0.920, LOC and ORG unchanged.

A LOC the NER ran on past a level-ending place into what follows is cut back to the
place (龙井村集体经济收入 → 龙井村, so the indicator scorer can take 集体经济收入;
``pipeline.names.place_overrun``): out-of-fold LOC F 0.738 → 0.740, held-out unchanged.
Where no hand-written facility head follows, a name is extended to the nearest three-
or four-character ending of ``heads.tsv`` within 8 characters (湛江临港 → 湛江临港经济区;
``pipeline.names.learned_extension``): out-of-fold LOC 0.741 → 0.743, ORG 0.717 →
0.721; held-out one name worse (大湾区 in a designation); gold LOC 0.746 → 0.752.

With ``organisations``, an organisation named by a level and a head after a boundary
(县医保局, 乡民政办, 县城第二水厂; 42 of the 43 it finds in train and our annotations
are ORG) replaces the pieces the NER tagged inside it: out-of-fold ORG F 0.712 →
0.717, held-out and gold unchanged.

Adjacent places of falling administrative level are one name (宁波市 | 鄞州区; ANNOTATION.md
tags the longest name): out-of-fold LOC 0.740 → 0.741, held-out unchanged.

The NER confuses the two where the context is alike (鹊山区 as the author of a summary,
铜梁龙足球队 beside places). ANNOTATION.md types a name by what it names, and the last
word says that (…区, …镇, …产业园 are places; …电厂, …足球队, …党工委 are organisations):
``pipeline.names.head_label``. Names the lexicon ``names.tsv`` labels (from the
annotations) keep their label. Out-of-fold on our annotations (NER stage 2 trained on the
other half; 5,698 names) this moved LOC F from 0.718 to 0.726 and ORG F from 0.646 to
0.667; on the held-out split of ../shared/train LOC from 0.849 to 0.853, ORG from 0.692
to 0.704.
"""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.scorer import get_ner_prf
from spacy.tokens import Doc
from spacy.training import Example

from ..extensions import doc_text
from ..names import (
    admin_rank,
    facility_extension,
    head_label,
    learned_extension,
    learned_head_label,
    level_organisations,
    place_overrun,
    read_lexicon,
    read_words,
)
from ..persons import delimited_persons, masked_persons, titled_person
from .indicators import word_bounds
from .names import LEXICON_DIR, save_lexicons

LEXICON = "names.tsv"
HEADS = "heads.tsv"
FUNCTION_WORDS = "function_words.txt"


@Language.factory("govie_name_types",
                  default_config={"labels": ["LOC", "ORG"], "persons": True, "organisations": True},
                  assigns=["doc.ents"], requires=["doc.ents"])
def make_name_types(nlp: Language, name: str, labels: list[str], persons: bool, organisations: bool) -> NameTyper:
    return NameTyper(name, labels, persons, organisations)


class NameTyper:
    def __init__(self, name: str, labels: list[str], persons: bool = True, organisations: bool = True):
        self.name = name
        self.labels = set(labels)
        self.persons = persons
        self.organisations = organisations
        self.function_words: set[str] = set()
        self.known: dict[str, str] | None = None
        self.heads: dict[str, str] = {}
        self.source: Path | None = None

    def initialize(self, get_examples=None, nlp=None, lexicon_dir: str | Path = LEXICON_DIR) -> None:
        self.load(Path(lexicon_dir))

    def load(self, directory: Path) -> None:
        self.known = read_lexicon(directory / LEXICON)
        self.heads = read_lexicon(directory / HEADS)
        self.function_words = read_words(directory / FUNCTION_WORDS)
        self.source = directory

    def __call__(self, doc: Doc) -> Doc:
        if self.known is None:
            self.load(LEXICON_DIR)
        ents = list(doc.ents)
        text = doc_text(doc)
        spans, changed = [], False
        for i, ent in enumerate(ents):
            new = self._extended(doc, text, ent, ents[i + 1].start_char if i + 1 < len(ents) else len(text))
            new = (self._person(doc, text, new or ent) or self._retyped(doc, new or ent)
                   or self._trimmed(doc, new or ent) or new)
            changed |= new is not None
            spans.append(new or ent)
        merged, added = _merge_split_names(doc, spans), []
        found = self._found_names(text)
        if found:
            merged, added = _added_names(doc, merged, found)
        if changed or added or len(merged) != len(spans):
            doc.ents = sorted(merged + added, key=lambda span: span.start)
        return doc

    def _found_names(self, text: str) -> list[tuple[int, int, str]]:
        """Masked names in a person's place (副县长***, ***同志), names after a title whose
        end the text shows (区委书记 周明远 与…, 镇长周明远、…), and organisations named
        by a level and a head (县医保局, 乡民政办)."""
        found = []
        if self.persons:
            found += [(s, e, "PER") for s, e in masked_persons(text) + delimited_persons(text)]
        if self.organisations:
            found += [(s, e, "ORG") for s, e in level_organisations(text, self.function_words)]
        return found

    def _person(self, doc: Doc, text: str, ent):
        """A name after a title (所长 周明远) or before 同志 as PER (``pipeline.persons``)."""
        if not self.persons or ent.label_ not in ("LOC", "ORG") or ent.text in self.known:
            return None
        if not titled_person(text, ent.start_char, ent.end_char):
            return None
        return doc.char_span(ent.start_char, ent.end_char, label="PER")

    def _trimmed(self, doc: Doc, ent):
        """A LOC the NER ran on past a place into what follows, cut back to the place
        (龙井村集体经济收入 → 龙井村; ``pipeline.names.place_overrun``)."""
        if ent.label_ != "LOC" or ent.text in self.known:
            return None
        if learned_head_label(ent.text, self.heads) is not None:
            return None
        _, ends = word_bounds(ent)
        cut = place_overrun(ent.text, {end - ent.start_char for end in ends})
        return None if cut is None else doc.char_span(ent.start_char, ent.start_char + cut, label="LOC")

    def _extended(self, doc: Doc, text: str, ent, limit: int):
        """A name that starts a facility name, extended to it (云阳 → 云阳世界地质公园;
        an organisation only to an organisation: 紫金山 → 紫金山实验室)."""
        if ent.label_ not in ("LOC", "ORG"):
            return None
        found = (facility_extension(text, ent.end_char, limit)
                 or learned_extension(text, ent.end_char, limit, self.heads))
        if found is None or found[1] not in self.labels:
            return None
        if ent.label_ == "ORG" and found[1] != "ORG":  # 青禾集团 + 产业园 is a place of it
            return None
        return doc.char_span(ent.start_char, found[0], label=found[1])

    def _retyped(self, doc: Doc, ent):
        """The span with the label its head noun gives, if that differs (names.tsv names keep theirs)."""
        if ent.label_ not in self.labels or ent.text in self.known:
            return None
        label = learned_head_label(ent.text, self.heads) or head_label(ent.text)
        if label is None or label == ent.label_ or label not in self.labels:
            return None
        return doc.char_span(ent.start_char, ent.end_char, label=label)

    def score(self, examples: list[Example], **kwargs) -> dict:
        return get_ner_prf(examples)

    def to_disk(self, path, exclude=tuple()) -> None:
        save_lexicons(self, Path(path), (LEXICON, HEADS, FUNCTION_WORDS))

    def from_disk(self, path, exclude=tuple()) -> NameTyper:
        self.load(Path(path))
        return self


def _added_names(doc: Doc, spans: list, found: list[tuple[int, int, str]]) -> tuple[list, list]:
    """The ``found`` names that no other entity crosses; entities inside them give way:
    (kept, added)."""
    added = []
    for start, end, label in found:
        span = doc.char_span(start, end, label=label)
        if span is None or any(s.start < span.end and span.start < s.end and not
                               (span.start <= s.start and s.end <= span.end) for s in spans + added):
            continue
        spans = [s for s in spans if not (span.start <= s.start and s.end <= span.end)]
        added.append(span)
    return spans, added


def _merge_split_names(doc: Doc, spans: list) -> list:
    """Adjacent pieces of one name as one entity, as ANNOTATION.md tags the longest name:
    ORG pieces the NER split (中国水权交易所 | 武汉交易服务中心, 大唐 | 抚州电厂), and
    places of falling administrative level (宁波市 | 鄞州区, 麻城镇 | 斗笠村)."""
    merged = []
    for ent in spans:
        prev = merged[-1] if merged else None
        if prev is not None and prev.end_char == ent.start_char and _one_name(prev, ent):
            whole = doc.char_span(prev.start_char, ent.end_char, label=ent.label_)
            if whole is not None:
                merged[-1] = whole
                continue
        merged.append(ent)
    return merged


def _one_name(first, second) -> bool:
    if first.label_ == second.label_ == "ORG":
        return True
    if first.label_ == second.label_ == "LOC":
        outer, inner = admin_rank(first.text), admin_rank(second.text)
        return outer is not None and inner is not None and inner > outer
    return False
