"""Ingest with the analysis on a Dask cluster (2 local worker processes): the same store as one process makes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from claimwatch.flow import Flow
from claimwatch.flow.cluster import ClusterFlow, cluster_client
from claimwatch.ingest import ingest_sources
from claimwatch.sample import SAMPLE_DIR
from claimwatch.store import SQLiteStore
from claimwatch.track import stories_report


def contents(path):
    """What an ingest made of the articles: analyses, placed statements, and the stories report."""
    with SQLiteStore(path) as store:
        analyses = store._conn.execute("SELECT article_id, pipeline, analysis FROM analyses ORDER BY article_id")
        statements = store._conn.execute("SELECT * FROM tracked_statements ORDER BY article_id, position")
        return ([tuple(r) for r in analyses], [tuple(r) for r in statements],
                json.dumps(stories_report(store), sort_keys=True))


@pytest.fixture(scope="module")
def single_process(tmp_path_factory):
    path = tmp_path_factory.mktemp("single") / "one.db"
    with SQLiteStore(path) as store:
        report = ingest_sources(store, [str(SAMPLE_DIR)], workers=0, after_batch=Flow.loaded("fast"))
    assert report.failed == 0 and report.added > 20
    return contents(path)


@pytest.fixture(scope="module")
def client():
    running = cluster_client(None, 2)
    yield running
    cluster = running.cluster
    running.close()
    cluster.close()


def cluster_ingest(path, client, **flow_options):
    flow = ClusterFlow("fast", client, **flow_options)
    with SQLiteStore(path) as store:
        return ingest_sources(store, [str(SAMPLE_DIR)], workers=0, after_batch=flow,
                              ahead=lambda items: flow.ahead(store, items))


@pytest.mark.slow
def test_an_ingest_analysed_on_two_workers_stores_what_one_process_stores(single_process, client, tmp_path):
    report = cluster_ingest(tmp_path / "cluster.db", client, partition=4)
    assert report.failed == 0
    assert contents(tmp_path / "cluster.db") == single_process


@pytest.mark.slow
def test_a_worker_killed_mid_run_has_its_partition_analysed_again(single_process, client, tmp_path):
    flow = ClusterFlow("fast", client, partition=4)
    killed = []

    def kill_a_worker_once(items):
        for item in flow.ahead(store, items):
            if not killed:
                # While later partitions are in flight: the nanny starts a new worker, Dask reruns its tasks.
                pid = next(iter(client.run(os.getpid).values()))
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)
            yield item

    with SQLiteStore(tmp_path / "killed.db") as store:
        report = ingest_sources(store, [str(SAMPLE_DIR)], workers=0, after_batch=flow, ahead=kill_a_worker_once)
    assert killed and report.failed == 0
    assert contents(tmp_path / "killed.db") == single_process


@pytest.mark.slow
def test_a_killed_cluster_ingest_run_again_completes_without_duplicates(single_process, tmp_path):
    db = tmp_path / "resumed.db"
    command = [sys.executable, "-c", "from claimwatch.cli import main; main()", "ingest", "--sample",
               "--pipeline", "fast", "--dask-workers", "2", "--db", str(db)]
    first = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and first.poll() is None:
        if db.exists() and SQLiteStore(db).count_articles() > 0:
            break
        time.sleep(0.2)
    first.kill()
    first.wait()
    again = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert contents(db) == single_process


def test_a_scheduler_that_cannot_be_reached_is_one_line_naming_it(cli):
    result = cli("ingest", "--sample", "--scheduler", "tcp://127.0.0.1:9")
    assert result.exit_code == 2
    assert "tcp://127.0.0.1:9" in result.stderr and "dask scheduler" in result.stderr
