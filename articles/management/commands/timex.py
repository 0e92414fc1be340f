import datetime as dt
import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.extraction.timex import find_timexes


def parse_dct(value: str) -> dt.date | dt.datetime:
    """A publication date: YYYY-MM-DD, or an ISO date and time (the time is kept, the zone dropped)."""
    value = str(value).strip()
    try:
        if "T" in value or " " in value:
            return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).replace(tzinfo=None)
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"not a date: {value!r} (expected YYYY-MM-DD)") from None


class Command(BaseCommand):
    help = (
        "Find the temporal expressions (TIMEX3) in a text, anchored on its publication date. "
        "With FILE and --dct: one JSON line per expression, {start, end, text, type, value}. "
        "With --batch IN.jsonl (lines {doc, dct, text}): one line {doc, start, end, type, value} "
        "per expression of every document. Offsets are Python string indices into the text."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="A UTF-8 text file ('-' reads standard input).")
        parser.add_argument(
            "--dct", help="Publication date, YYYY-MM-DD (for --batch: the default for lines without one)."
        )
        parser.add_argument("--batch", metavar="IN.jsonl", help="Tag every document of a JSONL file ('-': stdin).")

    def handle(self, *args, file=None, dct=None, batch=None, **options):
        default_dct = None
        if dct:
            try:
                default_dct = parse_dct(dct)
            except ValueError as exc:
                raise CommandError(f"--dct: {exc}") from None
        if batch and file:
            raise CommandError("give either FILE or --batch, not both")
        if batch:
            return self.run_batch(batch, default_dct)
        if not file:
            raise CommandError("give a FILE (with --dct) or --batch IN.jsonl")
        if default_dct is None:
            raise CommandError("--dct YYYY-MM-DD is required with FILE")
        text = self.read_text(file)
        for t in find_timexes(text, default_dct):
            self.emit({"start": t.start, "end": t.end, "text": t.text, "type": t.type, "value": t.value})
        return None

    def emit(self, obj):
        self.stdout.write(json.dumps(obj, ensure_ascii=False))

    def read_text(self, path):
        try:
            data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
        except OSError as exc:
            raise CommandError(f"{path}: {exc.strerror or exc}") from None
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise CommandError(f"{path}: not UTF-8 text (byte {exc.start}: {exc.reason})") from None

    def run_batch(self, path, default_dct):
        failures = 0
        for number, line in enumerate(self.read_text(path).splitlines(), start=1):
            if not line.strip():
                continue
            try:
                doc, dct, text = self.parse_line(line, default_dct)
            except ValueError as exc:
                failures += 1
                self.stderr.write(f"{path}:{number}: {exc}")
                continue
            for t in find_timexes(text, dct):
                self.emit({"doc": doc, "start": t.start, "end": t.end, "type": t.type, "value": t.value})
        if failures:
            raise CommandError(f"{failures} line(s) of {path} could not be read (see above); the others were tagged")

    @staticmethod
    def parse_line(line, default_dct):
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"not JSON ({exc.msg})") from None
        if not isinstance(obj, dict):
            raise ValueError("expected an object {doc, dct, text}")
        text = obj.get("text")
        if not isinstance(text, str):
            raise ValueError("missing or non-string 'text'")
        if obj.get("dct"):
            dct = parse_dct(obj["dct"])
        elif default_dct is not None:
            dct = default_dct
        else:
            raise ValueError("missing 'dct' (or give --dct as a default)")
        return obj.get("doc", obj.get("doc_id")), dct, text
