"""Fine-tune the pretrained character BERT for govie's entity labels (BIO per character).

    OMP_NUM_THREADS=1 .venv/bin/python training/finetune_encoder.py \
        [--encoder training/runs/encoder/model] [--data train[,public,silver]] \
        [--out training/runs/encoder_ner] [--minutes 30] [--ship models/encoder]

Trains on ``corpus/build/<part>.spacy`` (``make corpus``), selects on
``corpus/build/dev.spacy`` (entity F after every epoch; never on gold) and saves the
best ``govie_transformer_ner`` component to ``--out/model-best`` (and ``--ship``).
Tokens whose label is missing in a part (public, silver) are ignored by the loss.
``--encoder none`` starts from random weights (the baseline without pretraining).
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import random
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import torch  # noqa: E402
from spacy.scorer import get_ner_prf  # noqa: E402
from spacy.tokens import Doc, DocBin  # noqa: E402
from spacy.training import Example  # noqa: E402
from spacy.vocab import Vocab  # noqa: E402

from pipeline.architectures.char_encoder import CharVocab  # noqa: E402
from pipeline.components.transformer_ner import TransformerNER  # noqa: E402
from training.pretrain_encoder import lr_lambda  # noqa: E402

logger = logging.getLogger("finetune_encoder")
CONFIG = ROOT / "training" / "configs" / "encoder.json"
CORPUS = ROOT / "corpus" / "build"
ENCODER = ROOT / "training" / "runs" / "encoder" / "model"
OUT = ROOT / "training" / "runs" / "encoder_ner"


def read_docs(path: Path) -> list[Doc]:
    return list(DocBin().from_disk(path).get_docs(Vocab()))


def evaluate(comp: TransformerNER, docs: list[Doc]) -> dict:
    """Entity P/R/F (per type too) of ``comp`` on ``docs`` (their entities removed)."""
    blanks = [Doc(doc.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc]) for doc in docs]
    preds = list(comp.pipe(blanks))
    return get_ner_prf([Example(p, r) for p, r in zip(preds, docs)])


def train(args: argparse.Namespace, cfg: dict) -> dict:
    fcfg = cfg["finetune"]
    random.seed(fcfg["seed"])
    torch.manual_seed(fcfg["seed"])
    comp = TransformerNER("govie_transformer_ner", fcfg["labels"], cfg["bert"], fcfg["window"], fcfg["stride"])
    encoder = None if str(args.encoder) == "none" else args.encoder
    vocab_path = args.encoder / "vocab.txt" if encoder else ROOT / "training" / "runs" / "encoder" / "vocab.txt"
    comp.build(CharVocab.from_disk(vocab_path), encoder)
    docs = [d for part in args.data.split(",") for d in read_docs(CORPUS / f"{part}.spacy")]
    dev = read_docs(CORPUS / "dev.spacy")
    items = comp.training_items(docs)
    logger.info("%d docs, %d windows; dev %d docs", len(docs), len(items), len(dev))
    model = comp.model
    bs = fcfg["batch_size"]
    steps_per_epoch = (len(items) + bs - 1) // bs
    max_steps = steps_per_epoch * fcfg["max_epochs"]
    optimizer = torch.optim.AdamW(model.parameters(), lr=fcfg["learn_rate"], weight_decay=fcfg["weight_decay"])
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lr_lambda(fcfg["warmup_steps"], max_steps))
    args.out.mkdir(parents=True, exist_ok=True)
    log = (args.out / "scores.csv").open("w", newline="")
    writer = csv.writer(log)
    writer.writerow(["epoch", "step", "minutes", "loss", "dev_f", *fcfg["labels"]])
    start, step, best = time.monotonic(), 0, {"f": -1.0}
    for epoch in range(1, fcfg["max_epochs"] + 1):
        random.shuffle(items)
        total = 0.0
        for i in range(0, len(items), bs):
            loss = comp.update(items[i : i + bs], optimizer)
            scheduler.step()
            step, total = step + 1, total + loss
        scores = evaluate(comp, dev)
        per = scores["ents_per_type"]
        mins = (time.monotonic() - start) / 60
        writer.writerow([epoch, step, f"{mins:.2f}", f"{total / steps_per_epoch:.4f}", f"{scores['ents_f']:.4f}",
                         *(f"{per.get(lab, {}).get('f', 0):.4f}" for lab in fcfg["labels"])])
        log.flush()
        logger.info("epoch %d step %d %.1f min loss %.4f dev F %.4f", epoch, step, mins,
                    total / steps_per_epoch, scores["ents_f"])
        if scores["ents_f"] > best["f"]:
            best = {"f": scores["ents_f"], "epoch": epoch, "step": step, "per_type": per}
            comp.to_disk(args.out / "model-best")
        if mins > args.minutes:
            break
    best["minutes"] = (time.monotonic() - start) / 60
    (args.out / "best.json").write_text(json.dumps(best, indent=1), encoding="utf8")
    log.close()
    if args.ship:
        shutil.rmtree(args.ship, ignore_errors=True)
        shutil.copytree(args.out / "model-best", args.ship)
    return best


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--config", type=Path, default=CONFIG)
    ap.add_argument("--encoder", type=Path, default=ENCODER, help="pretrained dir, or 'none'")
    ap.add_argument("--data", default="train")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--minutes", type=float, default=None)
    ap.add_argument("--max-epochs", type=int, default=None)
    ap.add_argument("--learn-rate", type=float, default=None)
    ap.add_argument("--ship", type=Path, default=None)
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    torch.set_num_threads(1)
    cfg = json.loads(args.config.read_text(encoding="utf8"))
    if args.max_epochs:
        cfg["finetune"]["max_epochs"] = args.max_epochs
    if args.learn_rate:
        cfg["finetune"]["learn_rate"] = args.learn_rate
    args.minutes = args.minutes or cfg["finetune"]["minutes"]
    best = train(args, cfg)
    logger.info("best: %s", json.dumps(best))


if __name__ == "__main__":
    main()
