"""Repair decoded text, recording every change.

Steps, in order (each records `Repair(offset, before, after, kind)` with the offset in the final text):
- "newline": CRLF, CR and Unicode line separators become "\\n"; "control": C0 controls go;
- "gbk-mojibake": UTF-8 that was once read as GBK/GB18030 and written out again. Its
  characters are encoded back to GBK and read as UTF-8. GBK pairs bytes, so the byte after a
  3-byte UTF-8 punctuation mark ("’" is E2 80 99) is paired with the next byte: an ASCII letter
  there is swallowed into a CJK character ("’s" became "鈥檚") and comes back with it;
  anything else (space, comma, digit, end of line) made the decoder drop the lone byte for
  U+FFFD ("”" became "鈥�"). That lost mark is "lost-quote": recovered from its context
  (opening or closing, apostrophe, dash). Genuine CJK text is left alone: a run is only
  changed when its GBK bytes are valid UTF-8 that reads as Latin punctuation or letters.
- "ftfy": the mojibake ftfy knows (UTF-8 read as cp1252 or latin-1, and mixtures), line by line;
- "control": C1 controls left over; "trim": leading and trailing whitespace of the whole text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from difflib import SequenceMatcher
from functools import lru_cache

import ftfy
from ftfy.badness import is_bad

from articles.extraction.types import Repair

_FTFY = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=False,
    fix_latin_ligatures=False,
    fix_character_width=False,  # would turn genuine full-width CJK punctuation into ASCII
    uncurl_quotes=False,
    fix_line_breaks=False,
    remove_control_chars=False,
    normalization=None,
    explain=False,
)

_NEWLINE_OR_CONTROL = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c]|[\x00-\x08\x0e-\x1f\x7f\ufeff]")
_C1_CONTROL = re.compile(r"[\x80-\x9f]")
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")
_LOST = "\ufffd"

# GBK lead byte pairs the next byte; UTF-8 punctuation marks (E2 80 xx) are the common victims.
_PUNCTUATION = re.compile(r"[\u2010-\u2027\u2030-\u205e\u20a0-\u20c0\u2100-\u214f]")  # printable ones
_MAX_CHARS = 8  # a mojibake unit never spans more CJK characters than this
# What a UTF-8 sequence missing its lost last byte(s) stood for: (bytes lost, the mark; U+FFFD =
# a quotation mark or dash, guessed from the context).
_LOST_BYTES = {
    b"\xe2\x80": (1, _LOST),  # general punctuation: ‘ ’ “ ” – — …
    b"\xe2": (2, _LOST),
    b"\xe2\x82": (1, "€"),  # the currency block: the euro is the one news uses
    b"\xe2\x84": (1, "™"),
}


def repair_text(text: str, repairs: list[Repair] | None = None) -> tuple[str, list[Repair]]:
    """Repair text; `repairs` already made (while decoding) are carried along, offsets updated."""
    repairs = list(repairs or [])
    for step in (_newlines_and_controls, _gbk_mojibake, _ftfy_lines, _c1_controls, _trim):
        text, made = step(text)
        if made:
            repairs = _rebase(repairs, made) + made
    repairs.sort(key=lambda r: r.offset)
    return text, repairs


def _rebase(old: list[Repair], made: list[Repair]) -> list[Repair]:
    """Move repairs recorded on the previous text to their offsets in the text a step produced.

    A repair whose result a later step replaced entirely is dropped: the later one records it.
    """
    if not old:
        return old
    starts: list[int] = []  # where each edit started in the previous text
    ends: list[int] = []  # and where it ended
    shifts: list[int] = []  # total length change up to and including that edit
    total = 0
    for edit in sorted(made, key=lambda r: r.offset):
        start = edit.offset - total
        total += len(edit.after) - len(edit.before)
        starts.append(start)
        ends.append(start + len(edit.before))
        shifts.append(total)
    moved = []
    for r in old:
        k = bisect_right(starts, r.offset) - 1
        if k >= 0 and ends[k] > starts[k] and r.offset + len(r.after) <= ends[k] and r.offset < ends[k]:
            continue
        k = bisect_right(ends, r.offset)
        moved.append(Repair(r.offset + (shifts[k - 1] if k else 0), r.before, r.after, r.kind))
    return moved


def _sub(pattern: re.Pattern, text: str, replace, kind: str) -> tuple[str, list[Repair]]:
    """re.sub that records each replacement at its offset in the result."""
    made: list[Repair] = []
    parts: list[str] = []
    last = 0
    out = 0
    for match in pattern.finditer(text):
        parts.append(text[last : match.start()])
        out += match.start() - last
        after = replace(match.group())
        made.append(Repair(out, match.group(), after, kind))
        parts.append(after)
        out += len(after)
        last = match.end()
    if not made:
        return text, made
    parts.append(text[last:])
    return "".join(parts), made


def _newlines_and_controls(text: str) -> tuple[str, list[Repair]]:
    made: list[Repair] = []
    parts: list[str] = []
    last = out = 0
    for match in _NEWLINE_OR_CONTROL.finditer(text):
        before = match.group()
        after = "" if before[0] not in "\r\u2028\u2029\x0b\x0c" else "\n"
        parts.append(text[last : match.start()])
        out += match.start() - last
        made.append(Repair(out, before, after, "newline" if after else "control"))
        parts.append(after)
        out += len(after)
        last = match.end()
    if not made:
        return text, made
    parts.append(text[last:])
    return "".join(parts), made


def _c1_controls(text: str) -> tuple[str, list[Repair]]:
    return _sub(_C1_CONTROL, text, lambda _: "", "control")


def _trim(text: str) -> tuple[str, list[Repair]]:
    stripped = text.strip()
    if stripped == text:
        return text, []
    lead = len(text) - len(text.lstrip())
    made = []
    if lead:
        made.append(Repair(0, text[:lead], "", "trim"))
    tail = text[lead + len(stripped) :]
    if tail:
        made.append(Repair(len(stripped), tail, "", "trim"))
    return stripped, made


# --- GBK mojibake -------------------------------------------------------------------------------


@lru_cache(maxsize=8192)
def _gbk(char: str) -> bytes | None:
    """The bytes a GBK (else GB18030) decoder read to produce `char`; None for ASCII or unencodable."""
    try:
        data = char.encode("gbk")
    except UnicodeEncodeError:
        try:
            data = char.encode("gb18030")
        except UnicodeEncodeError:
            return None
    return data if len(data) > 1 else None


def _letter_range(char: str) -> bool:
    return "\u00c0" <= char <= "\u024f" and char not in "\u00d7\u00f7"


def _unit(run: str, i: int) -> tuple[int, str, bool] | None:
    """Decode one mojibake unit starting at run[i]: (end index, decoded text, ends with a lost byte)."""
    first = _gbk(run[i])
    if first is None:
        return None
    buf = bytearray(first)
    j = i + 1
    while True:
        try:
            return j, buf.decode("utf-8"), False
        except UnicodeDecodeError as error:
            if error.reason != "unexpected end of data" or j >= len(run) or j - i >= _MAX_CHARS:
                return None
            if run[j] == _LOST:
                # The decoder dropped a lone lead byte: E2 80 ?? is a punctuation mark, its last byte lost.
                pending = bytes(buf[error.start :])
                lost, mark = _LOST_BYTES.get(pending, (0, ""))
                if lost and run[j : j + lost] == _LOST * lost:
                    return j + lost, buf[: error.start].decode("utf-8") + mark, mark == _LOST
                return None
            more = _gbk(run[j])
            if more is None:
                return None
            buf += more
            j += 1


def _plausible(decoded: str, lost: bool) -> str | None:
    """'strong' for punctuation-like results, 'weak' for Latin letters only, None for anything else."""
    strong = lost
    for char in decoded:
        code = ord(char)
        if code < 0x80:
            if code < 0x20 or code == 0x7F:
                return None
        elif char == _LOST or _PUNCTUATION.match(char):
            strong = True
        elif not (_letter_range(char) or 0xA0 <= code <= 0xBF):
            return None  # Greek, Cyrillic, CJK, combining marks...: genuine CJK text, not mojibake
    return "strong" if strong else "weak"


def _gbk_run(run: str, before: str, after: str) -> list[tuple[int, int, str, bool]]:
    """Mojibake units inside one run of non-ASCII characters: (start, end, decoded, has lost mark)."""
    units: list[tuple[int, int, str, bool, str]] = []
    i = 0
    while i < len(run):
        found = _unit(run, i)
        if found:
            end, decoded, lost = found
            kind = _plausible(decoded, lost)
            if kind:
                units.append((i, end, decoded, lost, kind))
                i = end
                continue
        i += 1
    accepted = []
    for n, (start, end, decoded, lost, kind) in enumerate(units):
        if kind == "weak":
            # A lone "é" from "茅" must touch a Latin letter, a digit or another repair: genuine CJK words don't.
            left = run[start - 1] if start else before
            right = run[end] if end < len(run) else after
            touching = (n and units[n - 1][1] == start) or (n + 1 < len(units) and units[n + 1][0] == end)
            if not (left.isascii() and left.isalnum()) and not (right.isascii() and right.isalnum()) and not touching:
                continue
        accepted.append((start, end, decoded, lost))
    return accepted


def _gbk_mojibake(text: str) -> tuple[str, list[Repair]]:
    made: list[Repair] = []
    parts: list[str] = []
    lost_at: list[int] = []
    last = out = 0
    for match in _NON_ASCII_RUN.finditer(text):
        run = match.group()
        if len(run) == 1 and run == _LOST:
            continue
        before = text[match.start() - 1] if match.start() else " "
        after = text[match.end()] if match.end() < len(text) else " "
        for start, end, decoded, lost in _gbk_run(run, before, after):
            a = match.start() + start
            parts.append(text[last:a])
            out += a - last
            made.append(Repair(out, run[start:end], decoded, "lost-quote" if lost else "gbk-mojibake"))
            if lost:
                lost_at.append(out + len(decoded) - 1)
            parts.append(decoded)
            out += len(decoded)
            last = match.start() + end
    if not made:
        return text, made
    parts.append(text[last:])
    fixed = list("".join(parts))
    guesses = {}
    for pos in lost_at:
        fixed[pos] = guesses[pos] = guess_mark(fixed, pos)
    made = [
        Repair(r.offset, r.before, r.after[:-1] + guesses[r.offset + len(r.after) - 1], r.kind)
        if r.kind == "lost-quote"
        else r
        for r in made
    ]
    return "".join(fixed), made


_OPENERS = set(" \t\n([{—–-/\u00a0")


def guess_mark(chars: list[str], pos: int) -> str:
    """The punctuation mark lost at chars[pos], from its neighbours and the quotes of its paragraph.

    Only the characters that GBK could not pair are lost this way, so the next character is never
    an ASCII letter: it is a space, punctuation, a digit or the end of the line.
    """
    prev = chars[pos - 1] if pos else "\n"
    nxt = chars[pos + 1] if pos + 1 < len(chars) else "\n"
    if prev in _OPENERS:
        if nxt not in " \t\n":
            return "“"
        at_line_start = all(char in " \t\u00a0" for char in _line(chars, pos))
        return "•" if at_line_start else "—"  # a list bullet, or a dash between words
    if prev.isdigit() and nxt.isdigit():
        return "–"  # a range: 1950–53
    depth = 0
    for char in _line(chars, pos):
        if char == "“":
            depth += 1
        elif char == "”":
            depth = max(0, depth - 1)
    if depth:
        if prev in "sS" and _closer_ahead(chars, pos + 1):
            return "’"  # the leaders’ summit, inside a quotation closed later
        return "”"
    return "’" if prev.isalpha() else "”"


def _line(chars: list[str], pos: int) -> list[str]:
    """The characters of the line before position pos."""
    start = pos
    while start and chars[start - 1] != "\n":
        start -= 1
    return chars[start:pos]


def _closer_ahead(chars: list[str], start: int) -> bool:
    for k in range(start, len(chars)):
        char = chars[k]
        if char in "\n“":
            return False
        if char == "”" or (char == _LOST and k and chars[k - 1] not in _OPENERS):
            return True
    return False


# --- ftfy ---------------------------------------------------------------------------------------


def _ftfy_lines(text: str) -> tuple[str, list[Repair]]:
    """ftfy, one line at a time, on the lines that look bad; the diff is recorded as repairs."""
    if text.isascii():
        return text, []
    made: list[Repair] = []
    lines = text.split("\n")
    out = 0
    changed = False
    for n, line in enumerate(lines):
        if not line.isascii() and is_bad(line):
            fixed = ftfy.fix_text(line, _FTFY)
            if fixed != line:
                made.extend(_diff(line, fixed, out, "ftfy"))
                lines[n] = fixed
                line = fixed
                changed = True
        out += len(line) + 1
    return ("\n".join(lines) if changed else text), made


def _diff(old: str, new: str, base: int, kind: str) -> list[Repair]:
    if len(old) > 20000:  # SequenceMatcher is quadratic: one repair for the changed middle instead
        head = 0
        while head < min(len(old), len(new)) and old[head] == new[head]:
            head += 1
        tail = 0
        while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
            tail += 1
        return [Repair(base + head, old[head : len(old) - tail], new[head : len(new) - tail], kind)]
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    return [
        Repair(base + j1, old[i1:i2], new[j1:j2], kind) for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal"
    ]
