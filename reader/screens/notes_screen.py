"""The annotations screen: every note of the corpus, filtered, by tag, and the orphans.

Tabs: **Notes** (the filter bar's results: quote, note, tags, document, date),
**Tags** (counts; rename and merge across all notes) and **Orphans** (notes
whose passage is gone; Enter re-attaches).  ``x`` exports what the Notes tab
shows.  The screen dismisses with a :class:`JumpTarget` when the user wants
to read a passage; the main screen opens the document there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import (
    DataTable,
    Input,
    ProgressBar,
    Static,
    TabbedContent,
    TabPane,
)

from annotations.model import Annotation
from corpus.model import Corpus

from ..notes_session import NotesSession
from ..widgets.key_bar import KeyBar
from ..widgets.title_bar import TitleBar
from . import notes_tags
from .export_dialog import ExportDialog
from .note_edits import delete_note, edit_note, undo_delete
from .notes_bindings import BINDINGS as NOTES_BINDINGS
from .notes_export import start_export
from .notes_filters import SavedFilters
from .notes_tables import ORDERS, NotesTable, TagsTable, note_detail, sort_notes
from .prompt import PromptDialog

if TYPE_CHECKING:
    from annotations.query import Filter

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


def parse(text: str) -> Filter:
    """The store's filter language (``annotations.query.parse_filter``)."""
    from annotations.query import parse_filter

    return parse_filter(text)


class NotesScreen(Screen[JumpTarget | None]):
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

    BINDINGS = NOTES_BINDINGS

    def __init__(self, controller: NotesSession, corpus: Corpus | None = None, filter_text: str = "") -> None:
        super().__init__()
        self.controller = controller
        self.corpus = corpus
        self.filter_text = filter_text
        self.filters = SavedFilters(controller)
        #: The notes the Notes tab shows (what ``x`` exports).
        self.shown: list[Annotation] = []
        self.orphans: list[Annotation] = []
        self.order = "newest"  # one of ORDERS
        self._keep_row = 0  # Notes row to put the cursor on once the list is filled
        self._live: Timer | None = None  # debounce timer of the filter bar

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Input(self.filter_text, placeholder=FILTER_HELP, id="filter", suggester=None)
        yield Static("", id="status")
        yield ProgressBar(id="export-progress", show_eta=False)
        with TabbedContent(initial="notes", id="tabs"):
            with TabPane("Notes", id="notes"):
                yield NotesTable(id="notes-table")
                yield Static("", id="detail")
            with TabPane("Tags", id="tags"):
                yield TagsTable(id="tags-table")
            with TabPane("Orphans", id="orphans"):
                yield NotesTable(id="orphans-table", with_swatch=False)
        yield KeyBar()

    @property
    def notes_table(self) -> NotesTable:
        return self.query_one("#notes-table", NotesTable)

    @property
    def tags_table(self) -> TagsTable:
        return self.query_one(TagsTable)

    @property
    def tag_counts(self) -> dict[str, int]:
        return self.tags_table.counts

    def on_mount(self) -> None:
        self.title = "reader · notes"
        if not self.controller.available:
            self.show_status(f"Notes unavailable: {self.controller.problem or 'no database'}", error=True)
            return
        self.notes_table.focus()
        self._refresh_filter_suggester()
        self.reload()

    # -- loading (store queries run in a worker) -------------------------------

    def reload(self) -> None:
        try:
            flt = parse(self.filters.expand(self.filter_text))
        except ValueError as exc:
            self.show_status(f"Filter: {exc}", error=True)
            return
        self.show_status("Loading…")
        self.load(self.app, flt)  # the app is passed in: a thread cannot find it once the screen is gone

    @work(thread=True, exclusive=True, group="notes-query", exit_on_error=False, description="notes query")
    def load(self, app: App[object], flt: Filter) -> None:
        store = self.controller.store
        if store is None:
            return
        try:
            shown = sort_notes(store.query(flt), self.order, self.corpus)
            orphans = store.query(parse("status:orphan"))
            tags = dict(store.tags())
        except Exception as exc:  # e.g. the file was damaged by another program meanwhile
            app.call_from_thread(self.show_status, f"Cannot read the notes: {exc}", True)
            return
        app.call_from_thread(self.show_results, shown, orphans, tags)

    def _title_of(self, ann: Annotation) -> str:
        doc = self.corpus.get(ann.target.doc_id) if self.corpus else None
        return (doc.title if doc else ann.target.title) or ann.target.file or ann.target.doc_id

    def action_reload_notes(self) -> None:
        self._keep_row = self.notes_table.cursor_row
        self.reload()

    def action_sort(self) -> None:
        self.order = ORDERS[(ORDERS.index(self.order) + 1) % len(ORDERS)]
        self._keep_row = 0
        self.notify(f"Sorted: {self.order}", timeout=2)
        self.show_results(sort_notes(self.shown, self.order, self.corpus), self.orphans, self.tag_counts)

    def show_results(self, shown: list[Annotation], orphans: list[Annotation], tags: dict[str, int]) -> None:
        if not self.is_attached:
            return
        self.shown, self.orphans = shown, orphans
        self.notes_table.show(shown, self._title_of, self._keep_row)
        self.query_one("#orphans-table", NotesTable).show(orphans, self._title_of)
        self.tags_table.show(tags)
        self._refresh_filter_suggester()  # tags may have been renamed or merged
        tabs = self.query_one("#tabs", TabbedContent)
        tabs.get_tab("orphans").label = f"Orphans ({len(orphans)})"
        tabs.get_tab("tags").label = f"Tags ({len(tags)})"
        tabs.get_tab("notes").label = f"Notes ({len(shown)})"
        ro = " · read-only" if self.controller.read_only else ""
        shown_text = f"{len(shown)} note{'s' if len(shown) != 1 else ''}"
        self.show_status(f"{shown_text} match{' ' + repr(self.filter_text) if self.filter_text else ''}{ro} · "
                     "Enter open · e edit · d delete · / filter · ctrl+s save · x export · 1/2/3 tabs")

    def show_status(self, message: str, error: bool = False) -> None:
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
        value = event.value
        self._live = self.set_timer(LIVE_DELAY, lambda: self._apply_live(value))

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
        self.notes_table.focus()
        self.reload()

    def set_filter(self, text: str) -> None:
        self.query_one("#filter", Input).value = text
        self.filter_text = text
        self.query_one("#tabs", TabbedContent).active = "notes"
        self.notes_table.focus()
        self.reload()

    def _refresh_filter_suggester(self) -> None:
        sections = [s for s, _docs in self.corpus.sections()] if self.corpus is not None else []
        self.query_one("#filter", Input).suggester = self.filters.suggester(sections)

    def action_save_filter(self) -> None:
        text = self.filter_text.strip()
        if not text or (text.startswith("@") and " " not in text):
            self.notify("Type a filter first (/), then ctrl+s saves it under a name.")
            return

        def done(name: str | None) -> None:
            if not name:
                return
            try:
                name = self.filters.save(name, text)
            except Exception as exc:  # read-only store, bad filter, disk: say so
                self.notify(f"Filter not saved: {exc}", severity="error")
                return
            self._refresh_filter_suggester()
            self.notify(f"Saved as @{name} (also: reader notes --saved {name})")

        self.app.push_screen(PromptDialog("Save filter", f"Save 「{text}」 as:"), done)

    def action_focus_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    @on(TabbedContent.TabActivated, "#tabs")
    def _tab_changed(self, event: TabbedContent.TabActivated) -> None:
        self.refresh_bindings()  # rename/merge show on the Tags tab, edit/delete on the others

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        tabs = self.query("#tabs")
        if not tabs:
            return True
        active = tabs.first(TabbedContent).active
        if action in ("rename_tag", "merge_tags", "mark_tag"):
            return active == "tags"
        if action in ("edit_note", "delete_note"):
            return active in ("notes", "orphans")
        return True

    def action_tab(self, tab: str) -> None:
        self.query_one("#tabs", TabbedContent).active = tab
        self.query_one(f"#{tab}-table", DataTable).focus()

    # -- rows ------------------------------------------------------------------

    @on(DataTable.RowHighlighted, "#notes-table")
    def show_detail(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        row = event.cursor_row
        detail = self.query_one("#detail", Static)
        detail.update(note_detail(self.shown[row], self._title_of) if 0 <= row < len(self.shown) else "")

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

    # -- tags --------------------------------------------------------------------

    @on(DataTable.RowSelected, "#tags-table")
    def open_tag(self, event: DataTable.RowSelected) -> None:
        event.stop()
        tag = self._selected_tag()
        if tag:
            self.set_filter(f"tag:{tag}")

    def _selected_tag(self) -> str | None:
        return self.tags_table.tag if self.query_one("#tabs", TabbedContent).active == "tags" else None

    def action_mark_tag(self) -> None:
        tag = self._selected_tag()
        if tag is not None:
            self.tags_table.toggle_mark(tag)

    def action_rename_tag(self) -> None:
        tag = self._selected_tag()
        if tag is None:
            self.notify("Rename works on the Tags tab (press 2).")
            return
        notes_tags.rename(self, self.controller, tag, self.reload)

    def action_merge_tags(self) -> None:
        tag = self._selected_tag()
        if tag is None:
            self.notify("Merge works on the Tags tab (press 2; space marks several tags).")
            return
        notes_tags.merge(self, self.controller, self.tags_table, tag, self.reload)

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
        self._keep_row = self.notes_table.cursor_row
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

    # -- export ------------------------------------------------------------------

    def action_export(self) -> None:
        if not self.shown:
            self.notify("Nothing to export: the filter shows no notes.", severity="warning")
            return
        last = self.controller.last_export  # (format, folder) of the previous export
        fmt, folder = last if last else ("md", None)
        self.app.push_screen(ExportDialog(len(self.shown), self.filter_text, folder, fmt),
                             lambda request: start_export(self, request))

    def action_close(self) -> None:
        if isinstance(self.focused, Input):  # Esc leaves the filter bar first, then the screen
            self.action_tab(self.query_one("#tabs", TabbedContent).active or "notes")
            return
        self.dismiss(None)
