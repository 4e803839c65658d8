"""The analysis screen's tabs filled from their results: one method per view, typed by
what its view computes (:func:`reader.analysis_work.compute`), and an entity's mentions
shown in the concordance tab."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import TabbedContent

from .. import analysis_work as aw
from ..widgets import analysis_tables as tables
from ..widgets.analysis_charts import DispersionStrip, TrendChart

if TYPE_CHECKING:
    from annotations.analysis import Matrix
    from corpus.analysis.entities import Entity, EntityTable
    from corpus.analysis.keyness import KeynessTable
    from corpus.analysis.trends import Trend

    from .analysis import AnalysisScreen


class AnalysisViews:
    """Shows each view's result in its tab (the concordance a page of lines at a time)."""

    def __init__(self, screen: AnalysisScreen) -> None:
        self.screen = screen
        #: Concordance lines in the table so far (more load as the cursor nears the end).
        self.shown_lines = 0

    def kwic(self, result: aw.KwicResult) -> None:
        screen = self.screen
        screen.mentions = []
        width = max(screen.query_one("#analysis-dispersion").size.width, 40)
        screen.query_one(DispersionStrip).show(aw.dispersion(screen.corpus, result.hits, width).rows)
        self.shown_lines = 0
        self.more_lines()
        screen.say(aw.kwic_summary(result))

    def more_lines(self) -> None:
        result = self.screen.results.get("kwic")
        if not isinstance(result, aw.KwicResult):
            return
        lines = result.conc.lines(self.shown_lines, tables.PAGE)
        tables.kwic_page(self.screen.table("kwic"), lines, aw.WIDTH, self.shown_lines)
        self.shown_lines += len(lines)

    def mentions(self, entity: Entity) -> None:
        """An entity's mentions as the concordance tab's lines (``Enter`` opens one)."""
        screen = self.screen
        lines, screen.mentions = tables.mention_lines(screen.corpus, entity, aw.WIDTH)
        screen.query_one(TabbedContent).active = "tab-kwic"
        screen.results.setdefault("kwic", None)
        tables.mention_rows(screen.table("kwic"), lines, aw.WIDTH)
        screen.query_one(DispersionStrip).show([])
        screen.say(f"{entity.name} ({entity.kind}): {entity.count} mentions in {entity.docs} documents · "
                   "Enter opens · a annotates")
        screen.table("kwic").focus()

    def collocates(self, result: aw.CollocatesResult) -> None:
        screen = self.screen
        table, grams = result
        screen.keys["collocates"] = tables.collocate_rows(screen.table("collocates"), table)
        screen.keys["ngrams"] = tables.ngram_rows(screen.table("ngrams"), grams)
        screen.say(aw.collocates_summary(result))

    def trends(self, result: Trend) -> None:
        screen = self.screen
        tables.trend_rows(screen.table("trends"), result)
        screen.query_one(TrendChart).show([p.period for p in result.periods],
                                          [(s.term, [p.per10k for p in s.points], s.total) for s in result.series])
        screen.say(aw.trends_summary(result))

    def entities(self, result: EntityTable) -> None:
        screen = self.screen
        screen.keys["entities"] = tables.entity_rows(screen.table("entities"), result)
        screen.say(aw.entities_summary(result, screen.request))

    def keyness(self, result: KeynessTable) -> None:
        screen = self.screen
        screen.keys["keyness"] = tables.keyness_rows(screen.table("keyness"), result)
        screen.say(aw.keyness_summary(result))

    def tags(self, result: Matrix) -> None:
        screen = self.screen
        tables.matrix_rows(screen.table("tags"), result)
        screen.say(aw.tags_summary(result, screen.request))
