"""``reader open [PATH]``: the Textual app (also what a bare ``reader PATH`` runs)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .common import chosen_config, db_option, fail
from .output import isatty


def has_terminal() -> bool:
    """The app reads keys from stdin and draws on stdout: both must be a terminal."""
    return isatty(sys.stdin) and isatty(sys.stdout)


@click.command("open", hidden=True)
@click.argument("path", required=False, type=click.Path(path_type=Path))
@db_option
@click.option("--config", "config", type=click.Path(path_type=Path, dir_okay=False), help="Config file (TOML).")
def open_app(path: Path | None, db_path: Path | None, config: Path | None) -> None:
    """Open the reading app on PATH (default: the bundled samples)."""
    if path is not None and not path.expanduser().exists():
        fail(f"no such file or folder: {path}")
    path = path.expanduser() if path is not None else None
    if not has_terminal():
        fail("the app needs a terminal (stdin and stdout); to script reader use its commands "
             "(`reader --help`)", usage=True)
    config = config or chosen_config()
    if config is not None:
        from corpus.text.userdict import use_config_dir

        # The user dictionary's default words.txt lives next to this config (for this run).
        use_config_dir(config.expanduser().parent)
        click.get_current_context().call_on_close(lambda: use_config_dir(None))
    from ..app import ReaderApp  # textual loads only when the app runs

    ReaderApp(corpus_path=path, db_path=db_path, config_path=config).run()
