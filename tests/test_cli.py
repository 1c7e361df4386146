"""The govie command line: run, annotate, extract, and a clear error for bad input."""

import json

from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.views.table import format_value

runner = CliRunner()
TEXT = "2024年，青禾区地区生产总值72.4亿元，比上年增长5.8%。"


def test_run_prints_the_facts_and_writes_the_report(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text("青禾区2024年工作总结\n" + TEXT, encoding="utf8")
    result = runner.invoke(app, ["run", str(tmp_path / "docs"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "7240000000" in result.output and "5.8" in result.output
    assert (tmp_path / "out" / "report.html").exists()


def test_annotate_writes_gold_format(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "text": TEXT}, ensure_ascii=False) + "\n", encoding="utf8")
    result = runner.invoke(app, ["annotate", str(src), "-o", str(tmp_path / "out.jsonl")])
    assert result.exit_code == 0, result.output
    row = json.loads((tmp_path / "out.jsonl").read_text(encoding="utf8"))
    assert row["id"] == "a" and row["facts"]


def test_extract_reports_counts(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf8")
    result = runner.invoke(app, ["extract", str(tmp_path / "a.txt"), "--out", str(tmp_path / "o"),
                                 "--workers", "1", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert "1 documents (0 errors)" in result.output
    assert (tmp_path / "o" / "facts.csv").exists()


def test_bad_input_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{oops\n", encoding="utf8")
    result = runner.invoke(app, ["annotate", str(bad), "-o", str(tmp_path / "x.jsonl")])
    assert result.exit_code != 0
    assert "E002" in str(result.exception) and "bad.jsonl" in str(result.exception)


def test_format_value_has_no_exponents():
    assert [format_value(v) for v in (3.26e12, 5.4, 7240000000.0, None)] == [
        "3260000000000", "5.4", "7240000000", ""]
