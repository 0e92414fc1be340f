"""The app survives a PostgreSQL restart: /health reports the outage, then the recovery.

This stops the real local cluster (pg_ctlcluster), which would break any other test run using
the same server at that moment, so it runs only when asked: `RUN_PG_RESTART=1 bin/test -m pg_restart`
with DATABASE_URL pointing at PostgreSQL on this machine. It skips when it cannot control the server.
"""

import os
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

from bench.load import start_server, stop_server

pytestmark = [pytest.mark.pg_restart, pytest.mark.django_db(transaction=True)]


PORT = 8109


@pytest.fixture
def live_database_url():
    """The test database as a URL, for a server in another process (transaction=True commits the data)."""
    cluster()
    db = connection.settings_dict
    return f"postgres://{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def cluster() -> list[str]:
    if os.environ.get("RUN_PG_RESTART") != "1":
        pytest.skip("disrupts every user of the local PostgreSQL: set RUN_PG_RESTART=1 to run it")
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    if not shutil.which("pg_ctlcluster") or not Path("/etc/postgresql").is_dir():
        pytest.skip("pg_ctlcluster is not available to control the server")
    version = sorted(p.name for p in Path("/etc/postgresql").iterdir())[-1]
    return ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main"]


def pg(command: list[str], action: str) -> None:
    subprocess.run([*command, action], check=True, capture_output=True, timeout=60)
    if action in ("start", "restart"):
        for _ in range(60):
            if subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1"], check=False).returncode == 0:
                return
            time.sleep(0.5)
        raise AssertionError("PostgreSQL did not come back")


def health(client):
    response = client.get("/health")
    return response.status_code, response.json()


def test_health_reports_a_stopped_database_and_its_recovery(client):
    command = cluster()
    assert health(client)[0] == 200
    try:
        pg(command, "stop")
        status, body = health(client)
        assert status == 503
        assert body["checks"]["database"]["status"] == "error"
        page = client.get("/?q=during-the-outage")
        assert page.status_code == 503 and page["Retry-After"] == "30"
        assert b"temporarily unavailable" in page.content
    finally:
        pg(command, "start")
    status, body = health(client)
    assert (status, body["status"]) == (200, "ok"), body
    assert client.get("/").status_code == 200


def test_pages_keep_working_across_a_restart(client):
    command = cluster()
    assert client.get("/").status_code == 200
    pg(command, "restart")
    # The connection kept from before the restart is dead; Django notices and opens a new one.
    statuses = [health(client)[0] for _ in range(3)]
    assert statuses[-1] == 200, statuses
    assert client.get("/").status_code == 200


def get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (loopback)
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_gunicorn_serves_through_a_restart(live_database_url):
    """A real gunicorn (2 workers x 2 threads, persistent connections) across a stop and a start."""
    command = cluster()
    server = start_server(live_database_url, PORT, workers=2, threads=2)
    base = f"http://127.0.0.1:{PORT}"
    try:
        # Every worker thread opens and keeps its connection.
        assert [get(f"{base}/") for _ in range(8)] == [200] * 8
        pg(command, "stop")
        try:
            outage = [get(f"{base}/health") for _ in range(4)]
            cached = [get(f"{base}/") for _ in range(4)]
            uncached = [get(f"{base}/?q=outage{n}") for n in range(4)]
        finally:
            pg(command, "start")
        assert outage == [503] * 4, outage
        # Pages already rendered are still served from the page cache; new ones say 503, never 500.
        assert cached == [200] * 4, cached
        assert uncached == [503] * 4, uncached
        # Back at once: no worker keeps a dead connection, no request fails after the restart.
        after = [get(f"{base}/health") for _ in range(8)] + [get(f"{base}/") for _ in range(8)]
        assert after == [200] * 16, after
    finally:
        stop_server(server)
        connection.close()  # this process's own connection died in the restart
