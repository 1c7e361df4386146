"""Build and load the govie spaCy pipeline."""

from __future__ import annotations

import logging
import os
import warnings
from pathlib import Path

import spacy
from spacy.language import Language

from .errors import Errors, GovieError, Warnings
from .extensions import register_extensions

REPO_ROOT = Path(__file__).resolve().parents[1]
MODELS_DIR = REPO_ROOT / "models"
DEFAULT_MODEL = MODELS_DIR / "govie"
SEG_MODEL = MODELS_DIR / "seg"
NER_MODEL = MODELS_DIR / "ner"
FACTS_MODEL = MODELS_DIR / "facts"
INDICATORS_MODEL = MODELS_DIR / "indicators"
ENCODER_MODEL = MODELS_DIR / "encoder"
NER_KINDS = ("cnn", "transformer")
DEFAULT_NER = "cnn"
RULE_COMPONENTS = ("govie_sentences", "govie_quantities", "govie_dates", "govie_names")

logger = logging.getLogger(__name__)


def _import_components() -> None:
    """Import component modules so their factories are registered (no entry points needed)."""
    import importlib

    from . import tokenizer  # noqa: F401

    modules = ("sentences", "quantities", "dates", "names", "name_types", "guard", "indicators", "facts",
               "transformer_ner")
    for module in modules:
        importlib.import_module(f"pipeline.components.{module}")


def blank(seg_model: str | Path | None = None) -> Language:
    """A blank govie pipeline: char-word tokenizer, with our pkuseg model if given."""
    _import_components()
    register_extensions()
    model_dir = str(seg_model) if seg_model and Path(seg_model).exists() else None
    tokenizer = {"@tokenizers": "govie.CharWordTokenizer.v1", "model_dir": model_dir}
    return spacy.blank("zh", config={"nlp": {"tokenizer": tokenizer}})


def add_facts(nlp: Language, facts_model: str | Path | None = FACTS_MODEL) -> None:
    """Add ``govie_facts``: the trained linker from ``facts_model`` if there is one, else rules."""
    if not facts_model or not (Path(facts_model) / "linker.bin").exists():
        nlp.add_pipe("govie_facts")
        return
    from spacy.util import load_config

    cfg = load_config(Path(facts_model) / "facts.cfg")
    facts = nlp.add_pipe("govie_facts", config={"linker": cfg["linker"], **cfg.get("component", {})})
    facts.from_disk(facts_model)


def add_indicators(nlp: Language, model_dir: str | Path | None = INDICATORS_MODEL) -> None:
    """Add the trained ``govie_indicators`` from ``model_dir`` when it exists."""
    if not model_dir or not (Path(model_dir) / "model.bin").exists():
        return
    from spacy.util import load_config

    cfg = load_config(Path(model_dir) / "indicators.cfg")["component"]
    nlp.add_pipe("govie_indicators", config=cfg).from_disk(model_dir)


def _check_ner_kind(ner: str) -> str:
    if ner not in NER_KINDS:
        raise GovieError(Errors.E404.format(kind=ner, kinds=NER_KINDS))
    return ner


def assemble(
    seg_model: str | Path | None = SEG_MODEL,
    ner_model: str | Path | None = NER_MODEL,
    facts_model: str | Path | None = FACTS_MODEL,
    indicators_model: str | Path | None = INDICATORS_MODEL,
    ner: str = DEFAULT_NER,
    encoder_model: str | Path = ENCODER_MODEL,
    lexicons: str | Path | None = None,
) -> Language:
    """The full pipeline from the parts under ``models/`` (rules where no model exists).

    ``ner`` picks the statistical NER: ``cnn`` (``ner_model``, the default) or
    ``transformer`` (``encoder_model``, needs the ``train`` extra's torch/transformers).
    ``lexicons`` is a directory of name lexicons for the three name components in place
    of ``models/lexicons`` (out-of-fold evaluation builds its own).
    """
    _check_ner_kind(ner)
    nlp = blank(seg_model)
    for name in RULE_COMPONENTS:
        nlp.add_pipe(name)
    if ner == "transformer":
        from .components.transformer_ner import add_transformer_ner

        add_transformer_ner(nlp, encoder_model)
        nlp.add_pipe("govie_guard")
    elif ner_model and Path(ner_model).exists():
        # the NER's own tokenizer is never used: do not load a second pkuseg model for it
        source = spacy.load(ner_model, exclude=["tokenizer"], config={"nlp.tokenizer.model_dir": None})
        for name in source.pipe_names:
            if name not in nlp.pipe_names:
                nlp.add_pipe(name, source=source)
        nlp.add_pipe("govie_guard")
    nlp.add_pipe("govie_names", name="govie_names_fill", config={"fill": True})
    nlp.add_pipe("govie_name_types")
    if lexicons is not None:
        for name in ("govie_names", "govie_names_fill", "govie_name_types"):
            nlp.get_pipe(name).load(Path(lexicons))
    add_indicators(nlp, indicators_model)
    add_facts(nlp, facts_model)
    return nlp


def load(path: str | Path | None = None, ner: str | None = None) -> Language:
    """The govie pipeline: ``path``, else ``$GOVIE_MODEL``, else ``models/govie``.

    Without an assembled ``models/govie`` (``make assemble``), the pipeline is assembled
    from the shipped parts under ``models/`` (about a second); a missing trained NER
    leaves the rule components, with a warning. ``ner`` (or ``$GOVIE_NER``) = ``transformer``
    assembles the pipeline with the transformer NER (``models/encoder``) instead of the CNN.
    """
    _import_components()
    register_extensions()
    ner = _check_ner_kind(ner or os.environ.get("GOVIE_NER") or DEFAULT_NER)
    if ner != DEFAULT_NER and not path:
        return assemble(ner=ner)
    chosen = path or os.environ.get("GOVIE_MODEL")
    if chosen:
        if not Path(chosen).exists():
            raise GovieError(Errors.E005.format(path=chosen))
        return spacy.load(chosen)
    if DEFAULT_MODEL.exists():
        return spacy.load(DEFAULT_MODEL)
    if not NER_MODEL.exists():
        warnings.warn(Warnings.W001.format(path=NER_MODEL), stacklevel=2)
    return assemble()
