"""The one sanitizer: no escape sequence, control or bidi character survives, and no debris."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corpus.sanitize import escape_name, printable, sanitize, strip_controls

ESC = "\x1b"


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("a\x1b]52;c;cm0gLXJmIH4=\x07b", "ab"),  # OSC 52 with BEL
        ("a\x1b]0;TITLE\x1b\\b", "ab"),  # OSC with ST
        ("a\x9d52;c;xx\x9cb", "ab"),  # 8-bit OSC: no "52;c;xx" debris
        ("a\x9d52;c;xx\x07b", "ab"),
        ("a\x9d52;c;xx", "a"),  # 8-bit OSC cut short
        ("a\x1b]52;c;xx\nnext", "a\nnext"),  # cut short: ends at the line end, the rest stays
        ("a\x1b[2Jb", "ab"),  # CSI
        ("a\x9b2Jb", "ab"),  # 8-bit CSI
        ("a\x1b[31", "a"),  # CSI cut short
        ("a\x1bPq#0;2;0;0;0\x1b\\b", "ab"),  # DCS (sixel)
        ("a\x90q#0\x9cb", "ab"),  # 8-bit DCS
        ("a\x1b_payload\x1b\\b", "ab"),  # APC
        ("a\x98sos\x9cb", "ab"),  # 8-bit SOS
        ("a\x1bcb", "ab"),  # RIS: full reset
        ("a\x1b(Bb", "ab"),  # charset designation
        ("a\x1b#8b", "ab"),  # DECALN: fills the screen with E
        ("a\x00b\x07c\x08d\x7fe\x85f", "abcdef"),  # NUL, BEL, BS, DEL, NEL
        ("abc\u202egfe\u2066x\u2069", "abcgfex"),  # bidi override and isolates
        ("tab\tand\nnewline", "tab\tand\nnewline"),
        ("中文标题，没有问题。", "中文标题，没有问题。"),
    ],
)
def test_strip_controls(raw: str, clean: str) -> None:
    assert strip_controls(raw) == clean


def test_sanitize_normalises_line_endings_first() -> None:
    assert sanitize("a\r\nb\rc\u2028d\x0ce") == "a\nb\nc\nd\n\ne"


def test_for_terminal_replaces_undecodable_bytes() -> None:
    name = b"bad\xff\xfe.txt".decode("utf-8", "surrogateescape")
    shown = printable(name)
    assert shown == "bad\ufffd\ufffd.txt"
    shown.encode("utf-8")  # printable at all


def test_escape_name_shows_what_is_there() -> None:
    assert escape_name(b"bad\xff\xfe.txt".decode("utf-8", "surrogateescape")) == "bad\\xff\\xfe.txt"
    assert escape_name("\x1b]0;PWNED\x07x.txt") == "\\x1b]0;PWNED\\x07x.txt"
    assert escape_name("a\nb\u202e.txt") == "a\\x0ab\\u202e.txt"
    assert escape_name("新闻/正常.txt") == "新闻/正常.txt"


_DANGEROUS = set(map(chr, [*range(0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)]))
_DANGEROUS |= set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


@given(st.text(alphabet=st.sampled_from([ESC, "\x9b", "\x9d", "\x90", "\x9c", "\x07", "[", "]", "\\", "P", "_", "0",
                                         ";", "m", "a", "中", "\n", "\t", "\u202e", "\x00", "\r"])))
def test_nothing_dangerous_survives(text: str) -> None:
    for out in (strip_controls(text), sanitize(text), printable(text)):
        assert not (set(out) & _DANGEROUS)
    assert not (set(escape_name(text)) & (_DANGEROUS | {"\n", "\t"}))


@pytest.mark.parametrize(
    "raw", ["正文\u009d52;c;xx\u009c继续", "正文\x1b]52;c;xx\x07继续", "正文\x1b#8继续", "正文\u009b2J继续"]
)
def test_documents_keep_no_debris_of_a_sequence(raw: str) -> None:
    from corpus.ingest.decode import decode_bytes

    assert decode_bytes(raw.encode("utf-8")).text == "正文继续"


def test_inert_keeps_the_width_and_drops_what_a_terminal_acts_on() -> None:
    from rich.cells import cell_len

    from corpus.sanitize import inert

    raw = "a\x1b]52;c;eA==\x07b\x9b31m\u202ec\ufffe\udcff"
    safe = inert(raw)
    assert safe == "a]52;c;eA==b31mc\ufffd\ufffd"
    assert cell_len(safe) == cell_len(raw)
    assert inert("干净") == "干净"
