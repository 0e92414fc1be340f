"""Benchmark: articles per second for decode + repair + structure, on one core, for 5 KB articles.

    .venv/bin/python bench/ingest_text.py [--seconds 5] [--size 5120]

The articles are built at run time from the seed (seeds/) and, when present, the dev articles in
../shared/dev-articles (others' text: read here, never copied into the project), concatenated
to the target size. Each is measured as it arrives in four forms: clean UTF-8, the seed's GBK
mojibake, cp1252 mojibake and UTF-16 with a BOM. The target is at least 500 articles/s.
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import ftfy.bad_codecs  # noqa: E402, F401  (sloppy-windows-1252)

from articles.extraction.decode import decode  # noqa: E402
from articles.extraction.pipeline import analyse  # noqa: E402
from articles.extraction.structure import find_structure  # noqa: E402

TARGET = 500


def sources() -> list[str]:
    texts = [decode((ROOT / "seeds" / "000_0dcf6ac655a67240.txt").read_bytes()).text]
    shared = ROOT.parent / "shared" / "dev-articles"
    if shared.is_dir():
        texts += [decode(path.read_bytes()).text for path in sorted(shared.glob("*.txt"))]
    return texts


def articles(size: int) -> dict[str, list[bytes]]:
    """Articles of about `size` bytes (UTF-8), each starting with a different source's headline."""
    texts = sources()
    built = []
    for first in range(len(texts)):
        parts, n = [], first
        while len("\n\n".join(parts).encode()) < size:
            parts.append(texts[n % len(texts)])
            n += 1
        text = "\n\n".join(parts).encode()[:size].decode("utf-8", errors="ignore")
        built.append(text[: text.rfind("\n")])
    return {
        "utf-8": [t.encode() for t in built],
        "gbk-mojibake": [t.encode().decode("gbk", errors="replace").encode() for t in built],
        "cp1252-mojibake": [t.encode().decode("sloppy-windows-1252").encode() for t in built],
        "utf-16": [t.encode("utf-16") for t in built],
    }


def rate(function, inputs: list[bytes], seconds: float) -> float:
    done = 0
    start = time.perf_counter()
    while (elapsed := time.perf_counter() - start) < seconds:
        for raw in inputs:
            function(raw)
        done += len(inputs)
    return done / elapsed


def decode_repair_structure(raw: bytes) -> None:
    find_structure(decode(raw).text)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=5.0, help="time per measurement (default 5)")
    parser.add_argument("--size", type=int, default=5120, help="article size in bytes (default 5120)")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    forms = articles(args.size)
    print(f"{len(forms['utf-8'])} articles of ~{args.size} bytes from {len(sources())} sources; one core")
    print(f"{'input':<18}{'decode+repair+structure':>26}{'analyse()':>14}")
    overall = []
    for name, inputs in forms.items():
        rate(decode_repair_structure, inputs, 0.3)  # warm up (trafilatura is not loaded for text)
        fast = rate(decode_repair_structure, inputs, args.seconds)
        full = rate(analyse, inputs, args.seconds / 2)
        overall.append(fast)
        print(f"{name:<18}{fast:>20.0f} art/s{full:>9.0f} art/s")
    worst = min(overall)
    verdict = "meets" if worst >= TARGET else "MISSES"
    print(f"slowest form: {worst:.0f} articles/s ({worst * args.size / 1e6:.1f} MB/s); {verdict} the {TARGET}/s target")


if __name__ == "__main__":
    main()
