"""Process large corpora on a Dask cluster: a local one of N processes, or an existing one.

The caller reads the inputs lazily, cuts them into partitions and submits each partition as one
task. Each worker process builds the pipeline once and keeps it for every partition it gets.
At most a bounded window of partitions is in flight, so memory stays flat whatever the input
size; results are gathered in input order, so records come out as one process would give them
and the caller alone writes the database.

A worker that dies loses the partitions it was running or holding: the scheduler runs them again
on another worker (up to ``distributed.scheduler.allowed-failures`` times, 3 by default). A
partition that still cannot be computed, or a cluster that goes away, turns into one coded error
(E115) per input of that partition, so a report still lists every input exactly once. Errors
travel back as plain payloads and become :class:`SitrepError` values again.
"""

from __future__ import annotations

import os
import threading
from collections import deque
from contextlib import contextmanager
from functools import lru_cache
from itertools import islice
from typing import Any, Iterable, Iterator, Optional, Union

from .errors import InputError, SitrepError, UsageError
from .model import Article, RawDocument

Item = Union[RawDocument, SitrepError]
Result = Union[Article, SitrepError]

CONNECT_TIMEOUT = "20s"  # how long to wait for a scheduler given by address
PARTITION_SIZE = 8  # articles per task: small enough to spread, large enough to amortise a round trip
_WORKER_LOCK = threading.Lock()  # one pipeline per worker process, used by one thread at a time


@lru_cache(maxsize=1)
def _worker_pipeline(model: Optional[str]) -> Any:
    """The pipeline of this worker process, built on its first partition and kept."""
    from .nlp.embed import THREADS_ENV
    from .pipeline import default_pipeline

    os.environ.setdefault(THREADS_ENV, "1")  # one process per core: the sentence encoder uses one thread
    return default_pipeline(model)


def process_partition(items: list[Any], model: Optional[str], memory_rows: Optional[list[dict]] = None) -> list[Any]:
    """Run in a worker: ``(record or error payload ({"error": ...}), memory rows it taught)``
    for each item, every article linked against the same memory (the caller's, at the start)."""
    from .link.linker import EntityMemory

    with _WORKER_LOCK:
        pipeline = _worker_pipeline(model)
        memory = EntityMemory.from_rows(memory_rows) if memory_rows is not None else None
        out: list[Any] = []
        for item, learned in pipeline.process_learning((_restore(i) for i in items), memory):
            out.append((_error_payload(item) if isinstance(item, SitrepError) else item, learned))
        return out


def _error_payload(err: SitrepError) -> dict[str, Any]:
    """An error as plain data that crosses process boundaries (exceptions with codes don't pickle)."""
    return {"error": err.to_dict() | {"detail": err.detail, "class": type(err).__name__}}


def _payload(item: Item) -> Any:
    return _error_payload(item) if isinstance(item, SitrepError) else item


def _restore(value: Any) -> Result:
    if isinstance(value, dict) and "error" in value:
        from . import errors

        data = value["error"]
        cls = getattr(errors, data.get("class", "SitrepError"), SitrepError)
        return cls(data["code"], input=data.get("input"), detail=data.get("detail"), line=data.get("line"))
    return value


@contextmanager
def cluster_client(workers: int, scheduler: Optional[str] = None) -> Iterator[Any]:
    """A ``distributed.Client`` on the cluster at ``scheduler``, else on a local cluster of
    ``workers`` single-threaded processes that listens on 127.0.0.1 only."""
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError, ValueError) as exc:
            raise UsageError("E302", input=scheduler, detail=f"{type(exc).__name__}: {exc}") from exc
        with client:
            yield client
        return
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address="127.0.0.1:0", silence_logs=40) as cluster, Client(cluster) as client:
        yield client


def process_parallel(items: Iterable[Item], workers: int, model: Optional[str] = None,
                     scheduler: Optional[str] = None, memory_rows: Optional[list[dict]] = None,
                     partition_size: int = PARTITION_SIZE) -> Iterator[tuple[Result, list[dict]]]:
    """``(record or error, memory rows it taught)`` for ``items``, computed on a Dask cluster
    (see :func:`cluster_client`) against the entity memory ``memory_rows``, in input order."""
    with cluster_client(workers, scheduler) as client:
        yield from run_on(client, items, model, partition_size, memory_rows=memory_rows)


def run_on(client: Any, items: Iterable[Item], model: Optional[str] = None,
           partition_size: int = PARTITION_SIZE, window: Optional[int] = None,
           memory_rows: Optional[list[dict]] = None) -> Iterator[tuple[Result, list[dict]]]:
    """``(record or error, memory rows)`` for ``items`` from the workers of ``client``, in input
    order. At most ``window`` partitions (default: two per worker thread, at least 4) are in flight."""
    if window is None:
        window = max(4, 2 * sum(client.nthreads().values()))
    memory = client.scatter([memory_rows], broadcast=True)[0] if memory_rows is not None else None
    iterator = iter(items)
    pending: deque[tuple[list[Any], Any]] = deque()
    while True:
        chunk = [_payload(i) for i in islice(iterator, partition_size)]
        if chunk:
            pending.append((chunk, client.submit(process_partition, chunk, model, memory, pure=False)))
        while pending and (len(pending) >= window or not chunk):
            yield from _collect(*pending.popleft())
        if not chunk:
            return


def _collect(chunk: list[Any], future: Any) -> Iterator[tuple[Result, list[dict]]]:
    """The results of one partition, or E115 for each of its inputs if the cluster lost it."""
    try:
        values = future.result()
    except Exception as exc:  # noqa: BLE001 - KilledWorker, a lost scheduler...: the partition's inputs fail
        detail = f"{type(exc).__name__}: {exc}"[:300]
        values = [(item if isinstance(item, dict) else _error_payload(InputError("E115", input=item.describe(),
                   line=item.source.line, detail=detail)), []) for item in chunk]
    finally:
        future.release()
    yield from ((_restore(v), learned) for v, learned in values)
