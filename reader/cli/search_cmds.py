"""``reader search``: the query language over the corpus's search index.

Scriptable twin of the app's ``ctrl+f``. The index (``corpus.index``) is
brought up to date first (a progress bar on an interactive terminal); if it
cannot be (another reader is updating it, a read-only cache), the search still
answers, scanning what the index does not cover. Imports only ``corpus``,
click and rich (never textual).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

import click
from rich.markup import escape
from rich.text import Text

from corpus import Corpus

if TYPE_CHECKING:
    from corpus.index import CorpusIndex, UpdateStats
    from corpus.jsontypes import JSON

from .common import (
    console,
    corpus_option,
    emit_json,
    err_console,
    fail,
    json_option,
    open_corpus,
    plural,
    progress_bar,
)

#: Snippets printed per document in the human output (--json has them all).
SNIPPETS_PER_DOC = 5


def refresh_index(corpus: Corpus, *, strict: bool = False) -> tuple[CorpusIndex, UpdateStats | None]:
    """Open the corpus's search index and update it; return ``(index, stats | None)``.

    With ``strict`` (``reader index``) a failure to update is an error; otherwise
    it is a warning on stderr and the search scans what the index lacks.
    """
    from corpus.index import IndexBusy, open_index
    from corpus.index.engine import EngineError

    index = open_index(corpus)
    if index.ready and not index.removed_files:
        return index, None
    try:
        with progress_bar("search index") as report:
            stats = index.update(progress=report)
    except IndexBusy as exc:
        if strict:
            fail(f"{exc}; try again when it is done")
        err_console.print(f"[yellow]warning:[/] {escape(str(exc))}; files it lacks are scanned")
        return index, None
    except (EngineError, OSError) as exc:
        if strict:
            fail(f"cannot update the search index: {exc}")
        err_console.print(f"[yellow]warning:[/] cannot update the search index ({escape(str(exc))}); scanning instead")
        return index, None
    return index, stats


@click.command("search")
@click.argument("query")
@click.option("--sort", type=click.Choice(["rank", "order", "date"]), default="rank", show_default=True,
              help="Best first (BM25), reading order, or by date (oldest first).")
@click.option("--limit", type=click.IntRange(1), default=None, help="Stop after this many hits.")
@corpus_option
@json_option
def search_cmd(query: str, sort: str, limit: int | None, corpus_path: Path | None, as_json: bool) -> None:
    """Find QUERY in every document, folding 繁/简, width and case.

    \b
    跨境电商 海外仓           both            跨境电商 OR 外贸      either
    -杭州 / NOT 杭州          not             "综合 试验区"          exact phrase
    跨境电商 NEAR/10 海外仓   within 10 characters       (a OR b) c    grouping
    title: section: author: file: date:2023-08..2023-09   fields

    Every word matches as a substring (跨境电 finds 跨境电商). Hits are grouped
    by document; `text[start:end]` is the hit.
    """
    from corpus.index import QuerySyntaxError, parse_query
    from corpus.text.search import snippet_and_span

    if not query.strip():
        fail("the search query is empty")
    try:
        node = parse_query(query)
    except QuerySyntaxError as exc:
        fail(str(exc))
    corpus = open_corpus(corpus_path)
    index, _stats = refresh_index(corpus)
    # --limit counts hits; a document has at least one unless only fields matched.
    results = index.search(node, sort=sort, limit=limit, count_hits=True)
    groups = results.groups
    hits: list[dict[str, JSON]] = []
    documents: list[dict[str, JSON]] = []
    for group in groups:
        doc = corpus.get(group.doc_id)
        if doc is None:
            continue
        documents.append({"id": doc.id, "title": doc.title, "file": doc.file, "date": doc.date,
                          "score": round(group.score, 4), "count": group.count})
        for start, end in group.hits:
            if limit is not None and len(hits) >= limit:
                break
            snip, span = snippet_and_span(doc.text, start, end)
            hits.append({"id": doc.id, "title": doc.title, "start": start, "end": end, "snippet": snip,
                         "_span": span})
    if as_json:
        emit_json({
            "query": query,
            "sort": sort,
            "total_docs": results.total_docs,
            "total_hits": results.total_hits,
            "documents": documents,
            "hits": [{k: v for k, v in h.items() if k != "_span"} for h in hits],
        })
        return
    if not results.total_docs:
        console.print(f"no hits for [bold]{escape(query)}[/] in {plural(len(corpus), 'document')}")
        return
    console.print(
        f"{plural(results.total_hits, 'hit')} for [bold]{escape(query)}[/] in "
        f"{plural(results.total_docs, 'document')} [dim](sorted by {sort})[/]"
    )
    shown = {str(d["id"]): d for d in documents}
    by_doc: dict[str, list[dict[str, JSON]]] = {}
    for h in hits:
        by_doc.setdefault(str(h["id"]), []).append(h)
    for doc_id, info in shown.items():
        doc_hits = by_doc.get(str(doc_id), [])
        score = f" · score {info['score']:.2f}" if sort == "rank" and info["score"] else ""
        console.print(
            f"\n[yellow]{escape(str(doc_id))}[/] [bold]{escape(str(info['title']))}[/] "
            f"[dim]{plural(cast(int, info['count']), 'hit')}{score}[/]"
        )
        for h in doc_hits[:SNIPPETS_PER_DOC]:
            line = Text(str(h["snippet"]))
            where = h["_span"]
            assert isinstance(where, tuple)
            line.stylize("bold reverse", *where)
            console.print(Text.assemble(Text(f"  {h['start']:>7} ", style="dim"), line), soft_wrap=True)
        if len(doc_hits) > SNIPPETS_PER_DOC:
            console.print(f"  [dim]… {len(doc_hits) - SNIPPETS_PER_DOC} more[/]")
        if limit is not None and sum(len(v) for v in by_doc.values()) >= limit and doc_id == hits[-1]["id"]:
            break
