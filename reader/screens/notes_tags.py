"""Renaming and merging tags across every note, from the notes screen's Tags tab."""

from __future__ import annotations

from collections.abc import Callable

from textual.widget import Widget

from ..notes_session import NotesSession
from .note_dialog import TagSuggester
from .notes_tables import TagsTable
from .prompt import PromptDialog


def rename(host: Widget, ctl: NotesSession, tag: str, done: Callable[[], None]) -> None:
    """Ask for a new name of ``tag`` and rename it on all its notes."""

    def chosen(new: str | None) -> None:
        if new and new != tag:
            _change(host, lambda: ctl.rename_tag(tag, new), f"Renamed #{tag} to #{new}", done)

    host.app.push_screen(PromptDialog("Rename tag", f"Rename #{tag} on all its notes to:", tag), chosen)


def merge(host: Widget, ctl: NotesSession, table: TagsTable, tag: str, done: Callable[[], None]) -> None:
    """Merge the marked tags (or ``tag``) into one the user names (an existing or a new tag)."""
    sources = sorted(table.marked or {tag})
    names = " ".join(f"#{t}" for t in sources)

    def chosen(target: str | None) -> None:
        if target:
            table.marked.clear()
            _change(host, lambda: ctl.merge_tags(sources, target), f"Merged {names} into #{target}", done)

    question = f"Merge {names} into (an existing or new tag):"
    prompt = PromptDialog("Merge tags", question, "", TagSuggester(table.by_use()))
    host.app.push_screen(prompt, chosen)


def _change(host: Widget, change: Callable[[], int], message: str, done: Callable[[], None]) -> None:
    try:
        n = change()
    except Exception as exc:  # the store refused (read-only, lock, disk): say so, keep the screen
        host.notify(f"Could not change tags: {exc}", severity="error")
        return
    host.notify(f"{message} ({n} note{'s' if n != 1 else ''})")
    done()
