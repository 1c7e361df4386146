"""Plain functions behind ``govie show`` and ``govie report`` (wired in ``pipeline/cli.py``)."""

from __future__ import annotations

from pathlib import Path


def show(file: Path, html: Path, model: Path | None = None) -> int:
    """Render every document of ``file`` (any input ``iter_documents`` reads) to ``html``."""
    from .render import show_file

    return show_file(file, html, model)


def report(directory: Path, html: Path) -> Path:
    """Write the report page of an ``extract`` output directory to ``html``."""
    from .report import write_report

    return write_report(directory, html)
