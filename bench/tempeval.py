"""TempEval-3 Task A on the training corpus: our tagger against dateparser.search_dates.

    python bench/tempeval.py                      # both systems, all 256 documents
    python bench/tempeval.py --skip-dateparser    # only the tagger (fast)
    python bench/tempeval.py --errors FILE        # write the tagger's errors there
    python bench/tempeval.py --limit 40           # the first 40 documents only

The corpus (TimeML) and the scorer are read at run time from ../shared (or --shared DIR):
data/tempeval3/train/{TimeBank,AQUAINT} and tools/te3eval.py, which implements the official
TempEval-3 definitions (strict and relaxed extent P/R/F1, type and value F1 over relaxed pairs).
Nothing from the corpus is stored in the project.

The dateparser baseline is search_dates over each whole text with the document creation time as
RELATIVE_BASE, every match taken as a DATE whose value is the day it returns (a TIME when the
match carries a clock time): that is how it would be used as a date finder.

The tagger's scores are also given on a held-out fifth of the documents (every fifth file in
name order), which development did not look at, next to the other four fifths.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import os
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from articles.extraction.timex import find_timexes  # noqa: E402


def load_scorer(shared: Path):
    path = shared / "tools" / "te3eval.py"
    spec = importlib.util.spec_from_file_location("te3eval", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def parse_dct(value: str) -> dt.datetime:
    value = value.strip()
    if "T" in value:
        day, clock = value.split("T", 1)
        parts = [int(p) for p in clock.split(":")[:2] if p.isdigit()]
        return dt.datetime.fromisoformat(day).replace(
            hour=parts[0] if parts else 0, minute=parts[1] if len(parts) > 1 else 0
        )
    return dt.datetime.fromisoformat(value)


def run_tagger(docs, te3):
    out = {}
    for doc_id, doc in docs.items():
        dct = parse_dct(doc.dct)
        out[doc_id] = [te3.Timex(t.start, t.end, t.type, t.value, t.text) for t in find_timexes(doc.text, dct)]
    return out


def run_dateparser(docs, te3):
    from dateparser.search import search_dates

    out = {}
    for doc_id, doc in docs.items():
        dct = parse_dct(doc.dct)
        found = []
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                hits = search_dates(doc.text, languages=["en"], settings={"RELATIVE_BASE": dct}) or []
            except Exception:
                hits = []
        pos = 0
        for substring, when in hits:
            i = doc.text.find(substring, pos)
            if i < 0:
                i = doc.text.find(substring)
                if i < 0:
                    continue
            else:
                pos = i + len(substring)
            timed = when.hour or when.minute
            value = when.strftime("%Y-%m-%dT%H:%M") if timed else when.strftime("%Y-%m-%d")
            found.append(te3.Timex(i, i + len(substring), "TIME" if timed else "DATE", value, substring))
        out[doc_id] = found
    return out


def timed(fn, docs, te3):
    started = time.perf_counter()
    result = fn(docs, te3)
    seconds = time.perf_counter() - started
    return result, len(docs) / seconds if seconds else float("inf")


def row(name, result, speed):
    o = result["overall"]
    return (
        f"| {name} | {o['strict']['p']:.3f} | {o['strict']['r']:.3f} | {o['strict']['f1']:.3f} "
        f"| {o['relaxed']['p']:.3f} | {o['relaxed']['r']:.3f} | {o['relaxed']['f1']:.3f} "
        f"| {o['type']['f1']:.3f} | {o['value']['f1']:.3f} | {speed:,.1f} |"
    )


HEADER = (
    "| system | strict P | strict R | strict F1 | relaxed P | relaxed R | relaxed F1 | type F1 | value F1 | docs/s |\n"
    "|---|---|---|---|---|---|---|---|---|---|"
)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=Path(os.environ.get("SHARED_DIR", ROOT.parent / "shared")))
    ap.add_argument("--skip-dateparser", action="store_true", help="score only the tagger")
    ap.add_argument("--limit", type=int, default=0, help="only the first N documents (name order)")
    ap.add_argument(
        "--errors", type=Path, help="write the tagger's errors on the development documents (not the held-out fifth)"
    )
    ap.add_argument("--repeat", type=int, default=3, help="runs of the tagger to time (the best is reported)")
    args = ap.parse_args(argv)

    corpus = args.shared / "data" / "tempeval3" / "train"
    if not corpus.is_dir():
        print(f"tempeval: {corpus} is absent", file=sys.stderr)
        return 2
    te3 = load_scorer(args.shared)
    docs = {}
    for sub in sorted(p for p in corpus.iterdir() if p.is_dir()):
        docs.update(te3.load_tml_dir(str(sub)))
    names = sorted(docs)
    if args.limit:
        names = names[: args.limit]
        docs = {n: docs[n] for n in names}
    held_out = {n for i, n in enumerate(names) if i % 5 == 4}

    best = 0.0
    for _ in range(max(1, args.repeat)):
        ours, speed = timed(run_tagger, docs, te3)
        best = max(best, speed)
    result, errors = te3.score(docs, ours, collect_errors=bool(args.errors))
    lines = [
        f"TempEval-3 Task A, training corpus: {len(docs)} documents, {result['overall']['gold']} gold TIMEX3",
        "",
        HEADER,
    ]
    lines.append(row("timex (this project)", result, best))
    if not args.skip_dateparser:
        theirs, their_speed = timed(run_dateparser, docs, te3)
        their_result, _ = te3.score(docs, theirs)
        lines.append(row("dateparser.search_dates", their_result, their_speed))
        lines.append("")
        lines.append(f"throughput ratio (timex / dateparser): {best / their_speed:,.0f}x")
    lines += ["", "The tagger on the development documents and on the held-out fifth:", "", HEADER]
    for label, subset in (
        ("timex, development 4/5", {n: docs[n] for n in names if n not in held_out}),
        ("timex, held-out 1/5", {n: docs[n] for n in names if n in held_out}),
    ):
        sub_result, _ = te3.score(subset, {n: ours[n] for n in subset})
        lines.append(row(label, sub_result, best))
    print("\n".join(lines))
    if args.errors:
        with open(args.errors, "w", encoding="utf-8") as fh:
            for e in errors:
                if e["doc"] in held_out:
                    continue
                fh.write(json.dumps(e, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
