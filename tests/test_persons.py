"""pipeline.persons: names after a title, and masked names, as PER."""

import pytest

import pipeline
from pipeline.persons import delimited_persons, looks_like_person, masked_persons, titled_person


def _typed(tmp_path, text: str, spans: list[tuple[int, int, str]]) -> list[tuple[str, str]]:
    """``govie_name_types`` (empty lexicons) over ``text`` with the entities ``spans``."""
    (tmp_path / "names.tsv").write_text("", encoding="utf8")
    nlp = pipeline.blank()
    typer = nlp.add_pipe("govie_name_types")
    typer.initialize(lexicon_dir=tmp_path)
    doc = nlp.make_doc(text)
    doc.ents = [doc.char_span(a, b, label=label) for a, b, label in spans]
    return [(e.text, e.label_) for e in typer(doc).ents]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("周明远", True),
        ("冯 岚", True),
        ("陈晓", True),
        ("周家镇", False),  # ends like a place
        ("青禾", False),  # no common surname
        ("周明远远", False),  # too long
        ("周", False),
    ],
)
def test_looks_like_person(name, expected):
    assert looks_like_person(name) is expected


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("柳河镇派出所所长周明远带队巡查", "周明远", True),
        ("乡长 冯 岚多次带队", "冯 岚", True),
        ("向周明远同志学习", "周明远", True),
        ("青禾市长安镇新建学校", "长安镇", False),  # 市长 inside a place, and a place ending
        ("全力支持周明远的工作", "周明远", False),  # no title
    ],
)
def test_titled_person(text, name, expected):
    start = text.index(name)
    assert titled_person(text, start, start + len(name)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("政府主要领导***同志亲自部署", ["***"]),
        ("副县长 xx，局长某某", ["xx"]),
        ("全年完成**项任务", []),
    ],
)
def test_masked_persons(text, expected):
    assert [text[a:b] for a, b in masked_persons(text)] == expected


def test_name_types_relabels_titled_names(tmp_path):
    text = "所长 周明远与主要领导***同志在柳河镇"
    spans = [(3, 6, "LOC"), (text.index("柳河镇"), len(text), "LOC")]
    assert _typed(tmp_path, text, spans) == [("周明远", "PER"), ("***", "PER"), ("柳河镇", "LOC")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("区委书记 周明远 与各街道座谈", ["周明远"]),
        ("副区长 冯 岚、局长 陈晓带队", ["冯 岚"]),
        ("区委书记 周家镇 调研", []),  # a place shape
        ("区委书记周明远与各街道座谈", []),  # no edge after the name: left to the NER
        ("镇党委书记周明远、镇长冯岚同志", ["周明远", "冯岚"]),  # a list comma or 同志 ends it
        ("警察英雄陈晓等一批先进", ["陈晓"]),
    ],
)
def test_delimited_persons(text, expected):
    assert [text[a:b] for a, b in delimited_persons(text)] == expected


def test_name_types_adds_spaced_names_over_pieces(tmp_path):
    spans = [(0, 2, "ORG"), (5, 7, "LOC")]
    assert _typed(tmp_path, "区委书记 周明远 与各街道座谈", spans) == [("区委", "ORG"), ("周明远", "PER")]
