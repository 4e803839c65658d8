"""Untrusted text made safe to show: no control characters, no terminal escapes.

One function for every room that takes text from outside — documents
(``corpus.ingest``), glossary entries (``corpus.lexicon``), the vocabulary list
(``annotations``) — so nothing from data can move a cursor, retitle a window
or reorder what a terminal shows. It lives on the ``corpus`` floor, beside
``paths`` and ``model``, so the rooms that use it stay independent.
"""

from __future__ import annotations

import re

# ESC-introduced sequences: CSI (ESC [ … final), OSC (ESC ] … BEL or ST),
# DCS/SOS/PM/APC strings, and two-character escapes. Also the 8-bit CSI.
_ESCAPES = re.compile(
    r"""
    \x1b\[[0-?]*[ -/]*[@-~]            # CSI
    | \x1b\][^\x07\x1b]*(?:\x07|\x1b\\)? # OSC
    | \x1b[PX^_][^\x1b]*(?:\x1b\\)?     # DCS, SOS, PM, APC
    | \x1b[@-Z\\-_]                     # other two-character escapes
    | \x9b[0-?]*[ -/]*[@-~]             # 8-bit CSI
    """,
    re.VERBOSE,
)
# C0 controls except tab and newline, DEL, C1 controls, and the bidi
# overrides/isolates that can make text display differently from what it is.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff\ufffe]")


def sanitize(text: str) -> str:
    """Normalise line endings and drop escape sequences and control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n").replace("\x0c", "\n\n")
    text = _ESCAPES.sub("", text)
    return _CONTROLS.sub("", text)
