"""``reader config path|show|init``: where the config lives, what the app reads, a starting file."""

from __future__ import annotations

import click
from rich.markup import escape

from .common import chosen_config, console, emit_json, fail, json_option
from .safety import echo


@click.group("config")
def config_group() -> None:
    """The config file: where it is, what it sets, a commented example.

    The TOML config holds the theme, keymap, keywords, watch words and user dictionary.
    """


@config_group.command("path")
@json_option
def config_path_cmd(as_json: bool) -> None:
    """Print where the config file lives (READER_CONFIG or `reader --config FILE` moves it)."""
    from corpus.paths import config_path

    path = chosen_config() or config_path()
    if as_json:
        emit_json({"path": str(path), "exists": path.is_file()})
    else:
        click.echo(str(path))


@config_group.command("init")
def config_init_cmd() -> None:
    """Write a commented example config where the app looks for it (never overwrites)."""
    from ..config import write_example

    try:
        path = write_example(chosen_config())
    except FileExistsError as exc:
        fail(f"{exc}; edit it, or remove it first")
    except OSError as exc:
        fail(f"cannot write the config: {exc.strerror or exc}")
    click.echo(str(path))


@config_group.command("show")
@json_option
def config_show_cmd(as_json: bool) -> None:
    """Print the settings the app will use (defaults filled in) and any problems."""
    from ..config import load_config, unknown_theme

    config, warnings = load_config(chosen_config())
    if (theme_warning := unknown_theme(config.theme)) is not None:
        warnings.append(theme_warning)
    data = config.to_dict()
    if as_json:
        emit_json({**data, "warnings": warnings})
        return
    for key, value in data.items():
        console.print(f"[bold]{key}[/]: {escape(str(value))}", highlight=False)
    for warning in warnings:
        echo(f"warning: {warning}", err=True)
