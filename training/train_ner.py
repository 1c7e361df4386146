"""Train govie's NER on the corpus from ``corpus/build.py``.

    .venv/bin/python training/train_ner.py --name base --data train,public,silver \
        [--seg models/seg] [--max-steps 4000] [--minutes 55] [--ship models/ner] \
        [--init-tok2vec training/runs/pretrain/model1.bin]

``--data`` names DocBins in ``corpus/build/`` (``train`` may be repeated with
``--train-repeat``); they are linked into ``training/runs/NAME/corpus/`` and read as one
corpus. Training stops at ``--max-steps`` or after ``--minutes`` (a time budget checked
at every logged evaluation), whichever comes first; ``model-best`` is selected on
``corpus/build/dev.spacy`` (never on gold). ``--ship`` copies ``model-best`` to a
pipeline directory that carries the segmenter files in ``tokenizer/``.
``--init-tok2vec`` starts the tok2vec from ``training/pretrain_tok2vec.py`` weights.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import logging  # noqa: E402
import shutil  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import spacy  # noqa: E402
from spacy.cli.train import train as spacy_train  # noqa: E402
from thinc.api import Config  # noqa: E402

import pipeline.tokenizer  # noqa: E402,F401  (registers govie.CharWordTokenizer.v1)
from pipeline.errors import Errors, GovieError  # noqa: E402

logger = logging.getLogger("training.train_ner")
BUILD = ROOT / "corpus" / "build"
RUNS = ROOT / "training" / "runs"
CONFIG = ROOT / "training" / "configs" / "ner.cfg"
PRETRAIN_CONFIG = ROOT / "training" / "configs" / "pretrain.cfg"


class TimeBudgetExceeded(Exception):
    """Raised by the timed logger to end training once the budget is spent."""


@spacy.registry.loggers("govie.TimedConsoleLogger.v1")
def timed_console_logger(minutes: float = 55.0):
    """spaCy's console logger that ends training after ``minutes``."""
    console = spacy.registry.loggers.get("spacy.ConsoleLogger.v3")(progress_bar=None)

    def setup(nlp, stdout=sys.stdout, stderr=sys.stderr):
        log_step, finalize = console(nlp, stdout, stderr)
        start = time.monotonic()

        def step(info):
            log_step(info)
            if info is not None and time.monotonic() - start > minutes * 60:
                raise TimeBudgetExceeded(f"time budget of {minutes} min spent")

        return step, finalize

    return setup


def link_corpus(run: Path, names: list[str], train_repeat: int) -> Path:
    """A directory of links to the chosen DocBins (``train`` repeated)."""
    corpus = run / "corpus"
    shutil.rmtree(corpus, ignore_errors=True)
    corpus.mkdir(parents=True)
    for name in names:
        if not (BUILD / f"{name}.spacy").exists():
            found = sorted(p.stem for p in BUILD.glob("*.spacy"))
            raise GovieError(Errors.E402.format(name=name, found=found))
        repeat = train_repeat if name == "train" else 1
        for i in range(repeat):
            (corpus / f"{name}{i}.spacy").symlink_to(BUILD / f"{name}.spacy")
    return corpus


def ship(model: Path, target: Path) -> None:
    """Copy a trained pipeline; the segmenter travels in ``tokenizer/``, not as a path."""
    nlp = spacy.load(model)
    shutil.rmtree(target, ignore_errors=True)
    nlp.to_disk(target)
    config = Config().from_disk(target / "config.cfg", interpolate=False)
    config["nlp"]["tokenizer"]["model_dir"] = None
    config.to_disk(target / "config.cfg")
    logger.info("shipped %s -> %s", model, target)


def with_pretraining(config: Path, run: Path) -> Path:
    """``config`` plus ``pretrain.cfg``'s [pretraining] section, without which spaCy
    ignores ``[initialize] init_tok2vec``; written to ``run/config.cfg``."""
    from training import pretrain_tok2vec  # noqa: F401  (registers the objective)

    cfg = Config().from_disk(config, interpolate=False)
    cfg["pretraining"] = Config().from_disk(PRETRAIN_CONFIG, interpolate=False)["pretraining"]
    cfg.to_disk(run / "config.cfg")
    return run / "config.cfg"


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--name", required=True)
    ap.add_argument("--data", default="train")
    ap.add_argument("--train-repeat", type=int, default=1)
    ap.add_argument("--config", type=Path, default=CONFIG)
    ap.add_argument("--seg", default=None, help="pkuseg model dir for word features")
    ap.add_argument("--max-steps", type=int, default=4000)
    ap.add_argument("--minutes", type=float, default=55.0)
    ap.add_argument("--set", action="append", default=[], help="extra config override a.b=value")
    ap.add_argument("--ship", type=Path, default=None)
    ap.add_argument("--init-tok2vec", type=Path, default=None, help="pretrained tok2vec weights")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    run = RUNS / args.name
    corpus = link_corpus(run, args.data.split(","), args.train_repeat)
    overrides = {
        "paths.train": str(corpus),
        "paths.dev": str(BUILD / "dev.spacy"),
        "nlp.tokenizer.model_dir": args.seg,
        "training.max_steps": args.max_steps,
        "training.logger.minutes": args.minutes,
    }
    for item in args.set:
        key, _, value = item.partition("=")
        overrides[key] = json.loads(value)
    config = args.config
    if args.init_tok2vec:
        overrides["paths.init_tok2vec"] = str(args.init_tok2vec)
        config = with_pretraining(args.config, run)
    started = time.monotonic()
    try:
        spacy_train(config, run / "model", overrides=overrides, use_gpu=-1)
    except TimeBudgetExceeded as err:
        logger.info("%s", err)
    logger.info("training took %.1f min", (time.monotonic() - started) / 60)
    if args.ship:
        ship(run / "model" / "model-best", args.ship)


if __name__ == "__main__":
    main()
