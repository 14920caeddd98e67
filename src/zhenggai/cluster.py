"""Jobs on Dask, for more than one machine: the job's client hands documents to a cluster's workers and
alone writes the job folder (:func:`zhenggai.job.run_job`); the workers only compute.

Run a cluster by hand with ``dask scheduler`` on one machine and ``dask worker tcp://HOST:8786`` on each of
the others (each with zhenggai installed, and its own LLM key in its environment or config if the LLM is
used), then ``zhenggai extract … --job DIR --dask tcp://HOST:8786``; ``--dask`` alone starts a local cluster.
"""

from __future__ import annotations

import contextlib
from collections import deque
from collections.abc import Generator, Iterator

from distributed import Client, Future, LocalCluster

from .agent.factory import Engine
from .inputs import Input
from .settings import Limits
from .work import Done, died, process


def dask_outcomes(
    items: Iterator[Input],
    engine: Engine,
    skip: frozenset[str],
    limits: Limits,
    *,
    address: str = "local",
    workers: int = 2,
) -> Generator[Done, None, None]:
    """Outcomes computed on a Dask cluster: ``address`` "local" starts ``workers`` worker processes on
    loopback, any other is a running scheduler (``tcp://HOST:8786``). Workers only compute; the caller alone
    writes the job folder. Dask reruns the tasks of a worker that dies; a document whose task fails past
    that is recorded as ``worker_died``. Outcomes come in input order, as from a local job. The engine travels without its API key: each worker reads its own
    from its environment or config."""
    with contextlib.ExitStack() as stack:
        if address == "local":
            memory = f"{limits.memory_limit}MB" if limits.memory_limit else 0
            cluster = stack.enter_context(
                LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=True,
                    host="127.0.0.1",
                    dashboard_address=None,
                    memory_limit=memory,
                )
            )
            client = stack.enter_context(Client(cluster))
        else:
            client = stack.enter_context(Client(address))
        keyless = engine.without_key()
        width = 2 * max(1, sum(w["nthreads"] for w in client.scheduler_info()["workers"].values()))
        pending: deque[tuple[Future[Done], Input]] = deque()

        def submit() -> None:
            item = next(items, None)
            if item is not None:
                pending.append((client.submit(process, item, keyless, skip, limits, pure=False), item))

        for _ in range(width):  # bounded: the corpus is streamed
            submit()
        while pending:  # the oldest first: the same order, and the same duplicates, as a local job
            fut, item = pending.popleft()
            try:
                done = fut.result()
            except Exception:  # KilledWorker and the like: the document, not the job, fails
                done = died(item)
            submit()
            yield done
