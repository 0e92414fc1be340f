"""Decoding and repair: bytes to the text Article.body stores, every change recorded."""

import codecs

import ftfy.bad_codecs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from articles.extraction.decode import decode, decode_bytes
from articles.extraction.errors import InputError
from articles.extraction.repair import repair_text
from tests.conftest import SEEDS

SEED = SEEDS / "000_0dcf6ac655a67240.txt"

# Text written for these tests: every punctuation mark GBK mangles, in the places news puts them.
CLEAN = (
    "Envoys’ talks — the first since the 1950–53 war — ended on Monday. “We agreed,” she said; "
    "“2019 will be better.”\n"
    "He called it “a sign of the leaders’ goodwill” and said: “Don’t worry…”\n"
    "The café owner Zoë Núñez of Besançon paid €5 and €20 at 10°C; ‘single quotes’ and a Brand™ name.\n"
    "“It wasn’t the ministers’ fault,” the spokesman said. The minister’s aide didn’t comment."
)


def gbk_mojibake(text: str) -> bytes:
    """What the seed suffered: UTF-8 read as GBK (lossy), written back as UTF-8."""
    return text.encode("utf-8").decode("gbk", errors="replace").encode("utf-8")


def cp1252_mojibake(text: str) -> bytes:
    return text.encode("utf-8").decode("sloppy-windows-1252").encode("utf-8")


def test_seed_is_repaired_to_the_quotes_and_apostrophes_it_had():
    decoded = decode(SEED.read_bytes())
    assert decoded.encoding == "utf-8"
    assert "North Korea’s Kim asks Trump for another meeting in new letter" in decoded.text
    assert "“It was a very warm, very positive letter,” Sanders said at a briefing." in decoded.text
    assert "“a sign of good faith”" in decoded.text
    assert "\ufffd" not in decoded.text
    assert not any("\u4e00" <= char <= "\u9fff" for char in decoded.text), "no CJK left in an English article"


def test_seed_repairs_are_recorded_with_offsets_into_the_repaired_text():
    decoded = decode(SEED.read_bytes())
    kinds = {r.kind for r in decoded.repairs}
    assert kinds == {"gbk-mojibake", "lost-quote"}
    for repair in decoded.repairs:
        assert decoded.text[repair.offset : repair.offset + len(repair.after)] == repair.after
    first = decoded.repairs[0]
    assert (first.before, first.after) == ("鈥檚", "’s")
    lost = [r for r in decoded.repairs if r.kind == "lost-quote"]
    assert lost and all(r.before == "鈥\ufffd" and r.after == "”" for r in lost)


def test_ftfy_alone_does_not_repair_the_seed():
    """Why the GBK repair exists: the issue's premise, checked."""
    text = SEED.read_text(encoding="utf-8")
    assert ftfy.fix_text(text) == text


@pytest.mark.parametrize("mangle", [gbk_mojibake, cp1252_mojibake], ids=["gbk", "cp1252"])
def test_round_trip_of_written_text(mangle):
    assert decode(mangle(CLEAN)).text == CLEAN


@pytest.mark.parametrize("mangle", [gbk_mojibake, cp1252_mojibake], ids=["gbk", "cp1252"])
def test_round_trip_of_the_seed(mangle):
    clean = decode(SEED.read_bytes()).text
    assert decode(mangle(clean)).text == clean


def test_gb18030_mojibake_is_repaired_too():
    mangled = CLEAN.encode("utf-8").decode("gb18030", errors="replace").encode("utf-8")
    assert decode(mangled).text == CLEAN


def test_lost_quote_is_guessed_from_context():
    # Closing quote after a comma inside a quotation; plural possessive inside a quotation closed later;
    # apostrophe outside any quotation; a dash between spaces; a range between digits.
    clean = "“Fine,” he said. “The envoys’ plan works,” she said. The envoys’ plan — a 2018–19 draft."
    decoded = decode(gbk_mojibake(clean))
    assert decoded.text == clean
    assert {r.kind for r in decoded.repairs} >= {"lost-quote"}


GENUINE = [
    "北京今天发表声明，中华人民共和国主席习近平会见了来访的代表团。",
    "東京で日本の首相が会見し、記者の質問に答えた。",
    "서울에서 남북 정상회담이 열렸다고 청와대가 밝혔다.",
    "President Xi Jinping (习近平) met Moon Jae-in (문재인) and Shinzo Abe (安倍晋三) in Tokyo (東京).",
    "Guests were served 茅台 at the banquet; A股 rose 2% and the 鈥 character is rare.",
    "Ιωάννης met Владимир in Αθήνα; naïve café résumé Zürich São Paulo.",
]


@pytest.mark.parametrize("text", GENUINE)
def test_genuine_non_latin_text_comes_through_untouched(text):
    decoded = decode(text.encode("utf-8"))
    assert decoded.text == text
    assert decoded.repairs == []


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("utf-8", codecs.BOM_UTF8), ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE)],
)
def test_byte_order_marks(encoding, bom):
    decoded = decode(bom + CLEAN.encode(encoding))
    assert decoded.text == CLEAN
    assert decoded.encoding == encoding


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(encoding):
    assert decode(CLEAN.encode(encoding)).text == CLEAN


def test_cp1252_file_falls_back_to_cp1252():
    text = "The minister’s “reply” — café — cost €5."
    decoded = decode(text.encode("cp1252"))
    assert decoded.text == text
    assert decoded.encoding == "cp1252"


def test_latin1_file_reads():
    text = "Le ministre a déclaré à Genève: « très bien »."
    assert decode(text.encode("latin-1")).text == text


def test_utf8_with_stray_cp1252_bytes_keeps_both():
    raw = "Café “open”".encode() + b" and the minister\x92s reply"
    text, encoding, repairs = decode_bytes(raw)
    assert text == "Café “open” and the minister’s reply"
    assert encoding == "utf-8+cp1252"
    assert [(r.before, r.after, r.kind) for r in repairs] == [("\\x92", "’", "cp1252-byte")]


def test_legacy_gb18030_file_of_chinese_text():
    text = GENUINE[0] * 3
    decoded = decode(text.encode("gb18030"))
    assert decoded.text == text
    assert decoded.encoding == "gb18030"


def test_newlines_are_normalised_and_recorded():
    decoded = decode(b"Title\r\n\r\nFirst line.\rSecond line.\n")
    assert decoded.text == "Title\n\nFirst line.\nSecond line."
    assert [r.kind for r in decoded.repairs].count("newline") == 3
    assert [r.kind for r in decoded.repairs].count("trim") == 1


def test_control_characters_are_removed_and_recorded():
    decoded = decode(b"Envoys\x07 met\x00".replace(b"\x00", b""))
    assert decoded.text == "Envoys met"
    assert [(r.offset, r.before, r.kind) for r in decoded.repairs] == [(6, "\x07", "control")]


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "PNG image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG image"),
        (b"%PDF-1.7\n%\xe2\xe3", "PDF document"),
        (b"PK\x03\x04\x14\x00", "ZIP archive"),
        (b"some text\x00with a NUL", "NUL bytes"),
        (bytes(range(1, 32)) * 20, "control bytes"),
    ],
)
def test_binary_input_is_refused_with_a_reason(raw, reason):
    with pytest.raises(InputError, match=reason):
        decode(raw)


def test_repairs_already_made_keep_their_place_through_later_steps():
    text, repairs = repair_text("  鈥淗ello鈥�\r\n", [])
    assert text == "“Hello”"
    for repair in repairs:
        if repair.kind != "trim":
            assert text[repair.offset : repair.offset + len(repair.after)] == repair.after


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_decode_or_are_refused_with_a_reason(raw):
    try:
        decoded = decode(raw)
    except InputError as error:
        assert str(error) and "\n" not in str(error)
        return
    assert isinstance(decoded.text, str)
    for repair in decoded.repairs:
        assert 0 <= repair.offset <= len(decoded.text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abcXYZ ,.;:!?\n0123") + list("“”‘’—–…€éü中한\ufffd")), max_size=120))
def test_gbk_mojibake_of_any_text_is_repaired_without_crashing(text):
    decoded = decode(gbk_mojibake(text))
    assert isinstance(decoded.text, str)
