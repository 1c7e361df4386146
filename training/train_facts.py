"""Train the fact linker on ../shared/train (gold entities), compare it with the rules.

    python training/train_facts.py [training/configs/facts.cfg]

Holds out some documents of ../shared/train for selection, prints link accuracy of
the rule and the trained linker on them, then saves the trained linker weights to
``[paths] output`` (``linker.bin``) and writes ``comparison.json`` beside them.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

from spacy.util import load_config, registry
from split import is_dev, our_files, run_epochs, train_files  # training/ is the script directory

import pipeline  # noqa: F401  (registers architectures and linkers)
from pipeline.linkers import RuleLinker
from pipeline.linking import Ent

logger = logging.getLogger("govie.train_facts")
KEYS = ("ind", "date", "loc")


def read_examples(paths: list[Path]) -> dict[str, list]:
    """Per document: [(text, qty, ents, gold links)] for every gold fact."""
    docs: dict[str, list] = {}
    for path in paths:
        for raw in path.read_text(encoding="utf8").splitlines():
            row = json.loads(raw)
            ents = [Ent(e["start"], e["end"], e["label"]) for e in row["entities"]]
            for fact in row["facts"]:
                gold = {k: ents[fact[k]] if fact[k] is not None else None for k in KEYS}
                docs.setdefault(row.get("doc") or path.stem, []).append(
                    (row["text"], ents[fact["qty"]], ents, gold))
    return docs


def accuracy(linker, examples: list) -> dict[str, float]:
    right = dict.fromkeys(KEYS, 0)
    for text, qty, ents, gold in examples:
        (links, _), = linker(text, [qty], ents)
        for k in KEYS:
            right[k] += links[k] == gold[k]
    return {k: round(v / max(1, len(examples)), 4) for k, v in right.items()}


def train(linker, examples: list, cfg: dict) -> None:
    run_epochs(linker.update, examples, cfg)


def main(config_path: str = "training/configs/facts.cfg") -> None:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    config = load_config(config_path)
    cfg = config["training"]
    docs = read_examples(train_files(config["paths"]))
    dev = [x for name, exs in docs.items() if is_dev(name, cfg["dev_tenths"]) for x in exs]
    ours = [x for exs in read_examples(our_files(config["paths"])).values() for x in exs]
    train_set = [x for name, exs in docs.items() if not is_dev(name, cfg["dev_tenths"]) for x in exs] + ours
    linker = registry.resolve({"linker": config["linker"]})["linker"]
    train(linker, train_set, cfg)
    result = {"dev_facts": len(dev), "rules": accuracy(RuleLinker(), dev), "trained": accuracy(linker, dev)}
    logger.info("held-out link accuracy: %s", result)
    final = registry.resolve({"linker": config["linker"]})["linker"]
    train(final, dev + train_set, cfg)
    out = Path(config["paths"]["output"])
    out.mkdir(parents=True, exist_ok=True)
    (out / "linker.bin").write_bytes(final.to_bytes())
    (out / "comparison.json").write_text(json.dumps(result, indent=1))
    config.to_disk(out / "facts.cfg")


if __name__ == "__main__":
    main(*sys.argv[1:])
