"""Process large corpora on several cores with Dask.

Documents are read in the calling process, grouped into partitions of a Dask bag and
processed by a pool of worker processes that each build the pipeline once; records stream
back in input order so that one process (the caller) writes the database. Errors travel back
as plain payloads and become :class:`SitrepError` values again, so one broken article never
stops the batch.
"""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache
from itertools import islice
from typing import Any, Iterable, Iterator, Optional, Union

from .errors import SitrepError
from .model import Article, RawDocument

Item = Union[RawDocument, SitrepError]
Result = Union[Article, SitrepError]


@lru_cache(maxsize=1)
def _worker_pipeline(model: Optional[str]) -> Any:
    from .pipeline import default_pipeline

    return default_pipeline(model)


def _one_thread_each() -> None:
    """Worker start-up: one process per core, so the sentence encoder uses one thread."""
    import os

    from .nlp.embed import THREADS_ENV

    os.environ[THREADS_ENV] = "1"


def _process_partition(items: list[Any], model: Optional[str]) -> list[Any]:
    """Run in a worker: records, or error payloads ({"error": ...}) for failures."""
    pipeline = _worker_pipeline(model)
    out: list[Any] = []
    for item in list(items):
        if isinstance(item, dict):
            out.append(item)
            continue
        result = pipeline.process_isolated(item)
        out.append(_error_payload(result) if isinstance(result, SitrepError) else result)
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


def process_parallel(items: Iterable[Item], workers: int, model: Optional[str] = None,
                     partition_size: int = 16) -> Iterator[Result]:
    """Records for ``items`` computed by ``workers`` processes through Dask, in input order."""
    import dask
    import dask.bag as db

    iterator = iter(items)
    with ProcessPoolExecutor(max_workers=workers, initializer=_one_thread_each) as pool:
        while True:
            chunk = [_payload(i) for i in islice(iterator, partition_size * workers)]
            if not chunk:
                return
            bag = db.from_sequence(chunk, partition_size=partition_size)
            parts = bag.map_partitions(_process_partition, model).to_delayed()
            for part in dask.compute(*parts, scheduler="processes", pool=pool):
                yield from (_restore(v) for v in part)
