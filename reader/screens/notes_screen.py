"""The annotations screen: every note of the corpus, filtered, by tag, and the orphans.

Tabs: **Notes** (the filter bar's results: quote, note, tags, document, date),
**Tags** (counts; rename and merge across all notes) and **Orphans** (notes
whose passage is gone; Enter re-attaches).  ``x`` exports what the Notes tab
shows.  The screen dismisses with a :class:`JumpTarget` when the user wants
to read a passage; the main screen opens the document there.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import (
    DataTable,
    Footer,
    Header,
    Input,
    ProgressBar,
    Static,
    TabbedContent,
    TabPane,
)

from annotations.model import Annotation
from corpus.model import Corpus

from ..note_text import COLOR_STYLES, clean, excerpt_cells, first_line, local_time
from ..notes_session import NotesSession
from .note_edits import delete_note, edit_note, undo_delete
from .notes_export import ExportActions
from .notes_filters import SavedFilters
from .notes_tags import TagActions

#: Rows added to the list per event-loop turn (keeps the UI live while 10,000 notes load).
FILL_CHUNK = 250
#: Orders of the Notes list, in the order ``s`` cycles through them.
ORDERS = ("newest", "oldest", "text", "colour")
#: Seconds of no typing before the filter bar applies what was typed.
LIVE_DELAY = 0.3

FILTER_HELP = "tag:跨境  -tag:旧  doc:ID  section:要闻  color:2  since:2024-01-01  status:orphan  text  @saved"


@dataclass(frozen=True, slots=True)
class JumpTarget:
    """Where to go after the screen closes."""

    doc_id: str
    offset: int
    ann_id: str
    reattach: bool = False  # the next ``a`` re-anchors ``ann_id`` instead of creating a note


def parse(text: str) -> Any:
    """The store's filter language (``annotations.query.parse_filter``)."""
    from annotations.query import parse_filter

    return parse_filter(text)


class NotesScreen(ExportActions, TagActions, SavedFilters, Screen[JumpTarget | None]):
    DEFAULT_CSS = """
    NotesScreen #filter { margin: 0 0; }
    NotesScreen #status { color: $text-muted; height: 1; padding: 0 1; }
    NotesScreen #status.error { color: $error; }
    NotesScreen #export-progress { display: none; padding: 0 1; }
    NotesScreen #export-progress.busy { display: block; }
    NotesScreen #tabs { height: 1fr; }
    NotesScreen #tabs ContentSwitcher { height: 1fr; }
    NotesScreen TabPane { height: 1fr; padding: 0; }
    NotesScreen DataTable { height: 1fr; }
    NotesScreen #detail {
        height: auto; max-height: 9; padding: 0 1; border-top: solid $primary-darken-2; overflow-y: auto;
    }
    """

    BINDINGS = [
        Binding("escape", "close", "Back", id="notes_screen.close", tooltip="Back to reading"),
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

    def __init__(self, controller: NotesSession, corpus: Corpus | None = None, filter_text: str = "") -> None:
        super().__init__()
        self.controller = controller
        self.corpus = corpus
        self.filter_text = filter_text
        #: The notes the Notes tab shows (what ``x`` exports).
        self.shown: list[Annotation] = []
        self.orphans: list[Annotation] = []
        self.tag_counts: dict[str, int] = {}
        self.marked: set[str] = set()
        self._fill_generation = 0
        self.order = "newest"  # one of ORDERS
        self._keep_row = 0  # Notes row to put the cursor on once the list is filled
        self._live: Any = None  # debounce timer of the filter bar

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(self.filter_text, placeholder=FILTER_HELP, id="filter", suggester=None)
        yield Static("", id="status")
        yield ProgressBar(id="export-progress", show_eta=False)
        with TabbedContent(initial="notes", id="tabs"):
            with TabPane("Notes", id="notes"):
                yield DataTable(id="notes-table", cursor_type="row", zebra_stripes=True)
                yield Static("", id="detail")
            with TabPane("Tags", id="tags"):
                yield DataTable(id="tags-table", cursor_type="row")
            with TabPane("Orphans", id="orphans"):
                yield DataTable(id="orphans-table", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Annotations"
        self.query_one("#notes-table", DataTable).add_columns("", "Date", "Quote", "Note", "Tags", "Document")
        self.query_one("#tags-table", DataTable).add_columns("", "Tag", "Notes")
        self.query_one("#orphans-table", DataTable).add_columns("Date", "Quote", "Note", "Tags", "Document")
        if not self.controller.available:
            self._status(f"Notes unavailable: {self.controller.problem or 'no database'}", error=True)
            return
        self.query_one("#notes-table", DataTable).focus()
        self._refresh_filter_suggester()
        self.reload()

    # -- loading (store queries run in a worker) -------------------------------

    def reload(self) -> None:
        try:
            flt = parse(self._expand_saved(self.filter_text))
        except ValueError as exc:
            self._status(f"Filter: {exc}", error=True)
            return
        self._status("Loading…")
        self.load(self.app, flt)  # the app is passed in: a thread cannot find it once the screen is gone

    @work(thread=True, exclusive=True, group="notes-query", exit_on_error=False, description="notes query")
    def load(self, app: Any, flt: Any) -> None:
        store = self.controller.store
        try:
            shown = self._sorted(store.query(flt))
            orphans = store.query(parse("status:orphan"))
            tags = dict(store.tags())
        except Exception as exc:  # e.g. the file was damaged by another program meanwhile
            app.call_from_thread(self._status, f"Cannot read the notes: {exc}", True)
            return
        app.call_from_thread(self.show_results, shown, orphans, tags)

    def _title_of(self, ann: Annotation) -> str:
        doc = self.corpus.get(ann.target.doc_id) if self.corpus else None
        return (doc.title if doc else ann.target.title) or ann.target.file or ann.target.doc_id

    def _cells(self, ann: Annotation) -> tuple[Text, ...]:
        return (
            Text(local_time(ann.created, with_time=False)),
            Text(excerpt_cells(ann.quote, 40)),
            Text(excerpt_cells(first_line(ann.note), 32)),
            Text(excerpt_cells(" ".join(f"#{t}" for t in ann.tags), 24), style="cyan"),
            Text(excerpt_cells(self._title_of(ann), 24)),
        )

    def _sorted(self, anns: list[Annotation]) -> list[Annotation]:
        if self.order == "oldest":
            return sorted(anns, key=lambda a: a.created)
        if self.order == "text":  # reading order: document (as the corpus lists them), then position
            rank = {d.id: i for i, d in enumerate(self.corpus.documents)} if self.corpus else {}
            return sorted(
                anns, key=lambda a: (rank.get(a.target.doc_id, len(rank)), a.target.file, a.selector.start)
            )
        if self.order == "colour":
            return sorted(anns, key=lambda a: (a.color, a.created))
        # Newest first: what one just wrote is what one looks for.
        return sorted(anns, key=lambda a: a.created, reverse=True)

    def action_reload_notes(self) -> None:
        self._keep_row = self.query_one("#notes-table", DataTable).cursor_row
        self.reload()

    def action_sort(self) -> None:
        self.order = ORDERS[(ORDERS.index(self.order) + 1) % len(ORDERS)]
        self._keep_row = 0
        self.notify(f"Sorted: {self.order}", timeout=2)
        self.show_results(self._sorted(self.shown), self.orphans, self.tag_counts)

    def show_results(self, shown: list[Annotation], orphans: list[Annotation], tags: dict[str, int]) -> None:
        if not self.is_attached:
            return
        self.shown, self.orphans, self.tag_counts = shown, orphans, tags
        self.marked &= set(tags)
        table = self.query_one("#notes-table", DataTable)
        table.clear()
        # Rows are matched to notes by position in ``self.shown`` (no per-row keys: faster for
        # thousands), built and added a chunk at a time so keys keep working while a long list fills.
        self._fill_generation += 1
        self._fill_chunk(self._fill_generation, shown, 0)
        orphan_table = self.query_one("#orphans-table", DataTable)
        orphan_table.clear()
        orphan_table.add_rows(self._cells(a) for a in orphans)
        self._fill_tags()
        self._refresh_filter_suggester()  # tags may have been renamed or merged
        tabs = self.query_one("#tabs", TabbedContent)
        tabs.get_tab("orphans").label = f"Orphans ({len(orphans)})"
        tabs.get_tab("tags").label = f"Tags ({len(tags)})"
        tabs.get_tab("notes").label = f"Notes ({len(shown)})"
        ro = " · read-only" if self.controller.read_only else ""
        shown_text = f"{len(shown)} note{'s' if len(shown) != 1 else ''}"
        self._status(f"{shown_text} match{' ' + repr(self.filter_text) if self.filter_text else ''}{ro} · "
                     "Enter open · e edit · d delete · / filter · ctrl+s save · x export · 1/2/3 tabs")

    def _fill_chunk(self, generation: int, anns: list[Annotation], start: int) -> None:
        if generation != self._fill_generation or not self.is_attached:
            return  # a newer filter replaced this list
        table = self.query_one("#notes-table", DataTable)
        table.add_rows(
            (Text("▌", style=COLOR_STYLES.get(a.color, "white")), *self._cells(a))
            for a in anns[start : start + FILL_CHUNK]
        )
        if start + FILL_CHUNK < len(anns):
            # A timer, not call_later: the table measures the new rows while idle, chunk by chunk.
            self.set_timer(0.01, partial(self._fill_chunk, generation, anns, start + FILL_CHUNK))
        elif table.row_count:
            table.move_cursor(row=min(self._keep_row, table.row_count - 1))

    def _status(self, message: str, error: bool = False) -> None:
        if not self.is_attached:
            return
        status = self.query_one("#status", Static)
        status.update(Text(message))
        status.set_class(error, "error")

    # -- filter ----------------------------------------------------------------

    @on(Input.Changed, "#filter")
    def filter_typed(self, event: Input.Changed) -> None:
        # Filter as you type, once typing pauses (each query runs in the worker).
        event.stop()
        if self._live is not None:
            self._live.stop()
        self._live = self.set_timer(LIVE_DELAY, lambda: self._apply_live(event.value))

    def _apply_live(self, value: str) -> None:
        if value.strip() != self.filter_text and self.is_attached:
            self.filter_text = value.strip()
            self._keep_row = 0
            self.reload()

    @on(Input.Submitted, "#filter")
    def filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._live is not None:
            self._live.stop()
        self._keep_row = 0
        self.filter_text = event.value.strip()
        self.query_one("#tabs", TabbedContent).active = "notes"
        self.query_one("#notes-table", DataTable).focus()
        self.reload()

    def set_filter(self, text: str) -> None:
        self.query_one("#filter", Input).value = text
        self.filter_text = text
        self.query_one("#tabs", TabbedContent).active = "notes"
        self.query_one("#notes-table", DataTable).focus()
        self.reload()

    def action_focus_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_tab(self, tab: str) -> None:
        self.query_one("#tabs", TabbedContent).active = tab
        self.query_one(f"#{tab}-table", DataTable).focus()

    # -- rows ------------------------------------------------------------------

    @on(DataTable.RowHighlighted, "#notes-table")
    def show_detail(self, event: DataTable.RowHighlighted) -> None:
        """The whole note under the list: the table shows only first lines."""
        event.stop()
        row = event.cursor_row
        detail = self.query_one("#detail", Static)
        if not 0 <= row < len(self.shown):
            detail.update("")
            return
        ann = self.shown[row]
        text = Text()
        text.append(Text("▌ ", style=COLOR_STYLES.get(ann.color, "white")))
        text.append(f"「{clean(ann.quote)}」\n", style="bold")
        if ann.note.strip():
            text.append(clean(ann.note.strip()) + "\n")
        if ann.tags:
            text.append(" ".join(f"#{t}" for t in ann.tags) + "\n", style="cyan")
        when, changed = local_time(ann.created), local_time(ann.modified)
        edited = f" · edited {changed}" if changed != when else ""
        text.append(f"{clean(self._title_of(ann))} · {when}{edited} · {ann.status}", style="dim")
        detail.update(text)

    @on(DataTable.RowSelected, "#notes-table")
    def open_note(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if not (0 <= event.cursor_row < len(self.shown)):
            return
        ann = self.shown[event.cursor_row]
        if ann.status == "orphan":
            self._reattach(ann)
            return
        if self.corpus is not None and self.corpus.get(ann.target.doc_id) is None:
            self.notify(
                f"「{ann.target.title or ann.target.file}」 is not in this corpus ({ann.target.file}).",
                severity="warning",
            )
            return
        self.dismiss(JumpTarget(ann.target.doc_id, ann.selector.start, ann.id))

    @on(DataTable.RowSelected, "#orphans-table")
    def open_orphan(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if 0 <= event.cursor_row < len(self.orphans):
            self._reattach(self.orphans[event.cursor_row])

    def _reattach(self, ann: Annotation) -> None:
        if self.controller.read_only:
            self.notify("The database is read-only: notes cannot be re-attached.", severity="warning")
            return
        self.controller.pending_reattach = ann.id
        self.dismiss(JumpTarget(ann.target.doc_id, ann.selector.start, ann.id, reattach=True))

    @on(DataTable.RowSelected, "#tags-table")
    def open_tag(self, event: DataTable.RowSelected) -> None:
        event.stop()
        tag = self._selected_tag()
        if tag:
            self.set_filter(f"tag:{tag}")

    # -- editing from the list (the same dialog and undo stack as the notes tab) ---

    def _current_note(self) -> Annotation | None:
        active = self.query_one("#tabs", TabbedContent).active
        if active not in ("notes", "orphans"):
            self.notify("Edit and delete work on the Notes and Orphans tabs (1, 3).")
            return None
        listed = self.shown if active == "notes" else self.orphans
        row = self.query_one(f"#{active}-table", DataTable).cursor_row
        return listed[row] if 0 <= row < len(listed) else None

    def _after_change(self) -> None:
        self._keep_row = self.query_one("#notes-table", DataTable).cursor_row
        self.reload()

    def action_edit_note(self) -> None:
        ann = self._current_note()
        if ann is not None:
            edit_note(self, self.controller, ann, self.tag_counts, self._after_change)

    def action_delete_note(self) -> None:
        ann = self._current_note()
        if ann is not None and delete_note(self, self.controller, ann):
            self._after_change()

    def action_undo(self) -> None:
        if undo_delete(self, self.controller) is not None:
            self._after_change()

    def action_close(self) -> None:
        if isinstance(self.focused, Input):  # Esc leaves the filter bar first, then the screen
            self.action_tab(self.query_one("#tabs", TabbedContent).active or "notes")
            return
        self.dismiss(None)
