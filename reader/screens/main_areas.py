"""The main screen's areas: what the first frame leaves out, focus between areas, the header line.

Functions of the main screen (it passes itself), like ``main_work`` and
``main_notes``: the side panel and the key bar are mounted after the first
document is painted; below :data:`NARROW` columns the side panel folds away;
Tab cycles library → text → side panel; J/K step through the library; the
title line says where the reader is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.containers import Horizontal
from textual.widget import Widget

from corpus.model import Document

from . import main_work

if TYPE_CHECKING:
    from .main import MainScreen

#: Below this many columns the side panel folds away (ctrl+b brings it back).
NARROW = 110


async def mount_extras(screen: MainScreen) -> bool:
    """Mount the side panel and the key bar; False when the screen closed meanwhile."""
    from ..widgets.key_bar import KeyBar
    from ..widgets.side_panel import SidePanel

    row = screen.query("#main").first(Horizontal) if screen.query("#main") else None
    if row is None or not row.is_attached:
        return False  # the app is closing: nothing to add
    await row.mount(SidePanel(id="side"))
    if not screen.is_attached:
        return False  # closed while the panel was mounting
    await screen.mount(KeyBar())
    return True


def after_extras(screen: MainScreen) -> None:
    """The side panel is there: show the document in it, its notes and layers, the watch words."""
    if screen.document is not None:
        screen.show_in_side(screen.document)
        screen.refresh_annotations()
        main_work.apply_layers(screen, screen.document)
    config = screen.reader_app.config
    if config.watch:
        main_work.build_watch_list(screen, dict(config.watch))


def fit_width(screen: MainScreen, width: int) -> None:
    """Fold the side panel away below :data:`NARROW` columns."""
    narrow = width < NARROW
    if narrow != screen.has_class("-narrow"):  # a class change restyles the whole screen
        screen.set_class(narrow, "-narrow")


def toggle_panel(screen: MainScreen) -> None:
    if not screen.side_ready:
        return
    if screen.has_class("-narrow"):
        screen.remove_class("-narrow")
        screen.side.display = True
    else:
        screen.side.display = not screen.side.display


def step_document(screen: MainScreen, step: int) -> None:
    """Open the next (``step`` 1) or previous (-1) document in the library's order."""
    if screen.corpus is None or not screen.corpus.documents:
        return
    doc_id = screen.library.neighbour(screen.document.id if screen.document else None, step)
    if doc_id is None:
        screen.notify("Last document" if step > 0 else "First document", timeout=2)
        return
    screen.open_document(doc_id)


def cycle_focus(screen: MainScreen, step: int) -> None:
    """Focus the next (``step`` 1) or previous (-1) area: library, text, side panel."""
    areas: list[Widget] = [screen.library.tree_view, screen.pane]
    if screen.side_ready and screen.side.display:
        areas.append(screen.side)
    focused = screen.focused
    current = -1 if step > 0 else 0
    for i, area in enumerate(areas):
        if focused is not None and (focused is area or area in focused.ancestors_with_self):
            current = i
            break
    target = areas[(current + step) % len(areas)]
    if screen.side_ready and target is screen.side:
        screen.side.focus_content()
    else:
        target.focus()


#: Where the reader is: doc id, percent, paragraph n of m, the offset at the top of the view.
Position = tuple[str, int, int, int, int]


def position_line(doc: Document, position: Position | None, title: str | None = None) -> str:
    """The header's sub-title: the title (``title``: as shown) and, once the pane reported it,
    percent, ¶ n/m and the PDF page."""
    title = doc.title if title is None else title
    if position is None or position[0] != doc.id:
        return title
    _, percent, paragraph, paragraphs, offset = position
    # A PDF's blocks know their pages: the page of the text at the top of the view.
    page = doc.page_at(offset)
    where = f" · p. {page}" if page is not None else ""
    return f"{title} · {percent:.0f}% · ¶ {paragraph}/{paragraphs}{where}"
