"""The key bar at the bottom of every screen: the keys that matter here, each shown whole.

Textual's ``Footer`` lists every ``show=True`` binding and cuts the row at
the screen's edge (``X Analys``). This bar draws the same active bindings
(focused widget first, then the screen, then the app) but only as many as fit
*whole*, and keeps help and the command palette pinned on the right, so a
newcomer always sees where the rest of the keys are. Which keys are shown is
decided where they are declared (``show=`` on each ``Binding``); a binding
whose ``check_action`` says ``False`` is left out and ``None`` draws it dim.
Clicking a key presses it; hovering shows its tooltip.

:func:`key_items` and :func:`fit` are pure (tests call them directly).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget

#: Binding ids drawn at the right end, always (where the rest of the keys are).
PINNED_IDS = ("app.help",)
#: Cells between two keys, and between the keys and the pinned part.
GAP = 1
SEPARATOR = "▏"


@dataclass(frozen=True)
class KeyItem:
    """One key as the bar draws it."""

    key: str  # the key as pressed (a click presses it)
    display: str  # as shown: ``^f``, ``?``
    description: str
    tooltip: str
    enabled: bool = True
    pinned: bool = False

    @property
    def width(self) -> int:
        return cell_len(self.display) + 1 + cell_len(self.description)


def key_items(app: App[object], bindings: Iterable[tuple[Binding, bool]]) -> list[KeyItem]:
    """``(binding, enabled)`` in the screen's order → items: shown ones, one per action, palette last."""
    items: list[KeyItem] = []
    palette: KeyItem | None = None
    actions: set[str] = set()
    for binding, enabled in bindings:
        if binding.key == app.COMMAND_PALETTE_BINDING:
            palette = KeyItem(binding.key, app.get_key_display(binding), "Palette",
                              "Every action, recent and all documents", enabled, pinned=True)
            continue
        if not binding.show or binding.action in actions:
            continue  # "j,down" are two bindings of one action: the first key speaks for both
        actions.add(binding.action)
        items.append(KeyItem(binding.key, app.get_key_display(binding), binding.description,
                             binding.tooltip or binding.description, enabled, pinned=binding.id in PINNED_IDS))
    if palette is not None and app.ENABLE_COMMAND_PALETTE:
        items.append(palette)
    return items


def fit(items: list[KeyItem], width: int) -> tuple[list[KeyItem], list[KeyItem]]:
    """The keys that fit whole in ``width`` cells: ``(left, pinned)``.

    Pinned keys are always kept (they are few and short); the others are taken
    in order while they fit, so the focused widget's keys go last to nothing.
    """
    pinned = [item for item in items if item.pinned]
    room = width - GAP - sum(item.width + GAP for item in pinned) - (cell_len(SEPARATOR) + GAP if pinned else 0)
    left: list[KeyItem] = []
    for item in items:
        if item.pinned:
            continue
        need = item.width + GAP
        if need > room:
            continue  # a shorter one further on may still fit
        left.append(item)
        room -= need
    return left, pinned


class KeyBar(Widget, can_focus=False):
    """One row of keys: ``/ Find  a Annotate … ▏? Help ^p Palette``."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-description-foreground;
    }
    KeyBar > .key-bar--key {
        color: $footer-key-foreground;
        text-style: bold;
    }
    KeyBar > .key-bar--disabled {
        text-style: dim;
    }
    """
    COMPONENT_CLASSES = {"key-bar--key", "key-bar--disabled"}

    def __init__(self) -> None:
        super().__init__(id="key-bar")
        self._spans: list[tuple[int, int, KeyItem]] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        self.refresh()

    def items(self) -> list[KeyItem]:
        active = self.screen.active_bindings.values()
        return key_items(self.app, ((b.binding, b.enabled) for b in active))

    def render(self) -> Text:
        left, pinned = fit(self.items(), self.size.width)
        key_style = self.get_component_rich_style("key-bar--key", partial=True)
        dim = self.get_component_rich_style("key-bar--disabled", partial=True)
        text = Text(no_wrap=True, overflow="crop")
        self._spans = []

        def add(item: KeyItem) -> None:
            start = text.cell_len
            extra = Style() if item.enabled else dim
            text.append(item.display, key_style + extra)
            text.append(" " + item.description, extra)
            self._spans.append((start, text.cell_len, item))
            text.append(" " * GAP)

        text.append(" " * GAP)
        for item in left:
            add(item)
        if pinned:
            used = text.cell_len
            tail = sum(item.width + GAP for item in pinned) + cell_len(SEPARATOR) + GAP
            text.append(" " * max(0, self.size.width - used - tail))
            text.append(SEPARATOR + " " * GAP, dim)
            for item in pinned:
                add(item)
        return text

    def _item_at(self, x: int) -> KeyItem | None:
        return next((item for start, end, item in self._spans if start <= x < end), None)

    def on_click(self, event: events.Click) -> None:
        item = self._item_at(event.x)
        if item is not None and item.enabled:
            self.app.simulate_key(item.key)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        item = self._item_at(event.x)
        self.tooltip = item.tooltip if item is not None else None
