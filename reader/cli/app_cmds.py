"""``reader open [PATH]``: the Textual app (also what a bare ``reader PATH`` runs)."""

from __future__ import annotations

from pathlib import Path

import click

from .common import fail


@click.command("open", hidden=True)
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option("--db", type=click.Path(path_type=Path), help="Annotation database file.")
@click.option("--config", "config", type=click.Path(path_type=Path), help="Config file (TOML).")
def open_app(path: Path | None, db: Path | None, config: Path | None) -> None:
    """Open the reading app on PATH (default: the bundled samples)."""
    if path is not None and not path.exists():
        fail(f"no such file or folder: {path}")
    if config is not None:
        from corpus.text.userdict import use_config_dir

        # The user dictionary's default words.txt lives next to this config.
        use_config_dir(config.expanduser().parent)
    from ..app import ReaderApp  # textual loads only when the app runs

    ReaderApp(corpus_path=path, db_path=db, config_path=config).run()
