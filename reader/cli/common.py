"""Shared CLI plumbing: corpus option, JSON output, progress and error lines."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Callable, TypeVar

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from corpus import Corpus, CorpusNotFound, load_corpus

F = TypeVar("F", bound=Callable[..., Any])

console = Console()
err_console = Console(stderr=True)


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


def emit_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def fail(message: str) -> None:
    """One clear line on stderr and a non-zero exit."""
    raise click.ClickException(message)


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
    raise AssertionError("unreachable")


def find_document(corpus: Corpus, key: str):
    try:
        return corpus.find(key)
    except KeyError as exc:
        fail(exc.args[0])
