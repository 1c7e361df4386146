"""Build ``models/lexicons/function_words.txt``: two-character verbs, prepositions and
other non-name words, from jieba's dictionary (MIT; the ``peers`` extra).

``NameRules`` uses it to tell 开展区人大 (a verb, then the district people's congress)
from 平川县民政局 (a place the lexicon does not know, then its bureau): a bare level +
organ after a name character is left to the NER, unless the two characters before it
are one of these words. jieba's part-of-speech tags are the only offline source of
such a list here; the list ships, jieba is not needed at run time.

    python corpus/function_words.py [--min-freq 20] [--out models/lexicons/function_words.txt]
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# verbs, prepositions, adverbs, conjunctions, localisers, numerals, pronouns, measure words
TAGS = ("v", "vd", "vn", "p", "d", "ad", "c", "f", "m", "r", "q")


def function_words(dict_lines, min_freq: int = 20, tags=TAGS) -> list[str]:
    """Two-character words of jieba's ``word freq tag`` lines with one of ``tags``."""
    words = set()
    for line in dict_lines:
        parts = line.split()
        if len(parts) == 3 and len(parts[0]) == 2 and parts[2] in tags and int(parts[1]) >= min_freq:
            words.add(parts[0])
    return sorted(words)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-freq", type=int, default=20)
    parser.add_argument("--out", type=Path, default=ROOT / "models" / "lexicons" / "function_words.txt")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    import jieba

    source = Path(jieba.__file__).parent / "dict.txt"
    words = function_words(source.read_text(encoding="utf8").splitlines(), args.min_freq)
    args.out.write_text("".join(w + "\n" for w in words), encoding="utf8")
    logging.info("%d words -> %s", len(words), args.out)


if __name__ == "__main__":
    main()
