"""The app survives a PostgreSQL restart: /health reports the outage, then the recovery.

This stops the real local cluster (pg_ctlcluster), which would break any other test run using
the same server at that moment, so it runs only when asked: `RUN_PG_RESTART=1 bin/test -m pg_restart`
with DATABASE_URL pointing at PostgreSQL on this machine. It skips when it cannot control the server.
"""

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from django.db import connection

pytestmark = [pytest.mark.pg_restart, pytest.mark.django_db(transaction=True)]


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
