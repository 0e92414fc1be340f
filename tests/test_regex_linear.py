"""Every regular expression in articles.extraction runs in linear time on adversarial input.

The patterns are found by introspection: every module under articles/extraction is imported and
every compiled pattern it holds (module globals, and patterns inside module-level lists, tuples,
dicts and classes) is tested, so a pattern added later is covered without touching this file.

For each pattern, inputs are built from its own pieces (the characters it names, pairs of them,
its literal words repeated) with a character it never names at the end, so that matches are
tried and fail at every position: the classic way to expose backtracking. A cheap first pass
times every input once at a small size and keeps the slowest few; only those are timed for
growth (finditer, which tries every start position, the superset of search and match). The size
doubles until one pass takes MIN_SECONDS (a fast pattern is given several passes instead), then
t(4n)/t(n) is measured: linear code takes about 4x as long, quadratic 16x. Exponential code never
returns, so every run has a deadline (an interval timer: the regular expression engine checks for
signals) set so that missing it already means a ratio far above the budget. The budget is a
ratio, never an absolute time; a ratio over it is measured again before it counts, since a busy
machine only ever makes a run look slower.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import itertools
import math
import pkgutil
import random
import re
import re._constants as sre
import re._parser as sre_parse
import signal
import threading
import time

import pytest

import articles.extraction

# Patterns that are only ever used with .match() at the start of a line, where one call costs at most
# the line's length: finditer over every position would make them look quadratic. Name why.
ANCHORED_BY_USE = {
    "articles.extraction.structure._BULLET": "matched at a line start only (structure._line_kind, _bullet)",
}
RATIO_LIMIT = 8.0  # t(4n) / t(n): linear is ~4, quadratic ~16
SCREEN_SIZE = 1024  # first pass: every input once at this size, the slowest KEEP go on
KEEP = 2
START_SIZE = 8
LARGEST = 1 << 16  # the longest text timed: beyond it the text outgrows the processor's caches and every
# character costs more for that reason alone (a linear pattern measured 8.3x at 128k -> 512k characters)
MIN_SECONDS = 0.002  # below this, timer noise decides the ratio: sizes grow (then passes repeat) to reach it
REPEAT = 3  # best of REPEAT runs for the two timings that make the ratio
ATTEMPTS = 3  # a ratio over the budget is measured up to twice more before it counts
DEADLINE = 0.5  # seconds: the least time a run may take before it is stopped (see deadline())
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


class TooSlow(Exception):
    """A run went past its deadline."""


@contextlib.contextmanager
def deadline(seconds: float):
    """Raise TooSlow in the block after `seconds` of CPU time (ITIMER_VIRTUAL, like the timings: a
    process waiting for a core is not stopped): the regular expression engine checks for signals while
    it backtracks, so even an exponential match stops. Outside the main thread (no signals) the block
    runs unbounded."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(_signum, _frame):
        raise TooSlow

    previous = signal.signal(signal.SIGVTALRM, expire)
    try:
        signal.setitimer(signal.ITIMER_VIRTUAL, seconds)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_VIRTUAL, 0)
    finally:
        signal.signal(signal.SIGVTALRM, previous)


def seconds(pattern: re.Pattern, text: str, repeat: int = REPEAT, cap: float = DEADLINE, number: int = 1) -> float:
    """The best of `repeat` runs of `number` finditer passes over `text` (gc held off), per pass; inf once a
    run goes past `cap`.

    CPU time of this thread, not the wall clock: on a busy machine the process waits for a core now and
    then, and a long run is far likelier to be made to wait than a short one, which made the wall-clock
    t(4n)/t(n) of linear patterns 9-14 with 6-7 processes wanting the machine's two cores."""
    best = math.inf
    gc.disable()
    try:
        for _ in range(repeat):
            started = time.thread_time()
            with deadline(cap):
                for _ in range(number):
                    for _match in pattern.finditer(text):
                        pass
            best = min(best, (time.thread_time() - started) / number)
            if best > 0.05:  # slow enough that noise does not matter
                break
    except TooSlow:
        return math.inf
    finally:
        gc.enable()
    return best


def worst_inputs(pattern: re.Pattern, keep: int = KEEP) -> list[tuple[str, callable]]:
    """Time every candidate once at SCREEN_SIZE: the slowest few. Backtracking shows here already
    (a quadratic input does ~SCREEN_SIZE times the work of a linear one), so the costly growth
    measurement is spent only where it can find something."""
    timed = []
    for label, make in candidates(pattern).items():
        spent = seconds(pattern, make(SCREEN_SIZE), repeat=1)
        if spent == math.inf:  # past the deadline at a small size: no need to look further
            return [(label, make)]
        timed.append((spent, label, make))
    timed.sort(key=lambda item: item[0], reverse=True)
    return [(label, make) for _spent, label, make in timed[:keep]]


def growth(pattern: re.Pattern, make) -> tuple[float, list[tuple[int, float]]]:
    """t(4n)/t(n) at the first size n (doubling from START_SIZE) where one pass takes MIN_SECONDS.

    A pattern still faster than that at LARGEST / 4 characters is timed over several passes at that size
    and LARGEST instead. Every run has a deadline of at least 2 * RATIO_LIMIT times what the previous timing
    predicts, so a run stopped by it stands for a ratio above the budget (inf), and an exponential pattern
    fails in a second instead of hanging."""
    size = START_SIZE
    spent = seconds(pattern, make(size), repeat=1)
    timings = [(size, spent)]
    while spent < MIN_SECONDS and size < LARGEST // 4:
        size *= 2
        spent = seconds(pattern, make(size), repeat=1, cap=max(DEADLINE, 2 * RATIO_LIMIT * spent))
        timings.append((size, spent))
    if spent == math.inf:
        return math.inf, timings
    number = math.ceil(MIN_SECONDS / max(spent, MIN_SECONDS / 1000))
    small = seconds(pattern, make(size), number=number)
    large = seconds(pattern, make(4 * size), number=number, cap=max(DEADLINE, 2 * RATIO_LIMIT * small * number))
    timings += [(size, small), (4 * size, large)]
    return large / small, timings


def judged(pattern: re.Pattern, make) -> tuple[float, list[tuple[int, float]]]:
    """growth(), measured again (up to ATTEMPTS times) while it is over the budget: a shared machine
    can stall one run and fake a jump, but a real quadratic stays at 16x every time. The lowest."""
    best = growth(pattern, make)
    for _ in range(ATTEMPTS - 1):
        if best[0] <= RATIO_LIMIT:
            break
        best = min(best, growth(pattern, make), key=lambda result: result[0])
    return best


def describe(label: str, ratio: float, timings: list[tuple[int, float]]) -> str:
    """The two timings compared (the sizes before them only grew the input until it was measurable)."""
    steps = ", ".join(
        f"n={n}: " + (f"{t * 1000:.2f} ms" if t < math.inf else "stopped at its deadline") for n, t in timings[-2:]
    )
    return f"{label}: t(4n)/t(n) = {ratio:.1f} ({steps})"


def test_the_patterns_are_found_by_introspection():
    """A floor, not a count: the extraction holds dozens of patterns, sentences and structure among them."""
    modules = {name.rsplit(".", 1)[0] for name in PATTERNS}
    assert len(PATTERNS) >= 30
    assert {"articles.extraction.sentences", "articles.extraction.structure"} <= modules


# The method itself, on patterns whose growth is known. Each super-linear one has a linear twin that
# matches the same text and must pass: the lookbehind makes finditer start only at the head of a run.
SUPER_LINEAR = {
    "quadratic: finditer restarts inside a run of sentence ends": r"[.!?]+[\"')]*(?=\s)",
    "quadratic: spaces before a comma at the end": r"\s*,\s*$",
    "quadratic: finditer restarts inside a run": r"a+b",
    "exponential: nested quantifiers": r"(a+)+b",
}
LINEAR = {
    "sentence ends from the head of a run": r"(?<![.!?])[.!?]+[\"')]*(?=\s)",
    "spaces before a comma at the end, from the head of a run": r"(?<!\s)\s*,\s*$",
    "a run from its head only": r"(?<!a)a+b",
}


def measured(pattern: re.Pattern) -> list[tuple[float, str]]:
    """What test_pattern_runs_in_linear_time sees: (ratio, description) for each input it times."""
    results = []
    for label, make in worst_inputs(pattern):
        ratio, timings = judged(pattern, make)
        results.append((ratio, describe(label, ratio, timings)))
    return results


@pytest.mark.parametrize("regex", SUPER_LINEAR.values(), ids=SUPER_LINEAR.keys())
def test_the_method_catches_a_super_linear_pattern(regex):
    results = measured(re.compile(regex))
    assert max(ratio for ratio, _ in results) > RATIO_LIMIT, [text for _, text in results]


@pytest.mark.parametrize("regex", LINEAR.values(), ids=LINEAR.keys())
def test_the_method_passes_a_linear_pattern(regex):
    results = measured(re.compile(regex))
    assert max(ratio for ratio, _ in results) <= RATIO_LIMIT, [text for _, text in results]


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_pattern_runs_in_linear_time(name):
    pattern = PATTERNS[name]
    if name in ANCHORED_BY_USE:
        pytest.skip(ANCHORED_BY_USE[name])
    report = [text for ratio, text in measured(pattern) if ratio > RATIO_LIMIT]
    assert not report, f"{name} = {pattern.pattern[:200]!r} is super-linear on " + "; ".join(report)
