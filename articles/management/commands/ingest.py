import os
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles.extraction.pubdate import parse_date
from articles.ingest import CREATED, FAILED, NEEDS_DATE, OUTCOMES, UNCHANGED, UPDATED, Outcome, ingest_bytes
from articles.manifest import MANIFEST_NAME, Manifest, load_manifest
from articles.models import Article

EXTENSIONS = {".txt": None, ".html": "text/html", ".htm": "text/html"}
PROGRESS_EVERY = 100  # files, for the progress line on quiet runs
LABELS = {CREATED: "created", UNCHANGED: "unchanged", UPDATED: "updated", NEEDS_DATE: "needs a date", FAILED: "failed"}


def _printable(text: str) -> str:
    """One line, whatever a file name holds: line breaks and other control characters escaped."""
    return "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in text)


def _date(value: str):
    try:
        return parse_date(value)
    except ValueError as error:
        raise CommandError(f"--published: {error}") from None


class Command(BaseCommand):
    help = (
        "Ingest articles from files and folders (folders recursively: .txt, .html, .htm). A folder's "
        "manifest.json gives each file's outlet, credit, published date, url and title; flags apply to every "
        "file and win over the manifest. Prints one line per file and a summary; exits non-zero if any failed."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="Files or folders to ingest.")
        parser.add_argument("--published", type=_date, metavar="YYYY-MM-DD", help="Publication date of every file.")
        parser.add_argument("--outlet", default="", metavar="NAME", help="The publication, such as 'Arab News'.")
        parser.add_argument("--credit", default="", metavar="NAME", help="The wire or author, such as 'Reuters'.")
        parser.add_argument("--url", default="", metavar="URL", help="Where the article was published (one file).")

    def handle(self, *args, **options):
        files = self.collect(options["paths"])
        if options["url"] and len(files) > 1:
            raise CommandError(f"--url names one article, but {len(files)} files were given")
        started = time.monotonic()
        counts = dict.fromkeys(OUTCOMES, 0)
        manifests: dict[Path, Manifest | None] = {}
        verbose = options["verbosity"] >= 1
        width = len(str(len(files)))
        styles = {
            CREATED: self.style.SUCCESS,
            UPDATED: self.style.SUCCESS,
            NEEDS_DATE: self.style.WARNING,
            FAILED: self.style.ERROR,
        }
        for number, (path, root, problem) in enumerate(files, 1):
            outcome = problem or self.ingest_file(path, root, manifests, options)
            counts[outcome.status] += 1
            prefix = f"[{number:>{width}}/{len(files)}] " if len(files) > 1 else ""
            if verbose or outcome.status == FAILED:
                style = styles.get(outcome.status, str)
                name = _printable(outcome.name)
                self.stdout.write(f"{prefix}{style(f'{outcome.status:<10}')} {name}: {_printable(outcome.reason)}")
            elif number % PROGRESS_EVERY == 0:
                self.stderr.write(f"{number}/{len(files)} files, {number / (time.monotonic() - started):.0f}/s")
        elapsed = time.monotonic() - started
        summary = ", ".join(f"{counts[status]} {LABELS[status]}" for status in OUTCOMES)
        self.stdout.write(f"{len(files)} file{'s' if len(files) != 1 else ''}: {summary} ({elapsed:.1f} s)")
        if counts[FAILED]:
            raise CommandError(f"{counts[FAILED]} of {len(files)} failed", returncode=1)

    def collect(self, paths: list[str]) -> list[tuple[Path, Path, Outcome | None]]:
        """(file, the folder its manifests are looked up to, or an Outcome if it cannot be read)."""
        found = []
        for given in paths:
            path = Path(given)
            if path.is_dir():
                for folder, dirs, names in os.walk(path):
                    dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                    for name in sorted(names):
                        if name.startswith(".") or name == MANIFEST_NAME:
                            continue
                        if Path(name).suffix.lower() not in EXTENSIONS:
                            continue
                        file = Path(folder) / name
                        if not file.resolve().is_relative_to(path.resolve()):
                            # A link out of the folder (to /etc/passwd, say) is never read.
                            problem = Outcome(FAILED, "a link to a file outside the folder (not followed)", str(file))
                            found.append((file, path, problem))
                            continue
                        found.append((file, path, None))
            elif path.is_file():
                found.append((path, path.parent, None))
            else:
                found.append((path, path.parent, Outcome(FAILED, "no such file or folder", given)))
        if not found:
            raise CommandError("no .txt, .html or .htm files found in " + ", ".join(paths))
        return found

    def manifest_entry(self, path: Path, root: Path, manifests: dict):
        """The nearest manifest that lists `path` (its folder first, then up to the folder given)."""
        folder = path.parent
        root = root.resolve()
        while True:
            if folder not in manifests:
                manifest = manifests[folder] = load_manifest(folder)
                for warning in manifest.warnings if manifest else []:
                    self.stderr.write(self.style.WARNING(f"warning: {warning}"))
            manifest = manifests[folder]
            if manifest and manifest.error:
                return None, manifest.error
            entry = manifest.entry_for(path) if manifest else None
            if entry or folder.resolve() == root or folder.resolve() == folder.resolve().parent:
                return entry, ""
            folder = folder.parent

    def ingest_file(self, path: Path, root: Path, manifests: dict, options) -> Outcome:
        name = str(path)
        entry, error = self.manifest_entry(path, root, manifests)
        if error:
            return Outcome(FAILED, f"not ingested: {error}", name)
        if entry and entry.error:
            return Outcome(FAILED, f"manifest.json entry: {entry.error}", name)
        try:
            size = path.stat().st_size
            if size > settings.INGEST_MAX_BYTES:
                limit = settings.INGEST_MAX_BYTES
                return Outcome(
                    FAILED,
                    f"too large: {size / 1_048_576:.1f} MB, the limit is {limit / 1_048_576:.1f} MB (INGEST_MAX_BYTES)",
                    name,
                )
            raw = path.read_bytes()
        except OSError as exc:
            return Outcome(FAILED, f"could not be read ({exc.strerror or exc})", name)
        published, source = options["published"], Article.DateSource.FLAG
        if not published and entry and entry.published:
            published, source = entry.published, Article.DateSource.MANIFEST
        return ingest_bytes(
            raw,
            name=name,
            outlet=options["outlet"] or (entry.outlet if entry else ""),
            credit=options["credit"] or (entry.credit if entry else ""),
            url=options["url"] or (entry.url if entry else ""),
            title=entry.title if entry else "",
            published=published,
            published_source=source,
            media_type=EXTENSIONS.get(path.suffix.lower()),
            parse=options.get("parse", True),
        )
