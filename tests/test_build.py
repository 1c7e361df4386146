"""The assembled pipeline: load, save and reload, pipe == call, extensions."""

import pytest
import spacy
from spacy.tokens import Doc

import pipeline
from pipeline.errors import GovieError
from pipeline.extensions import DOC_EXTENSIONS, doc_text, register_extensions

TEXTS = [
    "2024年，青禾区地区生产总值增长5.8%，城镇新增就业1.2万人。",
    "全年出生912人，人口出生率为10.55‰，比上年提高0.83个百分点。",
    "",
    "各位代表：\n一、2025年工作回顾\n一般公共预算收入2180亿元，同比增长3.1%。",
]


def test_register_extensions_is_idempotent():
    register_extensions()
    register_extensions()
    assert all(Doc.has_extension(name) for name in DOC_EXTENSIONS)


@pytest.mark.parametrize("text", TEXTS)
def test_doc_text_is_the_text_and_follows_a_new_doc(text):
    nlp = pipeline.blank()
    doc = nlp.make_doc(text)
    assert doc_text(doc) == doc.text == doc_text(doc)
    if len(doc) > 3:
        part = doc[1:3].as_doc()  # copies user_data: the cached text must not carry over
        assert doc_text(part) == part.text


def test_assembled_pipeline_has_the_rule_components():
    nlp = pipeline.assemble()
    assert nlp.pipe_names[:2] == ["govie_sentences", "govie_quantities"]
    assert nlp.pipe_names[-1] == "govie_facts"


def test_assemble_loads_the_segmenter_once(monkeypatch):
    from pipeline.build import NER_MODEL
    from pipeline.tokenizer import CharWordTokenizer

    if not NER_MODEL.exists():
        pytest.skip("no trained NER under models/")
    loads = []
    original = CharWordTokenizer.load_segmenter
    monkeypatch.setattr(CharWordTokenizer, "load_segmenter",
                        lambda self, model_dir: loads.append(model_dir) or original(self, model_dir))
    pipeline.assemble()
    assert len(loads) == 1


def test_saved_pipeline_carries_the_name_lexicons(tmp_path):
    """A pipeline saved before its first call still writes the lexicons its name
    components read (else a moved ``models/govie`` would run them without)."""
    from pipeline.components.names import LEXICON_DIR

    if not (LEXICON_DIR / "names.tsv").exists():
        pytest.skip("no lexicons under models/")
    pipeline.assemble().to_disk(tmp_path / "govie")
    for name in ("govie_names", "govie_names_fill", "govie_name_types"):
        assert (tmp_path / "govie" / name / "names.tsv").exists()
    assert (tmp_path / "govie" / "govie_name_types" / "heads.tsv").exists()


def test_assemble_reads_the_given_name_lexicons(tmp_path):
    """``lexicons`` points all three name components at one directory (out-of-fold runs)."""
    (tmp_path / "places.tsv").write_text("name\tshort\tlevel\n青禾区\t青禾\tcounty\n", encoding="utf8")
    (tmp_path / "names.tsv").write_text("柳河实验室\tORG\n", encoding="utf8")
    nlp = pipeline.assemble(lexicons=tmp_path)
    for name in ("govie_names", "govie_names_fill", "govie_name_types"):
        assert nlp.get_pipe(name).source == tmp_path
    assert nlp.get_pipe("govie_name_types").known == {"柳河实验室": "ORG"}


def test_pipe_equals_call():
    nlp = pipeline.assemble()
    piped = list(nlp.pipe(TEXTS, batch_size=2))
    for text, doc in zip(TEXTS, piped):
        single = nlp(text)
        assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == [
            (e.start_char, e.end_char, e.label_) for e in single.ents
        ]
        assert doc._.facts == single._.facts


def test_save_and_spacy_load(tmp_path):
    nlp = pipeline.assemble()
    nlp.to_disk(tmp_path / "govie")
    reloaded = spacy.load(tmp_path / "govie")
    assert reloaded.pipe_names == nlp.pipe_names
    assert reloaded(TEXTS[0])._.facts == nlp(TEXTS[0])._.facts


def test_load_returns_a_working_pipeline():
    nlp = pipeline.load()
    doc = nlp("全区户籍人口86420人。")
    assert doc._.facts and doc._.facts[0]["value"] == 86420


def test_spacy_load_without_importing_pipeline(tmp_path):
    """Entry points let a fresh interpreter load a saved govie pipeline by path alone."""
    import subprocess
    import sys

    pipeline.assemble().to_disk(tmp_path / "govie")
    code = (
        "import spacy; nlp = spacy.load(r'%s'); "
        "print(nlp('户籍人口86420人。')._.facts[0]['value'])" % (tmp_path / "govie")
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "86420.0"


def test_unknown_ner_kind_is_a_clear_error():
    with pytest.raises(GovieError, match="E404"):
        pipeline.load(ner="bilstm")


def test_transformer_ner_is_selectable():
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    from pipeline.build import ENCODER_MODEL

    if not (ENCODER_MODEL / "model").exists():
        pytest.skip("models/encoder absent")
    nlp = pipeline.load(ner="transformer")
    assert "govie_transformer_ner" in nlp.pipe_names and "ner" not in nlp.pipe_names
    doc = nlp("2025年，甲县粮食产量达到12万吨。")
    assert [e.label_ for e in doc.ents if e.label_ == "QTY"] == ["QTY"]
