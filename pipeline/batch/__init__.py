"""Batch extraction over archives: local processes or a Dask cluster, resumable sinks."""

from .run import extract

__all__ = ["extract"]
