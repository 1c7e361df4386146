"""Character tokens with word information from govie's own pkuseg model.

Entities in government text have exact character boundaries that often fall inside
words ("全区出生" / "1552人"), so govie's Docs hold one token per character. The
word segmentation from our pkuseg model (trained by ``make train-seg``, shipped in
``models/``) is kept on each character token: ``token.norm_`` is the word that holds
the character and ``token.lemma_`` its position in that word (``B``, ``I``, ``E`` or
``S``). Models read both as features. Without a segmenter model every character is a
one-character word.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

import spacy
from spacy.tokens import Doc
from spacy.util import get_words_and_spaces
from spacy.vocab import Vocab

from .errors import Errors, GovieError

MODEL_FILES = ("features.msgpack", "weights.npz")
USER_DICT = "user_dict.txt"


def word_positions(text: str, words: list[str]) -> list[tuple[int, int]]:
    """Character (start, end) of each segmenter word, aligned to ``text``."""
    spans, pos = [], 0
    for word in words:
        start = text.find(word, pos)
        if start < 0:  # the segmenter normalised something: fall back to characters
            continue
        spans.append((start, start + len(word)))
        pos = start + len(word)
    return spans


def word_prf(
    gold: Iterable[list[str]], pred: Iterable[list[str]]
) -> tuple[float, float, float]:
    """Word precision, recall and F1: a word is right when both its edges are."""
    n_gold = n_pred = n_ok = 0
    for g_words, p_words in zip(gold, pred):
        g_spans, p_spans = set(_spans(g_words)), set(_spans(p_words))
        n_gold += len(g_spans)
        n_pred += len(p_spans)
        n_ok += len(g_spans & p_spans)
    p = n_ok / n_pred if n_pred else 0.0
    r = n_ok / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _spans(words: list[str]) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for word in words:
        spans.append((pos, pos + len(word)))
        pos += len(word)
    return spans


class CharWordTokenizer:
    """One token per non-space character; pkuseg words as ``norm_`` / ``lemma_``."""

    def __init__(
        self, vocab: Vocab, model_dir: str | Path | None = None, user_dict: bool = True
    ):
        self.vocab = vocab
        self.model_dir: Path | None = None
        self.user_dict = user_dict
        self.segmenter = None
        if model_dir:
            self.load_segmenter(model_dir)

    def load_segmenter(self, model_dir: str | Path) -> None:
        """Use the pkuseg model (and its ``user_dict.txt``, if present) in ``model_dir``."""
        import spacy_pkuseg

        model_dir = Path(model_dir)
        missing = [f for f in MODEL_FILES if not (model_dir / f).exists()]
        if missing:
            raise GovieError(Errors.E301.format(path=model_dir, missing=", ".join(missing)))
        # user_dict=None: no download, and no merging by pkuseg's bundled dictionary
        segmenter = spacy_pkuseg.pkuseg(str(model_dir), user_dict=None)
        user_dict = model_dir / USER_DICT
        if self.user_dict and user_dict.exists():
            segmenter.preprocesser = spacy_pkuseg.Preprocesser(str(user_dict))
        self.segmenter = segmenter
        self.model_dir = model_dir

    def segment(self, text: str) -> list[str]:
        """Words of ``text`` by the segmenter (characters when there is none)."""
        if self.segmenter is None:
            return [c for c in text if not c.isspace()]
        return self.segmenter.cut(text)

    def __call__(self, text: str) -> Doc:
        chars = [c for c in text if not c.isspace()]
        words, spaces = get_words_and_spaces(chars, text)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        offsets = [t.idx for t in doc]
        index_of = {off: i for i, off in enumerate(offsets)}
        for start, end in word_positions(text, self.segment(text)):
            word = text[start:end]
            for off in range(start, end):
                i = index_of.get(off)
                if i is None:
                    continue
                token = doc[i]
                token.norm_ = word
                if end - start == 1:
                    token.lemma_ = "S"
                else:
                    token.lemma_ = "B" if off == start else ("E" if off == end - 1 else "I")
        return doc

    def pipe(self, texts, batch_size: int = 1000):
        for text in texts:
            yield self(text)

    # serialisation: the pkuseg model files travel with the pipeline
    def to_disk(self, path: str | Path, **kwargs) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        if self.model_dir is not None and self.model_dir.resolve() != path.resolve():
            for name in (*MODEL_FILES, USER_DICT):
                if (self.model_dir / name).exists():
                    shutil.copyfile(self.model_dir / name, path / name)

    def from_disk(self, path: str | Path, **kwargs) -> CharWordTokenizer:
        path = Path(path)
        if all((path / f).exists() for f in MODEL_FILES):
            self.load_segmenter(path)
        return self

    def to_bytes(self, **kwargs) -> bytes:
        import srsly

        files = {}
        if self.model_dir is not None:
            for name in (*MODEL_FILES, USER_DICT):
                if (self.model_dir / name).exists():
                    files[name] = (self.model_dir / name).read_bytes()
        return srsly.msgpack_dumps(files)

    def from_bytes(self, data: bytes, **kwargs) -> CharWordTokenizer:
        import srsly

        files = srsly.msgpack_loads(data)
        if files:
            tmp = Path(tempfile.mkdtemp(prefix="govie-seg-"))
            for name, content in files.items():
                (tmp / name).write_bytes(content)
            self.load_segmenter(tmp)
        return self

    def __reduce__(self):
        return (_tokenizer_from_bytes, (self.vocab, self.to_bytes()))


def _tokenizer_from_bytes(vocab: Vocab, data: bytes) -> CharWordTokenizer:
    return CharWordTokenizer(vocab).from_bytes(data)


@spacy.registry.tokenizers("govie.CharWordTokenizer.v1")
def create_tokenizer(model_dir: str | None = None):
    def make(nlp) -> CharWordTokenizer:
        return CharWordTokenizer(nlp.vocab, model_dir=model_dir)

    return make
