"""``X``: ask the corpus questions — concordance, collocates, trends, entities, keyness, tags.

The screen mediates: it reads the term and filter lines into an
:class:`~reader.analysis_work.AnalysisRequest`, runs the current tab's
:func:`~reader.analysis_work.compute` in a thread worker (results as you type,
progress below, ``Esc`` cancels), and fills that tab's widgets. ``Enter`` on a
concordance line (or an entity's mention) closes the screen with an
:class:`AnalysisChoice` and the main screen opens the document there; ``a``
does the same and opens the note dialog on the hit. ``Enter`` on a collocate,
cluster, key word or entity shows its concordance; ``l`` on an entity narrows
the library to the documents naming it; ``x`` exports the tab's table as CSV.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, TypeVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import DataTable, Input, Label, ProgressBar, TabbedContent, TabPane
from textual.worker import Worker, WorkerState, get_current_worker

from corpus import Corpus
from corpus.analysis.common import Cancelled

from .. import analysis_work as aw
from ..widgets import analysis_tables as tables
from ..widgets.analysis_charts import DispersionStrip, TrendChart
from ..widgets.key_bar import KeyBar
from ..widgets.title_bar import TitleBar
from .analysis_bindings import BINDINGS as ANALYSIS_BINDINGS
from .analysis_views import AnalysisViews

if TYPE_CHECKING:
    from corpus.analysis.entities import Entity

    from ..widgets.corpus_search import IndexState

TABS = (("kwic", "1 Concordance"), ("collocates", "2 Collocates"), ("trends", "3 Trends"), ("entities", "4 Entities"),
        ("keyness", "5 Keyness"), ("tags", "6 Tags"))

#: One view's result, shown by the method made for its type.
R = TypeVar("R", bound="aw.Result")


@dataclass(frozen=True)
class AnalysisChoice:
    """Where to go: ``doc.text[start:end]`` (annotate it when ``annotate``), or a library filter."""

    doc_id: str = ""
    start: int = 0
    end: int = 0
    term: str = ""
    annotate: bool = False
    library: tuple[str, frozenset[str]] | None = None  # (label, document ids)


class AnalysisScreen(Screen[AnalysisChoice | None]):
    DEFAULT_CSS = """
    #analysis-query { height: 3; }
    #analysis-term { width: 2fr; }
    #analysis-filter { width: 3fr; }
    #analysis-tabs { height: 1fr; }
    #analysis-tabs TabPane { padding: 0; }
    #analysis-tabs DataTable { height: 1fr; }
    #table-ngrams { height: 40%; border-top: solid $primary-darken-2; }
    #analysis-status { height: 1; }
    #analysis-message { width: 1fr; }
    #analysis-progress { width: 32; }
    """

    BINDINGS = ANALYSIS_BINDINGS

    def __init__(self, corpus: Corpus, notes: aw.Notes, term: str = "", tab: str = "kwic") -> None:
        super().__init__()
        self.corpus = corpus
        self.notes = notes
        self.initial = term
        self.initial_tab = tab
        self.request = aw.AnalysisRequest(terms=aw.split_terms(term))
        # None: the concordance tab shows an entity's mentions instead (``AnalysisViews.mentions``).
        self.results: dict[str, aw.Result | None] = {}
        self.keys: dict[str, list[str]] = {}
        self.mentions: list[tuple[str, int, int, str]] = []  # shown instead of the concordance
        self._timer: Timer | None = None
        self.views = AnalysisViews(self)  # fills each tab's widgets from its result
        self.index: IndexState | None = None  # from on_mount

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal(id="analysis-query"):
            yield Input(self.initial, placeholder="term(s): 跨境电商, 海外仓   (/ to come back here)",
                        id="analysis-term", select_on_focus=False)
            yield Input(placeholder="filter: section:… since:2025-09 until:… doc:… tag:…", id="analysis-filter")
        with TabbedContent(id="analysis-tabs", initial=f"tab-{self.initial_tab}"):
            for view, title in TABS:
                with TabPane(title, id=f"tab-{view}"), Vertical():
                    if view == "kwic":
                        yield DispersionStrip(id="analysis-dispersion")
                    if view == "trends":
                        yield TrendChart(id="analysis-trend-chart")
                    yield DataTable(id=f"table-{view}", cursor_type="row", zebra_stripes=True)
                    if view == "collocates":
                        yield DataTable(id="table-ngrams", cursor_type="row", zebra_stripes=True)
        with Horizontal(id="analysis-status"):
            yield Label("", id="analysis-message")
            yield ProgressBar(id="analysis-progress", show_eta=False)
        yield KeyBar()

    # -- plumbing ------------------------------------------------------------

    def on_mount(self) -> None:
        from ..widgets.corpus_search import index_state

        # The app's one search index for this corpus (built or updated in the background):
        # occurrences come from it, so counts agree with ctrl+f and `reader search`.
        self.index = index_state(self.app, self.corpus)
        self.title = "reader · analysis"
        self.sub_title = f"{len(self.corpus)} documents"
        self.query_one(ProgressBar).display = False
        self.query_one("#analysis-term", Input).focus()
        self.refresh_view()

    @property
    def view(self) -> str:
        active = self.query_one(TabbedContent).active or "tab-kwic"
        return active.removeprefix("tab-")

    def table(self, view: str | None = None) -> tables.Table:
        return self.query_one(f"#table-{view or self.view}", DataTable)

    def say(self, message: str, style: str = "") -> None:
        self.query_one("#analysis-message", Label).update(Text(message, style=style))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:  # reported, never swallowed
            error = event.worker.error
            self.query_one(ProgressBar).display = False
            self.say(f"{type(error).__name__}: {error}", "red")
            self.notify(f"{type(error).__name__}: {error}", title="analysis failed", severity="error")

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(0.35, self.read_inputs)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self.read_inputs()
        self.table().focus()

    @on(TabbedContent.TabActivated)
    def _tab(self, event: TabbedContent.TabActivated) -> None:
        self.refresh_bindings()  # a, l and s show where they work
        if self.view not in self.results:
            self.refresh_view()

    def read_inputs(self) -> None:
        terms = aw.split_terms(self.query_one("#analysis-term", Input).value)
        try:
            scope, tag = aw.parse_filter(self.query_one("#analysis-filter", Input).value)
        except aw.ScopeError as exc:
            self.say(str(exc), "red")
            return
        request = self.request.but(terms=terms, scope=scope, tag=tag)
        if request != self.request:
            self.request = request
            self.results.clear()
            self.mentions = []
            self.refresh_view()

    def refresh_view(self) -> None:
        view = self.view
        if view in ("kwic", "collocates", "trends") and not self.request.terms:
            self.say("type a term above (several, comma-separated, for trends)", "dim")
            return
        self.say(f"{self.request.describe(view)} …")
        bar = self.query_one(ProgressBar)
        bar.display = True
        bar.update(total=None, progress=0)
        self.run_view(view, self.request)

    @work(thread=True, exclusive=True, group="analysis", exit_on_error=False, description="analysis")
    def run_view(self, view: str, request: aw.AnalysisRequest) -> None:
        worker = get_current_worker()
        last = [0.0]

        def progress(done: int, total: int) -> None:
            now = dt.datetime.now().timestamp()
            if now - last[0] > 0.1 or done == total:
                last[0] = now
                self.app.call_from_thread(self.query_one(ProgressBar).update, total=max(total, 1), progress=done)

        index = self.index
        if index is not None:
            index.opened.wait(10)
            if index.index is not None:
                from corpus.analysis.occurrences import use_index

                use_index(self.corpus, index.index)
        try:
            show = self._computed(view, request, lambda: worker.is_cancelled, progress)
        except Cancelled:
            return
        except (ValueError, KeyError) as exc:  # a request that cannot mean anything: say why
            self.app.call_from_thread(self._failed, request, str(exc))
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(show)

    def _computed(self, view: str, request: aw.AnalysisRequest, cancel: aw.Cancel,
                  progress: aw.Report) -> Callable[[], None]:
        """Compute ``view`` (in the worker); what shows the result (on the UI thread), by the
        method made for its type."""
        args = (self.corpus, request, self.notes, cancel, progress)
        match view:
            case "kwic":
                return partial(self._show, view, request, aw.compute("kwic", *args), self.views.kwic)
            case "collocates":
                return partial(self._show, view, request, aw.compute("collocates", *args), self.views.collocates)
            case "trends":
                return partial(self._show, view, request, aw.compute("trends", *args), self.views.trends)
            case "entities":
                return partial(self._show, view, request, aw.compute("entities", *args), self.views.entities)
            case "keyness":
                return partial(self._show, view, request, aw.compute("keyness", *args), self.views.keyness)
            case "tags":
                return partial(self._show, view, request, aw.compute("tags", *args), self.views.tags)
        raise ValueError(f"unknown view {view!r}")

    def _failed(self, request: aw.AnalysisRequest, message: str) -> None:
        if request == self.request:
            self.query_one(ProgressBar).display = False
            self.say(message, "red")

    # -- showing results -------------------------------------------------------

    def _show(self, view: str, request: aw.AnalysisRequest, result: R, show: Callable[[R], None]) -> None:
        if request != self.request:
            return  # a newer request is on its way
        self.query_one(ProgressBar).display = False
        self.results[view] = result
        show(result)

    def _kwic(self) -> aw.KwicResult | None:
        """The concordance shown (None before it is computed or while mentions are shown)."""
        result = self.results.get("kwic")
        return result if isinstance(result, aw.KwicResult) else None

    @on(DataTable.RowHighlighted, "#table-kwic")
    def _near_end(self, event: DataTable.RowHighlighted) -> None:
        result = self._kwic()
        shown = self.views.shown_lines
        if result and not self.mentions and event.cursor_row >= shown - 5 and shown < result.conc.total:
            self.views.more_lines()

    # -- choosing ----------------------------------------------------------------

    def _kwic_target(self) -> tuple[str, int, int] | None:
        row = self.table("kwic").cursor_row
        if self.mentions:
            if 0 <= row < len(self.mentions):
                doc_id, start, end, _ = self.mentions[row]
                return doc_id, start, end
            return None
        result = self._kwic()
        if result is None or not 0 <= row < len(result.conc.hits):
            return None
        hit = result.conc.hits[row]
        return hit.doc_id, hit.start, hit.end

    @on(DataTable.RowSelected)
    def _chosen(self, event: DataTable.RowSelected) -> None:
        table_id = event.data_table.id or ""
        view = table_id.removeprefix("table-")
        if view == "kwic":
            target = self._kwic_target()
            if target is not None:
                self.dismiss(AnalysisChoice(*target, term=self.request.term))
            return
        keys = self.keys.get(view, [])
        if not 0 <= event.cursor_row < len(keys):
            return
        key = keys[event.cursor_row]
        if view == "entities":
            if (entity := self._entity()) is not None:
                self.views.mentions(entity)
        elif view in ("collocates", "ngrams", "keyness"):
            self.query_one("#analysis-term", Input).value = key
            self.query_one(TabbedContent).active = "tab-kwic"
            self.read_inputs()

    def _entity(self) -> Entity | None:
        keys = self.keys.get("entities", [])
        row = self.table("entities").cursor_row
        result = self.results.get("entities")
        if result is None or not 0 <= row < len(keys):
            return None
        from corpus.analysis.entities import EntityTable  # loaded already: it made ``result``

        if not isinstance(result, EntityTable):
            return None
        kind, _, name = keys[row].partition(":")
        return next((e for e in result.entities if e.name == name and e.kind == kind), None)

    # -- actions -------------------------------------------------------------------

    def action_focus_term(self) -> None:
        self.query_one("#analysis-term", Input).focus()

    def action_focus_filter(self) -> None:
        self.query_one("#analysis-filter", Input).focus()

    def action_tab(self, view: str) -> None:
        self.query_one(TabbedContent).active = f"tab-{view}"
        self.table(view).focus()

    def action_option(self) -> None:
        view, r = self.view, self.request
        changes = {"kwic": lambda: r.but(sort=aw.cycle(aw.SORTS, r.sort)),
                   "collocates": lambda: r.but(measure=aw.cycle(aw.MEASURES, r.measure)),
                   "trends": lambda: r.but(period=aw.cycle(aw.PERIODS, r.period)),
                   "entities": lambda: r.but(kind=aw.cycle(aw.KINDS, r.kind)),
                   "keyness": lambda: r,
                   "tags": lambda: r.but(matrix=aw.cycle(aw.MATRICES, r.matrix))}
        self.request = changes[view]()
        self.results.pop(view, None)
        self.refresh_view()

    def action_annotate(self) -> None:
        if self.view != "kwic":
            self.notify("Annotate a line of the concordance (1)", timeout=3)
            return
        target = self._kwic_target()
        if target is not None:
            self.dismiss(AnalysisChoice(*target, term=self.request.term, annotate=True))

    def action_filter_library(self) -> None:
        entity = self._entity() if self.view == "entities" else None
        if entity is None:
            self.notify("Choose an entity (4) first", timeout=3)
            return
        self.dismiss(AnalysisChoice(library=(entity.name, frozenset(entity.doc_ids()))))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("option", "annotate", "export", "export_image", "filter_library", "tab") \
                and isinstance(self.focused, Input):
            return False  # these letters and digits are typing in the term and filter boxes
        if not self.query("#analysis-tabs"):
            return True
        view = self.view
        if action == "annotate":
            return view == "kwic"
        if action == "filter_library":
            return view == "entities"
        if action == "option":
            return view != "keyness"  # the one view without options
        return True

    def action_cancel_or_close(self) -> None:
        running = [w for w in self.workers if w.group == "analysis" and w.is_running]
        if running:
            self.workers.cancel_group(self, "analysis")
            self.query_one(ProgressBar).display = False
            self.say("cancelled", "yellow")
            return
        self.dismiss(None)

    def action_export(self) -> None:
        view = self.view
        result = self.results.get(view)
        if result is None:
            self.notify("Nothing to export yet", timeout=3)
            return
        from .analysis_export import ask_and_export

        ask_and_export(self.app, view, result)

    def action_export_image(self) -> None:
        from .analysis_export import ask_and_save_image

        ask_and_save_image(self.app, self.view)
