"""Benchmark: the whole pipeline, bytes to saved timeline rows, in articles per second on one core.

    .venv/bin/python bench/pipeline_speed.py [--articles 300] [--size 5120]

Articles of about 5 KB are built at run time from the seed (seeds/) and, when present, the dev
articles in ../shared/dev-articles (others' text: read here, never copied into the project),
each made unique by a numbered line so that every one is a new article. They are ingested one by
one with `ingest_bytes` (decode, repair, structure, dates, actors, events, saving, each article in
its own transaction) into a throwaway SQLite database, or the database of DATABASE_URL when set
(use a scratch one). Printed: articles per second for the whole pipeline, the time per article of
each step measured alone on the same texts, and the time `dateparser.search_dates` alone takes on
them, for comparison. Times are the process's CPU time (time.process_time), which other jobs on
a shared machine disturb far less than wall-clock time; the wall-clock rate is printed too.
Target: at least 50 articles/s.
"""

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET = 50


def sources() -> list[str]:
    from articles.extraction.decode import decode

    texts = [decode((ROOT / "seeds" / "000_0dcf6ac655a67240.txt").read_bytes()).text]
    shared = ROOT.parent / "shared" / "dev-articles"
    if shared.is_dir():
        texts += [decode(path.read_bytes()).text for path in sorted(shared.glob("*.txt"))]
    return texts


def build(count: int, size: int) -> list[bytes]:
    texts = sources()
    out = []
    for i in range(count):
        parts, n = [], i
        while len("\n\n".join(parts).encode()) < size:
            parts.append(texts[n % len(texts)])
            n += 1
        text = "\n\n".join(parts).encode()[:size].decode("utf-8", errors="ignore")
        text = text[: text.rfind("\n")]
        out.append(f"{text}\n\nThis is copy number {i} of the benchmark.".encode())
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=300, help="how many articles to ingest (default 300)")
    parser.add_argument("--size", type=int, default=5120, help="article size in bytes (default 5120)")
    parser.add_argument("--dateparser", type=int, default=20, help="articles to run dateparser on (default 20)")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    if "DATABASE_URL" not in os.environ:
        os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='pipeline-speed-')}/db.sqlite3"
    # Production settings: with DEBUG on, Django would also record every query.
    os.environ.setdefault("DEBUG", "false")
    os.environ.setdefault("SECRET_KEY", "benchmark-only-key-" + "x" * 40)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    import logging

    from django.core.management import call_command

    from articles.extraction.actors import find_actors
    from articles.extraction.events import find_events
    from articles.extraction.pipeline import analyse
    from articles.extraction.timex import find_timexes
    from articles.ingest import ingest_bytes
    from articles.parsing import current_lexicon

    logging.disable(logging.WARNING)
    call_command("migrate", verbosity=0)
    published = dt.date(2018, 9, 11)
    inputs = build(args.articles, args.size)
    warm = build(5, args.size)
    for raw in warm:  # warm up imports and caches, outside the measurement
        ingest_bytes(raw + b" warm-up", published=published)

    start, cpu_start = time.perf_counter(), time.process_time()
    for raw in inputs:
        outcome = ingest_bytes(raw, published=published)
        assert outcome.ok, outcome.reason
    wall = time.perf_counter() - start
    total = time.process_time() - cpu_start
    per_second = len(inputs) / total

    # Each step alone, on the same texts.
    lexicon = current_lexicon()
    steps = {"analyse (decode, repair, structure)": 0.0, "dates (timex)": 0.0, "actors": 0.0, "events": 0.0}
    for raw in inputs:
        t0 = time.process_time()
        analysis = analyse(raw)
        t1 = time.process_time()
        text, structure = analysis.text, analysis.structure
        timexes = find_timexes(text, published)
        t2 = time.process_time()
        actors = find_actors(
            text,
            [(s.start, s.end) for s in structure.sentences],
            [(c.start, c.end) for c in structure.captions],
            lexicon,
        )
        t3 = time.process_time()
        find_events(text, actors, timexes, published, lexicon)
        t4 = time.process_time()
        for name, spent in zip(steps, (t1 - t0, t2 - t1, t3 - t2, t4 - t3), strict=True):
            steps[name] += spent
    n = len(inputs)
    measured = sum(steps.values())

    from dateparser.search import search_dates

    sample = [analyse(raw).text for raw in inputs[: args.dateparser]]
    t0 = time.process_time()
    for text in sample:
        search_dates(text, languages=["en"], settings={"RELATIVE_BASE": dt.datetime(2018, 9, 11)})
    dateparser_ms = (time.process_time() - t0) / len(sample) * 1000

    print(f"{n} articles of ~{args.size} bytes, one core, database {os.environ['DATABASE_URL'].split(':')[0]}")
    print(
        f"whole pipeline (bytes to saved rows): {per_second:.1f} articles/s of CPU time ({total / n * 1000:.1f} "
        f"ms/article); {n / wall:.1f} articles/s of wall-clock time (other processes share the core)"
    )
    for name, spent in steps.items():
        print(f"  {name:<38}{spent / n * 1000:6.2f} ms/article")
    print(f"  {'saving and the rest (by difference)':<38}{(total - measured) / n * 1000:6.2f} ms/article")
    print(
        f"dateparser.search_dates alone on the same texts: {dateparser_ms:.1f} ms/article of CPU time "
        f"({len(sample)} articles)"
    )
    verdict = "meets" if per_second >= TARGET else "MISSES"
    print(f"{verdict} the {TARGET} articles/s target")


if __name__ == "__main__":
    main()
