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
    return int(hashlib.md5(name.encode()).hexdigest(), 16) % 10 < tenths


def train_files(paths: dict) -> list[Path]:
    """The gold-format training files: ``paths.train`` and, when built, ``paths.ours``
    (our stand-off annotations resolved by ``make corpus`` into ``corpus/build/ours``)."""
    files = sorted(Path(paths["train"]).glob("*.jsonl"))
    if paths.get("ours") and Path(paths["ours"]).exists():
        files += sorted(Path(paths["ours"]).glob("*.jsonl"))
    return files


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
