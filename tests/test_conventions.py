"""corpus/conventions.py: our IND spans follow ../shared/train where ANNOTATION.md leaves room."""

import pytest

from corpus.conventions import align_all, align_entities, always_kept, verb_decisions
from tests.conftest import requires_shared


def _ind(text: str, span: str) -> dict:
    start = text.index(span)
    return {"start": start, "end": start + len(span), "label": "IND"}


@pytest.mark.parametrize(
    ("text", "span", "expected"),
    [
        ("全镇新增停车位120个。", "停车位", "新增停车位"),
        ("全镇新建公厕8座。", "公厕", "新建公厕"),
        ("新增停车位120个。", "停车位", "新增停车位"),  # verb at the line start
        ("新建和改造水渠12公里。", "水渠", "水渠"),  # a verb of a list is left alone
        ("全镇建成公厕8座。", "公厕", "公厕"),  # not a kept verb
        ("评出12个“文明家庭”。", "文明家庭", "“文明家庭”"),
        ("评出“文明家庭标兵”12个。", "文明家庭", "文明家庭"),  # the quote holds more
    ],
)
def test_align_entities(text, span, expected):
    ents = [_ind(text, span)]
    align_entities(text, ents, ["新增", "新建"])
    assert text[ents[0]["start"] : ents[0]["end"]] == expected


def test_align_never_overlaps_another_entity():
    text = "新增停车位120个。"
    ents = [{"start": 0, "end": 2, "label": "DATE"}, _ind(text, "停车位")]
    assert align_entities(text, ents, ["新增"]) == 0
    assert ents[1]["start"] == 2


def test_always_kept_needs_evidence_and_no_exception():
    line = {"text": "新增甲1个，新增乙2个，建成丙3个，丙4个", "entities": [
        {"start": 0, "end": 3, "label": "IND"}, {"start": 6, "end": 9, "label": "IND"},
        {"start": 14, "end": 15, "label": "IND"}]}
    decisions = verb_decisions([line], ("新增", "建成"))
    assert decisions == {"新增": (2, 0), "建成": (0, 1)}
    assert always_kept(decisions, min_evidence=2) == ["新增"]
    assert always_kept(decisions, min_evidence=3) == []


@requires_shared
def test_our_annotations_are_aligned():
    """`python corpus/conventions.py --write` has been run: nothing left to widen."""
    assert sum(align_all().values()) == 0
