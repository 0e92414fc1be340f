"""Evaluation: event F1 of the whole pipeline against curators' gold files.

    .venv/bin/python bench/score_extraction.py [FOLDER ...] [--verbose]

Each article (a .txt with a sibling .expected.json) is ingested alone, with its folder's
manifest.json entry, into an empty throwaway database (SQLite in a temporary folder); the
timeline is exported with `export_events` and scored by ../shared/tools/score_events.py.
Prints one line per article and the micro-averaged event F1 over all of them (true positives,
false positives and required events summed). Default folders: ../shared/seeds and
../shared/dev-articles. Targets: the seed 1.0, the dev articles at least 0.80.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "tools" / "score_events.py"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path, default=[SHARED / "seeds", SHARED / "dev-articles"])
    parser.add_argument("--verbose", action="store_true", help="print what was missed and what was spurious")
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="score-extraction-")
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/db.sqlite3"
    os.environ.setdefault("DEBUG", "true")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    import datetime as dt

    from django.core.management import call_command
    from django.db import transaction

    from articles.ingest import ingest_bytes

    call_command("migrate", verbosity=0)
    totals = {"tp": 0, "fp": 0, "required": 0}
    for folder in args.folders:
        manifest = json.loads((folder / "manifest.json").read_text()) if (folder / "manifest.json").exists() else {}
        for path in sorted(folder.glob("*.txt")):
            gold = path.with_suffix(".expected.json")
            if not gold.exists():
                continue
            entry = manifest.get(path.name, {})
            export = Path(tmp) / f"{path.stem}.export.json"
            with transaction.atomic():
                outcome = ingest_bytes(
                    path.read_bytes(),
                    name=path.name,
                    outlet=entry.get("outlet") or "",
                    credit=entry.get("credit") or "",
                    url=entry.get("url") or "",
                    published=dt.date.fromisoformat(entry["published"]) if entry.get("published") else None,
                    published_source="manifest",
                )
                call_command("export_events", output=str(export))
                transaction.set_rollback(True)
            result = subprocess.run(
                [sys.executable, str(SCORER), str(export), str(gold)], capture_output=True, text=True, check=True
            )
            lines = result.stdout.strip().splitlines()
            summary = json.loads("\n".join(lines[:-1]))
            for key in totals:
                totals[key] += summary[key]
            print(f"{path.name:50} {lines[-1]}   [{outcome.status}]")
            if args.verbose and (summary["missed"] or summary["spurious"]):
                print(f"    missed: {summary['missed']}\n    spurious: {summary['spurious']}")
    tp, fp, req = totals["tp"], totals["fp"], totals["required"]
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / req if req else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(f"micro event F1 {f1:.3f} (P {p:.3f} R {r:.3f}; {tp} of {req} required found, {fp} spurious)")


if __name__ == "__main__":
    main()
