"""``reader glossary …``: your own dictionary entries (add, rm, list, import, export).

The twin of the lookup's glossary key. ``corpus.lexicon.glossary`` is imported
inside the commands' bodies; every glossary problem is one clear line.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import click
from rich.markup import escape
from rich.table import Table

from .common import console, emit_json, err_console, fail, json_option, write_output

if TYPE_CHECKING:
    from corpus.lexicon.glossary import Glossary

T = TypeVar("T")


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
    write_output(output, text.encode("utf-8"), force)
