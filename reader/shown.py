"""Untrusted text as the app shows it: the boundary from data to the terminal.

Document titles and sections, file names, notes, tags, glossary and
vocabulary entries and the messages that quote them are untrusted: an escape
sequence in them, drawn as it is, would retitle or clear the terminal, set
the clipboard (OSC 52) or reorder what is shown (bidi overrides). rich's
``Text`` strips only a few control characters (not ESC), Textual none. Two
layers, both on :mod:`corpus.sanitize` (the one sanitizer):

* :func:`shown` / :func:`shown_text` — where a data-derived string becomes a
  widget's string or renderable (labels, table cells, tree rows, the title
  bar, toasts): escape sequences are removed whole, so no ``52;c;…`` debris;
* :class:`ControlFilter` — the app's line filter (``ReaderApp.get_line_filters``):
  every line every widget draws passes it before the terminal, so a path that
  forgot :func:`shown` still sends no ESC, C1, bidi or other control
  character (the line keeps its width: :func:`corpus.sanitize.inert`).
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import StyleType
from rich.text import Text
from textual.color import Color
from textual.filter import LineFilter

from corpus.sanitize import inert, printable


def shown(text: str) -> str:
    """``text`` safe to show: escape sequences and control characters removed, newlines kept."""
    return printable(text)


def shown_text(text: str, style: StyleType = "", **options: object) -> Text:
    """A rich ``Text`` of :func:`shown` ``text`` (never parsed as markup)."""
    return Text(printable(text), style=style, **options)  # type: ignore[arg-type]


class ControlFilter(LineFilter):
    """Drops every character a terminal would act on from the segments of a drawn line."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        out: list[Segment] = []
        changed = False
        for segment in segments:
            text = segment.text
            safe = text if segment.control else inert(text)
            if safe is not text:
                changed = True
                segment = Segment(safe, segment.style, segment.control)
            out.append(segment)
        return out if changed else segments
