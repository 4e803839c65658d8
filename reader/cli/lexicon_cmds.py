"""Dictionary commands: ``reader define``, ``reader glossary …``, ``reader vocab …``.

Scriptable twins of the app's lookup (``d``), its glossary key and its
vocabulary screen. They import ``corpus.lexicon`` and ``annotations.vocab``
only inside their bodies, so ``reader list`` never loads the dictionary.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click
from rich.markup import escape
from rich.table import Table

from .common import (
    console,
    corpus_option,
    emit_json,
    err_console,
    fail,
    find_document,
    json_option,
    open_corpus,
    progress_bar,
)
from .keyword_cmds import _apply_config_dictionary

if TYPE_CHECKING:
    from corpus.lexicon.glossary import Glossary
    from corpus.lexicon.lookup import Headword, Lexicon, Sense

T = TypeVar("T")

#: ``--text`` longer than this is refused (a whole book goes through ``reader show`` first).
MAX_TEXT_CHARS = 200_000


def _lexicon(corpus_path: Path | None, with_corpus: bool) -> Lexicon:
    """The lexicon, with this corpus's counts and top keywords unless ``with_corpus`` is off."""
    from corpus.lexicon.lookup import Lexicon

    _apply_config_dictionary()
    if not with_corpus:
        return Lexicon().load()
    from corpus.lexicon.stats import WordCounts
    from corpus.text.keywords import KeywordIndex
    from corpus.text.tokens import iter_entries

    corpus = open_corpus(corpus_path)
    counts = WordCounts()
    index = KeywordIndex(corpus.documents)
    with progress_bar("counting words") as report:
        for doc, entry in iter_entries(corpus.documents, progress=report):
            counts.add(entry.counts)
            index.add(doc, entry.counts)
    keywords = [k.word for k in index.top_corpus(50)]
    return Lexicon(stats=counts.stats(keywords)).load()


def _warn_glossary(lexicon: Lexicon) -> None:
    if lexicon.glossary_problem:
        err_console.print(f"[yellow]warning:[/] glossary not used: {escape(lexicon.glossary_problem)}")


def _sense_line(sense: Sense) -> str:
    forms = escape(sense.simplified)
    if sense.traditional != sense.simplified:
        forms += f" {escape(sense.traditional)}"
    tag = "[magenta]glossary[/] " if sense.source == "glossary" else ""
    hsk = f" [cyan]HSK {sense.hsk}[/]" if sense.hsk else ""
    stats = ""
    if sense.corpus is not None:
        kw = " · keyword" if sense.corpus.keyword else ""
        docs = f"{sense.corpus.docs} document{'' if sense.corpus.docs == 1 else 's'}"
        stats = f" [dim]· {sense.corpus.count}× in {docs}{kw}[/]"
    text = (f"{tag}[bold]{forms}[/] [green]{escape(sense.pinyin)}[/]{hsk}{stats}\n    "
            + escape(" / ".join(sense.definitions) or "—"))
    if sense.note:
        text += f"\n    [dim]note:[/] {escape(sense.note)}"
    return text


def _print_headword(head: Headword) -> None:
    if head.entries:
        for i, sense in enumerate(head.entries, 1):
            console.print(f"{i}. {_sense_line(sense)}")
        return
    console.print(f"[bold]{escape(head.text)}[/] [green]{escape(head.pinyin)}[/]: not in CC-CEDICT or your glossary"
                  + (" (add it: reader glossary add …)" if len(head.text) > 1 else ""))
    for part in head.parts:
        console.print(f"  [bold]{escape(part.text)}[/] [green]{escape(part.pinyin)}[/] "
                      + escape(" / ".join(part.entries[0].definitions) if part.entries else "—"))


def _read_text(text: str) -> str:
    if text == "-":
        text = sys.stdin.read(MAX_TEXT_CHARS + 1)
    if len(text) > MAX_TEXT_CHARS:
        fail(f"--text is longer than {MAX_TEXT_CHARS} characters; give it a sentence or a paragraph")
    return text


@click.command("define")
@click.argument("word", required=False)
@click.option("--text", "text", default=None, help="A sentence to read word by word instead (- for stdin).")
@click.option("--no-corpus", is_flag=True, help="Skip the corpus counts (faster).")
@corpus_option
@json_option
def define_cmd(word: str | None, text: str | None, no_corpus: bool, corpus_path: Path | None, as_json: bool) -> None:
    """Look a word up: your glossary first, then CC-CEDICT, with pinyin, HSK level
    and how often the word occurs in the corpus. Traditional input works (銀行).

    With --text, the sentence is cut into words (as the app does) and each word
    gets its pinyin in context and its entries.
    """
    if (word is None) == (text is None):
        fail("give a WORD or --text SENTENCE (one of them)")
    from corpus.lexicon import pinyin as py
    from corpus.lexicon.lookup import Headword

    if text is not None:
        sentence = _read_text(text)
        lexicon = _lexicon(corpus_path, not no_corpus)
        segments = lexicon.segments(sentence)
        _warn_glossary(lexicon)
        if as_json:
            emit_json({"text": sentence, "segments": [s.to_dict() for s in segments]})
            return
        table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
        for col in ("word", "pinyin", "meaning"):
            table.add_column(col, overflow="fold")
        for seg in segments:
            if not seg.text.strip() or not seg.pinyin:
                continue
            sense = seg.entries[0] if seg.entries else None
            meaning = "; ".join(sense.definitions[:3]) if sense else (
                " + ".join(f"{p.text} {p.entries[0].definitions[0]}" for p in seg.parts if p.entries) or "—")
            mark = "[magenta]*[/]" if sense and sense.source == "glossary" else ""
            table.add_row(escape(seg.text) + mark, escape(seg.pinyin), escape(meaning))
        console.print(table)
        return
    assert word is not None
    query = word.strip()
    if not query:
        fail("the word is empty")
    if len(query) > 50:
        fail("a word is at most 50 characters; use --text for a sentence")
    lexicon = _lexicon(corpus_path, not no_corpus)
    reading = py.word_pinyin(query)
    entries = lexicon.define(query, reading)
    _warn_glossary(lexicon)
    head = Headword(query, 0, len(query), reading, tuple(entries))
    if not entries:
        pieces = lexicon.segments(query, [(query, 0, len(query))])
        head = pieces[0] if pieces else head
    if as_json:
        out: dict[str, Any] = {"query": query, "pinyin": reading, "entries": [e.to_dict() for e in entries]}
        if head.parts:
            out["parts"] = [p.to_dict() for p in head.parts]
        emit_json(out)
        return
    _print_headword(head)


# --------------------------------------------------------------------------- glossary


def _glossary() -> Glossary:
    from corpus.lexicon.glossary import Glossary

    return Glossary()


def _glossary_errors(action: Callable[[], T]) -> T:
    """Run ``action`` and turn every glossary problem into one clear line."""
    from corpus.lexicon.glossary import GlossaryError, GlossaryLocked, GlossaryUnreadable

    try:
        return action()
    except (GlossaryUnreadable, GlossaryLocked, GlossaryError) as exc:
        fail(str(exc))
    except PermissionError as exc:
        fail(f"cannot write the glossary: {exc.strerror or exc} ({exc.filename})")
    except OSError as exc:
        fail(f"cannot write the glossary: {exc.strerror or exc}")


@click.group("glossary")
def glossary_group() -> None:
    """Your own dictionary entries (term, pinyin, gloss, note).

    They come first in lookups, and the segmenter keeps every term whole.
    """


@glossary_group.command("add")
@click.argument("term")
@click.option("--pinyin", "pinyin", default="", help="Reading, with tone marks (zōngshìqū).")
@click.option("--gloss", "gloss", default="", help="English meaning.")
@click.option("--note", "note", default="", help="Your note.")
@json_option
def glossary_add(term: str, pinyin: str, gloss: str, note: str, as_json: bool) -> None:
    """Add TERM to the glossary (or replace its pinyin, gloss and note)."""
    entry, new = _glossary_errors(lambda: _glossary().add(term, pinyin, gloss, note))
    if as_json:
        emit_json({"added" if new else "updated": entry.to_dict()})
    else:
        click.echo(f"{'added' if new else 'updated'} {entry.term} {entry.pinyin}".rstrip(), err=True)


@glossary_group.command("rm")
@click.argument("term")
@json_option
def glossary_rm(term: str, as_json: bool) -> None:
    """Remove TERM from the glossary."""
    removed = _glossary_errors(lambda: _glossary().remove(term))
    if not removed:
        fail(f"{term.strip()} is not in the glossary")
    if as_json:
        emit_json({"removed": term.strip()})
    else:
        click.echo(f"removed {term.strip()}", err=True)


@glossary_group.command("list")
@json_option
def glossary_list(as_json: bool) -> None:
    """Every glossary entry."""
    entries = _glossary_errors(lambda: _glossary().entries())
    if as_json:
        emit_json({"entries": [e.to_dict() for e in entries]})
        return
    if not entries:
        click.echo("the glossary is empty (reader glossary add TERM --pinyin … --gloss …)", err=True)
        return
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    for col in ("term", "pinyin", "gloss", "note"):
        table.add_column(col, overflow="fold")
    for e in entries:
        table.add_row(escape(e.term), escape(e.pinyin), escape(e.gloss), escape(e.note))
    console.print(table)


@glossary_group.command("import")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False, allow_dash=True))
@click.option("--format", "fmt", type=click.Choice(["tsv", "csv"]), default=None,
              help="Default: from the file name, else tabs mean TSV.")
@json_option
def glossary_import(file: Path, fmt: str | None, as_json: bool) -> None:
    """Add entries from a TSV or CSV file (columns term, pinyin, gloss, note; a header row
    is optional). A known term gets the file's fields. FILE may be - for stdin."""
    from corpus.lexicon.glossary import parse_table

    limit = 50 * 1024 * 1024
    try:
        raw = sys.stdin.buffer.read(limit + 1) if str(file) == "-" else file.read_bytes()
    except OSError as exc:
        fail(f"cannot read {file}: {exc.strerror or exc}")
    if len(raw) > limit:
        fail(f"{file} is larger than 50 MB")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        fail(f"{file}: not UTF-8 text (byte {exc.start})")
    if fmt is None and file.suffix.lower() in (".tsv", ".csv"):
        fmt = file.suffix.lower()[1:]
    rows, warnings = _glossary_errors(lambda: parse_table(text, fmt))
    for w in warnings:
        err_console.print(f"[yellow]skipped[/] {escape(w)}")
    added, updated, same = _glossary_errors(lambda: _glossary().merge(rows))
    if as_json:
        emit_json({"added": added, "updated": updated, "unchanged": same, "skipped": warnings})
    else:
        click.echo(f"{added} added, {updated} updated, {same} unchanged, {len(warnings)} skipped", err=True)


@glossary_group.command("export")
@click.option("--format", "fmt", type=click.Choice(["tsv", "csv"]), default="tsv", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Write to FILE (default: stdout).")
@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
def glossary_export(fmt: str, output: Path | None, force: bool) -> None:
    """The glossary as TSV or CSV (spreadsheet formulas are neutralised)."""
    from corpus.lexicon.glossary import export_table

    text = export_table(_glossary_errors(lambda: _glossary().entries()), fmt)
    if output is None:
        click.echo(text, nl=False)
        return
    _write(output, text.encode("utf-8"), force)


def _write(output: Path, data: bytes, force: bool) -> Path:
    from annotations.export.files import write_export

    if not output.expanduser().parent.is_dir():
        fail(f"folder {output.expanduser().parent} does not exist")
    try:
        path = write_export(output, data, force=force)
    except FileExistsError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror or exc}")
    click.echo(f"wrote {path}", err=True)
    return path


# --------------------------------------------------------------------------- vocabulary


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
        path = _write(output, data, force)
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
