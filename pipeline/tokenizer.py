"""Character tokens with word information from govie's own pkuseg model.

Entities in government text have exact character boundaries that often fall inside
words ("全区出生" / "1552人"), so govie's Docs hold one token per character. The
word segmentation from our pkuseg model (trained by ``make train-seg``, shipped in
``models/seg``) is kept on each character token: ``token.norm_`` is the word that holds
the character and ``token.lemma_`` its position in that word (``B``, ``I``, ``E`` or
``S``). Models read both as features. Without a segmenter model every character is a
one-character word. Whitespace that is not a single space after a character becomes a
whitespace token (as in spaCy), with an empty ``lemma_``.
"""

from __future__ import annotations

import logging
import tempfile
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy
import spacy
import srsly
from spacy.attrs import LEMMA, NORM
from spacy.tokens import Doc
from spacy.util import get_words_and_spaces
from spacy.vocab import Vocab

from .errors import Errors, GovieError, Warnings

MODEL_FILES = ("features.msgpack", "weights.npz")
USER_DICT = "user_dict.txt"
REPO_ROOT = Path(__file__).resolve().parents[1]
# pkuseg sees ASCII as the full-width forms its training text (CTB6) mostly uses
FULL_WIDTH = {c: c + 0xFEE0 for c in range(0x21, 0x7F)}
logger = logging.getLogger(__name__)


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


def _char_words(text: str) -> tuple[list[str], list[bool]]:
    if not any(c.isspace() for c in text):
        return list(text), [False] * len(text)
    return get_words_and_spaces([c for c in text if not c.isspace()], text)


def resolve_model_dir(model_dir: str | Path) -> Path:
    """``model_dir`` as given, else relative to the repository root."""
    path = Path(model_dir)
    if not path.exists() and not path.is_absolute() and (REPO_ROOT / path).exists():
        return REPO_ROOT / path
    return path


class DictCutter:
    """pkuseg's user-dictionary pre-cut (forward longest match), with sets, not a trie.

    Stands in for ``spacy_pkuseg.Preprocesser``, which builds five times slower and
    whose trie walk can overshoot the last dictionary word ("四川省科" for 四川省).
    """

    def __init__(self, words: Iterable[str]):
        self.words = set(words)
        self.prefixes = {w[:k] for w in self.words for k in range(1, len(w) + 1)}

    def solve(self, text: str) -> tuple[list[str], list[bool], list[str]]:
        """Pieces of ``text``; dictionary words flagged True (pkuseg keeps them whole)."""
        pieces: list[str] = []
        is_word: list[bool] = []
        last = i = 0
        while i < len(text):
            end, j = -1, i + 1
            while j <= len(text) and text[i:j] in self.prefixes:
                if text[i:j] in self.words:
                    end = j
                j += 1
            if end < 0:
                i += 1
                continue
            if last != i:
                pieces.append(text[last:i])
                is_word.append(False)
            pieces.append(text[i:end])
            is_word.append(True)
            last = i = end
        if last < len(text):
            pieces.append(text[last:])
            is_word.append(False)
        return pieces, is_word, [""] * len(pieces)


class CharWordTokenizer:
    """One token per non-space character; pkuseg words as ``norm_`` / ``lemma_``.

    ``user_dict=False`` ignores the ``user_dict.txt`` beside the model.
    """

    def __init__(
        self, vocab: Vocab | None, model_dir: str | Path | None = None, user_dict: bool = True
    ):
        self.vocab = vocab
        self.user_dict = user_dict
        self.segmenter = None
        self.files: dict[str, bytes] = {}  # the model files, for serialisation
        if model_dir:
            self.load_segmenter(model_dir)

    @property
    def has_user_dict(self) -> bool:
        return self.user_dict and USER_DICT in self.files

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
            segmenter.preprocesser = DictCutter(user_dict.read_text(encoding="utf-8").split())
        self.files = _read_files(model_dir)
        self.segmenter = segmenter

    def segment(self, text: str) -> list[str]:
        """Words of ``text`` by the segmenter (characters when there is none)."""
        if self.segmenter is None:
            return [c for c in text if not c.isspace()]
        folded = text.translate(FULL_WIDTH)
        return [text[s:e] for s, e in word_positions(folded, self.segmenter.cut(folded))]

    def __call__(self, text: str) -> Doc:
        words, spaces = _char_words(text)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        if not words:
            return doc
        strings = self.vocab.strings
        offsets = numpy.cumsum([0] + [len(w) + s for w, s in zip(words, spaces)])[:-1]
        index_of = {int(off): i for i, off in enumerate(offsets)}
        attrs = numpy.zeros((len(words), 2), dtype="uint64")
        attrs[:, 0] = [strings.add(w) for w in words]  # whitespace tokens: norm = text
        tags = [strings.add(tag) for tag in "BIES"]
        for start, end in word_positions(text, self.segment(text)):
            norm = strings.add(text[start:end])
            for off in range(start, end):
                i = index_of.get(off)
                if i is not None:
                    attrs[i, 0] = norm
                    attrs[i, 1] = tags[_position(off, start, end)]
        doc.from_array([NORM, LEMMA], attrs)
        return doc

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    # serialisation: the pkuseg model files travel with the pipeline
    def to_disk(self, path: str | Path, **kwargs) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        for name, content in self.files.items():
            (path / name).write_bytes(content)

    def from_disk(self, path: str | Path, **kwargs) -> CharWordTokenizer:
        path = Path(path)
        # skip the reload when the config already loaded these very files
        if all((path / f).exists() for f in MODEL_FILES) and _read_files(path) != self.files:
            self.load_segmenter(path)
        return self

    def to_bytes(self, **kwargs) -> bytes:
        return srsly.msgpack_dumps({"user_dict": self.user_dict, "files": self.files})

    def from_bytes(self, data: bytes, **kwargs) -> CharWordTokenizer:
        msg = srsly.msgpack_loads(data)
        self.user_dict = msg["user_dict"]
        if msg["files"]:
            with tempfile.TemporaryDirectory(prefix="govie-seg-") as tmp:
                for name, content in msg["files"].items():
                    (Path(tmp) / name).write_bytes(content)
                self.load_segmenter(tmp)
        return self

    def __reduce__(self):
        return (_tokenizer_from_bytes, (self.vocab, self.to_bytes()))


def _read_files(model_dir: Path) -> dict[str, bytes]:
    names = (*MODEL_FILES, USER_DICT)
    return {name: (model_dir / name).read_bytes() for name in names if (model_dir / name).exists()}


def _position(off: int, start: int, end: int) -> int:
    """Index in "BIES" of the character at ``off`` in the word ``[start, end)``."""
    if end - start == 1:
        return 3
    return 0 if off == start else (2 if off == end - 1 else 1)


def _tokenizer_from_bytes(vocab: Vocab, data: bytes) -> CharWordTokenizer:
    return CharWordTokenizer(vocab).from_bytes(data)


@spacy.registry.tokenizers("govie.CharWordTokenizer.v1")
def create_tokenizer(model_dir: str | None = None, user_dict: bool = True):
    """Char tokenizer with the pkuseg model in ``model_dir`` (relative to the cwd or repo).

    A ``model_dir`` that does not exist only warns: a saved pipeline carries its own
    copy of the model, which ``from_disk`` loads.
    """

    def make(nlp) -> CharWordTokenizer:
        path = resolve_model_dir(model_dir) if model_dir else None
        if path is not None and not path.exists():
            warnings.warn(Warnings.W301.format(path=model_dir), stacklevel=2)
            path = None
        return CharWordTokenizer(nlp.vocab, model_dir=path, user_dict=user_dict)

    return make
