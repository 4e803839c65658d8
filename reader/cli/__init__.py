"""The ``reader`` command: ``reader [PATH]`` opens the app; subcommands script it.

Every subcommand is the scriptable twin of an app action and takes ``--json``.
Command groups live in their own modules and register themselves here.
"""

from __future__ import annotations

import sys

import click



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


def _register() -> None:
    # Imported here so each command module can import ``cli`` helpers freely.
    from . import app_cmds, corpus_cmds

    for module in (app_cmds, corpus_cmds):
        module.register(cli)
    for name in ("keyword_cmds", "notes_cmds", "export_cmds", "config_cmds"):
        try:
            module = __import__(f"{__name__}.{name}", fromlist=["register"])
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{name}":
                raise
            continue  # that command group is not built yet
        module.register(cli)


_register()


def main() -> None:
    try:
        cli(prog_name="reader")
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)
