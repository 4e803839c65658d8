"""Note colours: the one colour table, number → how it looks in every medium.

Its own module, free of the annotation record, so the reading pane gets the note colours for
its first frame without loading the model (its dataclasses, the tag rules) before it is used.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Color:
    """One highlight colour as each medium shows it; the number (1–6) is what is stored."""

    name: str  # its word, everywhere words are used: Markdown, inline and HTML exports, tooltips
    terminal: str  # a rich/Textual colour: swatches in the app, highlights in `reader notes`
    html: str  # a CSS background light enough for black text (the HTML export)


#: The one colour table: number → how it looks in every medium. The order is what users learn.
COLOR_TABLE: dict[int, Color] = {
    1: Color("yellow", "#e5c07b", "#fff1a8"),
    2: Color("green", "#98c379", "#c9f2c7"),
    3: Color("blue", "#61afef", "#cde4ff"),
    4: Color("pink", "#e06c9f", "#ffd3e2"),
    5: Color("purple", "#c678dd", "#e3d6ff"),
    6: Color("orange", "#d19a66", "#ffdcb0"),
}
COLORS = tuple(COLOR_TABLE)
COLOR_NAMES = {n: c.name for n, c in COLOR_TABLE.items()}


def color_name(number: int) -> str:
    """What colour ``number`` is called (``"colour 9"`` for a number outside the table)."""
    color = COLOR_TABLE.get(number)
    return color.name if color is not None else f"colour {number}"
