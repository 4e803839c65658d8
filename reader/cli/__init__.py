"""The ``reader`` command: ``reader [PATH]`` opens the app; subcommands script it.

Every subcommand is the scriptable twin of an app action and takes ``--json``.

How a command is built (follow this for a new one):

* one module per group of commands, ``reader/cli/<topic>_cmds.py``, whose
  commands are module-level ``@click.command("name")`` (or ``@click.group``)
  functions, so each can be imported and invoked on its own in a test;
* shared plumbing comes from :mod:`reader.cli.common`: ``corpus_option``,
  ``json_option``, ``db_option``, ``open_corpus``, ``open_store`` (the one way
  to open the notes database), ``fail`` (one clear line, non-zero exit),
  ``console``/``err_console`` (the only way to print with rich), ``plural``;
  long output on a terminal goes through ``with paged():`` (plus ``@pager_option``);
* the command is imported below and listed in :data:`COMMANDS`.

The group gives every command the same conventions without the command doing
anything (:func:`apply_conventions`): ``--color``/``--no-color``, a summary in
``reader --help`` that is a whole sentence, ``--db``/``--config`` given before
the command, a quiet exit when the reader of a pipe goes away.

Heavy imports (textual, jieba) happen inside a command's body, so
``reader list`` never pays for the app.
"""

from __future__ import annotations

import difflib
import os
import sys
from pathlib import Path
from typing import Any

import click
from click.shell_completion import CompletionItem

from .. import DIST_NAME
from .analysis_cmds import collocates_cmd, entities_cmd, keyness_cmd, kwic_cmd, ngrams_cmd, trend_cmd
from .app_cmds import open_app
from .common import GROUP_CONFIG, GROUP_DB, db_option
from .config_cmds import config_group
from .corpus_cmds import index_cmd, list_cmd, show_cmd
from .define_cmds import define_cmd
from .export_cmds import export_cmd, import_cmd
from .glossary_cmds import glossary_group
from .keyword_cmds import keywords_cmd
from .notes_cmds import doctor_cmd, note_group, notes_cmd, tags_group
from .output import EXIT_BROKEN_PIPE, color_options, configure_output, pager_option, quiet_broken_pipe
from .safety import guarded_stdout
from .search_cmds import search_cmd
from .vocab_cmds import vocab_group


def looks_like_path(word: str) -> bool:
    """Whether the first word means ``reader PATH`` rather than a (mistyped) command.

    It does when it exists, or has a path's shape: a separator, a dot (``.``,
    ``~/x``, ``notes.txt``) or a leading ``~``. Command names have none of these.
    """
    if not word or word.startswith("-"):
        return False
    return any(c in word for c in "/.~" + os.sep) or Path(word).exists()


class ReaderGroup(click.Group):
    """``reader PATH`` (and ``reader`` alone) open the app; anything else is a normal click group.

    The first word is a command when it names one, a PATH when it looks like
    one (:func:`looks_like_path`), and otherwise an error with a suggestion
    (``reader lsit`` → did you mean "list"?). Completion offers the commands,
    and files once the word cannot be a command.
    """

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        # Each run starts from the default output settings; --color/--no-color refine them.
        configure_output("auto")
        ctx.call_on_close(lambda: configure_output("auto"))
        return super().parse_args(ctx, args)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        word = args[0]
        if self.get_command(ctx, word) is None:
            if looks_like_path(word):
                return "open", open_app, args
            if not word.startswith("-") and not ctx.resilient_parsing:
                raise click.UsageError(unknown_command(word, self.visible_names(ctx)), ctx)
        return super().resolve_command(ctx, args)

    def visible_names(self, ctx: click.Context) -> list[str]:
        return [n for n in self.list_commands(ctx) if not getattr(self.get_command(ctx, n), "hidden", True)]

    def shell_complete(self, ctx: click.Context, incomplete: str) -> list[CompletionItem]:
        items = super().shell_complete(ctx, incomplete)
        if not incomplete.startswith("-") and (not items or looks_like_path(incomplete)):
            items.append(CompletionItem(incomplete, type="file"))  # the shell completes the path
        return items

    def invoke(self, ctx: click.Context) -> Any:  # Any: whatever the command returns (click's signature)
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()  # a broken pipe shows up here when the output was buffered
        except BrokenPipeError:
            quiet_broken_pipe()
            ctx.exit(EXIT_BROKEN_PIPE)
        return result


def unknown_command(word: str, names: list[str]) -> str:
    close = difflib.get_close_matches(word, names, n=3, cutoff=0.6)
    if close:
        return f'no such command "{word}"; did you mean ' + " or ".join(f'"{c}"' for c in close) + "?"
    return (f'no such command or file "{word}" (the commands are listed by `reader --help`; '
            f"open a folder with `reader ./{word}`)")


@click.group(
    cls=ReaderGroup,
    invoke_without_command=True,
    subcommand_metavar="[PATH | COMMAND [ARGS]...]",
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(package_name=DIST_NAME, prog_name="reader")
@db_option
@click.option("--config", "config", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Config file (TOML) for this run (default: $READER_CONFIG or the user config dir).")
@pager_option
@click.pass_context
def cli(ctx: click.Context, db_path: Path | None, config: Path | None) -> None:
    """Read and annotate Chinese text corpora in the terminal.

    `reader [PATH]` opens the app on a folder or file (default: the bundled
    samples); a command scripts it. Options before the command apply to it:
    `reader --db notes.json notes`.
    """
    if db_path is not None:
        ctx.meta[GROUP_DB] = db_path
    if config is not None:
        from corpus.text.userdict import use_config_dir

        ctx.meta[GROUP_CONFIG] = config.expanduser()
        # The user dictionary's default words.txt lives next to the config.
        use_config_dir(config.expanduser().parent)
        ctx.call_on_close(lambda: use_config_dir(None))
    if ctx.invoked_subcommand is None:
        ctx.invoke(open_app, path=None, db_path=db_path, config=config)


#: Every subcommand of ``reader`` (``--help`` lists them by name).
COMMANDS: tuple[click.Command, ...] = (
    open_app,
    # the corpus
    list_cmd,
    show_cmd,
    index_cmd,
    keywords_cmd,
    search_cmd,
    # analysis
    kwic_cmd,
    collocates_cmd,
    ngrams_cmd,
    trend_cmd,
    entities_cmd,
    keyness_cmd,
    # notes
    notes_cmd,
    note_group,
    tags_group,
    doctor_cmd,
    export_cmd,
    import_cmd,
    # the dictionary
    define_cmd,
    glossary_group,
    vocab_group,
    # settings
    config_group,
)

def summary(command: click.Command) -> str:
    """The first paragraph of a command's help, whole (click would cut it at the width)."""
    text = (command.help or "").split("\n\n", 1)[0]
    return " ".join(text.split()).removesuffix(".")


def apply_conventions(command: click.Command) -> None:
    """What every command gets from the group: --color/--no-color and a whole summary."""
    taken = {opt for p in command.params for opt in getattr(p, "opts", [])}
    command.params.extend(o for o in color_options() if not set(o.opts) & taken)
    if command.short_help is None and command.help:
        command.short_help = summary(command)
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            apply_conventions(sub)


for _command in COMMANDS:
    cli.add_command(_command)
apply_conventions(cli)


def main() -> None:
    try:
        with guarded_stdout():  # a full disk or closed pipe on stdout: one line, the right status
            cli(prog_name="reader")
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)
