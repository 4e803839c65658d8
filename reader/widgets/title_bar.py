"""The title line on top of every screen: ``閱  reader · samples — 第一章 出发 · 45% · ¶ 3/8``.

It shows the screen's ``title`` and ``sub_title`` (or the app's) like Textual's
``Header``, as one widget that draws one line: the main screen's first frame
pays for every widget, and ``Header`` is four. Titles come from documents, so
they are drawn as plain text (never markup), escape sequences removed.
"""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from ..shown import shown

ICON = "閱"


def title_line(title: str, sub_title: str) -> Text:
    """``title — sub_title`` (the sub-title dim), or the title alone."""
    line = Text(shown(title), no_wrap=True, overflow="ellipsis", justify="center")
    if sub_title:
        line.append(" — ", "dim")
        line.append(shown(sub_title), "dim")
    return line


class TitleBar(Widget):
    """The icon on the left, the title and sub-title centred."""

    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
    }
    """

    def on_mount(self) -> None:
        for owner in (self.app, self.screen):
            self.watch(owner, "title", self._changed, init=False)
            self.watch(owner, "sub_title", self._changed, init=False)

    def _changed(self) -> None:
        self.refresh()

    def render(self) -> Text:
        screen, app = self.screen, self.app
        title = screen.title if screen.title is not None else app.title
        sub_title = screen.sub_title if screen.sub_title is not None else app.sub_title
        icon = Text(f" {ICON} ")
        line = title_line(title, sub_title)
        # Centred in the whole width (as Header does), beside the icon on the left edge.
        width = self.size.width
        line.truncate(max(0, width - 2 * icon.cell_len), overflow="ellipsis")
        pad = max(0, (width - line.cell_len) // 2 - icon.cell_len)
        return Text.assemble(icon, " " * pad, line, no_wrap=True, overflow="ellipsis")
