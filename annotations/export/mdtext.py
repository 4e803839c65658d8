r"""Escaping text for the Markdown exports.

Two kinds of text go into Markdown:

* **literal** text from documents (quotes, titles, the full text): it must
  render as exactly those characters, so Markdown punctuation is
  backslash-escaped and ``& < >`` become entities;
* **notes**, which are the user's own Markdown (``format: text/markdown``):
  their Markdown is kept, but ``& < >`` become entities so raw HTML such as
  ``<script>`` is inert, images never load (``![`` → ``!\[``: a remote image
  is a tracking pixel) and a link whose destination is not http(s) or mailto
  (``javascript:``, ``data:``, ``file:`` …, however spelt) is written as text.

Both are untrusted: control characters and terminal escape sequences are
dropped first (``corpus.sanitize.printable``).
"""

from __future__ import annotations

import re

from corpus.sanitize import printable

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
    """Document text as Markdown that renders as exactly ``text`` (less control characters)."""
    lines = printable(text).split("\n")
    return "\n".join(escape_line_start("".join(escape_char(c) for c in line)) for line in lines)


def escape_inline(text: str) -> str:
    """Literal text for one line (titles, metadata): newlines become spaces."""
    return escape_literal(" ".join(text.split("\n")))


_SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
_SCHEME = re.compile(r"[a-z][a-z0-9+.\-]*:")
# Browsers drop ASCII whitespace and controls inside a URL; CommonMark drops backslash escapes.
_URL_NOISE = re.compile(r"[\x00-\x20\\]")
_INLINE_LINK = re.compile(r"\]\(([ \t]*\n?[ \t]*<?)([^)>\n]{0,80})")
_REFERENCE = re.compile(r"^((?:[ \t]*&gt;)*[ \t]{0,3})\[([^\]\n]*)\]:([ \t]*<?)(\S{0,80})", re.M)


def _unsafe_destination(dest: str) -> bool:
    """A link destination that does not lead to a web page or an e-mail address."""
    m = _SCHEME.match(_URL_NOISE.sub("", dest).lower())
    return m is not None and m.group()[:-1] not in _SAFE_SCHEMES


def _inert_links(note: str) -> str:
    note = note.replace("![", "!\\[")
    note = _INLINE_LINK.sub(lambda m: ("]\\(" if _unsafe_destination(m.group(2)) else "](") + m.group(1) + m.group(2),
                            note)
    return _REFERENCE.sub(
        lambda m: m.group(1) + ("\\[" if _unsafe_destination(m.group(4)) else "[") + m.group(2) + "]:"
        + m.group(3) + m.group(4),
        note,
    )


def escape_note(note: str) -> str:
    """A note's Markdown: raw HTML inert, no images, links only to web pages and e-mail."""
    return _inert_links(escape_html_chars(printable(note)))


def prefix_lines(text: str, first: str, rest: str | None = None) -> str:
    """Prefix every line (``> `` for blockquotes, indentation for footnotes)."""
    rest = first if rest is None else rest
    lines = text.split("\n")
    out = [(first if i == 0 else rest) + line if line else (first if i == 0 else rest).rstrip()
           for i, line in enumerate(lines)]
    return "\n".join(out)
