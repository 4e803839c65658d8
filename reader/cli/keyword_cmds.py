"""Keyword commands: ``reader keywords``.

Scriptable twin of the reading pane's keyword layer.
Imports only ``corpus`` and rich (never textual), so they start fast.
"""

from __future__ import annotations

from pathlib import Path

import click
from rich.markup import escape
from rich.table import Table

from corpus.jsontypes import JSON

from .common import (
    chosen_config,
    console,
    corpus_option,
    emit_json,
    err_console,
    fail,
    find_document,
    json_option,
    open_corpus,
    plural,
    progress_bar,
)
from .safety import echo


def _apply_config_dictionary() -> None:
    """Honour the config's ``user_dictionary`` (as the app does); warnings on stderr."""
    from corpus.text.userdict import set_user_dict_path

    from ..config import load_config

    config, warnings = load_config(chosen_config())
    for warning in warnings:
        echo(f"warning: {warning}", err=True)  # one line each, whatever the width
    if config.user_dictionary:
        set_user_dict_path(config.user_dictionary)


def _weight_bar(weight: float, width: int = 12) -> str:
    filled = round(weight * width)
    return "█" * filled + "·" * (width - filled)


@click.command("keywords")
@click.argument("doc_id", required=False)
@click.option("--top", "top", type=click.IntRange(1, 1000), default=10, show_default=True, help="How many keywords.")
@click.option("--method", type=click.Choice(["tfidf", "textrank"]), default="tfidf", show_default=True,
              help="TF-IDF against this corpus, or TextRank.")


@click.option("--section", "section", default=None, help="Keywords of a whole section instead of one document.")
@click.option("--all", "whole", is_flag=True, help="Keywords of the whole corpus.")
@click.option("--suggest", is_flag=True, help="Suggest words for the user dictionary (words.txt) instead.")
@corpus_option
@json_option
def keywords_cmd(doc_id: str | None, top: int, method: str, section: str | None, whole: bool, suggest: bool,
                 corpus_path: Path | None, as_json: bool) -> None:
    """Top keywords of a document, a section or the whole corpus.

    DOC_ID is a document id or a unique prefix of it.

    Weight is relative to the top keyword (1.0); count is how often the word
    occurs in the text. Words that the segmenter splits (跨境/电商) can be added
    to the user dictionary; `--suggest` lists candidates.
    """
    from corpus.text.keywords import KeywordIndex
    from corpus.text.userdict import user_dict_path, user_words

    scopes = sum(bool(x) for x in (doc_id, section, whole, suggest))
    if scopes != 1:
        fail("give exactly one of: a document ID, --section NAME, --all, --suggest")
    _apply_config_dictionary()
    for warning in user_words()[1]:
        err_console.print(f"[yellow]warning:[/] {escape(warning)}")
    corpus = open_corpus(corpus_path)
    if suggest:
        from corpus.text.suggest import suggest_words

        with progress_bar("segmenting") as report:
            if report:
                from corpus.text.tokens import corpus_entries

                corpus_entries(corpus.documents, progress=report)
            found = suggest_words(corpus.documents, top)
        if as_json:
            emit_json({"words_file": str(user_dict_path()), "suggestions": [s.to_dict() for s in found]})
            return
        if not found:
            console.print("no suggestions: the segmenter already keeps this corpus's frequent phrases whole")
            return
        console.print(f"dictionary suggestions — add the ones you want to {escape(str(user_dict_path()))}")
        table = Table()
        table.add_column("word", style="bold")
        table.add_column("count", justify="right")
        table.add_column("cohesion", justify="right")
        table.add_column("now cut as", style="dim")
        for s in found:
            table.add_row(escape(s.word), str(s.count), f"{s.cohesion:.2f}", escape(" / ".join(s.pieces)))
        console.print(table)
        return

    doc = find_document(corpus, doc_id) if doc_id else None
    if doc is not None:
        from corpus.limits import ENV_MAX_SEGMENT_CHARS, max_segment_chars
        from corpus.text.segment import too_long

        if too_long(doc.text):
            echo(f"warning: {doc.id} has {doc.chars:,} characters, more than are cut into words "
                 f"({max_segment_chars():,}; set {ENV_MAX_SEGMENT_CHARS}): it has no keywords", err=True)
    with progress_bar("segmenting") as report:
        index = KeywordIndex.build(corpus, progress=report)
    payload: dict[str, JSON]
    if doc is not None:
        found_kw = index.top(doc, top, method)
        payload = {"id": doc.id, "scope": "document", "title": doc.title, "method": method}
        heading = f"[yellow]{doc.id}[/] {escape(doc.title)}"
    elif section is not None:
        names = [name for name, _docs in corpus.sections()]
        if section not in names:
            fail(f"no section named {section!r} (sections: {', '.join(names) or 'none'})")
        found_kw = index.top_section(section, top, method)
        payload = {"id": None, "scope": "section", "section": section, "method": method}
        heading = f"section [bold cyan]{escape(section)}[/]"
    else:
        found_kw = index.top_corpus(top, method)
        payload = {"id": None, "scope": "corpus", "method": method}
        heading = f"corpus [bold]{escape(corpus.root)}[/] ({plural(len(corpus), 'document')})"
    if as_json:
        payload["keywords"] = [k.to_dict() for k in found_kw]
        emit_json(payload)
        return
    console.print(f"{heading} · {method}")
    table = Table()
    table.add_column("#", justify="right", style="dim")
    table.add_column("word", style="bold")
    table.add_column("weight")
    table.add_column("count", justify="right")
    for i, k in enumerate(found_kw, 1):
        table.add_row(str(i), escape(k.word), f"[cyan]{_weight_bar(k.weight)}[/] {k.weight:.2f}", str(k.count))
    console.print(table)
