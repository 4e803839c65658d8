"""``reader vocab …``: the words kept from lookups (list, export for spreadsheets or Anki, keep, rm).

The twin of the app's vocabulary screen (``V``) and the lookup's keep key.
``annotations.vocab`` and the dictionary are imported inside the commands' bodies.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click
from rich.markup import escape
from rich.table import Table

from .common import console, corpus_option, emit_json, fail, find_document, json_option, open_corpus, write_output
from .keyword_cmds import _apply_config_dictionary

T = TypeVar("T")


def _vocab_errors(action: Callable[[], T]) -> T:
    from annotations.vocab import VocabularyError, VocabularyLocked, VocabularyUnreadable

    try:
        return action()
    except (VocabularyUnreadable, VocabularyLocked, VocabularyError) as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"cannot write the vocabulary list: {exc.strerror or exc}")


@click.group("vocab", invoke_without_command=True)
@click.option("--sort", "order", type=click.Choice(["newest", "most", "document"]), default="newest",
              show_default=True, help="Newest first, most looked up first, or by document.")
@click.option("--export", "fmt", type=click.Choice(["tsv", "csv", "anki"]), default=None,
              help="Export instead of listing (anki: an .apkg deck; needs -o).")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Write the export to FILE (default: stdout for tsv/csv).")
@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
@json_option
@click.pass_context
def vocab_group(ctx: click.Context, order: str, fmt: str | None, output: Path | None, force: bool,
                as_json: bool) -> None:
    """The words you kept from lookups, with their sentences; export them for
    spreadsheets or Anki."""
    if ctx.invoked_subcommand is not None:
        return
    from annotations.vocab import Vocabulary
    from annotations.vocab_export import export

    entries = _vocab_errors(lambda: Vocabulary().entries(order))
    if fmt is not None:
        if fmt == "anki" and output is None:
            fail("an Anki deck is a file: give -o FILE.apkg")
        data = export(entries, fmt)
        if output is None:
            click.echo(data.decode("utf-8"), nl=False)
            return
        path = write_output(output, data, force)
        if as_json:
            emit_json({"format": fmt, "count": len(entries), "path": str(path)})
        return
    if as_json:
        emit_json({"order": order, "entries": [e.to_dict() for e in entries]})
        return
    if not entries:
        click.echo("no words kept yet (press the keep key in a lookup, or: reader vocab keep WORD --doc ID)", err=True)
        return
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    for col in ("word", "pinyin", "gloss", "looked up", "document"):
        table.add_column(col, overflow="fold")
    for e in entries:
        table.add_row(escape(e.word), escape(e.pinyin), escape(e.gloss), str(e.lookups),
                      escape(f"{e.title} ({e.doc_id})" if e.doc_id else ""))
    console.print(table)


@vocab_group.command("keep")
@click.argument("word")
@click.option("--doc", "doc_id", required=True, help="Document id (or unique prefix) where the word occurs.")
@click.option("--occurrence", type=click.IntRange(1), default=1, show_default=True,
              help="Which occurrence of the word in the document.")
@corpus_option
@json_option
def vocab_keep(word: str, doc_id: str, occurrence: int, corpus_path: Path | None, as_json: bool) -> None:
    """Keep WORD with the sentence it occurs in (as the app's keep key does)."""
    from annotations.vocab import Vocabulary
    from corpus.lexicon.lookup import Lexicon
    from corpus.text.search import find_all
    from reader.motions import sentence_at

    word = word.strip()
    corpus = open_corpus(corpus_path)
    doc = find_document(corpus, doc_id)
    hits = find_all(doc.text, word) if word else []  # traditional and simplified match each other
    if len(hits) < occurrence:
        fail(f"{word!r} occurs {len(hits)} time(s) in {doc.id}" + ("" if hits else "; nothing kept"))
    start, end = hits[occurrence - 1]
    s, e = sentence_at(doc.text, [(b.start, b.end) for b in doc.blocks], start)
    sentence = doc.text[s:e]
    _apply_config_dictionary()
    lexicon = Lexicon().load()
    head = next((h for h in lexicon.at(sentence, start - s) if (h.start, h.end) == (start - s, end - s)), None)
    reading = head.pinyin if head else ""
    senses = head.entries if head else ()
    gloss = "; ".join(senses[0].definitions[:3]) if senses else ""
    trad = senses[0].traditional if senses else ""
    entry, new = _vocab_errors(lambda: Vocabulary().keep(
        doc.text[start:end], pinyin=reading, gloss=gloss, sentence=sentence, doc_id=doc.id, title=doc.title,
        file=doc.file, start=start, end=end, traditional=trad))
    if as_json:
        emit_json({"kept" if new else "again": entry.to_dict()})
    else:
        click.echo(f"{'kept' if new else 'kept again'}: {entry.word} {entry.pinyin} ({entry.lookups}×)", err=True)


@vocab_group.command("rm")
@click.argument("word")
def vocab_rm(word: str) -> None:
    """Remove a kept WORD (or an entry id)."""
    from annotations.vocab import Vocabulary

    if not _vocab_errors(lambda: Vocabulary().remove(word)):
        fail(f"{word.strip()} is not in the vocabulary list")
    click.echo(f"removed {word.strip()}", err=True)
