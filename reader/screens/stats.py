"""``S``: the corpus and the document as pictures.

- Sections: how many documents each holds (a bar per section).
- Top keywords per section, weight as bar length.
- This document: where each of its top keywords occurs along the text — one
  row per word, columns are stretches of the text, shade = how often.

Everything is drawn with block characters from numbers computed in a worker.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.geometry import Size
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from corpus import Corpus, Document

from ..services.highlights import keywords_for
from ..shown import shown, shown_text
from ..widgets.key_bar import KeyBar
from ..widgets.keywords_panel import weight_bar
from ..widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from corpus.text.keywords import Keyword, KeywordIndex

    from ..config import Config

SHADES = " ░▒▓█"
SECTION_KEYWORDS = 5


def pad_cells(text: str, width: int) -> str:
    return text + " " * max(width - cell_len(text), 0)


def dispersion_rows(length: int, occurrences: dict[str, list[int]], width: int) -> list[tuple[str, str, int]]:
    """``[(word, strip, count)]``: each strip has ``width`` columns over ``length`` characters."""
    rows = []
    for word, starts in occurrences.items():
        bins = [0] * width
        for start in starts:
            bins[min(int(start * width / max(length, 1)), width - 1)] += 1
        peak = max(bins) or 1
        strip = "".join(SHADES[0] if n == 0 else SHADES[max(1, round(n / peak * (len(SHADES) - 1)))] for n in bins)
        rows.append((word, strip, len(starts)))
    return rows


class Dispersion(Widget):
    """Where each keyword occurs along the document (fits its width)."""

    DEFAULT_CSS = "Dispersion { height: auto; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.length = 0
        self.occurrences: dict[str, list[int]] = {}
        self.headings: list[int] = []
        self.message = "computing…"

    def show(self, length: int, occurrences: dict[str, list[int]], headings: list[int]) -> None:
        self.length, self.occurrences, self.headings = length, occurrences, headings
        self.message = "" if occurrences else "no keywords"
        self.refresh(layout=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return max(len(self.occurrences) + 2, 1)

    def render(self) -> Text:
        if not self.occurrences:
            return Text(self.message, style="dim italic")
        label = max(cell_len(w) for w in self.occurrences) + 1
        width = max(self.size.width - label - 7, 10)
        out = Text()
        for word, strip, count in dispersion_rows(self.length, self.occurrences, width):
            out.append(pad_cells(word, label), style="bold")
            out.append(strip, style="green")
            out.append(f" {count:>4}\n", style="dim")
        axis = [" "] * width
        for start in self.headings:
            axis[min(int(start * width / max(self.length, 1)), width - 1)] = "┴"
        out.append(" " * label + "".join(axis) + "\n", style="dim")
        end = "100%"
        out.append(" " * label + "0%" + " " * max(width - 2 - len(end), 1) + end, style="dim")
        return out


class StatsScreen(Screen[None]):
    DEFAULT_CSS = """
    #stats-body { padding: 0 2; }
    .stats-block { margin-bottom: 1; }
    .stats-title { margin-top: 1; }
    """
    BINDINGS = [
        Binding("escape,q,S", "app.pop_screen", "Back", id="stats.close", tooltip="Back to reading"),
        Binding("j", "scroll_down", "Down", show=False, id="stats.down", tooltip="Scroll down"),
        Binding("k", "scroll_up", "Up", show=False, id="stats.up", tooltip="Scroll up"),
    ]

    def __init__(self, corpus: Corpus, document: Document | None, index: KeywordIndex | None, config: Config) -> None:
        super().__init__()
        self.corpus = corpus
        self.document = document
        self.index = index
        self.config = config

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="stats-body"):
            yield Static(id="stats-sections", classes="stats-block")
            yield Static(id="stats-keywords", classes="stats-block")
            yield Static(id="stats-doc-title", classes="stats-title")
            yield Dispersion(id="stats-dispersion")
        yield KeyBar()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:  # reported, never swallowed
            error = event.worker.error
            self.notify(f"{type(error).__name__}: {error}", title=f"{event.worker.name} failed", severity="error")

    def on_mount(self) -> None:
        self.title = "reader · stats"
        self.sub_title = f"{len(self.corpus)} documents"
        self.query_one("#stats-sections", Static).update(self.sections_chart())
        title = self.document.title if self.document else "no document open"
        head = Text.assemble(("Where the keywords occur · ", "bold"), shown(title))
        self.query_one("#stats-doc-title", Static).update(head)
        self.set_index(self.index)

    def sections_chart(self) -> Table:
        sections = self.corpus.sections()
        peak = max((len(d) for _, d in sections), default=1)
        table = Table(title=Text("Documents per section", style="bold"), title_justify="left", box=None,
                      show_header=False, padding=(0, 1))
        table.add_column("section", no_wrap=True, max_width=30)
        table.add_column("bar", no_wrap=True)
        table.add_column("n", justify="right")
        for section, docs in sections:
            # Names and words come from the corpus: Text, never markup (a str cell is parsed as markup).
            table.add_row(shown_text(section), Text(weight_bar(len(docs) / peak, 30), style="cyan"), str(len(docs)))
        if self.corpus.errors:
            table.add_row(Text("errors", style="red"), "", Text(str(len(self.corpus.errors)), style="red"))
        return table

    def set_index(self, index: KeywordIndex | None) -> None:
        self.index = index
        if index is None:
            self.query_one("#stats-keywords", Static).update(Text("keywords are being computed…", style="dim italic"))
            return
        self.compute()

    @work(thread=True, exclusive=True, group="stats", exit_on_error=False, description="stats")
    def compute(self) -> None:
        index, corpus, doc = self.index, self.corpus, self.document
        if index is None:
            return  # set_index starts this again once the index is there
        per_section = [
            (section, list(index.top_section(section, SECTION_KEYWORDS))) for section, _ in corpus.sections()
        ]
        occurrences: dict[str, list[int]] = {}
        headings: list[int] = []
        if doc is not None:
            result = keywords_for(index, doc, self.config.keyword_count or 10, self.config.keyword_method)
            occurrences = {k.word: [] for k in result.keywords}
            for span in result.spans:
                occurrences.setdefault(str(span.data), []).append(span.start)
            headings = [b.start for b, _ in doc.iter_blocks("heading")]
        self.app.call_from_thread(self._show, per_section, occurrences, headings)

    def _show(
        self, per_section: list[tuple[str, list[Keyword]]], occurrences: dict[str, list[int]], headings: list[int]
    ) -> None:
        table = Table(title=Text("Top keywords per section", style="bold"), title_justify="left", box=None,
                      show_header=False, padding=(0, 1))
        table.add_column("section", no_wrap=True, max_width=30)
        table.add_column("keyword", no_wrap=True)
        table.add_column("weight", no_wrap=True)
        for section, keywords in per_section:
            for i, kw in enumerate(keywords):
                table.add_row(shown_text(section if i == 0 else ""), shown_text(kw.word),
                              Text(weight_bar(kw.weight, 20), style="green"))
            if not keywords:
                table.add_row(shown_text(section), Text("—", style="dim"), "")
        self.query_one("#stats-keywords", Static).update(table)
        length = len(self.document.text) if self.document else 0
        self.query_one(Dispersion).show(length, occurrences, headings)

    def action_scroll_down(self) -> None:
        self.query_one("#stats-body").scroll_down()

    def action_scroll_up(self) -> None:
        self.query_one("#stats-body").scroll_up()
