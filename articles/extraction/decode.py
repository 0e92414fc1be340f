"""Bytes to text: find the encoding, refuse what is not text, then repair the text.

`decode_bytes(raw)` reads the bytes (BOM, UTF-16 without BOM, UTF-8, a UTF-8 file with stray
cp1252 bytes, legacy CJK encodings, else cp1252); `decode(raw)` adds `repair_text` and returns a
`Decoded` whose text is what `Article.body` stores.
"""

from __future__ import annotations

import codecs
import re

import ftfy.bad_codecs  # noqa: F401  (registers "sloppy-windows-1252", which never fails)

from articles.extraction.errors import InputError
from articles.extraction.repair import repair_text
from articles.extraction.types import Decoded, Repair

# Magic numbers of the binary files people drop into a folder of articles by mistake.
SIGNATURES = [
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"RIFF", "a RIFF file (WebP image, WAV or AVI)"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"BM", None),  # checked below: "BM" also starts English words
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"\x7fELF", "an executable program"),
    (b"MZ", None),  # checked below, like "BM"
    (b"SQLite format 3\x00", "a SQLite database"),
    (b"\x00\x00\x01\x00", "an icon"),
    (b"OggS", "an Ogg audio or video file"),
    (b"fLaC", "a FLAC audio file"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x00\x00\x00", None),  # MP4/HEIC boxes start with a size; caught by the NUL check
]

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]

# Control bytes that plain text does not contain (tab, newlines, form feed and ESC aside).
_CONTROL_BYTES = re.compile(rb"[\x01-\x08\x0e-\x1a\x1c-\x1f\x7f]")
# One well-formed UTF-8 multi-byte character.
_UTF8_CHAR = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")


def _binary_kind(raw: bytes) -> str | None:
    for magic, what in SIGNATURES:
        if what and raw.startswith(magic):
            return what
    if raw.startswith(b"BM") and len(raw) > 14 and raw[6:10] == b"\x00\x00\x00\x00":
        return "a BMP image"
    if raw.startswith(b"MZ") and b"\x00" in raw[:64]:
        return "a Windows program"
    if raw[4:8] == b"ftyp":
        return "an MP4, MOV or HEIC file"
    return None


def _utf16_without_bom(raw: bytes) -> str | None:
    """UTF-16 text without a BOM shows NUL as every other byte in its ASCII parts."""
    sample = raw[:4096]
    pairs = len(sample) // 2
    if pairs < 2 or len(raw) % 2:
        return None
    even = sample[0 : pairs * 2 : 2].count(0)
    odd = sample[1 : pairs * 2 : 2].count(0)
    if odd >= 0.3 * pairs and even <= 0.02 * pairs:
        return "utf-16-le"
    if even >= 0.3 * pairs and odd <= 0.02 * pairs:
        return "utf-16-be"
    return None


# Legacy CJK encodings, tried when bytes are not UTF-8; each with the characters its text is made of.
_LEGACY_CJK = [
    ("shift_jis", re.compile(r"[\u3040-\u30ff]")),  # kana
    ("euc_kr", re.compile(r"[\uac00-\ud7a3]")),  # hangul
    ("gb18030", re.compile(r"[\u4e00-\u9fff]")),  # ideographs
]


def _legacy_cjk(raw: bytes) -> tuple[str, str] | None:
    """A GB18030, Shift JIS or EUC-KR file: decodes strictly and most of its non-ASCII is that script."""
    high = len(_HIGH_BYTE.findall(raw[:65536]))
    if high < 8:
        return None
    for encoding, script in _LEGACY_CJK:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        non_ascii = sum(1 for ch in text[:32768] if ord(ch) > 127)
        if non_ascii and len(script.findall(text[:32768])) >= 0.8 * non_ascii:
            return text, encoding
    return None


def decode_bytes(raw: bytes) -> tuple[str, str, list[Repair]]:
    """Read bytes as text: (text, encoding, repairs made while reading).

    Raises InputError for bytes that are not text (NUL bytes, an image, control bytes).
    """
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return raw[len(bom) :].decode(encoding), encoding, []
            except UnicodeDecodeError as error:
                raise InputError(
                    f"not valid {encoding.upper()} although it starts with its byte-order mark (byte {error.start})"
                ) from None
    kind = _binary_kind(raw)
    if kind:
        raise InputError(f"binary file ({kind}), not text")
    encoding = _utf16_without_bom(raw)
    if encoding:
        try:
            return raw.decode(encoding), encoding, []
        except UnicodeDecodeError:
            pass
    if b"\x00" in raw:
        raise InputError("binary file: it contains NUL bytes, which text does not")
    sample = raw[:65536]
    if len(_CONTROL_BYTES.findall(sample)) > max(2, len(sample) // 200):
        raise InputError("binary file: too many control bytes for text")
    try:
        return raw.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        pass
    mixed = raw.decode("utf-8", errors="surrogateescape")
    strays = len(_STRAY.findall(mixed))
    if strays <= len(_UTF8_CHAR.findall(raw)):
        # UTF-8 with a few stray bytes from another encoding: keep the UTF-8, read the strays as cp1252.
        return _utf8_with_strays(mixed)
    legacy = _legacy_cjk(raw)
    if legacy:
        return legacy[0], legacy[1], []
    return raw.decode("sloppy-windows-1252"), "cp1252", []


_STRAY = re.compile(r"[\udc80-\udcff]")


def _utf8_with_strays(text: str) -> tuple[str, str, list[Repair]]:
    repairs: list[Repair] = []

    def cp1252(match: re.Match) -> str:
        byte = ord(match.group()) - 0xDC00
        char = bytes([byte]).decode("sloppy-windows-1252")
        if "\x80" <= char <= "\x9f":  # one of the five bytes cp1252 leaves undefined
            char = "\ufffd"
        repairs.append(Repair(match.start(), f"\\x{byte:02x}", char, "cp1252-byte"))
        return char

    return _STRAY.sub(cp1252, text), "utf-8+cp1252", repairs


def decode(raw: bytes) -> Decoded:
    """Bytes to repaired text, with every repair recorded (offsets into the repaired text)."""
    text, encoding, first = decode_bytes(raw)
    text, repairs = repair_text(text, first)
    return Decoded(text=text, encoding=encoding, repairs=repairs)
