"""The Dask engine: the same batches on a Dask distributed cluster.

``scheduler`` is the address of a running cluster (``tcp://host:8786``); without one a
LocalCluster of ``workers`` single-threaded processes is started. Each Dask worker
process loads the pipeline once (``work.get_pipeline`` caches it per process).
Results come back in submission order, into the same sinks as the local engine.
"""

from __future__ import annotations

import logging

from .work import process_batch

logger = logging.getLogger(__name__)


class DaskEngine:
    def __init__(self, workers: int, model: str | None, scheduler: str | None = None):
        from dask.distributed import Client, LocalCluster

        self.model = model
        self.cluster = None
        if scheduler:
            self.client = Client(scheduler)
        else:
            self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                        dashboard_address=None)
            self.client = Client(self.cluster)
        n = len(self.client.scheduler_info().get("workers", {})) or workers
        self.window_size = max(2, 2 * n)
        logger.info("dask engine: %d workers at %s", n, self.client.scheduler.address)

    @property
    def window(self) -> int:
        return self.window_size

    def submit(self, payloads: list[dict]):
        return self.client.submit(process_batch, payloads, self.model, pure=False)

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
