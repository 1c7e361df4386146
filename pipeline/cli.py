"""The ``govie`` command line: thin wrappers over library functions."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from pathlib import Path

import typer

from .errors import GovieError

app = typer.Typer(add_completion=False, help="Facts out of Chinese government reports.")
logger = logging.getLogger("govie")


def _setup_logging(verbose: bool) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )


def _load(model: Path | None):
    from .build import load

    return load(model)


@app.command()
def annotate(
    src: Path = typer.Argument(..., help="Gold-format JSONL (id, text, doc, doc_year, doc_place)"),
    out: Path = typer.Option(..., "-o", "--out", help="Output JSONL with entities and facts"),
    model: Path = typer.Option(None, help="Pipeline directory (default: models/govie)"),
    verbose: bool = typer.Option(False, "-v"),
) -> None:
    """Annotate gold-format JSONL: the scoring contract of ANNOTATION.md."""
    from .annotate import annotate_file

    _setup_logging(verbose)
    n = annotate_file(_load(model), src, out)
    logger.info("annotated %d lines of %s -> %s", n, src, out)


@app.command("eval")
def evaluate(
    gold: list[Path] = typer.Argument(..., help="Gold JSONL files"),
    out_dir: Path = typer.Option(Path("out/eval"), help="Where predictions are written"),
    scorer: Path = typer.Option(Path("../shared/tools/gold.py"), help="The gold.py scorer"),
    model: Path = typer.Option(None, help="Pipeline directory"),
) -> None:
    """Annotate each gold file and score it with gold.py, per file and pooled."""
    from .annotate import annotate_file, read_jsonl

    _setup_logging(False)
    nlp = _load(model)
    out_dir.mkdir(parents=True, exist_ok=True)
    pooled_gold, pooled_pred = out_dir / "pooled.gold.jsonl", out_dir / "pooled.pred.jsonl"
    with open(pooled_gold, "w", encoding="utf8") as pg, open(pooled_pred, "w", encoding="utf8") as pp:
        for path in gold:
            pred = out_dir / f"{path.stem}.pred.jsonl"
            annotate_file(nlp, path, pred)
            for row in read_jsonl(path):
                pg.write(json.dumps(row, ensure_ascii=False) + "\n")
            pp.write(pred.read_text(encoding="utf8"))
            typer.echo(f"== {path.name}")
            typer.echo(_score(scorer, path, pred, out_dir / f"{path.stem}.score.json"))
    typer.echo("== pooled")
    typer.echo(_score(scorer, pooled_gold, pooled_pred, out_dir / "pooled.score.json"))


def _score(scorer: Path, gold: Path, pred: Path, json_out: Path) -> str:
    cmd = [sys.executable, str(scorer), "score", str(gold), str(pred), "--json", str(json_out)]
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


@app.command()
def run(
    samples: Path = typer.Argument(Path("corpus/samples"), help="Documents to process"),
    out: Path = typer.Option(Path("out/run"), help="Output directory (replaced)"),
    model: Path = typer.Option(None, help="Pipeline directory"),
    workers: int = typer.Option(1, help="Worker processes"),
) -> None:
    """The main job on the bundled samples: extract, print the facts, write the report."""
    from .batch import extract as run_extract
    from .views.frame import read_extract
    from .views.report import write_report
    from .views.table import extract_rows, render_table

    _setup_logging(False)
    counts = run_extract([samples], out, fmt="jsonl", workers=workers, overwrite=True,
                         model=model, progress=False)
    documents, facts = read_extract(out)
    typer.echo(render_table(extract_rows(documents, facts), f"{samples}", limit=60))
    report = write_report(out, out / "report.html")
    typer.echo(f"{counts['documents']} documents ({counts['errors']} errors), {counts['facts']} "
               f"facts -> {out}/facts.jsonl, {out}/documents.jsonl; report: {report}")


@app.command()
def extract(
    inputs: list[Path] = typer.Argument(..., help="Files, directories or archives"),
    out: Path = typer.Option(..., "--out", help="Output directory"),
    fmt: str = typer.Option("jsonl", "--format", help="jsonl, csv, parquet or duckdb"),
    workers: int = typer.Option(None, help="Worker processes (default: the cores)"),
    resume: bool = typer.Option(False, help="Continue a killed run in --out"),
    overwrite: bool = typer.Option(False, help="Replace what --out holds"),
    engine: str = typer.Option("local", help="local or dask"),
    scheduler: str = typer.Option(None, help="Dask scheduler address (default: a LocalCluster)"),
    model: Path = typer.Option(None, help="Pipeline directory"),
    text_column: str = typer.Option(None, help="CSV/JSONL column holding the text"),
    batch_size: int = typer.Option(8, help="Documents per batch"),
) -> None:
    """Extract facts from archives into documents and facts tables."""
    from .batch import extract as run_extract

    _setup_logging(False)
    counts = run_extract(inputs, out, fmt=fmt, workers=workers, resume=resume,
                         overwrite=overwrite, engine=engine, scheduler=scheduler,
                         model=model, batch_size=batch_size, text_column=text_column)
    typer.echo(f"{counts['documents']} documents ({counts['errors']} errors), "
               f"{counts['facts']} facts, {counts['skipped']} already done -> {out}")


@app.command()
def show(
    file: Path = typer.Argument(..., help="Any input extract reads: file, directory or archive"),
    html: Path = typer.Option(..., "--html", help="Output HTML page"),
    model: Path = typer.Option(None, help="Pipeline directory"),
) -> None:
    """Entities, facts as arcs and the fact table of each document of FILE, as one HTML page."""
    from .views.cli_commands import show as show_page

    _setup_logging(False)
    n = show_page(file, html, model)
    typer.echo(f"{n} documents -> {html}")


@app.command()
def report(
    directory: Path = typer.Argument(..., help="An extract output directory (any format)"),
    html: Path = typer.Option(..., "--html", help="Output HTML page"),
) -> None:
    """One offline HTML page: facts per document, charts per indicator, errors, filters."""
    from .views.cli_commands import report as report_page

    _setup_logging(False)
    typer.echo(f"report -> {report_page(directory, html)}")


def main() -> None:
    try:
        app()
    except GovieError as err:
        logging.getLogger("govie").error("%s", err)
        raise SystemExit(2) from err


if __name__ == "__main__":
    main()
