"""``govie_transformer_ner``: entities from govie's character BERT (BIO over characters).

The encoder is pretrained by ``training/pretrain_encoder.py`` and fine-tuned with a
token-classification head by ``training/finetune_encoder.py``. One model position is
one non-space character token (``pipeline/tokenizer.py``), so predicted spans are
exact character spans. Like spaCy's ``ner``, the component keeps the entities already
in ``doc.ents`` (rules) and adds only the predicted spans that overlap none of them.
With ``merge_adjacent`` (default), a ``B-X`` right after an ``X`` character continues
that entity: adjacent entities of one label are rare (22 of 4,928 in the train split)
and the small encoder often splits one entity with a stray ``B`` (dev F 0.352 -> 0.434).

On disk: ``model/`` (HF ``BertForTokenClassification``, fp16 weights),
``vocab.txt`` (``CharVocab``) and ``labels.json``. torch and transformers are imported
only when a model is built or loaded.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.scorer import get_ner_prf
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.util import minibatch

from ..architectures.char_encoder import (
    CLS,
    PAD,
    SEP,
    CharVocab,
    bio_labels,
    bio_to_spans,
    owner_windows,
    windows,
)
from ..errors import Errors, GovieError

DEFAULT_BERT = {
    "hidden_size": 256, "num_hidden_layers": 4, "num_attention_heads": 4,
    "intermediate_size": 1024, "max_position_embeddings": 128, "type_vocab_size": 1,
}
DEFAULT_LABELS = ["PER", "LOC", "ORG", "IND", "QTY", "DATE"]


@Language.factory(
    "govie_transformer_ner",
    default_config={"labels": DEFAULT_LABELS, "bert": DEFAULT_BERT, "window": 126, "stride": 96,
                    "batch_size": 32, "threads": 1, "merge_adjacent": True},
    assigns=["doc.ents"],
    requires=["doc.ents"],
    default_score_weights={"ents_f": 1.0, "ents_p": 0.0, "ents_r": 0.0, "ents_per_type": None},
)
def make_transformer_ner(
    nlp: Language, name: str, labels: list[str], bert: dict, window: int, stride: int,
    batch_size: int, threads: int, merge_adjacent: bool,
) -> TransformerNER:
    return TransformerNER(name, labels, bert, window, stride, batch_size, threads, merge_adjacent)


def add_transformer_ner(nlp: Language, model_dir: str | Path, after: str = "govie_names") -> TransformerNER:
    """Add ``govie_transformer_ner`` loaded from ``model_dir`` (where ``tok2vec`` + ``ner`` go)."""
    if not (Path(model_dir) / "model").exists():
        raise GovieError(Errors.E405.format(path=model_dir))
    after = after if after in nlp.pipe_names else None
    comp = nlp.add_pipe("govie_transformer_ner", after=after) if after else nlp.add_pipe("govie_transformer_ner")
    return comp.from_disk(model_dir)


def _transformers():
    """The transformers module (an optional dependency: the ``train`` extra)."""
    try:
        import torch  # noqa: F401
        import transformers
    except ImportError as err:
        raise GovieError(Errors.E406) from err
    return transformers


def char_positions(doc: Doc) -> tuple[list[int], list[int]]:
    """Indices of the tokens the model reads (all but whitespace), and where each
    paragraph (text between newlines) starts in that list."""
    positions, starts = [], [0]
    for tok in doc:
        if not tok.is_space:
            positions.append(tok.i)
        elif "\n" in tok.text and positions and starts[-1] != len(positions):
            starts.append(len(positions))
    return positions, starts


class TransformerNER:
    """Character BIO tagger over overlapping windows; see the module docstring."""

    def __init__(self, name: str, labels: list[str], bert: dict, window: int = 126,
                 stride: int = 96, batch_size: int = 32, threads: int = 1, merge_adjacent: bool = True):
        self.name = name
        self.labels = list(labels)
        self.bert = dict(bert)
        self.window = window
        self.stride = stride
        self.batch_size = batch_size
        self.threads = threads
        self.merge_adjacent = merge_adjacent
        self.tags = bio_labels(self.labels)
        self.vocab: CharVocab | None = None
        self.model: Any = None

    # building and loading ------------------------------------------------------------

    def build(self, vocab: CharVocab, encoder: str | Path | None = None) -> None:
        """A token-classification model: the pretrained ``encoder`` dir, else random."""
        hf = _transformers()
        self.vocab = vocab
        id2label = dict(enumerate(self.tags))
        label2id = {t: i for i, t in id2label.items()}
        if encoder:
            self.model = hf.BertForTokenClassification.from_pretrained(
                str(encoder), num_labels=len(self.tags), id2label=id2label, label2id=label2id)
        else:
            cfg = hf.BertConfig(vocab_size=len(vocab), pad_token_id=PAD, num_labels=len(self.tags),
                             id2label=id2label, label2id=label2id, **self.bert)
            self.model = hf.BertForTokenClassification(cfg)
        self.model.float()

    def initialize(self, get_examples=None, nlp: Language | None = None,
                   encoder: str | None = None, vocab_path: str | None = None) -> None:
        """Build the model: ``encoder`` (a pretrained dir holding ``vocab.txt``) or random
        weights over the characters of the examples (or ``vocab_path``)."""
        if encoder:
            vocab = CharVocab.from_disk(Path(encoder) / "vocab.txt")
        elif vocab_path:
            vocab = CharVocab.from_disk(vocab_path)
        else:
            texts = [eg.reference.text for eg in get_examples()] if get_examples else []
            vocab = CharVocab.from_texts(texts, min_count=1)
        self.build(vocab, encoder)

    def to_disk(self, path: str | Path, exclude: Iterable[str] = tuple()) -> None:
        import torch

        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        self.vocab.to_disk(path / "vocab.txt")
        (path / "labels.json").write_text(json.dumps(self.tags), encoding="utf8")
        half = {k: v.to(torch.float16) if v.is_floating_point() else v
                for k, v in self.model.state_dict().items()}
        self.model.save_pretrained(path / "model", state_dict=half)

    def from_disk(self, path: str | Path, exclude: Iterable[str] = tuple()) -> TransformerNER:
        transformers = _transformers()
        transformers.utils.logging.disable_progress_bar()
        path = Path(path)
        if not (path / "model").exists():
            raise GovieError(Errors.E405.format(path=path))
        self.vocab = CharVocab.from_disk(path / "vocab.txt")
        self.tags = json.loads((path / "labels.json").read_text(encoding="utf8"))
        self.model = transformers.BertForTokenClassification.from_pretrained(str(path / "model")).float()
        self.model.eval()
        return self

    # training ------------------------------------------------------------------------

    def doc_tags(self, doc: Doc, positions: list[int]) -> list[int]:
        """Tag id per model position; -100 where the label is missing or unknown."""
        tag_ids = {t: i for i, t in enumerate(self.tags)}
        out = []
        for tok in (doc[i] for i in positions):
            if tok.ent_iob_ == "":
                out.append(-100)
            else:
                tag = "O" if tok.ent_iob_ == "O" else f"{tok.ent_iob_}-{tok.ent_type_}"
                out.append(tag_ids.get(tag, -100))
        return out

    def training_items(self, docs: Iterable[Doc]) -> list[tuple[list[int], list[int]]]:
        """``(input ids, tag ids)`` of every window holding a known label."""
        out = []
        for doc in docs:
            positions, spans, inputs = self.doc_windows(doc)
            tags = self.doc_tags(doc, positions)
            for (s, e), ids in zip(spans, inputs):
                if any(t != -100 for t in tags[s:e]):
                    out.append((ids, [-100] + tags[s:e] + [-100]))
        return out

    def update(self, items: list[tuple[list[int], list[int]]], optimizer: Any) -> float:
        """One optimizer step on a batch of training items; the loss."""
        import torch

        width = max(len(ids) for ids, _ in items)
        ids = torch.full((len(items), width), PAD, dtype=torch.long)
        labels = torch.full((len(items), width), -100, dtype=torch.long)
        for row, (x, y) in enumerate(items):
            ids[row, : len(x)] = torch.tensor(x)
            labels[row, : len(y)] = torch.tensor(y)
        self.model.train()
        loss = self.model(input_ids=ids, attention_mask=(ids != PAD).long(), labels=labels).loss
        loss.backward()
        torch.nn.utils.clip_grad_norm_(self.model.parameters(), 1.0)
        optimizer.step()
        optimizer.zero_grad()
        return loss.item()

    # prediction ----------------------------------------------------------------------

    def doc_windows(self, doc: Doc) -> tuple[list[int], list[tuple[int, int]], list[list[int]]]:
        """Token positions, windows over them, and each window's input ids."""
        positions, starts = char_positions(doc)
        ids = self.vocab.encode([doc[i].text for i in positions])
        spans = []
        for first, end in zip(starts, [*starts[1:], len(positions)]):
            if end > first:
                spans += [(first + s, first + e) for s, e in windows(end - first, self.window, self.stride)]
        return positions, spans, [[CLS] + ids[s:e] + [SEP] for s, e in spans]

    def predict_tags(self, inputs: list[list[int]]) -> list[list[int]]:
        """The best tag id of every character of every window (no [CLS]/[SEP])."""
        import torch

        torch.set_num_threads(self.threads)
        if not inputs:
            return []
        order = sorted(range(len(inputs)), key=lambda i: len(inputs[i]))
        out: list[list[int]] = [[] for _ in inputs]
        self.model.eval()
        with torch.no_grad():
            for chunk in minibatch(order, self.batch_size):
                width = max(len(inputs[i]) for i in chunk)
                ids = torch.full((len(chunk), width), PAD, dtype=torch.long)
                for row, i in enumerate(chunk):
                    ids[row, : len(inputs[i])] = torch.tensor(inputs[i])
                logits = self.model(input_ids=ids, attention_mask=(ids != PAD).long()).logits
                best = logits.argmax(-1).tolist()
                for row, i in enumerate(chunk):
                    out[i] = best[row][1 : len(inputs[i]) - 1]
        return out

    def set_annotations(self, doc: Doc, positions: list[int], spans: list[tuple[int, int]],
                        tags: list[list[int]]) -> None:
        owners = owner_windows(len(positions), spans)
        chars = [self.tags[tags[w][i - spans[w][0]]] for i, w in enumerate(owners)]
        for first in char_positions(doc)[1][1:]:  # no entity crosses a newline
            if chars[first].startswith("I-"):
                chars[first] = "B-" + chars[first][2:]
        taken = {t.i for e in doc.ents for t in e}
        new = []
        for start, end, label in bio_to_spans(chars, self.merge_adjacent):
            first, last = positions[start], positions[end - 1] + 1
            if not any(i in taken for i in range(first, last)):
                new.append(Span(doc, first, last, label=label))
        if new:
            doc.set_ents(sorted([*doc.ents, *new], key=lambda s: s.start), default="unmodified")

    def pipe(self, docs: Iterable[Doc], batch_size: int = 16) -> Iterator[Doc]:
        for batch in minibatch(docs, batch_size):
            prepared = [self.doc_windows(doc) for doc in batch]
            inputs = [x for _, _, ins in prepared for x in ins]
            tags = self.predict_tags(inputs)
            k = 0
            for doc, (positions, spans, ins) in zip(batch, prepared):
                self.set_annotations(doc, positions, spans, tags[k : k + len(ins)])
                k += len(ins)
            yield from batch

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def score(self, examples: list[Example], **kwargs) -> dict:
        return get_ner_prf(examples)
