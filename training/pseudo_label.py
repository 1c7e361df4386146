"""Report paragraphs tagged by a govie pipeline, as an NER DocBin (self-training data).

    .venv/bin/python training/pseudo_label.py [--chars 600000] [--seed 1] \
        [--model DIR] [--out corpus/build/pseudo.spacy]

Paragraphs come from the same report readers as the silver data (``corpus/build.py``):
national reports from 2000, provincial 2025 docx and 2026 csv, ≥ 20 characters, shuffled
with ``--seed``. A paragraph is skipped when ``corpus/guard.py`` blocks it (gold, seed) or
when it shares text with ../shared/train (dev split included) or with our annotations,
so that no selection line comes back as training data. Each kept paragraph is tagged by
``--model`` (default: ``pipeline.load()``) and stored fully annotated (untagged text is
``O``). ``train_ner.py --data train,pseudo,…`` then reads it like any other DocBin.

Session 7 tried it as stage 1 (models/README.md, training/README.md): dev F of the NER
alone went up, the assembled pipeline on the held-out split went down, so the shipped NER
does not use it.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from spacy.vocab import Vocab  # noqa: E402

import pipeline  # noqa: E402
from corpus import build  # noqa: E402
from corpus.guard import Guard  # noqa: E402
from corpus.standoff import read_jsonl  # noqa: E402
from pipeline.build import NER_MODEL, assemble  # noqa: E402
from pipeline.tokenizer import CharWordTokenizer  # noqa: E402

logger = logging.getLogger("govie.pseudo_label")


def candidate_paragraphs(shared: Path, ours_jsonl: Path, chars: int, seed: int) -> list[str]:
    """Shuffled report paragraphs up to ``chars`` characters, none of them annotated or gold."""
    guard = Guard.from_shared(shared)
    train, dev = build.split_train(shared)
    ours = read_jsonl(ours_jsonl) if ours_jsonl.exists() else []
    annotated = Guard([x["text"] for x in train + dev + ours])
    chosen, budget = [], chars
    for text in build.shuffled_paragraphs(shared / "data", (guard, annotated), seed):
        if budget <= 0:
            break
        chosen.append(text)
        budget -= len(text)
    return chosen


def teacher(model: Path | None, ner_model: Path | None, lexicons: Path | None):
    """The tagging pipeline: a pipeline directory, or the assembled parts with another NER
    and name lexicons (an out-of-fold teacher: ``training/oof_eval.py``'s ``xf{k}`` and
    ``lex{k}``)."""
    if model is not None:
        return pipeline.load(model)
    if ner_model is None and lexicons is None:
        return pipeline.load()
    return assemble(ner_model=ner_model or NER_MODEL, lexicons=lexicons)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=build.SHARED)
    ap.add_argument("--ours", type=Path, default=build.OUT / "ours" / "ours.jsonl")
    ap.add_argument("--chars", type=int, default=600_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--model", type=Path, default=None, help="pipeline directory (default: pipeline.load())")
    ap.add_argument("--ner-model", type=Path, default=None, help="assemble the pipeline around this NER")
    ap.add_argument("--lexicons", type=Path, default=None, help="name lexicons for the name components")
    ap.add_argument("--out", type=Path, default=build.OUT / "pseudo.spacy")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    texts = candidate_paragraphs(args.shared, args.ours, args.chars, args.seed)
    logger.info("%d paragraphs, %d characters", len(texts), sum(map(len, texts)))
    nlp = teacher(args.model, args.ner_model, args.lexicons)
    tokenizer = CharWordTokenizer(Vocab())
    docs = []
    for doc in nlp.pipe(texts, batch_size=32):
        spans = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
        docs.append(build.make_doc(tokenizer, doc.text, spans))
    build.save(docs, args.out)
    logger.info("wrote %s (%d docs)", args.out, len(docs))


if __name__ == "__main__":
    main()
