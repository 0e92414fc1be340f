from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand
from django.http import QueryDict

from exports import eventdata, ical, timelinejs
from exports.common import filtered_events, stream, title_for
from timeline.dates import Precision
from timeline.filters import EventFilter

FORMATS = ("csv", "jsonl", "ics", "timelinejs")


class Command(BaseCommand):
    help = (
        "Write the filtered timeline as CSV or JSON Lines event data (CAMEO, PLOVER), iCalendar or "
        "TimelineJS JSON: the same documents as /exports/..., streamed (memory stays flat)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=FORMATS, required=True)
        parser.add_argument(
            "--filter",
            default="",
            help="The timeline's filters as a query string, e.g. 'actor=kim-jong-un&kind=summit'.",
        )
        parser.add_argument("--output", "-o", help="Write to this file instead of standard output.")
        parser.add_argument("--base-url", help="Prefix for permalinks (default: the SITE_URL setting).")

    def handle(self, *args, **options):
        event_filter = EventFilter.from_query(QueryDict(options["filter"]))
        for name, problem in event_filter.errors.items():
            self.stderr.write(f"ignored {name}: {problem}")
        base_url = (options["base_url"] or settings.SITE_URL).rstrip("/")
        events = filtered_events(event_filter)
        dated = events.filter(date_start__isnull=False).exclude(date_precision=Precision.UNKNOWN)
        fmt = options["format"]
        if fmt == "csv":
            pieces = eventdata.csv_rows(stream(events), base_url=base_url)
        elif fmt == "jsonl":
            pieces = eventdata.jsonl(stream(events), base_url=base_url)
        elif fmt == "ics":
            host = urlsplit(settings.SITE_URL).hostname or "localhost"
            pieces = ical.calendar(
                stream(dated, sources=False), name=title_for(event_filter), base_url=base_url, host=host
            )
        else:
            pieces = timelinejs.document(
                stream(dated),
                title=title_for(event_filter),
                description="Diplomatic events from news articles, each linked to its sources.",
                base_url=base_url,
            )
        if options["output"]:
            # newline="" keeps the CRLF line ends that CSV and iCalendar require.
            with open(options["output"], "w", encoding="utf-8", newline="") as out:
                for piece in pieces:
                    out.write(piece)
        else:
            for piece in pieces:
                self.stdout.write(piece, ending="")
