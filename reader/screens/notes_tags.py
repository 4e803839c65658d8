"""The annotations screen's tag view: counts, marking, rename and merge across all notes.

A mixin of :class:`~reader.screens.notes_screen.NotesScreen` (plain methods;
the screen holds the bindings and the ``@on`` handlers).
"""

from __future__ import annotations

from typing import Any

from textual.widgets import DataTable, TabbedContent

from .note_dialog import TagSuggester
from .prompt import PromptDialog


class TagActions:
    """Needs ``controller``, ``tag_counts``, ``marked`` and ``reload`` on the screen."""

    tag_counts: dict[str, int]
    marked: set[str]
    controller: Any

    def _fill_tags(self) -> None:
        table = self.query_one("#tags-table", DataTable)
        keep = table.cursor_row
        table.clear()
        for tag, n in sorted(self.tag_counts.items(), key=lambda kv: (-kv[1], kv[0])):
            table.add_row("✓" if tag in self.marked else " ", tag, str(n), key=tag)
        if table.row_count:
            table.move_cursor(row=min(keep, table.row_count - 1))

    def _selected_tag(self) -> str | None:
        table = self.query_one("#tags-table", DataTable)
        if self.query_one("#tabs", TabbedContent).active != "tags" or not table.row_count:
            return None
        return str(table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value)

    def action_mark_tag(self) -> None:
        tag = self._selected_tag()
        if tag is None:
            return
        self.marked ^= {tag}
        self._fill_tags()

    def action_rename_tag(self) -> None:
        tag = self._selected_tag()
        if tag is None:
            self.notify("Rename works on the Tags tab (press 2).")
            return

        def done(new: str | None) -> None:
            if new and new != tag:
                self._tag_change(lambda: self.controller.rename_tag(tag, new), f"Renamed #{tag} to #{new}")

        self.app.push_screen(PromptDialog("Rename tag", f"Rename #{tag} on all its notes to:", tag), done)

    def action_merge_tags(self) -> None:
        tag = self._selected_tag()
        if tag is None:
            self.notify("Merge works on the Tags tab (press 2; space marks several tags).")
            return
        sources = sorted(self.marked or {tag})
        names = " ".join(f"#{t}" for t in sources)

        def done(target: str | None) -> None:
            if target:
                self.marked.clear()
                self._tag_change(lambda: self.controller.merge_tags(sources, target), f"Merged {names} into #{target}")

        suggester = TagSuggester(sorted(self.tag_counts, key=lambda t: -self.tag_counts[t]))
        self.app.push_screen(PromptDialog("Merge tags", f"Merge {names} into (an existing or new tag):", "", suggester), done)

    def _tag_change(self, change: Any, message: str) -> None:
        try:
            n = change()
        except Exception as exc:  # the store refused (read-only, lock, disk): say so, keep the screen
            self.notify(f"Could not change tags: {exc}", severity="error")
            return
        self.notify(f"{message} ({n} note{'s' if n != 1 else ''})")
        self.reload()

    # -- export ----------------------------------------------------------------
