"""Assemble the shipped pipeline under ``models/govie`` from its parts.

    python training/assemble.py [--seg models/seg] [--ner models/ner] [--out models/govie]

tokenizer (our pkuseg model) → govie_sentences → govie_quantities → govie_dates →
ner (trained) → govie_facts. ``pipeline.load()`` returns what this writes.
"""

from __future__ import annotations

import argparse
import logging
import shutil
from pathlib import Path

import pipeline
from pipeline.build import DEFAULT_MODEL, NER_MODEL, SEG_MODEL

logger = logging.getLogger("govie.assemble")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seg", type=Path, default=SEG_MODEL)
    parser.add_argument("--ner", type=Path, default=NER_MODEL)
    parser.add_argument("--out", type=Path, default=DEFAULT_MODEL)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
    nlp = pipeline.assemble(args.seg, args.ner)
    nlp.meta.update({"name": "govie", "version": pipeline.__version__,
                     "description": "Facts out of Chinese government reports"})
    if args.out.exists():
        shutil.rmtree(args.out)
    nlp.to_disk(args.out)
    size = sum(f.stat().st_size for f in args.out.rglob("*") if f.is_file())
    logger.info("wrote %s: %s (%.1f MB)", args.out, nlp.pipe_names, size / 1e6)


if __name__ == "__main__":
    main()
