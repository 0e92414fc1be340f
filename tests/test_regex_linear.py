"""Every regular expression in articles.extraction runs in linear time on adversarial input.

The patterns are found by introspection: every module under articles/extraction is imported and
every compiled pattern it holds (module globals, and patterns inside module-level lists, tuples,
dicts and classes) is tested, so a pattern added later is covered without touching this file.

For each pattern, inputs are built from its own pieces (the characters it names, pairs of them,
its literal words repeated) with a character it never names at the end, so that matches are
tried and fail at every position: the classic way to expose backtracking. The slowest inputs are
then timed at n and 4n characters (finditer, which tries every start position, the superset of
search and match). Linear code takes about 4x as long; quadratic 16x; exponential never returns,
so sizes grow step by step and stop early. The budget is a ratio, never an absolute time.
"""

from __future__ import annotations

import gc
import importlib
import itertools
import os
import pkgutil
import random
import re
import re._constants as sre
import re._parser as sre_parse
import time

import pytest

import articles.extraction

# Minutes of CPU on a shared 2-core machine: opt-in until it is made faster (REGEX_LINEAR=1 bin/test -k regex).
pytestmark = pytest.mark.skipif(
    os.environ.get("REGEX_LINEAR") != "1", reason="slow: set REGEX_LINEAR=1 to time every extraction pattern"
)

# Patterns that are only ever used with .match() at the start of a line, where one call costs at most
# the line's length: finditer over every position would make them look quadratic. Name why.
ANCHORED_BY_USE = {
    "articles.extraction.structure._BULLET": "matched at a line start only (structure._line_kind, _bullet)",
}
RATIO_LIMIT = 8.0  # t(4n) / t(n): linear is ~4, quadratic ~16
SIZES = (64, 256, 1024, 4096)
MIN_SECONDS = 0.002  # below this, timer noise decides the ratio: such timings are not compared
TERMINAL = "\u2603"  # a snowman: in no pattern, so every attempt fails at the end
CATEGORY_CHARS = {
    sre.CATEGORY_DIGIT: "7",
    sre.CATEGORY_NOT_DIGIT: "x",
    sre.CATEGORY_SPACE: " \n",
    sre.CATEGORY_NOT_SPACE: "x",
    sre.CATEGORY_WORD: "a_",
    sre.CATEGORY_NOT_WORD: " ,",
}


def extraction_patterns() -> dict[str, re.Pattern]:
    found: dict[str, re.Pattern] = {}

    def collect(where: str, value, depth: int = 0):
        if isinstance(value, re.Pattern):
            found.setdefault(f"{where}", value)
        elif depth < 3 and isinstance(value, (list, tuple, set, frozenset)):
            for index, item in enumerate(value):
                collect(f"{where}[{index}]", item, depth + 1)
        elif depth < 3 and isinstance(value, dict):
            for key, item in value.items():
                collect(f"{where}[{key!r}]", item, depth + 1)
        elif depth < 2 and isinstance(value, type):
            for name, item in vars(value).items():
                collect(f"{where}.{name}", item, depth + 1)

    for info in pkgutil.walk_packages(articles.extraction.__path__, "articles.extraction."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, type) and value.__module__ != module.__name__:
                continue
            collect(f"{info.name}.{name}", value)
    # One pattern may be reachable under several names: test it once.
    unique = {}
    for name, pattern in sorted(found.items()):
        unique.setdefault((pattern.pattern, pattern.flags), (name, pattern))
    return dict(unique.values())


PATTERNS = extraction_patterns()


def pieces(pattern: re.Pattern) -> tuple[list[str], list[str]]:
    """The characters a pattern names and its literal words (runs of two or more literals)."""
    chars: set[str] = set()
    words: set[str] = set()

    def walk(subpattern):
        run = []
        for op, av in subpattern:
            if op is sre.LITERAL:
                chars.add(chr(av))
                run.append(chr(av))
                continue
            if len(run) > 1:
                words.add("".join(run))
            run = []
            if op is sre.IN:
                for item_op, item_av in av:
                    if item_op is sre.LITERAL:
                        chars.add(chr(item_av))
                    elif item_op is sre.RANGE:
                        chars.update((chr(item_av[0]), chr(item_av[1])))
                    elif item_op is sre.CATEGORY:
                        chars.update(CATEGORY_CHARS.get(item_av, ""))
                    elif item_op is sre.NEGATE:
                        chars.add("x")
            elif op is sre.NOT_LITERAL:
                chars.add("x")
            elif op is sre.ANY:
                chars.update("x ")
            for item in av if isinstance(av, (list, tuple)) else ():
                if isinstance(item, sre_parse.SubPattern):
                    walk(item)
                elif isinstance(item, (list, tuple)):
                    for inner in item:
                        if isinstance(inner, sre_parse.SubPattern):
                            walk(inner)
            if isinstance(av, sre_parse.SubPattern):
                walk(av)
        if len(run) > 1:
            words.add("".join(run))

    walk(sre_parse.parse(pattern.pattern, pattern.flags))
    chars.discard(TERMINAL)
    return sorted(chars), sorted(words)


def candidates(pattern: re.Pattern) -> dict[str, callable]:
    """Input makers: size -> a string (bytes for a bytes pattern) of about that many characters."""
    chars, words = pieces(pattern)
    if isinstance(pattern.pattern, bytes):
        chars = [c for c in chars if ord(c) < 256]
        words = [w for w in words if max(map(ord, w)) < 256]
        makers = _candidates(chars, words, terminal="\xfe" if "\xfe" not in chars else "\x00")
        return {label: (lambda n, make=make: make(n).encode("latin-1")) for label, make in makers.items()}
    return _candidates(chars, words, TERMINAL)


def _candidates(chars: list[str], words: list[str], terminal: str) -> dict[str, callable]:
    makers = {}
    for c in chars:
        makers[f"{c!r}*n"] = lambda n, c=c: c * n + terminal
    pairs = list(itertools.permutations(chars, 2))
    random.Random(1).shuffle(pairs)
    for a, b in pairs[:40]:
        makers[f"({a + b!r})*n"] = lambda n, s=a + b: s * (n // 2) + terminal
    for word in words[:30]:
        for sep in ("", " ", ". "):
            unit = word + sep
            makers[f"({unit!r})*n"] = lambda n, u=unit: u * max(1, n // len(u)) + terminal
    return makers


def seconds(pattern: re.Pattern, text: str, repeat: int = 5) -> float:
    """The best of a few runs of finditer over `text`, with the garbage collector held off."""
    best = float("inf")
    gc.disable()
    try:
        for _ in range(repeat):
            started = time.perf_counter()
            for _match in pattern.finditer(text):
                pass
            best = min(best, time.perf_counter() - started)
            if best > 0.05:  # slow enough that noise does not matter
                break
    finally:
        gc.enable()
    return best


def worst_inputs(pattern: re.Pattern, keep: int = 3) -> list[tuple[str, callable]]:
    """Screen every candidate at growing sizes; the slowest few at the largest size that stays quick."""
    timed = []
    for label, make in candidates(pattern).items():
        spent = 0.0
        for size in SIZES[1:3]:
            spent = seconds(pattern, make(size), repeat=1)
            if spent > 0.05:  # already slow at a small size: certainly one to look at
                break
        timed.append((spent, label, make))
    timed.sort(key=lambda item: item[0], reverse=True)
    return [(label, make) for _spent, label, make in timed[:keep]]


def growth(pattern: re.Pattern, make) -> tuple[float, list[tuple[int, float]]]:
    """The largest t(4n)/t(n) over the sizes where both timings are above the noise."""
    timings: list[tuple[int, float]] = []
    worst = 0.0
    for size in SIZES:
        spent = seconds(pattern, make(size))
        timings.append((size, spent))
        earlier = [t for n, t in timings if n * 4 == size]
        if earlier and earlier[0] >= MIN_SECONDS / 4 and spent >= MIN_SECONDS:
            worst = max(worst, spent / earlier[0])
        if spent > 0.1:  # long enough to judge; going on would only take longer
            break
    return worst, timings


def test_the_patterns_are_found_by_introspection():
    """A floor, not a count: the extraction holds dozens of patterns, sentences and structure among them."""
    modules = {name.rsplit(".", 1)[0] for name in PATTERNS}
    assert len(PATTERNS) >= 30
    assert {"articles.extraction.sentences", "articles.extraction.structure"} <= modules


def test_the_adversarial_inputs_catch_a_quadratic_pattern():
    """The method itself: a pattern known to backtrack quadratically must fail the budget."""
    bad = re.compile(r"[.!?]+[\"')]*(?=\s)")
    ratios = [growth(bad, make)[0] for _label, make in worst_inputs(bad)]
    assert max(ratios) > RATIO_LIMIT


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_pattern_runs_in_linear_time(name):
    pattern = PATTERNS[name]
    if name in ANCHORED_BY_USE:
        pytest.skip(ANCHORED_BY_USE[name])
    report = []
    for label, make in worst_inputs(pattern):
        ratio, timings = growth(pattern, make)
        if ratio > RATIO_LIMIT:
            # Timings on a shared machine wobble: measure once more before calling it super-linear.
            ratio, timings = growth(pattern, make)
        if ratio > RATIO_LIMIT:
            steps = ", ".join(f"n={n}: {t * 1000:.2f} ms" for n, t in timings)
            report.append(f"{label}: t(4n)/t(n) = {ratio:.1f} ({steps})")
    assert not report, f"{name} = {pattern.pattern[:200]!r} is super-linear on " + "; ".join(report)
