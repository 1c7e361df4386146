"""Train ``govie_indicators`` on ../shared/train (gold context entities), report held-out IND F.

    python training/train_indicators.py [training/configs/indicators.cfg] [FOLDS]

Holds out some documents for selection and prints IND span P/R/F on them, then trains
on everything and saves the component to ``[paths] output``. With ``FOLDS`` > 0 it only
prints IND P/R/F cross-validated over that many document folds (steadier than the one
held-out split for comparing features: 5 folds take ~30 s).
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

from spacy.util import load_config
from split import (  # training/ is the script directory
    fold_of,
    is_dev,
    our_files,
    run_epochs,
    train_files,
)

import pipeline
from pipeline.components.indicators import TrainItem, word_bounds
from pipeline.linking import Ent

logger = logging.getLogger("govie.train_indicators")


def read_items(paths: list[Path], seg: str | None) -> dict[str, list[tuple[TrainItem, list[Ent]]]]:
    """Per document: (training item, gold IND entities of its line) for every QTY."""
    nlp = pipeline.blank(seg)
    docs: dict[str, list] = {}
    for path in paths:
        for raw in path.read_text(encoding="utf8").splitlines():
            row = json.loads(raw)
            text = row["text"]
            ents = [Ent(e["start"], e["end"], e["label"]) for e in row["entities"]]
            context = [e for e in ents if e.label != "IND"]
            gold_inds = [e for e in ents if e.label == "IND"]
            starts, ends = word_bounds(nlp.make_doc(text))
            ind_of = {f["qty"]: ents[f["ind"]] for f in row["facts"] if f["ind"] is not None}
            line_items = []
            for i, qty in enumerate(ents):
                if qty.label != "QTY":
                    continue
                ind = ind_of.get(i)
                gold = (ind.start, ind.end) if ind is not None else None
                line_items.append((text, qty, context, gold, starts, ends))
            docs.setdefault(row.get("doc") or path.stem, []).append((line_items, gold_inds))
    return docs


def ind_prf(finder, lines, totals: dict | None = None) -> dict[str, float]:
    """IND span P/R/F of ``finder`` on ``lines``; the counts are also added to ``totals``."""
    counts = {"tp": 0, "pred": 0, "gold": 0}
    for items, gold_inds in lines:
        if not items:
            counts["gold"] += len(gold_inds)
            continue
        text, _, context, _, starts, ends = items[0]
        pred = {(e.start, e.end) for e in finder.predict_spans(text, context, starts, ends)}
        gold = {(e.start, e.end) for e in gold_inds}
        counts["tp"] += len(pred & gold)
        counts["pred"] += len(pred)
        counts["gold"] += len(gold)
    if totals is not None:
        for key, value in counts.items():
            totals[key] += value
    return _prf(counts)


def fit(nlp, lines, cfg) -> object:
    finder = nlp.add_pipe("govie_indicators", config=cfg["component_cfg"])
    items = [it for line_items, _ in lines for it in line_items]
    finder.initialize(items, lexicon=cfg["lexicon"])
    run_epochs(finder.update, items, cfg)
    return finder


def cross_validate(docs: dict, extra: list, cfg: dict, folds: int) -> dict[str, float]:
    """IND P/R/F pooled over ``folds`` document folds (each scored by a model trained without
    it); ``extra`` lines are always in training."""
    totals = {genre: {"tp": 0.0, "pred": 0.0, "gold": 0.0} for genre in ("all", "report", "page")}
    for k in range(folds):
        rest = [x for n, lines in docs.items() if fold_of(n, folds) != k for x in lines] + extra
        finder = fit(pipeline.blank(), rest, cfg)
        for n, lines in docs.items():
            if fold_of(n, folds) == k:
                ind_prf(finder, lines, totals["all"])
                ind_prf(finder, lines, totals[genre_of(n)])
    return {genre: _prf(t) for genre, t in totals.items()}


def genre_of(doc_name: str) -> str:
    """``report`` for provincial work reports (2026_X省_政府工作报告), ``page`` for scraped pages."""
    return "report" if "政府工作报告" in doc_name else "page"


def _prf(t: dict) -> dict[str, float]:
    p, r = t["tp"] / max(1, t["pred"]), t["tp"] / max(1, t["gold"])
    return {"p": round(p, 4), "r": round(r, 4), "f": round(2 * p * r / max(1e-9, p + r), 4)}


def load_data(config_path: str):
    """The config, the training settings (with the indicator lexicon), ../shared/train items
    per document, and the lines of our annotations."""
    config = load_config(config_path)
    lexicon = Path(config["paths"]["lexicon"]).read_text(encoding="utf8").split()
    cfg = dict(config["training"], component_cfg=config["component"], lexicon=lexicon)
    docs = read_items(train_files(config["paths"]), config["paths"]["seg"])
    ours = [x for lines in read_items(our_files(config["paths"]), config["paths"]["seg"]).values() for x in lines]
    return config, cfg, docs, ours


def main(config_path: str = "training/configs/indicators.cfg", folds: str = "0") -> None:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    config, cfg, docs, ours = load_data(config_path)
    logger.info("our annotations: %d lines", len(ours))
    if int(folds):
        logger.info("cross-validated IND: %s", cross_validate(docs, ours, cfg, int(folds)))
        return
    dev = [x for n, lines in docs.items() if is_dev(n, cfg["dev_tenths"]) for x in lines]
    train = [x for n, lines in docs.items() if not is_dev(n, cfg["dev_tenths"]) for x in lines] + ours
    finder = fit(pipeline.blank(), train, cfg)
    result = {"held_out_ind": ind_prf(finder, dev), "train_ind": ind_prf(finder, train)}
    logger.info("%s", result)
    final = fit(pipeline.blank(), dev + train, cfg)
    out = Path(config["paths"]["output"])
    final.to_disk(out)
    config.to_disk(out / "indicators.cfg")
    (out / "scores.json").write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main(*sys.argv[1:])
