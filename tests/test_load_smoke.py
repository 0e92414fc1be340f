"""A few seconds of bench/load.py: gunicorn starts, every target answers under load, no errors.

The figures mean nothing at this size; the full run (README, Benchmarks) is what gives them.
"""

import os
import shutil
import subprocess
import sys
from urllib.parse import urlsplit, urlunsplit

import pytest

from tests.conftest import ROOT


def smoke_database_url(tmp_path) -> str:
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        parts = urlsplit(url)
        return urlunsplit(parts._replace(path=parts.path.rstrip("/") + "_load"))
    return f"sqlite:///{tmp_path / 'load.sqlite3'}"


@pytest.mark.skipif(
    not shutil.which("psql") and os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="psql"
)
def test_load_benchmark_smoke_run(tmp_path):
    database_url = smoke_database_url(tmp_path)
    try:
        run_smoke(database_url)
    finally:
        if database_url.startswith("postgres"):
            parts = urlsplit(database_url)
            host, port = parts.hostname or "127.0.0.1", str(parts.port or 5432)
            user = parts.username or "postgres"
            dropdb = ["dropdb", "--if-exists", "-h", host, "-p", port, "-U", user, parts.path.lstrip("/")]
            subprocess.run(dropdb, check=False, capture_output=True)


def run_smoke(database_url):
    result = subprocess.run(
        [sys.executable, "bench/load.py", "--smoke", "--python-client", "--port", "8106"],
        cwd=ROOT,
        env={**os.environ, "BENCH_DATABASE_URL": database_url},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = {line.split()[0]: line for line in result.stdout.splitlines() if line.split()}
    for target in ("timeline", "htmx", "permalink", "API", "plain"):
        figures = lines[target].split()
        assert figures[-2] == "0", lines[target]  # errors
        assert int(figures[-1]) > 0, lines[target]  # requests
