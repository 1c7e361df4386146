"""Pretrain govie's small character BERT with masked-language modelling.

    OMP_NUM_THREADS=1 .venv/bin/python training/pretrain_encoder.py [--resume] \
        [--config training/configs/encoder.json] [--out training/runs/encoder] [--minutes 50]

Text: the government reports (national, provincial 2025/2026), the CPC congress
reports, the ``train`` split of ``../shared/train`` and the public NER and CTB6 corpora
in ``../shared/data``. Every paragraph passes ``corpus/guard.py`` (no gold or seed
text) and paragraphs overlapping the held-out ``dev`` split are dropped too. The text
and the vocabulary are written once to ``--out`` and reused on ``--resume``.

Every run stops after ``--minutes`` (checked each step), saves a checkpoint (model,
optimizer, schedule, step) every ``checkpoint_minutes`` and at the end, and continues
from it with ``--resume``. Loss is logged to ``--out/loss.csv``; the HF model is saved
to ``--out/model``.
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import random
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import torch  # noqa: E402
from transformers import BertConfig, BertForMaskedLM  # noqa: E402

from corpus import public  # noqa: E402
from corpus.build import PUBLIC, read_jsonl, report_paragraphs, split_train  # noqa: E402
from corpus.guard import Guard, normalise  # noqa: E402
from pipeline.architectures.char_encoder import CLS, MASK, PAD, SEP, SPECIALS, CharVocab  # noqa: E402

logger = logging.getLogger("pretrain_encoder")
SHARED = ROOT.parent / "shared"
CONFIG = ROOT / "training" / "configs" / "encoder.json"
OUT = ROOT / "training" / "runs" / "encoder"


def source_paragraphs(shared: Path) -> Iterator[str]:
    """Raw paragraphs of every pretraining source (unguarded)."""
    data = shared / "data"
    yield from report_paragraphs(data)
    for row in read_jsonl(data / "cpc_congress_reports" / "cpc_congress_reports.jsonl"):
        yield from row.get("content", "").split("\n")
    train, _ = split_train(shared)
    yield from (x["text"] for x in train)
    for name in PUBLIC:
        yield from (text for text, _, _ in public.read_public(name, data))
    ctb = data / "cws_ctb6" / "ctb6.train.seg"
    if ctb.exists():
        yield from (line.replace(" ", "") for line in ctb.read_text(encoding="utf8").splitlines())


def build_text(shared: Path, min_chars: int = 8) -> list[str]:
    """Guarded, de-duplicated paragraphs without whitespace."""
    guard = Guard.from_shared(shared)
    _, dev = split_train(shared)
    dev_guard = Guard([x["text"] for x in dev])
    paras = dict.fromkeys(normalise(p) for p in source_paragraphs(shared))
    kept = [p for p in paras if len(p) >= min_chars and not guard.blocks(p) and not dev_guard.blocks(p)]
    logger.info("text: %d paragraphs kept of %d, %d chars", len(kept), len(paras), sum(map(len, kept)))
    return kept


def pack(paras: list[str], vocab: CharVocab, seq_len: int) -> list[list[int]]:
    """Sequences ``[CLS] p1 [SEP] p2 [SEP] ...`` of at most ``seq_len`` ids."""
    body = seq_len - 1
    seqs: list[list[int]] = []
    cur = [CLS]
    for para in paras:
        ids = vocab.encode(para)
        for i in range(0, len(ids), body - 1):
            piece = ids[i : i + body - 1] + [SEP]
            if len(cur) + len(piece) > seq_len:
                seqs.append(cur)
                cur = [CLS]
            cur += piece
    if len(cur) > 1:
        seqs.append(cur)
    return seqs


def load_data(out: Path, shared: Path, cfg: dict, resume: bool) -> tuple[CharVocab, list[list[int]]]:
    text_path, vocab_path = out / "text.txt", out / "vocab.txt"
    if resume and text_path.exists() and vocab_path.exists():
        paras = text_path.read_text(encoding="utf8").split("\n")
        vocab = CharVocab.from_disk(vocab_path)
    else:
        paras = build_text(shared)
        random.Random(cfg["pretrain"]["seed"]).shuffle(paras)
        text_path.write_text("\n".join(paras), encoding="utf8")
        vocab = CharVocab.from_texts(paras, **cfg["vocab"])
        vocab.to_disk(vocab_path)
    logger.info("vocab: %d ids", len(vocab))
    return vocab, pack(paras, vocab, cfg["pretrain"]["seq_len"])


def collate(seqs: list[list[int]], vocab_size: int, mask_prob: float, gen: torch.Generator) -> dict:
    """Padded ids with BERT masking (80 % [MASK], 10 % random, 10 % kept)."""
    width = max(map(len, seqs))
    ids = torch.full((len(seqs), width), PAD, dtype=torch.long)
    for i, seq in enumerate(seqs):
        ids[i, : len(seq)] = torch.tensor(seq)
    special = ids < len(SPECIALS)
    chosen = (torch.rand(ids.shape, generator=gen) < mask_prob) & ~special
    labels = torch.where(chosen, ids, torch.full_like(ids, -100))
    roll = torch.rand(ids.shape, generator=gen)
    inputs = ids.clone()
    inputs[chosen & (roll < 0.8)] = MASK
    rand_ids = torch.randint(len(SPECIALS), vocab_size, ids.shape, generator=gen)
    swap = chosen & (roll >= 0.8) & (roll < 0.9)
    inputs[swap] = rand_ids[swap]
    return {"input_ids": inputs, "attention_mask": (ids != PAD).long(), "labels": labels}


def mlm_loss(model: BertForMaskedLM, batch: dict) -> tuple[torch.Tensor, float]:
    """Cross-entropy over the masked positions only (the vocabulary head skips the rest)."""
    hidden = model.bert(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"])[0]
    where = batch["labels"] != -100
    logits = model.cls(hidden[where])
    gold = batch["labels"][where]
    loss = torch.nn.functional.cross_entropy(logits, gold)
    return loss, (logits.argmax(-1) == gold).float().mean().item()


def lr_lambda(warmup: int, max_steps: int):
    def factor(step: int) -> float:
        if step < warmup:
            return (step + 1) / warmup
        return max(0.1, 1.0 - 0.9 * (step - warmup) / max(1, max_steps - warmup))

    return factor


def batch_order(n: int, epoch: int, seed: int) -> list[int]:
    order = list(range(n))
    random.Random(seed * 1000 + epoch).shuffle(order)
    return order


def evaluate(model: BertForMaskedLM, seqs: list[list[int]], cfg: dict, vocab_size: int) -> float:
    model.eval()
    gen = torch.Generator().manual_seed(12345)
    losses = []
    with torch.no_grad():
        for i in range(0, len(seqs), cfg["batch_size"]):
            batch = collate(seqs[i : i + cfg["batch_size"]], vocab_size, cfg["mask_prob"], gen)
            losses.append(mlm_loss(model, batch)[0].item())
    model.train()
    return sum(losses) / max(1, len(losses))


def save_checkpoint(path: Path, model, optimizer, scheduler, step: int, elapsed: float) -> None:
    tmp = path.with_suffix(".tmp")
    state = {
        "model": model.state_dict(),
        "optimizer": optimizer.state_dict(),
        "scheduler": scheduler.state_dict(),
        "step": step,
        "elapsed": elapsed,
    }
    torch.save(state, tmp)
    tmp.replace(path)


def train(cfg: dict, out: Path, shared: Path, resume: bool, minutes: float) -> None:
    pcfg = cfg["pretrain"]
    torch.manual_seed(pcfg["seed"])
    vocab, seqs = load_data(out, shared, cfg, resume)
    n_eval = pcfg["eval_sequences"]
    eval_seqs, seqs = seqs[:n_eval], seqs[n_eval:]
    logger.info("sequences: %d train, %d eval", len(seqs), len(eval_seqs))
    bert_cfg = BertConfig(vocab_size=len(vocab), pad_token_id=PAD, **cfg["bert"])
    model = BertForMaskedLM(bert_cfg)
    optimizer = torch.optim.AdamW(model.parameters(), lr=pcfg["learn_rate"], weight_decay=pcfg["weight_decay"])
    factor = lr_lambda(pcfg["warmup_steps"], pcfg["max_steps"])
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, factor)
    ckpt, step, elapsed_before = out / "checkpoint.pt", 0, 0.0
    if resume and ckpt.exists():
        state = torch.load(ckpt, weights_only=False)
        model.load_state_dict(state["model"])
        optimizer.load_state_dict(state["optimizer"])
        scheduler.load_state_dict(state["scheduler"])
        step, elapsed_before = state["step"], state["elapsed"]
        logger.info("resumed at step %d (%.1f min trained)", step, elapsed_before / 60)
    model.train()
    log_path = out / "loss.csv"
    new_log = not (resume and log_path.exists())
    log = log_path.open("w" if new_log else "a", newline="")
    writer = csv.writer(log)
    if new_log:
        writer.writerow(["step", "minutes", "lr", "loss", "mlm_acc", "eval_loss"])
    start = last_ckpt = time.monotonic()
    gen = torch.Generator().manual_seed(pcfg["seed"] + step)
    bs, run_loss, run_acc, run_n = pcfg["batch_size"], 0.0, 0.0, 0
    per_epoch = len(seqs) // bs
    orders: dict[int, list[int]] = {}
    while step < pcfg["max_steps"] and time.monotonic() - start < minutes * 60:
        epoch, pos = divmod(step, per_epoch)
        order = orders.setdefault(epoch, batch_order(len(seqs), epoch, pcfg["seed"]))
        batch = collate([seqs[i] for i in order[pos * bs : (pos + 1) * bs]], len(vocab), pcfg["mask_prob"], gen)
        loss, acc = mlm_loss(model, batch)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        scheduler.step()
        optimizer.zero_grad()
        step += 1
        run_loss, run_acc, run_n = run_loss + loss.item(), run_acc + acc, run_n + 1
        now = time.monotonic()
        if step % pcfg["log_every"] == 0:
            eval_loss = evaluate(model, eval_seqs, pcfg, len(vocab)) if step % pcfg["eval_every"] == 0 else ""
            mins = (elapsed_before + now - start) / 60
            lr = scheduler.get_last_lr()[0]
            writer.writerow([step, f"{mins:.2f}", f"{lr:.6f}", f"{run_loss / run_n:.4f}", f"{run_acc / run_n:.4f}", eval_loss])
            log.flush()
            logger.info("step %d  %.1f min  loss %.4f  acc %.3f  eval %s", step, mins, run_loss / run_n, run_acc / run_n, eval_loss)
            run_loss, run_acc, run_n = 0.0, 0.0, 0
        if now - last_ckpt > pcfg["checkpoint_minutes"] * 60:
            save_checkpoint(ckpt, model, optimizer, scheduler, step, elapsed_before + now - start)
            last_ckpt = now
    elapsed = elapsed_before + time.monotonic() - start
    save_checkpoint(ckpt, model, optimizer, scheduler, step, elapsed)
    model.save_pretrained(out / "model")
    vocab.to_disk(out / "model" / "vocab.txt")
    final = evaluate(model, eval_seqs, pcfg, len(vocab))
    (out / "summary.json").write_text(json.dumps({"step": step, "minutes": elapsed / 60, "eval_loss": final}, indent=1))
    logger.info("stopped at step %d after %.1f min in all; eval loss %.4f", step, elapsed / 60, final)
    log.close()


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--config", type=Path, default=CONFIG)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--shared", type=Path, default=SHARED)
    ap.add_argument("--minutes", type=float, default=None, help="wall-clock budget of this run")
    ap.add_argument("--max-steps", type=int, default=None)
    ap.add_argument("--resume", action="store_true")
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    torch.set_num_threads(args.threads)
    cfg = json.loads(args.config.read_text(encoding="utf8"))
    if args.max_steps:
        cfg["pretrain"]["max_steps"] = args.max_steps
    args.out.mkdir(parents=True, exist_ok=True)
    train(cfg, args.out, args.shared, args.resume, args.minutes or cfg["pretrain"]["minutes"])


if __name__ == "__main__":
    main()
