"""Escaping text for the Markdown exports.

Two kinds of text go into Markdown:

* **literal** text from documents (quotes, titles, the full text): it must
  render as exactly those characters, so Markdown punctuation is
  backslash-escaped and ``& < >`` become entities;
* **notes**, which are the user's own Markdown (``format: text/markdown``):
  their Markdown is kept, only ``& < >`` become entities so raw HTML such as
  ``<script>`` is inert. ``html.unescape`` of the note gives it back exactly.
"""

from __future__ import annotations

import re

_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
#: Punctuation with a Markdown (CommonMark, GFM or Obsidian) meaning inside a line.
_SPECIAL = set("\\`*_[]~|=#$")
_LIST_START = re.compile(r"^(\d+)([.)])")


def escape_html_chars(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def escape_char(ch: str) -> str:
    if ch in _ENTITIES:
        return _ENTITIES[ch]
    if ch in _SPECIAL:
        return "\\" + ch
    return ch


def escape_line_start(line: str) -> str:
    """Escape what would start a block (list item, code block) at a line start.

    ``line`` is already escaped character by character.
    """
    if line[:1] in ("-", "+"):
        return "\\" + line
    m = _LIST_START.match(line)
    if m:
        return m.group(1) + "\\" + m.group(2) + line[m.end() :]
    if line[:1] in (" ", "\t"):
        # Leading blanks would make an indented code block; entities keep them.
        stripped = line.lstrip(" \t")
        lead = line[: len(line) - len(stripped)]
        return "".join("&#32;" if c == " " else "&#9;" for c in lead) + stripped
    return line


def escape_literal(text: str) -> str:
    """Document text as Markdown that renders as exactly ``text``."""
    lines = text.split("\n")
    return "\n".join(escape_line_start("".join(escape_char(c) for c in line)) for line in lines)


def escape_inline(text: str) -> str:
    """Literal text for one line (titles, metadata): newlines become spaces."""
    return escape_literal(" ".join(text.split("\n")))


def escape_note(note: str) -> str:
    """A note's Markdown with raw HTML made inert."""
    return escape_html_chars(note)


def prefix_lines(text: str, first: str, rest: str | None = None) -> str:
    """Prefix every line (``> `` for blockquotes, indentation for footnotes)."""
    rest = first if rest is None else rest
    lines = text.split("\n")
    out = [(first if i == 0 else rest) + line if line else (first if i == 0 else rest).rstrip()
           for i, line in enumerate(lines)]
    return "\n".join(out)
