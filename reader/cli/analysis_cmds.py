"""Corpus analysis commands: ``kwic``, ``collocates``, ``ngrams``, ``trend``, ``entities``, ``keyness``.

Scriptable twins of the analysis screen. Each takes the corpus (``-c``), the
same document filters (``--section``, ``--since``, ``--until``, ``--doc``),
``--json``, and ``--csv FILE`` (``-`` for stdout) to export its table. The work
is ``corpus.analysis``; this module only parses options and draws results.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.markup import escape
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from rich.console import JustifyMethod

from ..charts import dispersion_text, trend_text
from .analysis_common import (
    chart_width,
    clear_errors,
    csv_options,
    export_csv,
    load,
    make_scope,
    scope_options,
)
from .common import (
    console,
    corpus_option,
    db_option,
    emit_json,
    fail,
    json_option,
    open_store,
    progress_bar,
)

# --------------------------------------------------------------------------- kwic


@click.command("kwic")
@click.argument("term")
@click.option("--sort", "sort", type=click.Choice(["doc", "date", "1L", "2L", "3L", "1R", "2R", "3R"]),
              default="doc", show_default=True, help="Reading order, date, or the 1st–3rd word left/right.")
@click.option("--width", type=click.IntRange(1, 200), default=30, show_default=True,
              help="Context on each side, in terminal cells (a Chinese character is 2).")
@click.option("--limit", type=click.IntRange(1), default=None, help="Show at most this many lines.")
@scope_options
@corpus_option
@json_option
@csv_options
def kwic_cmd(term: str, sort: str, width: int, limit: int | None, section: str | None, since: str | None,
             until: str | None, doc_id: str | None, corpus_path: Path | None, as_json: bool, csv_path: str | None,
             force: bool) -> None:
    """Concordance: every occurrence of TERM in its context, aligned (繁/简, width, case folded).

    `text[start:end]` of the document is the match; counts agree with `reader search`.
    """
    from corpus.analysis.kwic import Concordance

    scope = make_scope(section, since, until, doc_id)
    corpus = load(corpus_path)
    with clear_errors(), progress_bar("searching") as report:
        conc = Concordance(corpus, term, scope=scope, sort=sort, width=width, progress=report)
    if export_csv(csv_path, force, conc.columns(), conc.rows(limit)):
        return
    if as_json:
        emit_json(conc.to_dict(limit))
        return
    if not conc.total:
        console.print(f"no occurrences of [bold]{escape(term)}[/] in {conc.documents} documents")
        return
    shown = conc.lines(0, limit)
    console.print(f"[bold]{conc.total}[/] occurrences of [bold]{escape(conc.term)}[/] in "
                  f"[bold]{conc.doc_count}[/] documents · sorted by {sort}"
                  + (f" · first {len(shown)}" if len(shown) < conc.total else ""))
    from corpus.analysis.cells import pad_end, pad_start
    from reader.analysis_work import dispersion

    cells = chart_width()
    console.print(dispersion_text(dispersion(corpus, {conc.term: conc.found}, cells).rows, cells))
    for ln in shown:
        console.print(Text.assemble((pad_end(ln.doc_id, 11), "yellow"), (pad_start(ln.left, width), ""), " ",
                                    (ln.match, "bold reverse"), " ", (ln.right, "")),
                      soft_wrap=True, no_wrap=True, overflow="ignore")


# --------------------------------------------------------------------------- collocates and clusters


@click.command("collocates")
@click.argument("term")
@click.option("--window", type=click.IntRange(1, 50), default=5, show_default=True, help="Words on each side.")
@click.option("--min", "min_freq", type=click.IntRange(1), default=2, show_default=True,
              help="Minimum co-occurrence frequency.")
@click.option("--measure", type=click.Choice(["ll", "mi", "freq"]), default="ll", show_default=True,
              help="Order by log-likelihood, mutual information or frequency.")
@click.option("--top", type=click.IntRange(1), default=50, show_default=True, help="How many collocates.")
@scope_options
@corpus_option
@json_option
@csv_options
def collocates_cmd(term: str, window: int, min_freq: int, measure: str, top: int, section: str | None,
                   since: str | None, until: str | None, doc_id: str | None, corpus_path: Path | None,
                   as_json: bool, csv_path: str | None, force: bool) -> None:
    """Words that keep TERM company: their frequency in the window, G² and MI.

    G² is Dunning's log-likelihood, MI pointwise mutual information.

    Words of two or more characters count (function words, punctuation and stop
    words are passed over); `corpus_freq` is the word's frequency in the scope.
    """
    from corpus.analysis.collocates import collocates

    scope = make_scope(section, since, until, doc_id)
    corpus = load(corpus_path)
    with clear_errors(), progress_bar("counting") as report:
        table = collocates(corpus, term, scope=scope, window=window, min_freq=min_freq, measure=measure,
                           progress=report)
    table.items = table.items[:top]
    if export_csv(csv_path, force, table.columns(), table.rows()):
        return
    if as_json:
        emit_json(table.to_dict())
        return
    console.print(f"collocates of [bold]{escape(table.term)}[/] · {table.hits} occurrences · window ±{window} · "
                  f"{table.window_words} words in windows of {table.corpus_words}")
    if not table.items:
        console.print(f"[dim]no word occurs {min_freq}+ times near it (try --min 1 or a wider --window)[/]")
        return
    out = Table()
    columns: list[tuple[str, JustifyMethod]] = [("word", "left"), ("freq", "right"), ("L", "right"), ("R", "right"),
                                                ("corpus", "right"), ("G²", "right"), ("MI", "right")]
    for name, justify in columns:
        out.add_column(name, justify=justify)
    for c in table.items:
        out.add_row(escape(c.word), str(c.freq), str(c.left), str(c.right), str(c.corpus_freq), f"{c.ll:.2f}",
                    f"{c.mi:.2f}")
    console.print(out)


@click.command("ngrams")
@click.argument("term")
@click.option("--n", "sizes", default="2-5", show_default=True, help="Cluster length in words: N or N-M (2–5).")
@click.option("--min", "min_freq", type=click.IntRange(1), default=2, show_default=True, help="Minimum frequency.")
@click.option("--top", type=click.IntRange(1), default=50, show_default=True, help="How many clusters.")
@scope_options
@corpus_option
@json_option
@csv_options
def ngrams_cmd(term: str, sizes: str, min_freq: int, top: int, section: str | None, since: str | None,
               until: str | None, doc_id: str | None, corpus_path: Path | None, as_json: bool,
               csv_path: str | None, force: bool) -> None:
    """Clusters: runs of 2–5 words containing TERM, most frequent first (n-grams)."""
    from corpus.analysis.ngrams import ngrams, parse_sizes

    with clear_errors():
        size_range = parse_sizes(sizes)
    scope = make_scope(section, since, until, doc_id)
    corpus = load(corpus_path)
    with clear_errors(), progress_bar("counting") as report:
        table = ngrams(corpus, term, scope=scope, sizes=size_range, min_freq=min_freq, progress=report)
    table.items = table.items[:top]
    if export_csv(csv_path, force, table.columns(), table.rows()):
        return
    if as_json:
        emit_json(table.to_dict())
        return
    console.print(f"clusters of {sizes} words with [bold]{escape(table.term)}[/] · {table.hits} occurrences")
    if not table.items:
        console.print(f"[dim]no cluster occurs {min_freq}+ times (try --min 1)[/]")
        return
    out = Table()
    out.add_column("cluster")
    out.add_column("n", justify="right")
    out.add_column("freq", justify="right")
    out.add_column("docs", justify="right")
    for g in table.items:
        out.add_row(escape(g.text), str(len(g.words)), str(g.freq), str(g.docs))
    console.print(out)


# --------------------------------------------------------------------------- trends


@click.command("trend")
@click.argument("terms", nargs=-1, required=True)
@click.option("--by", type=click.Choice(["day", "week", "month", "year"]), default="month", show_default=True,
              help="Period.")
@scope_options
@corpus_option
@json_option
@csv_options
def trend_cmd(terms: tuple[str, ...], by: str, section: str | None, since: str | None, until: str | None,
              doc_id: str | None, corpus_path: Path | None, as_json: bool, csv_path: str | None, force: bool) -> None:
    """How often each TERM occurs per period: count, documents, and per 10,000 characters.

    Every period between the first and the last dated document is listed; undated
    documents are counted apart.
    """
    from corpus.analysis.trends import trend

    scope = make_scope(section, since, until, doc_id)
    corpus = load(corpus_path)
    with clear_errors(), progress_bar("searching") as report:
        result = trend(corpus, list(terms), by=by, scope=scope, progress=report)
    if export_csv(csv_path, force, result.columns(), result.rows()):
        return
    if as_json:
        emit_json(result.to_dict())
        return
    out = Table(title=f"per {by} · count (per 10,000 characters) / documents")
    out.add_column(by)
    out.add_column("docs", justify="right", style="dim")
    for s in result.series:
        out.add_column(escape(s.term), justify="right")
    for i, period in enumerate(result.periods):
        cells = [f"{s.points[i].count} ({s.points[i].per10k:.1f}) / {s.points[i].docs}" for s in result.series]
        out.add_row(period.period, str(period.docs), *cells)
    if any(s.undated.count for s in result.series):
        out.add_row("undated", "", *[f"{s.undated.count} / {s.undated.docs}" for s in result.series])
    console.print(out)
    console.print(trend_text([p.period for p in result.periods],
                             [(s.term, [p.per10k for p in s.points], s.total) for s in result.series], chart_width()))


# --------------------------------------------------------------------------- entities


@click.command("entities")
@click.option("--kind", type=click.Choice(["person", "place", "org"]), default=None,
              help="Only people, places or organisations.")
@click.option("--top", type=click.IntRange(1), default=30, show_default=True, help="How many entities.")
@click.option("--show", "show", default=None, metavar="NAME", help="List the mentions of one entity, in context.")
@click.option("--mentions", is_flag=True, help="Include every mention (id, start, end) in the JSON.")
@scope_options
@corpus_option
@json_option
@csv_options
def entities_cmd(kind: str | None, top: int, show: str | None, mentions: bool, section: str | None,
                 since: str | None, until: str | None, doc_id: str | None, corpus_path: Path | None,
                 as_json: bool, csv_path: str | None, force: bool) -> None:
    """People, places and organisations named in the corpus (jieba's nr/ns/nt tags and your dictionary).

    Variants are merged: 繁/简, 杭州市 → 杭州, aliases such as 国家发改委 → 国家发展改革委.
    Add a name jieba misses to words.txt with its tag (`王明远 nr`).
    """
    from corpus.analysis.cells import pad_start
    from corpus.analysis.entities import entities
    from corpus.analysis.kwic import context

    scope = make_scope(section, since, until, doc_id)
    corpus = load(corpus_path)
    with clear_errors(), progress_bar("tagging") as report:
        table = entities(corpus, scope=scope, kind=kind, progress=report)
    if show is not None:
        found = table.find(show)
        if found is None:
            fail(f"no entity named {show!r} in {scope.describe()}")
        if as_json:
            emit_json(found.to_dict(mentions=True))
            return
        console.print(f"[bold]{escape(found.name)}[/] ({found.kind}) · {found.count} mentions in {found.docs} "
                      f"documents · {escape('、'.join(found.variants))}")
        for m in found.mentions:
            d = corpus.get(m.doc_id)
            if d is None:
                continue
            left, right = context(d.text, m.start, m.end, 24)
            console.print(Text.assemble((f"{m.doc_id:<11}", "yellow"), (pad_start(left, 24), ""), " ",
                                        (d.text[m.start:m.end], "bold reverse"), " ", (right, "")),
                          soft_wrap=True, no_wrap=True, overflow="ignore")
        return
    table.entities = table.entities[:top]
    if export_csv(csv_path, force, table.columns(), table.rows()):
        return
    if as_json:
        emit_json(table.to_dict(mentions=mentions))
        return
    out = Table(title=f"entities · {scope.describe()}")
    out.add_column("name", style="bold")
    out.add_column("kind")
    out.add_column("count", justify="right")
    out.add_column("docs", justify="right")
    out.add_column("also written", style="dim")
    for e in table.entities:
        out.add_row(escape(e.name), e.kind, str(e.count), str(e.docs), escape("、".join(v for v in e.variants
                                                                                     if v != e.name)))
    console.print(out)


# --------------------------------------------------------------------------- keyness


@click.command("keyness")
@click.option("--section", default=None, help="The words that set this section apart.")
@click.option("--since", default=None, help="… or this date range (with --until).")
@click.option("--until", default=None, help="End of the date range (inclusive).")
@click.option("--doc", "doc_id", default=None, help="… or this document.")
@click.option("--tag", default=None, help="… or the passages of your notes with this tag (政策 includes 政策/财政).")
@click.option("--top", type=click.IntRange(1), default=30, show_default=True, help="How many words each way.")
@click.option("--min", "min_freq", type=click.IntRange(1), default=2, show_default=True,
              help="Minimum frequency in the part.")
@db_option
@corpus_option
@json_option
@csv_options
def keyness_cmd(section: str | None, since: str | None, until: str | None, doc_id: str | None, tag: str | None,
                top: int, min_freq: int, db_path: Path | None, corpus_path: Path | None, as_json: bool,
                csv_path: str | None, force: bool) -> None:
    """Key words of a section, a date range, a document or a tag's passages against the rest.

    Log-likelihood (G²) with log ratio as the effect size; `+` words are more
    frequent in the part, `-` words rarer.
    """
    from corpus.analysis import keyness

    chosen = [x for x in (section, since or until, doc_id, tag) if x]
    if len(chosen) != 1:
        fail("give exactly one of: --section NAME, --since/--until DATES, --doc ID, --tag TAG")
    corpus = load(corpus_path)
    with clear_errors(), progress_bar("counting") as report:
        if tag is not None:
            from annotations.analysis import passages

            with open_store(db_path, read_only=True) as store:
                parts = passages(store.all(), tag)
            if not parts:
                fail(f"no anchored notes tagged {tag!r}")
            table = keyness.of_passages(corpus, parts, f"tag {tag}", progress=report, top=top, min_freq=min_freq)
        else:
            scope = make_scope(section, since, until, doc_id)
            table = keyness.of_documents(corpus, scope.select(corpus), scope.describe(), progress=report, top=top,
                                         min_freq=min_freq)
    if export_csv(csv_path, force, table.columns(), table.rows()):
        return
    if as_json:
        emit_json(table.to_dict())
        return
    console.print(f"key words of [bold]{escape(table.target)}[/] · {table.part_words} words against "
                  f"{table.rest_words} in the rest")
    if not (table.items or table.negative):
        console.print("[dim]nothing stands out (G² < 3.84 for every word): the part may be too small[/]")
        return
    out = Table()
    columns: list[tuple[str, JustifyMethod]] = [("", "left"), ("word", "left"), ("freq", "right"), ("rest", "right"),
                                                ("G²", "right"), ("log ratio", "right"), ("p <", "right")]
    for name, justify in columns:
        out.add_column(name, justify=justify)
    for sign, items in (("[green]+[/]", table.items), ("[red]-[/]", table.negative)):
        for k in items:
            out.add_row(sign, escape(k.word), str(k.freq), str(k.ref_freq), f"{k.ll:.2f}", f"{k.log_ratio:+.2f}",
                        "" if k.p is None else f"{k.p:g}")
    console.print(out)


#: The commands of this module, in the order ``reader --help`` lists them.
COMMANDS = (kwic_cmd, collocates_cmd, ngrams_cmd, trend_cmd, entities_cmd, keyness_cmd)
