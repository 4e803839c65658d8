"""Untrusted text made safe to show: the one sanitizer every room and every output uses.

Documents, file names, notes, tags, imports, glossary entries and the
vocabulary list are untrusted. Printed raw, an escape sequence in them can
retitle or clear the terminal, set the clipboard (OSC 52) or hide text (bidi
overrides). Everything that reaches a terminal or an export goes through this
module, which lives on the ``corpus`` floor (beside ``paths`` and ``model``)
so the rooms that use it stay independent:

* :func:`strip_controls` — the core: removes terminal escape sequences, whole
  (CSI, OSC, DCS/SOS/PM/APC strings, two-character escapes, their 8-bit C1
  forms, complete or cut short: no ``52;c;…`` debris is left behind), then C0
  controls except tab and newline, DEL, C1 controls, NUL, the bidi overrides
  and isolates, and byte-order marks;
* :func:`sanitize` — document text: line endings normalised, then
  :func:`strip_controls` (``corpus.ingest.decode`` uses it on every file);
* :func:`printable` — anything printed or exported as text: :func:`strip_controls`,
  and lone surrogates (undecodable bytes of a file name) replaced, since they
  cannot be encoded at all;
* :func:`json_safe` — a JSON document (``json.dumps`` output) with every
  character a terminal could act on written as a ``\\uXXXX`` escape: the data
  is unchanged, the bytes are safe to print;
* :func:`inert` — text already laid out in terminal cells (the app's last
  line of defence): each unsafe character dropped where it takes no cell, or
  replaced by U+FFFD where it takes one, so the line keeps its width;
* :func:`escape_name` — a file name as one safe line that still says what is
  there: each control, bidi or undecodable character becomes a visible
  ``\\xNN`` / ``\\uNNNN`` escape (``bad\\xff.txt``), so names stay distinct.
"""

from __future__ import annotations

import re

# ESC-introduced sequences and their 8-bit (C1) forms. A string sequence cut
# short (no BEL/ST) ends at the line end: a terminal would swallow everything
# up to the next terminator, we drop the payload so no debris stays visible.
_ESCAPES = re.compile(
    r"""
    [\x1b][\[][0-?]*[ -/]*[@-~]?                          # CSI, complete or cut short
    | [\x1b][\]][^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?    # OSC … BEL or ST
    | [\x1b][PX^_][^\x1b\x9c\n]*(?:\x1b\\|\x9c)?          # DCS, SOS, PM, APC … ST
    | [\x1b][ -/]*[0-~]                                   # other escapes (ESC c, ESC ( B, ESC 7 …)
    | \x9b[0-?]*[ -/]*[@-~]?                              # 8-bit CSI
    | \x9d[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?          # 8-bit OSC
    | [\x90\x98\x9e\x9f][^\x1b\x9c\n]*(?:\x1b\\|\x9c)?      # 8-bit DCS, SOS, PM, APC
    """,
    re.VERBOSE,
)
# C0 controls except tab and newline, DEL, C1 controls, the bidi overrides and
# isolates (text that displays differently from what it is), BOM and non-characters.
_CONTROL_CLASS = "\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff"
_CONTROLS = re.compile(f"[{_CONTROL_CLASS}]")
_SURROGATES = re.compile("[\ud800-\udfff]")
# Anything a file name shows escaped: the controls above, tab and newline too, and lone surrogates.
_NAME_UNSAFE = re.compile(f"[\t\n{_CONTROL_CLASS}\ud800-\udfff]")


def strip_controls(text: str) -> str:
    """``text`` without escape sequences and control characters (tab and newline kept)."""
    if not _CONTROLS.search(text):
        return text  # the common case: nothing to do, no copy
    return _CONTROLS.sub("", _ESCAPES.sub("", text))


def sanitize(text: str) -> str:
    """Document text: line endings normalised, escape sequences and control characters dropped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n").replace("\x0c", "\n\n")
    return strip_controls(text)


def printable(text: str) -> str:
    """What may be printed of ``text``: :func:`strip_controls`, lone surrogates as U+FFFD."""
    text = strip_controls(text)
    if _SURROGATES.search(text):
        text = _SURROGATES.sub("\ufffd", text)
    return text


# What :func:`inert` acts on: the controls, and lone surrogates (they cannot be encoded at all).
_INERT = re.compile(f"[{_CONTROL_CLASS}\ud800-\udfff]")
_ONE_CELL = re.compile("[\ufffe\uffff\ud800-\udfff]")


def inert(text: str) -> str:
    """``text`` with no character a terminal acts on, and as many cells as before.

    Unlike :func:`strip_controls` it drops no payload of a sequence (whose
    characters already take their cells on screen): without its ESC or C1
    introducer a sequence is only text. ``text`` itself is returned when clean.
    """
    if not _INERT.search(text):
        return text
    return _CONTROLS.sub("", _ONE_CELL.sub("\ufffd", text))


# Characters json.dumps(ensure_ascii=False) writes raw that a terminal may act on
# (C1 controls, bidi, line separators) or that cannot be encoded (lone surrogates).
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff\ud800-\udfff]")


def json_safe(dumped: str) -> str:
    """``json.dumps(…, ensure_ascii=False)`` output with unsafe characters as ``\\uXXXX`` escapes.

    JSON outside strings is ASCII, so every such character is inside a string,
    where the escape means the same character: the data is unchanged.
    """
    if not _JSON_UNSAFE.search(dumped):
        return dumped
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)


def _escape_char(match: re.Match[str]) -> str:
    ch = match.group()
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (os.fsdecode's surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def escape_name(name: str) -> str:
    """A file name as one printable line: unsafe characters as visible ``\\xNN``/``\\uNNNN`` escapes.

    Undecodable bytes (kept by Python as surrogates) show as the bytes they
    were, so ``bad\\xff\\xfe.txt`` is what ``ls`` calls it and two such names
    never collapse into one. Valid names are returned unchanged.
    """
    if not _NAME_UNSAFE.search(name):
        return name
    return _NAME_UNSAFE.sub(_escape_char, name)
