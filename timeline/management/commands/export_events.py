import json

from django.core.management.base import BaseCommand

from articles.models import Article
from timeline.models import Actor, Event
from timeline.serializers import actor_to_dict, article_to_dict, event_to_dict, with_related

CHUNK = 500


class Command(BaseCommand):
    help = (
        "Write the timeline as JSON: {articles, events, actors}. Events are the visible ones "
        "(not rejected, not merged) in time order; the format is described in the README."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["json"], default="json", help="Output format (default: json).")
        parser.add_argument("--output", "-o", help="Write to this file instead of standard output.")
        parser.add_argument("--include-rejected", action="store_true", help="Also export rejected events.")
        parser.add_argument("--base-url", help="Prefix for permalinks (default: the SITE_URL setting).")

    def handle(self, *args, **options):
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8") as out:
                self.write_json(out.write, options)
        else:
            self.write_json(lambda text: self.stdout.write(text, ending=""), options)

    def write_json(self, write, options):
        """Stream the document so memory stays flat however many events there are."""
        base_url = options.get("base_url")
        events = Event.objects.filter(merged_into__isnull=True)
        if not options["include_rejected"]:
            events = events.visible()
        sections = [
            ("articles", Article.objects.defer("raw").order_by("id"), article_to_dict),
            ("events", with_related(events.in_time_order()), lambda e: event_to_dict(e, base_url)),
            ("actors", Actor.objects.active().order_by("name"), lambda a: actor_to_dict(a, base_url)),
        ]
        write("{")
        for n, (name, queryset, to_dict) in enumerate(sections):
            write(("," if n else "") + f"\n {json.dumps(name)}: [")
            for i, obj in enumerate(queryset.iterator(chunk_size=CHUNK)):
                write(("," if i else "") + "\n  " + json.dumps(to_dict(obj), ensure_ascii=False))
            write("\n ]")
        write("\n}\n")
