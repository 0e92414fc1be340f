"""Run the browser benchmark (run_peers.py, copied from ../shared/bench/browser) with our timeline as a
third target beside TimelineJS and vis-timeline.

    cd bench/browser && npm install --no-package-lock      # the two peer widgets (once)
    ../../.venv/bin/python run_ours.py                    # all three targets, all sizes
    ../../.venv/bin/python run_ours.py --only ours --sizes 100,20000 --reps 3

What it does: writes the harness's fixtures (events-N.json), loads them into a fresh SQLite
database (/tmp/tl_timeline_peers.sqlite3) so that /?place=peers-N shows exactly those N events,
collects static files (into staticfiles/, ignored by git), starts gunicorn with production
settings (DEBUG off, hashed static files served by WhiteNoise) on 127.0.0.1:8102, requests each
page a few times (a running site's caches are warm), runs run_peers.py with ours.json, and stops
gunicorn by its process id. Other arguments go to run_peers.py.
"""

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
DB = Path("/tmp/tl_timeline_peers.sqlite3")
PORT = 8102
SIZES = (100, 1000, 5000, 20000)


def main(argv: list[str]) -> int:
    fixtures = HERE / "fixtures"
    subprocess.run([PYTHON, HERE / "run_peers.py", "--write-data", fixtures, "--data-only"], check=True)
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{DB}",
        "DEBUG": "false",
        "SECRET_KEY": "bench-only-secret-key-not-for-production-5f0c2a9e7d4b1c8e3f6a",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "SECURE_HSTS_SECONDS": "0",
        "LOG_LEVEL": "WARNING",
    }
    DB.unlink(missing_ok=True)
    manage = [PYTHON, ROOT / "manage.py"]
    subprocess.run([*manage, "migrate", "-v", "0"], check=True, env=env, cwd=ROOT)
    subprocess.run([PYTHON, ROOT / "bench" / "timeline_data.py", "--peers", fixtures], check=True, env=env, cwd=ROOT)
    subprocess.run([*manage, "collectstatic", "--noinput", "-v", "0"], check=True, env=env, cwd=ROOT)
    server = subprocess.Popen(
        [ROOT / ".venv" / "bin" / "gunicorn", "config.wsgi", "-b", f"127.0.0.1:{PORT}", "-w", "2"],
        env=env,
        cwd=ROOT,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}/?place=peers-100", timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        # A running site's caches are warm (the density strip, the cards): so is ours before it is measured,
        # as the harness warms the OS file cache for the peers with a discarded run.
        for n in SIZES:
            for _ in range(4):
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}/?place=peers-{n}&at=2017-01", timeout=30).read()
        print(f"our app: gunicorn pid {server.pid} on 127.0.0.1:{PORT}", flush=True)
        cmd = [PYTHON, HERE / "run_peers.py", "--target-file", HERE / "ours.json", *argv]
        return subprocess.run(cmd, cwd=HERE).returncode
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
