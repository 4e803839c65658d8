"""Shared CLI plumbing: the corpus and database options, JSON output, progress, error lines, the store.

Every command opens the corpus with :func:`open_corpus` and the notes database
with :func:`open_store`, so a missing folder, a damaged or locked database is
the same one clear line whichever command met it. ``reader --db FILE`` and
``reader --config FILE`` before a command reach it through :func:`db_option`
and :func:`chosen_config`. Output goes through :data:`console` and
:data:`err_console` (made in :mod:`reader.cli.output`).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from corpus import Corpus, CorpusNotFound, Document, load_corpus

from .output import F, console, err_console
from .safety import json_text

if TYPE_CHECKING:
    from annotations.store import AnnotationStore
    from corpus.jsontypes import JSON


__all__ = ["console", "err_console"]  # re-exported: every command imports them from here

#: ``ctx.meta`` keys for the choices made before the command (``reader --db FILE list``).
GROUP_DB = "reader.db"
GROUP_CONFIG = "reader.config"


def corpus_option(func: F) -> F:
    return click.option(
        "-c",
        "--corpus",
        "corpus_path",
        type=click.Path(path_type=Path),
        default=None,
        help="Folder or file of documents (default: the bundled samples).",
    )(func)


def json_option(func: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")(func)


def _db_or_group(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path | None:
    """The command's ``--db``, else the one given before the command."""
    return value if value is not None else ctx.meta.get(GROUP_DB)


def db_option(func: F) -> F:
    return click.option(
        "--db",
        "db_path",
        type=click.Path(path_type=Path, dir_okay=False),
        default=None,
        callback=_db_or_group,
        help="Annotations database (default: $READER_DB or the user data dir).",
    )(func)


def chosen_config() -> Path | None:
    """The config file given as ``reader --config FILE`` for this run (None: the usual one)."""
    ctx = click.get_current_context(silent=True)
    value = ctx.meta.get(GROUP_CONFIG) if ctx is not None else None
    return value if isinstance(value, Path) else None


def plural(n: int, word: str, many: str | None = None) -> str:
    """``1 document``, ``2 documents`` (``many`` for an irregular plural)."""
    return f"{n:,} {word if n == 1 else many or word + 's'}"


def emit_json(data: JSON) -> None:
    click.echo(json_text(data))  # characters a terminal acts on as \u escapes


class UsageFailure(click.ClickException):
    """A usage error told in one line (no usage text): exit status 2."""

    exit_code = 2


def fail(message: str, *, usage: bool = False) -> NoReturn:
    """One clear line on stderr and exit status 1 (2 with ``usage``: the call itself was wrong)."""
    raise (UsageFailure if usage else click.ClickException)(message)


def open_corpus(path: Path | None, *, progress: bool | None = None, use_cache: bool = True) -> Corpus:
    """Load the corpus, with a rich progress bar on an interactive terminal."""
    show = sys.stderr.isatty() if progress is None else progress
    try:
        if not show:
            return load_corpus(path, use_cache=use_cache)
        with Progress(
            TextColumn("[bold]indexing"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            TextColumn("{task.description}", style="dim"),
            console=err_console,
            transient=True,
        ) as bar:
            task = bar.add_task("", total=None)

            def report(done: int, total: int, rel: str) -> None:
                bar.update(task, completed=done, total=total, description=rel[-40:])

            return load_corpus(path, use_cache=use_cache, progress=report)
    except CorpusNotFound as exc:
        fail(str(exc))
    except PermissionError as exc:
        fail(f"permission denied: {exc.filename or path}")


@contextmanager
def progress_bar(label: str, show: bool | None = None) -> Iterator[Callable[[int, int], None] | None]:
    """A transient progress bar on stderr (interactive terminals only): yields ``report(done, total)``."""
    if not (sys.stderr.isatty() if show is None else show):
        yield None
        return
    with Progress(
        TextColumn(f"[bold]{label}"),
        BarColumn(),
        TextColumn("{task.percentage:>3.0f}%"),
        TimeRemainingColumn(),
        console=err_console,
        transient=True,
    ) as bar:
        task = bar.add_task("", total=None)

        def report(done: int, total: int) -> None:
            bar.update(task, completed=done, total=max(total, 1))

        yield report


def find_document(corpus: Corpus, key: str) -> Document:
    try:
        return corpus.find(key)
    except KeyError as exc:
        fail(exc.args[0])


@contextmanager
def open_store(db_path: Path | None, *, read_only: bool = False) -> Iterator[AnnotationStore]:
    """The notes database for one command, closed after it; every store error is one clear line.

    Opening: a damaged file (kept untouched, with a copy), a file we may not
    read, a lock held too long. Inside the block: an unknown or ambiguous id, a
    write to a read-only store, an invalid value (colour, empty quote, filter),
    a failed write. Problems met while reading (records skipped) are warnings.
    """
    from annotations.errors import (
        AmbiguousId,
        CorruptDatabase,
        LockedError,
        NotADatabaseFile,
        NotFound,
        ReadOnlyError,
    )
    from annotations.store import AnnotationStore

    try:
        store = AnnotationStore(db_path, read_only=read_only)
    except NotADatabaseFile as exc:  # a folder: there is nothing doctor --repair could salvage
        fail(str(exc))
    except CorruptDatabase as exc:
        fail(f"{exc}. Run `reader doctor --repair` to salvage the readable notes into a fresh file.")
    except PermissionError as exc:
        fail(f"permission denied: {exc.filename or db_path}")
    except LockedError as exc:
        fail(f"the annotations database is busy: {exc}")
    except OSError as exc:  # e.g. a disk full while an older file is migrated
        fail(f"cannot open the annotations database: {exc.strerror or exc}")
    for problem in store.problems:
        err_console.print(f"[yellow]warning:[/] {escape(problem)}")
    try:
        yield store
    except LockedError as exc:
        fail(f"the annotations database is busy: {exc}")
    except (NotFound, AmbiguousId, ReadOnlyError, CorruptDatabase) as exc:
        fail(str(exc))
    except ValueError as exc:  # invalid colour, empty quote, bad filter …
        fail(str(exc))
    except BrokenPipeError:
        raise  # our reader went away (`reader notes | head`): not a database problem
    except OSError as exc:
        fail(f"cannot write the annotations database: {exc.strerror or exc}")
    finally:
        store.close()


def write_output(output: Path, data: bytes, force: bool) -> Path:
    """Write an export to ``output`` (never over an existing file without ``force``); say where."""
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
