"""Out-of-fold pipeline scores on our annotations: a large selection set for names.

The held-out split of ../shared/train has 126 LOC and 62 ORG; our annotations have 3,811
and 1,887. To score the pipeline on them without the NER having learned them:

    python training/oof_eval.py folds                      # corpus/build/ours_x{0,1}.spacy
    python training/train_ner.py --name xf0 --config training/configs/ner_finetune.cfg \\
        --data train,ours_x0 --seg models/seg --max-steps 3000 \\
        --set 'paths.stage1="training/runs/final_s1/model/model-best"'       # and xf1
    python training/oof_eval.py lexicons                   # training/runs/oof/lex{0,1}
    python training/oof_eval.py score --tag NAME           # training/runs/oof/NAME.*.jsonl

Stage 2 model ``k`` is trained on ../shared/train and our documents outside fold ``k``
(``split.fold_of(doc, 2)``; stage 1 never saw our annotations) and tags the documents of
fold ``k`` through the assembled pipeline. The name components read lexicons built the
same way: ``names.tsv`` from ../shared/train only, plus the ``O`` places from train and
the other fold, and the shipped ``places.tsv`` and ``function_words.txt``.
"""

from __future__ import annotations

import argparse
import json
import logging
import shutil
import subprocess
import sys
from pathlib import Path

from split import fold_of  # training/ is the script directory

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from corpus.name_lexicon import head_table, names_lexicon, write_names  # noqa: E402
from corpus.standoff import read_jsonl, train_lines  # noqa: E402
from pipeline.names import REGIONS, read_places  # noqa: E402

BUILD = ROOT / "corpus" / "build"
OUT = ROOT / "training" / "runs" / "oof"
LEXICONS = ROOT / "models" / "lexicons"
SHARED = ROOT.parent / "shared"
FOLDS = 2
logger = logging.getLogger("govie.oof_eval")


def ours() -> list[dict]:
    return read_jsonl(BUILD / "ours" / "ours.jsonl")


def write_folds() -> None:
    """``ours_x{k}.spacy``: the DocBin of our lines outside fold ``k`` (NER training data)."""
    import spacy
    from spacy.tokens import DocBin

    docs = list(DocBin().from_disk(BUILD / "ours.spacy").get_docs(spacy.blank("zh").vocab))
    lines = ours()
    for k in range(FOLDS):
        keep = [d for d, x in zip(docs, lines, strict=True) if fold_of(x["doc"], FOLDS) != k]
        DocBin(store_user_data=True, docs=keep).to_disk(BUILD / f"ours_x{k}.spacy")
        logger.info("ours_x%d.spacy: %d lines", k, len(keep))


def write_lexicons() -> None:
    """``OUT/lex{k}``: the name lexicons fold ``k`` may see."""
    train = train_lines(SHARED)
    places = read_places(LEXICONS / "places.tsv") | set(REGIONS)
    lines = ours()
    for k in range(FOLDS):
        out = OUT / f"lex{k}"
        out.mkdir(parents=True, exist_ok=True)
        seen = train + [x for x in lines if fold_of(x["doc"], FOLDS) != k]
        write_names(out / "names.tsv", names_lexicon(train, places, stop_lines=seen))
        write_names(out / "heads.tsv", head_table(seen))
        for name in ("places.tsv", "function_words.txt"):
            shutil.copyfile(LEXICONS / name, out / name)


def score(tag: str, runs: str) -> None:
    """Tag each fold with its model; score all lines with ../shared/tools/gold.py."""
    from pipeline.annotate import annotate_rows
    from pipeline.build import assemble

    lines = ours()
    gold, pred = OUT / f"{tag}.gold.jsonl", OUT / f"{tag}.pred.jsonl"
    with gold.open("w", encoding="utf8") as g, pred.open("w", encoding="utf8") as p:
        for k in range(FOLDS):
            part = [x for x in lines if fold_of(x["doc"], FOLDS) == k]
            nlp = assemble(ner_model=runs.format(k=k), lexicons=OUT / f"lex{k}")
            g.writelines(json.dumps(x, ensure_ascii=False) + "\n" for x in part)
            p.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in annotate_rows(nlp, [dict(x) for x in part]))
    result = subprocess.run([sys.executable, str(SHARED / "tools" / "gold.py"), "score", str(gold), str(pred)],
                            capture_output=True, text=True, check=True)
    logger.info("%s", result.stdout)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("step", choices=["folds", "lexicons", "score"])
    ap.add_argument("--tag", default="oof")
    ap.add_argument("--runs", default="training/runs/xf{k}/model/model-best")
    args = ap.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    {"folds": write_folds, "lexicons": write_lexicons, "score": lambda: score(args.tag, args.runs)}[args.step]()


if __name__ == "__main__":
    main()
