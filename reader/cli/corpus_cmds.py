"""Corpus commands: ``list``, ``show``, ``index``."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import nullcontext
from pathlib import Path

import click
from rich.markup import escape
from rich.tree import Tree

from corpus.model import Block, Document

from .common import console, corpus_option, emit_json, find_document, json_option, open_corpus, plural
from .output import paged, pager_option
from .safety import CHUNK, print_block, write_plain


@click.command("list")
@corpus_option
@json_option
def list_cmd(corpus_path: Path | None, as_json: bool) -> None:
    """List documents by section (and files that could not be read)."""
    corpus = open_corpus(corpus_path)
    if as_json:
        emit_json(
            {
                "corpus": corpus.root,
                "documents": [d.summary() for d in corpus.documents],
                "errors": [e.to_dict() for e in corpus.errors],
            }
        )
        return
    tree = Tree(f"[bold]{escape(corpus.root)}[/] · {plural(len(corpus), 'document')}")
    for section, docs in corpus.sections():
        branch = tree.add(f"[bold cyan]{escape(section)}[/] [dim]({len(docs)})[/]")
        for d in docs:
            by = f" [green]{escape('、'.join(d.authors))}[/]" if d.authors else ""
            date = f" [dim]{d.date}[/]" if d.date else ""
            branch.add(f"[yellow]{d.id}[/] {escape(d.title)}{by}{date} [dim]{d.chars}字[/]")
    if corpus.errors:
        errs = tree.add(f"[bold red]errors[/] [dim]({len(corpus.errors)})[/]")
        for e in corpus.errors:
            errs.add(f"[red]{escape(e.file)}[/]: {escape(e.error)}")
    console.print(tree)


@click.command("show")
@click.argument("doc_id")
@corpus_option
@json_option
@pager_option
def show_cmd(doc_id: str, corpus_path: Path | None, as_json: bool) -> None:
    """Print one document's cleaned text.

    DOC_ID is a document id or a unique prefix of it. On a terminal the text
    goes through $PAGER (default: less); into a pipe or file it is written
    unwrapped, one paragraph per line.
    """
    corpus = open_corpus(corpus_path)
    doc = find_document(corpus, doc_id)
    if as_json:
        emit_json(
            {
                "id": doc.id,
                "file": doc.file,
                "section": doc.section,
                "title": doc.title,
                "authors": doc.authors,
                "date": doc.date,
                "source": doc.source,
                "warnings": doc.warnings,
                "blocks": [
                    {"type": b.type, "text": doc.text[b.start : b.end], "start": b.start, "end": b.end, "page": b.page,
                     "turns": [list(t) for t in b.turns]}
                    for b in doc.blocks
                ],
            }
        )
        return
    styles = {"title": "bold", "heading": "bold cyan", "byline": "green", "caption": "italic dim",
              "source": "dim", "continuation": "dim", "furniture": "dim", "list": ""}
    meta = " · ".join(x for x in (doc.section, "、".join(doc.authors), doc.date or "", doc.source or "") if x)
    if not console.is_terminal:
        # Piped or redirected: plain text, block by block, never wrapped (grep finds every phrase)
        # and never styled; a 45 MB one-line document streams in pieces.
        write_plain(_plain_text(doc, meta))
        return
    # A block too long for rich to lay out is streamed to the terminal, so no pager either
    # (the pager gets rich's whole output as one string).
    huge = any(b.end - b.start > CHUNK for b in doc.blocks)
    with nullcontext() if huge else paged():
        console.print(f"[dim]{escape(doc.id)} · {escape(meta)}[/]")
        for w in doc.warnings:
            console.print(f"[yellow]warning:[/] {escape(w)}")
        page = None
        for block, text in doc.iter_blocks():
            marker, page = page_marker(block, page)  # PDF pages: say where each starts
            if marker:
                console.print(f"[dim]{marker}[/]")
            print_block(console, text, styles.get(block.type, ""))
            console.print()


def page_marker(block: Block, page: int | None) -> tuple[str, int | None]:
    """The line before ``block`` when a page starts with it or inside it (``— pp. 1–2 —``: a
    paragraph running on over the break, kept whole), and the page after it."""
    if block.page is None:
        return "", page
    last = block.turns[-1][1] if block.turns else block.page
    if block.page == page and last == page:
        return "", page
    if last != block.page:
        return f"— pp. {block.page}–{last} —", last
    return f"— p. {block.page} —", last


def _plain_text(doc: Document, meta: str) -> Iterator[str]:
    yield f"{doc.id} · {meta}\n"
    for w in doc.warnings:
        yield f"warning: {w}\n"
    page = None
    for block in doc.blocks:
        marker, page = page_marker(block, page)
        if marker:
            yield f"{marker}\n"
        for start in range(block.start, block.end, CHUNK):
            yield doc.text[start : min(start + CHUNK, block.end)]
        yield "\n\n"


@click.command("index")
@click.option("--no-search", "no_search", is_flag=True, help="Only parse; do not build the search index.")
@corpus_option
@json_option
def index_cmd(corpus_path: Path | None, no_search: bool, as_json: bool) -> None:
    """Parse every file into the cache and bring the search index up to date.

    Only files that changed, were added or were removed since the last run are
    (re)indexed; a damaged search index is rebuilt. Prints counts and errors.
    """
    from .search_cmds import refresh_index

    corpus = open_corpus(corpus_path)
    sections = corpus.sections()
    stats = None
    if not no_search:
        _index, stats = refresh_index(corpus, strict=True)
    if as_json:
        emit_json(
            {
                "corpus": corpus.root,
                "documents": len(corpus),
                "sections": len(sections),
                "chars": sum(d.chars for d in corpus),
                "errors": [e.to_dict() for e in corpus.errors],
                "search_index": None if no_search else (stats.to_dict() if stats else {"indexed_files": 0,
                                                                                          "up_to_date": True}),
            }
        )
        return
    console.print(
        f"indexed {plural(len(corpus), 'document')} in {plural(len(sections), 'section')} "
        f"({plural(sum(d.chars for d in corpus), 'character')}) from {escape(corpus.root)}"
    )
    if stats is not None:
        rebuilt = f" [dim](rebuilt: {escape(stats.reason)})[/]" if stats.rebuilt and stats.reason else ""
        console.print(
            f"search index: {plural(stats.indexed_files, 'file')} indexed, {stats.removed_files} removed, "
            f"{stats.unchanged_files} unchanged in {stats.seconds:.1f} s{rebuilt}"
        )
    elif not no_search:
        console.print("search index: up to date")
    for e in corpus.errors:
        console.print(f"[red]error[/] {escape(e.file)}: {escape(e.error)}")
