"""The ``reader`` command: ``reader [PATH]`` opens the app; subcommands script it.

Every subcommand is the scriptable twin of an app action and takes ``--json``.

How a command is built (follow this for a new one):

* one module per group of commands, ``reader/cli/<topic>_cmds.py``, whose
  commands are module-level ``@click.command("name")`` (or ``@click.group``)
  functions, so each can be imported and invoked on its own in a test;
* shared plumbing comes from :mod:`reader.cli.common`: ``corpus_option``,
  ``json_option``, ``db_option``, ``open_corpus``, ``open_store`` (the one way
  to open the notes database), ``fail`` (one clear line, non-zero exit);
* the command is imported below and listed in :data:`COMMANDS`.

Heavy imports (textual, jieba) happen inside a command's body, so
``reader list`` never pays for the app.
"""

from __future__ import annotations

import sys

import click

from .app_cmds import open_app
from .config_cmds import config_group
from .corpus_cmds import index_cmd, list_cmd, show_cmd
from .export_cmds import export_cmd, import_cmd
from .keyword_cmds import keywords_cmd
from .notes_cmds import doctor_cmd, note_group, notes_cmd, tags_group
from .search_cmds import search_cmd


class ReaderGroup(click.Group):
    """``reader PATH`` and ``reader`` mean ``reader open [PATH]``."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "-h", "--version")):
            args = ["open", *args]
        return super().parse_args(ctx, args)


@click.group(cls=ReaderGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="reader", prog_name="reader")
def cli() -> None:
    """Read and annotate Chinese text corpora in the terminal.

    Run `reader [PATH]` to open the app on a folder or file (default: the bundled
    samples), or one of the commands below.
    """


#: Every subcommand of ``reader`` (``--help`` lists them by name).
COMMANDS: tuple[click.Command, ...] = (
    open_app,
    # the corpus
    list_cmd,
    show_cmd,
    index_cmd,
    keywords_cmd,
    search_cmd,
    # notes
    notes_cmd,
    note_group,
    tags_group,
    doctor_cmd,
    export_cmd,
    import_cmd,
    # settings
    config_group,
)

for _command in COMMANDS:
    cli.add_command(_command)


def main() -> None:
    try:
        cli(prog_name="reader")
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)
