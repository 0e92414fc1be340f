"""Take the README's screenshot of the timeline (docs/screenshot.png) in Debian's Chromium.

    .venv/bin/python docs/screenshot.py                      # the seed articles, in a fresh database
    .venv/bin/python docs/screenshot.py --generated 400      # plus 400 generated events (bench/timeline_data.py)
    .venv/bin/python docs/screenshot.py --url http://127.0.0.1:8102/?kind=summit   # a server already running

Without --url it builds a throwaway SQLite database (/tmp/tl_timeline_shot.sqlite3), migrates it,
ingests seeds/, serves it on 127.0.0.1:8102 and stops that server by its process id afterwards.
"""

import argparse
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
DB = Path("/tmp/tl_timeline_shot.sqlite3")
PORT = 8102


def shoot(url: str, out: Path, width: int, height: int) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": width, "height": height}, device_scale_factor=1)
        page.goto(url)
        page.wait_for_load_state("networkidle")
        page.screenshot(path=str(out))
        browser.close()
    print(f"wrote {out} from {url}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", help="a page of a server already running")
    parser.add_argument("--path", default="/", help="the page to take, on the throwaway server")
    parser.add_argument("--generated", type=int, default=0, help="generated events to add to the seed")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshot.png")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=860)
    args = parser.parse_args()
    if args.url:
        shoot(args.url, args.out, args.width, args.height)
        return 0
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{DB}", "DEBUG": "true", "LOG_LEVEL": "WARNING"}
    DB.unlink(missing_ok=True)
    manage = [PYTHON, ROOT / "manage.py"]
    subprocess.run([*manage, "migrate", "-v", "0"], check=True, env=env, cwd=ROOT)
    subprocess.run([*manage, "ingest", "-v", "0", ROOT / "seeds"], check=True, env=env, cwd=ROOT)
    if args.generated:
        subprocess.run([PYTHON, ROOT / "bench" / "timeline_data.py", str(args.generated)], check=True, env=env)
    server = subprocess.Popen([*manage, "runserver", f"127.0.0.1:{PORT}", "--noreload"], env=env, cwd=ROOT)
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}/", timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        shoot(f"http://127.0.0.1:{PORT}{args.path}", args.out, args.width, args.height)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
