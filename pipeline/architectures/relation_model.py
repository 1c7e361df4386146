"""``govie.RelationModel.v1``: scores a (quantity, candidate entity) pair.

A hashed sparse linear model with a logistic output over pair features (distance,
direction, entities and clause breaks between, the words that join them, the rule
linker's choice). Small, fast on CPU, and trainable on a few thousand pairs.
"""

from __future__ import annotations

import numpy
from spacy.strings import hash_string
from spacy.util import registry
from thinc.api import Logistic, Model, SparseLinear_v2, chain

from ..linking import CLAUSE_END, Ent, is_baseline, sentence_of

Pair = tuple[str, Ent, Ent, list[Ent], str, bool]  # text, qty, candidate, ents, label, rule pick
LINK_LABELS = {"ind": "IND", "date": "DATE", "loc": "LOC"}


@registry.architectures("govie.RelationModel.v1")
def build_relation_model(length: int = 2**18) -> Model:
    """Sparse features in, one probability per pair out."""
    return chain(SparseLinear_v2(nO=1, length=length), Logistic())


@registry.architectures("govie.SpanScorer.v1")
def build_span_scorer(length: int = 2**18) -> Model:
    """Sparse features in, one unnormalised score per row (softmax over a group outside)."""
    return SparseLinear_v2(nO=1, length=length)


@registry.misc("govie.link_candidates.v1")
def make_link_candidates() -> callable:
    """Candidates of each link label: the entities of that label in the quantity's sentence."""

    def candidates(text: str, qty: Ent, ents: list[Ent], label: str) -> list[Ent]:
        s_start, s_end = sentence_of(text, qty.start)
        return [e for e in ents if e.label == label and s_start <= e.start and e.end <= s_end]

    return candidates


def _bucket(n: int) -> str:
    return str(n) if n < 4 else ("4-7" if n < 8 else ("8-15" if n < 16 else "16+"))


def pair_features(text: str, qty: Ent, cand: Ent, ents: list[Ent], label: str, rule_pick: bool) -> list[str]:
    """Feature strings of one pair, each prefixed with the link label."""
    before = cand.end <= qty.start
    left, right = (cand, qty) if before else (qty, cand)
    gap = text[left.end : right.start]
    between = [e for e in ents if left.end <= e.start and e.end <= right.start]
    same = [e for e in ents if e.label == label]
    if before:
        rank = sum(1 for e in same if cand.end <= e.start and e.end <= qty.start)
    else:
        rank = sum(1 for e in same if qty.end <= e.start and e.end <= cand.start)
    feats = [
        "bias",
        f"dir={'before' if before else 'after'}",
        f"dist={_bucket(len(gap))}",
        f"rank={_bucket(rank)}",
        f"dir_rank={before}_{_bucket(rank)}",
        f"between_ents={_bucket(len(between))}",
        f"between_qty={_bucket(sum(e.label == 'QTY' for e in between))}",
        f"clause_breaks={_bucket(len(CLAUSE_END.findall(gap)))}",
        f"gap_head={gap[:2]}",
        f"gap_tail={gap[-2:]}",
        f"gap_empty={not gap}",
        f"cand_tail={text[cand.end - 1 : cand.end]}",
        f"cand_next={text[cand.end : cand.end + 1]}",
        f"cand_prev={text[max(0, cand.start - 1) : cand.start]}",
        f"qty_tail={text[qty.end - 1 : qty.end]}",
        f"rule={rule_pick}",
        f"baseline={label == 'DATE' and is_baseline(text, cand)}",
        f"fenbie={'分别' in gap}",
    ]
    return [f"{label}|{f}" for f in feats]


def hash_features(rows: list[list[str]]) -> tuple:
    """(keys, values, lengths) arrays for SparseLinear from feature strings per row."""
    keys = [hash_string(f) for feats in rows for f in feats]
    return (
        numpy.asarray(keys, dtype="uint64"),
        numpy.ones(len(keys), dtype="float32"),
        numpy.asarray([len(f) for f in rows], dtype="int32"),
    )


def featurize(pairs: list[Pair]) -> tuple:
    """SparseLinear input for (quantity, candidate) pairs."""
    return hash_features([pair_features(*pair) for pair in pairs])
