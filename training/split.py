"""Shared by the training scripts: the fixed held-out split of ../shared/train, the epoch loop."""

import hashlib
import logging
import random
from collections.abc import Callable
from pathlib import Path

from pipeline.linkers import default_optimizer

logger = logging.getLogger("govie.training")


def is_dev(name: str, tenths: int) -> bool:
    """Whether document ``name`` is held out (``tenths`` of ten hash buckets)."""
    return fold_of(name, 10) < tenths


def train_files(paths: dict) -> list[Path]:
    """The gold-format files of ``paths.train`` (../shared/train)."""
    return sorted(Path(paths["train"]).glob("*.jsonl"))


def our_files(paths: dict) -> list[Path]:
    """Our stand-off annotations as resolved by ``make corpus`` (``paths.ours``), if built.

    They only ever add training data: held-out scores stay on ``paths.train`` lines so
    runs with and without them are compared on the same text.
    """
    folder = Path(paths["ours"]) if paths.get("ours") else None
    return sorted(folder.glob("*.jsonl")) if folder is not None and folder.exists() else []


def fold_of(name: str, folds: int) -> int:
    """The cross-validation fold of document ``name`` (stable md5 buckets)."""
    return int(hashlib.md5(name.encode()).hexdigest(), 16) % folds


def run_epochs(update: Callable, items: list, cfg: dict) -> None:
    """Shuffled minibatches of ``items`` through ``update(batch, sgd)`` for ``cfg["epochs"]``.

    ``cfg`` holds ``seed``, ``learn_rate``, ``epochs``, ``batch_size``; ``items`` is shuffled
    in place.
    """
    rng, sgd = random.Random(cfg["seed"]), default_optimizer(cfg["learn_rate"])
    size = cfg["batch_size"]
    for epoch in range(cfg["epochs"]):
        rng.shuffle(items)
        loss = sum(update(items[i : i + size], sgd) for i in range(0, len(items), size))
        logger.info("epoch %d loss %.1f", epoch, loss)
