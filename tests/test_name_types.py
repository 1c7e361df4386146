"""govie_name_types: LOC or ORG by the head noun of a name."""

import pytest
import spacy

import pipeline
from pipeline.names import facility_extension, head_label


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("青禾区", "LOC"),
        ("柳河镇杨庄村", "LOC"),
        ("青禾高新技术产业园", "LOC"),
        ("青禾港", "LOC"),
        ("青禾足球队", "ORG"),
        ("青禾电厂", "ORG"),
        ("柳河街道党工委", "ORG"),
        ("青禾区民政局", "ORG"),
        ("柳河镇中心幼儿园", None),  # ends in both kinds (园, 幼儿园)
        ("青禾数据中心", None),  # 中心: centres are either
        ("青禾", None),
    ],
)
def test_head_label(name, expected):
    assert head_label(name) == expected


def _typer(tmp_path, known=""):
    (tmp_path / "names.tsv").write_text(known, encoding="utf8")
    nlp = pipeline.blank()
    typer = nlp.add_pipe("govie_name_types")
    typer.initialize(lexicon_dir=tmp_path)
    return nlp, typer


def _doc(nlp, text, spans):
    doc = nlp.make_doc(text)
    doc.ents = [doc.char_span(text.index(s), text.index(s) + len(s), label=label) for s, label in spans]
    return doc


def test_relabels_by_head_and_keeps_the_rest(tmp_path):
    nlp, typer = _typer(tmp_path)
    doc = typer(_doc(nlp, "青禾区和青禾足球队在柳河", [("青禾区", "ORG"), ("青禾足球队", "LOC"), ("柳河", "LOC")]))
    assert [(e.text, e.label_) for e in doc.ents] == [("青禾区", "LOC"), ("青禾足球队", "ORG"), ("柳河", "LOC")]


def test_lexicon_names_keep_their_label(tmp_path):
    nlp, typer = _typer(tmp_path, "青禾区\tORG\n")
    doc = typer(_doc(nlp, "青禾区召开会议", [("青禾区", "ORG")]))
    assert [(e.text, e.label_) for e in doc.ents] == [("青禾区", "ORG")]


def test_to_disk_then_load(tmp_path):
    (tmp_path / "lex").mkdir()
    nlp, typer = _typer(tmp_path / "lex", "青禾区\tORG\n")
    nlp.to_disk(tmp_path / "nlp")
    reloaded = spacy.load(tmp_path / "nlp").get_pipe("govie_name_types")
    assert reloaded.known == {"青禾区": "ORG"}


def test_in_the_assembled_pipeline_after_the_ner():
    names = pipeline.load().pipe_names
    assert names.index("govie_name_types") > names.index("govie_names_fill")


@pytest.mark.parametrize(
    ("text", "end", "expected"),
    [
        ("青禾世界地质公园建成", 2, ("青禾世界地质公园", "LOC")),
        ("亚洲文化遗产保护联盟大会", 2, ("亚洲文化遗产保护联盟", "ORG")),
        ("青禾纳入国家物流枢纽", 2, None),  # a verb between
        ("青禾，产业园", 2, None),  # a clause break between
        ("青禾的产业园", 2, None),
        ("青禾一二三四五六七八九十产业园", 2, None),  # too far
    ],
)
def test_facility_extension(text, end, expected):
    found = facility_extension(text, end, len(text))
    assert (None if found is None else (text[: found[0]], found[1])) == expected


def test_a_place_is_extended_to_the_facility_it_starts(tmp_path):
    nlp, typer = _typer(tmp_path)
    doc = typer(_doc(nlp, "建成青禾世界地质公园和柳河", [("青禾", "LOC"), ("柳河", "LOC")]))
    assert [(e.text, e.label_) for e in doc.ents] == [("青禾世界地质公园", "LOC"), ("柳河", "LOC")]


def test_adjacent_org_pieces_are_one_name(tmp_path):
    nlp, typer = _typer(tmp_path)
    doc = typer(_doc(nlp, "青禾交易所柳河服务中心和青禾集团", [("青禾交易所", "ORG"), ("柳河服务中心", "ORG"), ("青禾集团", "ORG")]))
    assert [(e.text, e.label_) for e in doc.ents] == [("青禾交易所柳河服务中心", "ORG"), ("青禾集团", "ORG")]


def test_an_organisation_extends_only_to_an_organisation(tmp_path):
    nlp, typer = _typer(tmp_path)
    doc = typer(_doc(nlp, "青禾集团智能实验室和青禾集团产业园", [("青禾集团", "ORG")]))
    assert [(e.text, e.label_) for e in doc.ents] == [("青禾集团智能实验室", "ORG")]
    doc = typer(_doc(nlp, "建设青禾集团产业园", [("青禾集团", "ORG")]))
    assert [(e.text, e.label_) for e in doc.ents] == [("青禾集团", "ORG")]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("柳河镇卫生院", "ORG"),  # the longest ending decides
        ("青禾水库", "LOC"),
        ("青禾", None),
        ("院", None),  # an ending must be shorter than the name
    ],
)
def test_learned_head_label(name, expected):
    from pipeline.names import learned_head_label

    heads = {"卫生院": "ORG", "生院": "LOC", "水库": "LOC", "院": "ORG"}
    assert learned_head_label(name, heads) == expected


def test_head_table_keeps_pure_frequent_endings():
    from corpus.name_lexicon import head_table

    def line(name, label):
        return {"text": name, "entities": [{"start": 0, "end": len(name), "label": label}]}

    lines = [line(f"青禾{i}水库", "LOC") for i in range(5)] + [line(f"柳河{i}中心", lab) for i, lab in
                                                         enumerate(["ORG", "LOC", "ORG", "LOC", "ORG"])]
    table = head_table(lines, min_count=5, purity=0.9, lengths=(2,))
    assert table == {"水库": "LOC"}


def test_heads_tsv_types_names_before_hand_written_heads(tmp_path):
    (tmp_path / "heads.tsv").write_text("卫生院\tORG\n", encoding="utf8")
    nlp, typer = _typer(tmp_path)
    doc = typer(_doc(nlp, "柳河镇卫生院新建病房", [("柳河镇卫生院", "LOC")]))
    assert [(e.text, e.label_) for e in doc.ents] == [("柳河镇卫生院", "ORG")]
    nlp.to_disk(tmp_path / "nlp")
    assert (tmp_path / "nlp" / "govie_name_types" / "heads.tsv").exists()


@pytest.mark.parametrize(
    ("name", "word_ends", "expected"),
    [
        ("柳河村集体经济收入", {3, 5, 7, 9}, 3),  # the place, then an indicator
        ("青禾新区征地拆迁", {2, 4, 6, 8}, 4),
        ("柳河镇农村幸福院", {3, 5, 8}, 3),  # the first level that ends a word
        ("柳河村六组", {3, 5}, None),  # a numbered group stays in the place
        ("柳河镇敬老院", {3, 6}, 3),
        ("青禾区民政局", {3, 6}, None),  # ends like an organisation
        ("柳河镇杨庄村", {3, 6}, None),  # ends like a place
        ("青禾农业农村", {2, 4, 6}, None),  # no level inside before the end
    ],
)
def test_place_overrun(name, word_ends, expected):
    from pipeline.names import place_overrun

    assert place_overrun(name, word_ends) == expected


def test_a_place_run_on_into_an_indicator_is_cut_back(tmp_path):
    nlp, typer = _typer(tmp_path)
    doc = typer(_doc(nlp, "柳河村集体经济收入突破80万元", [("柳河村集体经济收入", "LOC")]))
    assert [(e.text, e.label_) for e in doc.ents] == [("柳河村", "LOC")]


@pytest.mark.parametrize(
    ("name", "expected"),
    [("青禾省", 1), ("青禾自治区", 1), ("柳河市", 2), ("青禾区", 3), ("柳河街道", 4), ("杨庄村", 5), ("青禾", None)],
)
def test_admin_rank(name, expected):
    from pipeline.names import admin_rank

    assert admin_rank(name) == expected


@pytest.mark.parametrize(
    ("pieces", "expected"),
    [
        ([("柳河市", "LOC"), ("青禾区", "LOC")], [("柳河市青禾区", "LOC")]),  # falling level: one name
        ([("青禾区", "LOC"), ("柳河市", "LOC")], [("青禾区", "LOC"), ("柳河市", "LOC")]),  # rising: two
        ([("青禾", "LOC"), ("柳河镇", "LOC")], [("青禾", "LOC"), ("柳河镇", "LOC")]),  # no level on the first
        ([("青禾集团", "ORG"), ("柳河电厂", "ORG")], [("青禾集团柳河电厂", "ORG")]),
    ],
)
def test_split_names_are_merged(tmp_path, pieces, expected):
    nlp, typer = _typer(tmp_path)
    text = "".join(p for p, _ in pieces) + "建成投用"
    doc = typer(_doc(nlp, text, pieces))
    assert [(e.text, e.label_) for e in doc.ents] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("全年，县医保局被评为先进单位", ["县医保局"]),
        ("，乡民政办在各村开展走访", ["乡民政办"]),
        ("，县新农合管理中心、县人民医院", ["县新农合管理中心", "县人民医院"]),
        ("，市级三甲医院", []),  # a grade, not a name
        ("，县不再层层举办", []),
        ("，县民政局会同县人民医院，开展义诊", []),  # a verb inside: two names, left to the NER
    ],
)
def test_level_organisations(text, expected):
    from pipeline.names import level_organisations

    assert [text[a:b] for a, b in level_organisations(text, {"会同"})] == expected


def test_level_organisations_replace_pieces(tmp_path):
    nlp, typer = _typer(tmp_path)
    doc = typer(_doc(nlp, "，县医保局被评为先进", [("医保局", "ORG")]))
    assert [(e.text, e.label_) for e in doc.ents] == [("县医保局", "ORG")]


@pytest.mark.parametrize(
    ("text", "end", "expected"),
    [
        ("青禾临港经济区建设", 4, (7, "LOC")),  # the nearest known ending
        ("妇联维权服务中心成立", 2, (8, "ORG")),
        ("青禾开展服务中心建设", 2, None),  # a verb between
        ("青禾经济区", 3, None),  # an ending must lie wholly after the name
        ("青禾一二三四五六七八服务中心", 2, None),  # too far
    ],
)
def test_learned_extension(text, end, expected):
    from pipeline.names import learned_extension

    heads = {"经济区": "LOC", "服务中心": "ORG", "务中心": "ORG"}
    assert learned_extension(text, end, len(text), heads) == expected
