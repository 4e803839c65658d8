"""Bytes to clean text: BOM, UTF-8, then detection among Chinese encodings.

Documents are untrusted, so the decoded text is also sanitised here
(``corpus.sanitize.sanitize``): line endings normalised, control characters
and terminal escape sequences removed.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

from ..sanitize import sanitize as sanitize  # re-exported: the ingest modules import it from here


class DecodeError(ValueError):
    """The bytes are not text we can read; the message says why."""


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# The encodings our users' files come in besides UTF-8. GB18030 is a superset
# of GBK and GB2312, so it decodes both.
_CANDIDATES = ["gb18030", "big5", "utf_16_le", "utf_16_be"]

_MAGIC = (
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"%PDF", "PDF document; extract its text first"),
    (b"PK\x03\x04", "ZIP archive (or a Word/Excel file)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\xd0\xcf\x11\xe0", "old Office document"),
    (b"\x7fELF", "program"),
)
# Characters real documents are made of: CJK, kana, Hangul, Latin, punctuation
# and full-width forms. Bytes forced through a wrong codec land elsewhere.
_PLAUSIBLE = re.compile(
    "[\t\n -~\u00a0-\u024f\u2000-\u206f\u2100-\u27ff\u3000-\u30ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0002ffff]"
)


# UTF-16 guessed from byte lanes alone needs stronger evidence: the text our
# users read in UTF-16 is Chinese or ASCII, not accented Latin.
_PLAUSIBLE_STRICT = re.compile(
    "[\t\n -~\u2000-\u206f\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]"
)


def _plausible(text: str, strict: bool = False) -> bool:
    sample = text[:4000]
    if not sample:
        return True
    rx = _PLAUSIBLE_STRICT if strict else _PLAUSIBLE
    return len(rx.findall(sample)) >= 0.9 * len(sample)


def _looks_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: many NULs in one byte lane of each pair."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    # Latin text in UTF-16 has a NUL in every pair; Chinese text has few NULs
    # but the byte lanes still differ strongly, so only trust clear cases.
    if odd > half * 0.3 and even < half * 0.05:
        return "utf-16-le"
    if even > half * 0.3 and odd < half * 0.05:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes) -> Decoded:
    """Decode a file's bytes, trying the BOM, UTF-8, then the detector.

    Raises :class:`DecodeError` for binary or undecodable data.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(sanitize(data[len(bom) :].decode(encoding)), encoding)
            except UnicodeDecodeError as exc:
                where = f"{exc.reason} at byte {exc.start + len(bom)}"
                raise DecodeError(f"undecodable: starts with a {encoding} byte-order mark but {where}") from exc
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise DecodeError(f"binary file: {what}")
    # Real UTF-8 or GB18030 text never contains NUL bytes: with NULs the file
    # is UTF-16 without a byte-order mark, or not text at all.
    if b"\x00" in data[:8192]:
        lane = _looks_utf16(data)
        if lane:
            try:
                text = data.decode(lane)
            except UnicodeDecodeError:
                text = ""
            if text and _plausible(text, strict=True):
                return Decoded(sanitize(text), lane)
        raise DecodeError("binary file: contains NUL bytes and is not UTF-16 text")
    try:
        return Decoded(sanitize(data.decode("utf-8")), "utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data, cp_isolation=_CANDIDATES).best()
    if best is None:
        return _undetected(data)
    encoding = best.encoding
    # The detector names GBK/GB2312 when it sees them; decode with the superset.
    if encoding in ("gbk", "gb2312", "cp936"):
        encoding = "gb18030"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:  # the detector guessed, the codec disagrees
        raise DecodeError(f"undecodable: looks like {encoding} but {exc.reason} at byte {exc.start}") from exc
    if not _plausible(text):
        raise DecodeError("undecodable: not UTF-8, GB18030, Big5 or UTF-16 text")
    return Decoded(sanitize(text), encoding.replace("_", "-"))


# C0 controls but tab and line breaks, and DEL: bytes no GB18030 or Big5 character contains
# (their trail bytes start at 0x30 and 0x40), so removing them leaves every character whole.
_CONTROL_BYTES = bytes([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _undetected(data: bytes) -> Decoded:
    """Chinese text the detector gave up on, read only when there is no doubt which encoding it is.

    Two cases the detector misses: control bytes (a pasted terminal escape, a
    stray BEL) make it reject every encoding, so it is asked again without
    them; and GB18030's four-byte characters (emoji, the rarer CJK characters
    of names) upset its sampling, so bytes that decode as GB18030 and cannot be
    Big5 are GB18030.
    """
    encoding: str | None = None
    best = from_bytes(data.translate(None, _CONTROL_BYTES), cp_isolation=_CANDIDATES[:2]).best()
    if best is not None:
        encoding = "gb18030" if best.encoding in ("gbk", "gb2312", "cp936", "gb18030") else best.encoding
    elif _strict(data, "big5") is None:
        encoding = "gb18030"
    text = _strict(data, encoding) if encoding else None
    if text is None or not _plausible(sanitize(text)):
        raise DecodeError("undecodable: not UTF-8, GB18030, Big5 or UTF-16 text")
    assert encoding is not None
    return Decoded(sanitize(text), encoding.replace("_", "-"))
