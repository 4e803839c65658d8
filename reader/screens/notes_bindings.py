"""The notes screen's keys: bindings with ids ``notes_screen.*``, descriptions and tooltips.

Rename, merge and mark act on the Tags tab, edit and delete on the Notes and
Orphans tabs: the screen's ``check_action`` shows each only where it works.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

BINDINGS: list[BindingType] = [
    Binding("escape,q", "close", "Back", id="notes_screen.close", tooltip="Back to reading"),
    Binding("slash", "focus_filter", "Filter", id="notes_screen.filter", tooltip="Edit the filter"),
    Binding("x", "export", "Export", id="notes_screen.export", tooltip="Export what the filter shows"),
    Binding("r", "rename_tag", "Rename tag", id="notes_screen.rename", tooltip="Rename the selected tag"),
    Binding("m", "merge_tags", "Merge tags", id="notes_screen.merge", tooltip="Merge marked tags into one"),
    Binding("ctrl+s", "save_filter", "Save filter", id="notes_screen.save_filter",
            tooltip="Save the current filter under a name (@name recalls it; reader notes --saved NAME)"),
    Binding("ctrl+r", "reload_notes", "Reload", show=False, id="notes_screen.reload",
            tooltip="Read the notes again (after changes from another terminal)"),
    Binding("s", "sort", "Sort", id="notes_screen.sort",
            tooltip="Order the notes: newest, oldest, reading order (document, position), colour"),
    Binding("e", "edit_note", "Edit", id="notes_screen.edit", tooltip="Edit the selected note"),
    Binding("d", "delete_note", "Delete", id="notes_screen.delete", tooltip="Delete the selected note (u undoes)"),
    Binding("u", "undo", "Undo", show=False, id="notes_screen.undo", tooltip="Bring back the last deleted note"),
    Binding("space", "mark_tag", "Mark", show=False, id="notes_screen.mark", tooltip="Mark a tag for merging"),
    Binding("1", "tab('notes')", "Notes", show=False, id="notes_screen.tab_notes", tooltip="The filtered notes"),
    Binding("2", "tab('tags')", "Tags", show=False, id="notes_screen.tab_tags", tooltip="Tags with counts"),
    Binding("3", "tab('orphans')", "Orphans", show=False, id="notes_screen.tab_orphans",
            tooltip="Notes whose passage is gone (Enter re-attaches)"),
]
