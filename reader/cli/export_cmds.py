"""Export and import commands: ``reader export`` and ``reader import``.

``reader export --format md|json|csv|html|inline [filters] [-o FILE] [--force]``
takes the filters of ``reader notes`` (plus ``-q`` for the filter-bar
language) and writes to stdout or, atomically, to a file. ``reader import FILE``
merges W3C Web Annotation JSON into the database by id.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from annotations.export import FORMATS
from corpus import Corpus

from .common import (
    corpus_option,
    db_option,
    emit_json,
    err_console,
    fail,
    json_option,
    open_corpus,
    open_store,
    plural,
)
from .note_filters import build_filter, filter_options, saved_query
from .safety import echo

if TYPE_CHECKING:
    from annotations.model import Annotation

#: Exports this large get a progress bar (on a terminal).
PROGRESS_THRESHOLD = 2000


def _resolve_doc(corpus: Corpus) -> Callable[[str], str]:
    def resolve(key: str) -> str:
        try:
            return corpus.find(key).id
        except KeyError:
            return key  # notes of a document no longer in the corpus still match by id

    return resolve


def _same_file(output: Path, db_path: Path | None) -> bool:
    from corpus.paths import db_path as default_db_path

    db = (db_path or default_db_path()).expanduser()
    try:
        return output.expanduser().resolve() == db.resolve()
    except OSError:
        return False


def render_with_progress(fmt: str, anns: list[Annotation], corpus: Corpus) -> str:
    from annotations.export import render

    if len(anns) < PROGRESS_THRESHOLD or not sys.stderr.isatty():
        return render(fmt, anns, corpus)
    with Progress(
        TextColumn(f"[bold]exporting {fmt}"), BarColumn(), MofNCompleteColumn(), console=err_console, transient=True
    ) as bar:
        task = bar.add_task("", total=len(anns))
        return render(fmt, anns, corpus, progress=lambda done, total: bar.update(task, completed=done, total=total))


@click.command("export")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="md", show_default=True,
              help="md: notes by section/document · json: W3C Web Annotations · csv: one row per note · "
                   "html: one page, highlights in their paragraphs · inline: full text with notes as footnotes.")


@filter_options
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Write to this file (default: stdout).")


@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
@db_option
@corpus_option
@click.option("--json", "as_json", is_flag=True,
              help='With -o: print {"format", "count", "path"} as JSON on stdout.')
def export_cmd(
    fmt: str,
    query: str | None,
    tags: tuple[str, ...],
    any_tags: tuple[str, ...],
    not_tags: tuple[str, ...],
    doc: str | None,
    section: str | None,
    text: str | None,
    since: str | None,
    until: str | None,
    colors: tuple[int, ...],
    orphans: bool,
    saved: str | None,
    output: Path | None,
    force: bool,
    db_path: Path | None,
    corpus_path: Path | None,
    as_json: bool,
) -> None:
    """Export notes (all, or those matching the filters)."""
    from annotations.export.files import write_export, writes_into

    if as_json and output is None:
        fail("--json prints a summary of the written file; use it with -o FILE")
    if output is not None and _same_file(output, db_path):
        fail(f"{output} is the annotations database; choose another output file")
    if output is not None and output.exists() and not force and not writes_into(output):
        fail(f"{output} already exists (use --force to overwrite)")
    if output is not None and not output.expanduser().parent.is_dir():
        fail(f"folder {output.expanduser().parent} does not exist")
    corpus = open_corpus(corpus_path)
    with open_store(db_path, read_only=True) as store:
        query = saved_query(store, saved, query)
        flt = build_filter(query, tags, any_tags, not_tags, doc, section, text, since, until, colors, orphans,
                           resolve_doc=_resolve_doc(corpus))
        anns = store.query(flt) if not flt.empty else store.all()
    text_out = render_with_progress(fmt, anns, corpus)
    if not anns:
        # Still a valid (empty) export, so a script's next step works; the person is told.
        err_console.print("no notes" + (" match the filters" if not flt.empty else ""), markup=False)
    if output is None:
        click.echo(text_out, nl=False)
        return
    try:
        path = write_export(output, text_out, force=force)
    except FileExistsError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror or exc}")
    if as_json:
        emit_json({"format": fmt, "count": len(anns), "path": str(path)})
    else:
        click.echo(f"wrote {plural(len(anns), 'note')} ({fmt}) to {path}", err=True)


@click.command("import")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False, allow_dash=True))
@db_option
@corpus_option
@json_option
def import_cmd(file: Path, db_path: Path | None, corpus_path: Path | None, as_json: bool) -> None:
    """Merge notes from W3C Web Annotation JSON (such as `reader export -f json`).

    Each note is re-anchored against the current text and merged by id: the
    newer `modified` wins; nothing is deleted. FILE may be - for stdin.
    """
    from annotations.importer import ImportFormatError, import_annotations

    try:
        raw = sys.stdin.buffer.read() if str(file) == "-" else file.read_bytes()
    except FileNotFoundError:
        fail(f"no such file: {file}")
    except OSError as exc:
        fail(f"cannot read {file}: {exc.strerror or exc}")
    try:
        data = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        fail(f"{file} is not UTF-8 text")
    corpus = open_corpus(corpus_path)
    with open_store(db_path) as store:
        try:
            report = import_annotations(data, store, corpus)
        except ImportFormatError as exc:
            fail(f"{file}: {exc}")
    c = report.counts()
    placed = c["added"] + c["updated"] + c["unchanged"] - c["orphaned"]
    if c["orphaned"] and not placed:
        # Most likely the wrong corpus (the default is the bundled samples).
        click.echo(f"warning: no note found its passage in {corpus.root}; is -c the right corpus?", err=True)
    if as_json:
        emit_json({"file": str(file), **report.to_dict()})
        return
    click.echo(
        f"{file}: {c['added']} added, {c['updated']} updated, {c['unchanged']} unchanged, "
        f"{c['orphaned']} orphaned, {c['skipped']} skipped"
    )
    if report.sanitized:
        n = len(report.sanitized)
        echo(f"{n} note{'s' if n != 1 else ''} had control characters or escape sequences, removed on import",
             err=True)
    for skip in report.skipped:
        echo(f"  skipped item {skip['item']} {skip['id']}: {skip['reason']}".rstrip(), err=True)
