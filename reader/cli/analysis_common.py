"""What the analysis commands share: the document filters, CSV and SVG output, loading, and
``reader tags --matrix``'s table (``reader.cli.analysis_cmds`` holds the commands)."""

from __future__ import annotations

import functools
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import click
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from corpus import Corpus
from corpus.analysis.scope import Scope, ScopeError

from ..charts import heat_style, offline_svg
from .common import console, emit_json, err_console, fail, open_corpus
from .output import F

if TYPE_CHECKING:
    from annotations.model import Annotation
    from corpus.analysis.common import Row


#: Cells of a chart (and of an SVG image) when stdout is not a terminal.
CHART_WIDTH = 100


def chart_width() -> int:
    """Cells a chart may take: the terminal's width, or :data:`CHART_WIDTH` into a pipe."""
    return console.width if console.is_terminal or console.record else CHART_WIDTH

# --------------------------------------------------------------------------- shared options


def scope_options(func: F) -> F:
    """``--section``, ``--since``, ``--until``, ``--doc``: which documents to ask."""
    options = [
        click.option("--section", default=None, help="Only this section (繁/简 alike)."),
        click.option("--since", default=None, help="Only documents dated on or after (YYYY, YYYY-MM or YYYY-MM-DD)."),
        click.option("--until", default=None, help="Only documents dated on or before (inclusive)."),
        click.option("--doc", "doc_id", default=None, help="Only this document (id or unique prefix)."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def csv_options(func: F) -> F:
    """``--csv FILE`` (``-`` = stdout), ``--svg FILE`` (what the command prints, as an image)
    and ``--force`` to replace an existing file."""
    func = svg_output(func)
    func = click.option("--force", is_flag=True, help="Replace the --csv or --svg file if it exists.")(func)
    func = click.option("--svg", "svg_path", default=None, metavar="FILE",
                        help="Also save what is printed (table and chart, in colour) as an SVG image.")(func)
    return click.option("--csv", "csv_path", default=None, metavar="FILE",
                        help="Also write the table as CSV (UTF-8 with BOM; '-' for stdout).")(func)


def svg_output(func: F) -> F:
    """Run the command with its console recorded when ``--svg FILE`` is given, and save
    what it printed as SVG once it has finished (not when it failed)."""

    @functools.wraps(func)
    def run(*args: Any, svg_path: str | None = None, **kwargs: Any) -> Any:
        if svg_path is None:
            return func(*args, **kwargs)
        ctx = click.get_current_context()
        if kwargs.get("as_json") or kwargs.get("csv_path") == "-" or ctx.invoked_subcommand:
            fail("--svg saves what is printed: it cannot go with --json, --csv - or a subcommand")
        with recorded(svg_path, bool(kwargs.get("force")), ctx.command_path):
            return func(*args, **kwargs)

    return cast(F, run)


@contextmanager
def recorded(svg_path: str, force: bool, title: str) -> Iterator[None]:
    """Record what the block prints on stdout and save it as an SVG image (written like
    every export: atomically, an existing file only with ``force``)."""
    from annotations.export.files import write_export

    if not force and Path(svg_path).expanduser().is_file():
        fail(f"{svg_path} already exists (use --force to replace it)")  # before the work, not after
    width = console.width
    if not console.is_terminal:
        console.width = CHART_WIDTH  # an image as wide as a terminal, not as a pipe's unwrapped lines
    console.record = True
    try:
        yield
        svg = offline_svg(console.export_svg(title=title))
    finally:
        console.record = False
        console.width = width
    try:
        written = write_export(svg_path, svg, force=force)
    except FileExistsError:
        fail(f"{svg_path} already exists (use --force to replace it)")
    except OSError as exc:
        fail(f"cannot write {svg_path}: {exc.strerror or exc}")
    err_console.print(f"wrote {escape(str(written))}")


def make_scope(section: str | None, since: str | None, until: str | None, doc_id: str | None) -> Scope:
    try:
        return Scope(section=section, since=since, until=until, doc=doc_id)
    except ScopeError as exc:
        fail(str(exc))


@contextmanager
def clear_errors() -> Iterator[None]:
    """Bad filters and arguments from the analysis become one line and exit 1."""
    try:
        yield
    except (ScopeError, ValueError) as exc:
        fail(str(exc))


def export_csv(csv_path: str | None, force: bool, columns: Sequence[str], rows: Sequence[Row]) -> bool:
    """Write the table when ``--csv`` was given; True when it went to stdout (print nothing else)."""
    if csv_path is None:
        return False
    from reader.tables import to_csv, write_csv

    if csv_path == "-":
        sys.stdout.write(to_csv(columns, rows))
        return True
    try:
        written = write_csv(csv_path, columns, rows, force=force)
    except FileExistsError:
        fail(f"{csv_path} already exists (use --force to replace it)")
    except OSError as exc:
        fail(f"cannot write {csv_path}: {exc.strerror or exc}")
    err_console.print(f"wrote {escape(str(written))}")
    return False


def load(corpus_path: Path | None) -> Corpus:
    """The corpus, with the config's user dictionary (as the app uses it) and its search
    index brought up to date (occurrences come from it, as ``reader search``'s do)."""
    from .keyword_cmds import _apply_config_dictionary
    from .search_cmds import refresh_index

    _apply_config_dictionary()
    corpus = open_corpus(corpus_path)
    refresh_index(corpus)
    return corpus


# --------------------------------------------------------------------------- notes as codes

def show_tag_matrix(anns: list[Annotation], kind: str, *, rollup: bool, corpus_path: Path | None, as_json: bool,
                    csv_path: str | None, force: bool) -> None:
    """``reader tags --matrix``: print (or export) a tag matrix of these notes."""
    from annotations.analysis import by_document, by_section, cooccurrence

    corpus = load(corpus_path) if corpus_path is not None else None
    if kind == "section":
        section_of = None
        order = None
        if corpus is not None:
            sections = {d.id: d.section for d in corpus.documents}
            section_of = sections.get
            order = [name for name, _docs in corpus.sections()]
        m = by_section(anns, rollup=rollup, section_of=section_of, order=order)
    elif kind == "doc":
        titles = {d.id: d.title for d in corpus.documents} if corpus is not None else None
        order = [d.id for d in corpus.documents] if corpus is not None else None
        m = by_document(anns, rollup=rollup, titles=titles, order=order)
    else:
        m = cooccurrence(anns, rollup=rollup)
    if export_csv(csv_path, force, m.columns(), m.table_rows()):
        return
    if as_json:
        emit_json(m.to_dict())
        return
    if not m.rows:
        console.print("[dim]no tagged notes yet[/]")
        return
    top = m.maximum()
    title = {"section": "notes per tag and section", "doc": "notes per tag and document",
             "cooccur": "tags together (diagonal: notes with the tag)"}[kind]
    out = Table(title=title + ("" if rollup else " · without roll-up"))
    out.add_column("tag", style="bold")
    for c in m.cols:
        out.add_column(escape(m.label(c)[:16]), justify="right")
    for r in m.rows:
        depth = r.count("/")
        cells = [Text(str(m.get(r, c)) if m.get(r, c) else "·", style=heat_style(m.get(r, c), top)) for c in m.cols]
        out.add_row(Text("  " * depth + r.rsplit("/", 1)[-1]), *cells)
    console.print(out)
