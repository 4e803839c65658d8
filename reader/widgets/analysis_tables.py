"""Filling the analysis screen's tables from plain results (one function per view).

Every cell is a rich ``Text`` built from the data (never markup), so nothing in
a document can style or escape the terminal. Each function returns the row
keys in order, so the screen knows what a row stands for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

from rich.text import Text
from textual.widgets import DataTable

from corpus.analysis.cells import pad_start

from ..shown import shown, shown_text
from .analysis_charts import heat

if TYPE_CHECKING:
    from rich.console import JustifyMethod

    from annotations.analysis import Matrix
    from corpus import Corpus
    from corpus.analysis.collocates import CollocateTable
    from corpus.analysis.entities import Entity, EntityTable
    from corpus.analysis.keyness import KeynessTable
    from corpus.analysis.kwic import KwicLine
    from corpus.analysis.ngrams import NGramTable
    from corpus.analysis.trends import Trend

#: The analysis tables' cells: rich ``Text`` built from the data, or an empty string.
Table: TypeAlias = DataTable[str | Text]

#: Concordance lines added per page (more when the cursor reaches the end).
PAGE = 200


def num(value: object) -> Text:
    """A number's cell, right-aligned under its right-aligned heading."""
    return Text(str(value), justify="right")


def reset(table: Table, *columns: tuple[str, JustifyMethod]) -> None:
    """Empty the table and give it these ``(label, justify)`` columns."""
    table.clear(columns=True)
    for label, justify in columns:
        table.add_column(Text(label, justify=justify))


def kwic_page(table: Table, lines: list[KwicLine], width: int, first: int) -> None:
    """Add concordance lines (``corpus.analysis.kwic.KwicLine``) starting at row ``first``."""
    if first == 0:
        reset(table, ("document", "left"), ("", "right"), ("", "left"), ("", "left"))
    for n, ln in enumerate(lines, first):
        where = Text(shown(f"{ln.date or '—'} {ln.title}"), style="dim", no_wrap=True, overflow="ellipsis")
        where.truncate(18, overflow="ellipsis")
        table.add_row(where, shown_text(pad_start(ln.left, width)), shown_text(ln.match, style="bold reverse"),
                      shown_text(ln.right),
                      key=str(n))


def mention_lines(corpus: Corpus, entity: Entity, width: int) -> tuple[list[tuple[str, str, str, str, str]],
                                                                  list[tuple[str, int, int, str]]]:
    """An entity's mentions as concordance lines, and ``(doc id, start, end, name)`` of each."""
    from corpus.analysis.kwic import context

    lines, targets = [], []
    for n, m in enumerate(entity.mentions):
        doc = corpus.get(m.doc_id)
        if doc is None:
            continue
        left, right = context(doc.text, m.start, m.end, width)
        lines.append((shown(f"{doc.date or '—'} {doc.title}")[:18], left, doc.text[m.start : m.end], right, str(n)))
        targets.append((m.doc_id, m.start, m.end, entity.name))
    return lines, targets


def mention_rows(table: Table, lines: list[tuple[str, str, str, str, str]], width: int) -> None:
    """Mentions of an entity as concordance lines: (where, left, match, right, key)."""
    reset(table, ("document", "left"), ("", "right"), ("", "left"), ("", "left"))
    for where, left, match, right, key in lines:
        table.add_row(shown_text(where, style="dim", no_wrap=True), shown_text(pad_start(left, width)),
                      shown_text(match, style="bold reverse"), shown_text(right), key=key)


def collocate_rows(table: Table, result: CollocateTable) -> list[str]:
    reset(table, ("collocate", "left"), ("freq", "right"), ("L", "right"), ("R", "right"), ("corpus", "right"),
          ("G²", "right"), ("MI", "right"))
    keys = []
    for c in result.items:
        table.add_row(shown_text(c.word, style="bold"), num(c.freq), num(c.left), num(c.right), num(c.corpus_freq),
                      num(f"{c.ll:.1f}"), num(f"{c.mi:.2f}"), key=c.word)
        keys.append(c.word)
    return keys


def ngram_rows(table: Table, result: NGramTable) -> list[str]:
    reset(table, ("cluster", "left"), ("n", "right"), ("freq", "right"), ("docs", "right"))
    keys = []
    for g in result.items:
        key = "".join(g.words)
        table.add_row(shown_text(g.text), num(len(g.words)), num(g.freq), num(g.docs), key=key)
        keys.append(key)
    return keys


def trend_rows(table: Table, result: Trend) -> None:
    columns: list[tuple[str, JustifyMethod]] = [(result.by, "left"), ("docs", "right")]
    columns += [(s.term, "right") for s in result.series]
    reset(table, *columns)
    for i, period in enumerate(result.periods):
        cells = [num(f"{s.points[i].count} · {s.points[i].per10k:.1f}") for s in result.series]
        table.add_row(Text(period.period), num(period.docs), *cells, key=period.period)
    if any(s.undated.count for s in result.series):
        table.add_row(Text("undated"), "", *[num(s.undated.count) for s in result.series], key="undated")


def entity_rows(table: Table, result: EntityTable) -> list[str]:
    reset(table, ("name", "left"), ("kind", "left"), ("mentions", "right"), ("docs", "right"),
          ("also written", "left"))
    keys = []
    for e in result.entities:
        key = f"{e.kind}:{e.name}"
        table.add_row(shown_text(e.name, style="bold"), Text(e.kind), num(e.count), num(e.docs),
                      shown_text("、".join(v for v in e.variants if v != e.name), style="dim"), key=key)
        keys.append(key)
    return keys


def keyness_rows(table: Table, result: KeynessTable) -> list[str]:
    reset(table, ("", "left"), ("word", "left"), ("freq", "right"), ("rest", "right"), ("G²", "right"),
          ("log ratio", "right"), ("p <", "right"))
    keys = []
    for sign, items, style in (("+", result.items, "green"), ("-", result.negative, "red")):
        for k in items:
            table.add_row(Text(sign, style=style), shown_text(k.word, style="bold"), num(k.freq), num(k.ref_freq),
                          num(f"{k.ll:.1f}"), num(f"{k.log_ratio:+.2f}"), num("" if k.p is None else f"{k.p:g}"),
                          key=f"{sign}{k.word}")
            keys.append(k.word)
    return keys


def matrix_rows(table: Table, matrix: Matrix) -> None:
    """A tag matrix as a heat table; child tags indented under their parents."""
    reset(table, ("tag", "left"), *[(matrix.label(c)[:14], "right") for c in matrix.cols])
    top = matrix.maximum()
    for r in matrix.rows:
        depth = r.count("/")
        label = shown_text("  " * depth + r.rsplit("/", 1)[-1], style="bold" if depth == 0 else "")
        table.add_row(label, *[heat(matrix.get(r, c), top) for c in matrix.cols], key=r)
