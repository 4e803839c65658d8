"""The notes screen's lists: every note (filled a chunk at a time), the tags with counts, the orphans.

Small widgets over ``DataTable`` that draw from plain lists handed to them;
the notes screen decides what they show and what their rows do.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from rich.text import Text
from textual.coordinate import Coordinate
from textual.widgets import DataTable

from annotations.model import Annotation
from corpus.model import Corpus

from ..note_text import clean, excerpt_cells, first_line, local_time, swatch_style
from ..shown import shown_text

#: Orders of the Notes list, in the order ``s`` cycles through them.
ORDERS = ("newest", "oldest", "text", "colour")
#: Rows added to the list per event-loop turn (keeps the UI live while 10,000 notes load).
FILL_CHUNK = 250

#: The title shown for a note's document (the corpus's title when the document is there).
TitleOf = Callable[[Annotation], str]


def sort_notes(anns: list[Annotation], order: str, corpus: Corpus | None) -> list[Annotation]:
    """``anns`` in ``order`` (one of :data:`ORDERS`)."""
    if order == "oldest":
        return sorted(anns, key=lambda a: a.created)
    if order == "text":  # reading order: document (as the corpus lists them), then position
        rank = {d.id: i for i, d in enumerate(corpus.documents)} if corpus else {}
        return sorted(anns, key=lambda a: (rank.get(a.target.doc_id, len(rank)), a.target.file, a.selector.start))
    if order == "colour":
        return sorted(anns, key=lambda a: (a.color, a.created))
    # Newest first: what one just wrote is what one looks for.
    return sorted(anns, key=lambda a: a.created, reverse=True)


def note_cells(ann: Annotation, title_of: TitleOf) -> tuple[Text, ...]:
    """Date, quote, note, tags and document of ``ann`` (one line each, cut to fit)."""
    return (
        Text(local_time(ann.created, with_time=False)),
        Text(excerpt_cells(ann.quote, 40)),
        Text(excerpt_cells(first_line(ann.note), 32)),
        Text(excerpt_cells(" ".join(f"#{t}" for t in ann.tags), 24), style="cyan"),
        Text(excerpt_cells(title_of(ann), 24)),
    )


def note_detail(ann: Annotation, title_of: TitleOf) -> Text:
    """The whole note under the list: the table shows only first lines."""
    text = Text()
    text.append(Text("▌ ", style=swatch_style(ann.color)))
    text.append(f"「{clean(ann.quote)}」\n", style="bold")
    if ann.note.strip():
        text.append(clean(ann.note.strip()) + "\n")
    if ann.tags:
        text.append(clean(" ".join(f"#{t}" for t in ann.tags)) + "\n", style="cyan")
    when, changed = local_time(ann.created), local_time(ann.modified)
    edited = f" · edited {changed}" if changed != when else ""
    text.append(f"{clean(title_of(ann))} · {when}{edited} · {ann.status}", style="dim")
    return text


class NotesTable(DataTable[Text]):
    """Notes as rows, matched to notes by position (no per-row keys: faster for thousands)."""

    def __init__(self, *, id: str, with_swatch: bool = True) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=with_swatch)
        self.with_swatch = with_swatch
        self._generation = 0

    def on_mount(self) -> None:
        head = ("", "Date", "Quote", "Note", "Tags", "Document")
        self.add_columns(*(head if self.with_swatch else head[1:]))

    def _row(self, ann: Annotation, title_of: TitleOf) -> tuple[Text, ...]:
        cells = note_cells(ann, title_of)
        return (Text("▌", style=swatch_style(ann.color)), *cells) if self.with_swatch else cells

    def show(self, anns: list[Annotation], title_of: TitleOf, keep_row: int = 0) -> None:
        """Replace the rows; a long list is added a chunk at a time so keys keep working."""
        self.clear()
        self._generation += 1
        self._fill(self._generation, anns, title_of, keep_row, 0)

    def _fill(self, generation: int, anns: list[Annotation], title_of: TitleOf, keep_row: int, start: int) -> None:
        if generation != self._generation or not self.is_attached:
            return  # a newer list replaced this one
        self.add_rows(self._row(a, title_of) for a in anns[start : start + FILL_CHUNK])
        if start + FILL_CHUNK < len(anns):
            # A timer, not call_later: the table measures the new rows while idle, chunk by chunk.
            self.set_timer(0.01, partial(self._fill, generation, anns, title_of, keep_row, start + FILL_CHUNK))
        elif self.row_count:
            self.move_cursor(row=min(keep_row, self.row_count - 1))


class TagsTable(DataTable[str | Text]):
    """Tags with their counts, most used first; ``space`` marks several for merging."""

    def __init__(self, *, id: str) -> None:
        super().__init__(id=id, cursor_type="row")
        self.counts: dict[str, int] = {}
        self.marked: set[str] = set()

    def on_mount(self) -> None:
        self.add_columns("", "Tag", "Notes")

    def show(self, counts: dict[str, int]) -> None:
        self.counts = counts
        self.marked &= set(counts)
        keep = self.cursor_row
        self.clear()
        for tag, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            self.add_row("✓" if tag in self.marked else " ", shown_text(tag), str(n), key=tag)
        if self.row_count:
            self.move_cursor(row=min(keep, self.row_count - 1))

    @property
    def tag(self) -> str | None:
        """The tag under the cursor."""
        if not self.row_count:
            return None
        return str(self.coordinate_to_cell_key(Coordinate(self.cursor_row, 0)).row_key.value)

    def toggle_mark(self, tag: str) -> None:
        self.marked ^= {tag}
        self.show(self.counts)

    def by_use(self) -> list[str]:
        """Tags, most used first (for completion)."""
        return sorted(self.counts, key=lambda t: -self.counts[t])
