"""Progress of a batch run: a rich bar on a terminal, periodic log lines otherwise."""

from __future__ import annotations

import logging
import sys
import time

logger = logging.getLogger("govie.progress")


class Progress:
    """Documents/s, chars/s and errors so far (an ETA needs a known total: not shown)."""

    def __init__(self, enabled: bool | None = None, every: float = 10.0):
        self.interactive = sys.stderr.isatty() if enabled is None else enabled
        self.every = every
        self.start = self.last_log = time.monotonic()
        self.docs = self.chars = self.errors = 0
        self.bar = None
        if self.interactive:
            from rich.progress import Progress as RichProgress
            from rich.progress import SpinnerColumn, TextColumn, TimeElapsedColumn

            self.bar = RichProgress(SpinnerColumn(), TextColumn("{task.description}"),
                                    TimeElapsedColumn(), transient=False)
            self.task = self.bar.add_task("starting", total=None)
            self.bar.start()

    def summary(self) -> str:
        elapsed = max(time.monotonic() - self.start, 1e-9)
        return (f"{self.docs} docs ({self.docs / elapsed:.1f}/s), "
                f"{self.chars / elapsed:,.0f} chars/s, {self.errors} errors")

    def advance(self, docs: int, chars: int, errors: int) -> None:
        self.docs += docs
        self.chars += chars
        self.errors += errors
        if self.bar is not None:
            self.bar.update(self.task, description=self.summary())
        elif time.monotonic() - self.last_log >= self.every:
            self.last_log = time.monotonic()
            logger.info("%s", self.summary())

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()
        logger.info("finished: %s", self.summary())
