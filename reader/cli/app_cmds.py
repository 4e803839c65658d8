"""``reader open [PATH]``: the Textual app (also what a bare ``reader PATH`` runs)."""

from __future__ import annotations

import os
from pathlib import Path

import click

from .common import fail


@click.command("open", hidden=True)
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option("--db", type=click.Path(path_type=Path), envvar="READER_DB", help="Annotation database file.")
@click.option(
    "--config", "config", type=click.Path(path_type=Path), envvar="READER_CONFIG", help="Config file (TOML)."
)


def open_app(path: Path | None, db: Path | None, config: Path | None) -> None:
    """Open the reading app on PATH (default: the bundled samples)."""
    if path is not None and not path.exists():
        fail(f"no such file or folder: {path}")
    if config is not None:
        # Every part (the keyword engine's words.txt too) looks next to this config.
        os.environ["READER_CONFIG"] = str(config)
    from ..app import ReaderApp  # textual loads only when the app runs

    ReaderApp(corpus_path=path, db_path=db, config_path=config).run()
