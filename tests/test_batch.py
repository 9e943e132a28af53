"""A real Dask cluster (two worker processes over TCP on 127.0.0.1) gives the records one process
gives, in input order; a worker killed mid-run loses no article and duplicates none."""

from __future__ import annotations

import json
import os
import signal
from dataclasses import replace

import pytest

from sitrep import batch, service
from sitrep.errors import SitrepError
from sitrep.ingest.sources import read_inputs
from sitrep.model import to_dict

pytest.importorskip("distributed")

REPORTS = (  # written for these tests; no name recurs, so no article leans on another's entity memory
    "Turkey moved {n} tanks to the Syrian border on Monday, the defence ministry in Ankara said.",
    "Russian artillery shelled Kharkiv overnight, wounding {n} people, according to Oleh Synehubov.",
    "The foreign ministers of France and Germany met in Berlin on Tuesday to discuss {n} new sanctions.",
    "Protesters gathered outside the parliament in Nairobi for the {n}th day.",
    "Israel said it had intercepted {n} drones launched from Yemen towards Eilat.",
    "China sent {n} warships near Taiwan on Friday.",
    "Sudan's army retook {n} villages near El Fasher from the Rapid Support Forces.",
    "Colombia and Venezuela reopened {n} border crossings at Cucuta this week.",
    "Japan will buy {n} Tomahawk missiles from the United States, Tokyo announced.",
    "Mali expelled {n} diplomats from Bamako after a dispute with Algeria.",
    "Pakistan closed {n} crossings on its frontier with Afghanistan near Torkham.",
    "Armenia and Azerbaijan exchanged {n} prisoners at a checkpoint near Lachin.",
    "Brazil sent {n} firefighting aircraft to Bolivia to help contain forest fires.",
    "Ethiopia deployed {n} battalions to the Amhara region after clashes with Fano militias.",
    "Serbia recalled its ambassador from Pristina and put {n} units on alert.",
    "Chile and Peru signed {n} agreements on water sharing in Lima.",
)

def write_dump(path, count: int) -> None:
    rows = [{"id": f"d{i}", "text": REPORTS[i].format(n=i + 2)} for i in range(count)]
    lines = [json.dumps(r) for r in rows]
    lines.insert(3, "{broken")
    path.write_text("\n".join(lines) + "\n")


@pytest.fixture(scope="module")
def client():
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, protocol="tcp://", host="127.0.0.1",
                      dashboard_address="127.0.0.1:0", silence_logs=50) as cluster, Client(cluster) as client:
        assert all(address.startswith("tcp://127.0.0.1:") for address in client.nthreads())
        yield client


def serial_records(path) -> list:
    from sitrep.pipeline import default_pipeline

    return list(default_pipeline().process_many(read_inputs([str(path)], 5_000_000)))


def pipelines_built() -> int:
    return batch._worker_pipeline.cache_info().misses


def comparable(result) -> dict:
    return result.to_dict() if isinstance(result, SitrepError) else to_dict(result)


def test_cluster_output_equals_the_single_process_output_record_for_record(tmp_path, settings, client):
    path = tmp_path / "batch.jsonl"
    write_dump(path, 12)
    serial = serial_records(path)
    address = client.scheduler.address
    clustered = list(service.extract([str(path)], replace(settings, scheduler=address)))
    assert sorted(client.run(pipelines_built).values()) == [1, 1]  # both workers used, each built it once
    assert [comparable(r) for r in clustered] == [comparable(r) for r in serial]
    assert isinstance(clustered[3], SitrepError) and clustered[3].code == "E106" and clustered[3].line == 4
    report = service.ingest([str(path)], replace(settings, scheduler=address))
    assert (report.stored, report.failed) == (12, 1)
    assert [i["line"] for i in report.inputs] == list(range(1, 14))


def test_a_worker_killed_mid_run_loses_no_article_and_duplicates_none(tmp_path, client):
    path = tmp_path / "batch.jsonl"
    write_dump(path, 16)
    expected = [comparable(r) for r in serial_records(path)]
    results, killed = [], None
    for result, _learned in batch.run_on(client, read_inputs([str(path)], 5_000_000), partition_size=1):
        results.append(result)
        if killed is None:  # after the first record: kill the worker that holds the most work
            pids, processing = client.run(os.getpid), client.processing()
            killed = max(pids, key=lambda worker: len(processing.get(worker, ())))
            assert processing[killed]
            os.kill(pids[killed], signal.SIGKILL)
    assert pids[killed] not in client.run(os.getpid).values()
    lines = [r.line if isinstance(r, SitrepError) else r.source.line for r in results]
    assert lines == list(range(1, 18))
    assert [comparable(r) for r in results] == expected


def test_an_unreachable_scheduler_is_a_coded_error(monkeypatch):
    monkeypatch.setattr(batch, "CONNECT_TIMEOUT", "1s")
    with pytest.raises(SitrepError) as caught:
        list(batch.process_parallel([], 1, scheduler="tcp://127.0.0.1:9"))
    assert caught.value.code == "E302" and "127.0.0.1:9" in caught.value.message
