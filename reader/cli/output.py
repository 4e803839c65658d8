"""How the CLI writes to the terminal: colour, wrapping and the pager, decided in one place.

* Colour: ``--color auto|always|never`` (``--no-color`` is ``never``), accepted
  before any command (``reader --no-color list``) and after it
  (``reader list --no-color``). ``auto`` colours a terminal only and honours
  ``NO_COLOR`` (https://no-color.org: no colour, bold and underline stay);
  ``never`` writes no escape sequence at all; ``always`` colours a pipe too and
  wins over ``NO_COLOR`` (a flag beats the environment).
* Wrapping: output that is not a terminal is never wrapped, so
  ``reader show ID | grep phrase`` sees whole lines.
* Pager: :func:`paged` sends a command's output through ``$READER_PAGER`` or
  ``$PAGER`` (default ``less`` with ``LESS=FRX``, as git does) when stdout is a
  terminal; ``--no-pager`` (on the command or before it) turns it off.

The two consoles, :data:`console` (stdout) and :data:`err_console` (stderr),
are the only ones the commands use; the group re-reads the settings for each
invocation, so every command follows them without doing anything.
"""

from __future__ import annotations

import errno
import os
import shlex
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Literal, TextIO, TypedDict, TypeVar, cast

import click
from rich.pager import Pager

from .safety import SafeConsole

F = TypeVar("F", bound=Callable[..., Any])  # any command function (click passes its options by name)

ColorMode = Literal["auto", "always", "never"]
COLOR_MODES: tuple[ColorMode, ...] = ("auto", "always", "never")

#: Where the pager choice is read from, first set wins (an empty value or ``cat``: no pager).
PAGER_ENV = ("READER_PAGER", "PAGER")
#: git's defaults for less: quit if one screen, keep colours, do not clear the screen.
PAGER_DEFAULT_ENV = {"LESS": "FRX", "LV": "-c"}

_NO_PAGER = "reader.no_pager"

#: The layout width of tables and trees written into a pipe or file (text is never wrapped).
PIPE_WIDTH = 1000

COLOR_HELP = "Colour the output: auto (on a terminal, unless NO_COLOR is set), always, never."


def isatty(stream: TextIO | None) -> bool:
    """Whether ``stream`` is a terminal (a closed or missing stream is not)."""
    try:
        return stream is not None and stream.isatty()
    except (ValueError, OSError):
        return False


class ConsoleSettings(TypedDict, total=False):
    """The options of rich's ``Console`` that ``--color`` and the stream decide."""

    stderr: bool
    soft_wrap: bool
    width: int
    force_terminal: bool
    force_interactive: bool
    no_color: bool
    color_system: None


def _settings(stderr: bool, color: ColorMode) -> ConsoleSettings:
    tty = isatty(sys.stderr if stderr else sys.stdout)
    # No wrapping into a pipe or file: a line of text stays one line for grep, and tables and
    # trees get room instead of rich's 80 columns (or a $COLUMNS that only describes some
    # terminal: test runners and CI set it for processes that have none).
    settings: ConsoleSettings = {"stderr": stderr, "soft_wrap": not tty}
    if not tty:
        settings["width"] = PIPE_WIDTH
    if color == "always":
        settings.update({"force_terminal": True, "force_interactive": tty, "no_color": False})
    elif color == "never":
        settings.update({"color_system": None, "no_color": True})
    return settings


#: The exit status after the reader of our output went away (``reader list | head``):
#: 128 + SIGPIPE, what the shell reports for git, cat or yes in the same place.
EXIT_BROKEN_PIPE = 141


def quiet_broken_pipe() -> None:
    """Point stdout at /dev/null so the interpreter's last flush cannot complain again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real file behind stdout (a test runner): nothing to flush
        pass


class ReaderConsole(SafeConsole):
    """A rich console on stdout or stderr whose colour and wrapping follow the run's settings.

    The stream itself is looked up on every write (rich's default), so a test
    runner's captured streams work; :meth:`configure` looks again at whether
    it is a terminal.
    """

    def __init__(self, *, stderr: bool = False, color: ColorMode = "auto") -> None:
        super().__init__(**_settings(stderr, color))

    def configure(self, color: ColorMode) -> None:
        """Apply ``--color`` and re-check the stream (rich settles both when a console is made)."""
        SafeConsole.__init__(self, **_settings(self.stderr, color))  # the sanitizer comes back too

    def on_broken_pipe(self) -> None:
        # rich's default exits with status 1 on the spot; the group decides instead (quietly, 141).
        self.quiet = True
        raise BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE))


console = ReaderConsole()
err_console = ReaderConsole(stderr=True)


def configure_output(color: ColorMode) -> None:
    """Colour (and wrapping, from whether each stream is a terminal) for both consoles."""
    console.configure(color)
    err_console.configure(color)


def _color_callback(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if value is not None and not ctx.resilient_parsing:
        configure_output(cast(ColorMode, value))


def _no_color_callback(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        configure_output("never")


def color_options() -> list[click.Option]:
    """``--color WHEN`` and ``--no-color``: added to the group and to every command by the group."""
    return [
        click.Option(
            ["--color"],
            type=click.Choice(COLOR_MODES),
            default=None,
            expose_value=False,
            callback=_color_callback,
            help=COLOR_HELP,
        ),
        click.Option(
            ["--no-color"],
            is_flag=True,
            expose_value=False,
            callback=_no_color_callback,
            help="The same as --color never.",
        ),
    ]


def _no_pager_callback(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value:
        ctx.meta[_NO_PAGER] = True


def pager_option(func: F) -> F:
    """``--no-pager``, for the group and for a command whose output goes through :func:`paged`."""
    return click.option(
        "--no-pager",
        is_flag=True,
        expose_value=False,
        callback=_no_pager_callback,
        help="Print straight to the terminal instead of through $PAGER.",
    )(func)


def pager_command() -> list[str] | None:
    """The pager to run (``$READER_PAGER``, ``$PAGER``, else ``less``), or None for none."""
    for name in PAGER_ENV:
        if name in os.environ:
            value = os.environ[name].strip()
            break
    else:
        # Like git: no default pager on a dumb terminal.
        value = "" if os.environ.get("TERM") == "dumb" else "less"
    if not value or value == "cat":
        return None
    try:
        argv = shlex.split(value)
    except ValueError:
        err_console.print(f"warning: cannot read the pager command {value!r}; printing directly", markup=False)
        return None
    if not argv:
        return None
    if shutil.which(argv[0]) is None:
        err_console.print(f"warning: pager {argv[0]!r} not found; printing directly", markup=False)
        return None
    return argv


class CommandPager(Pager):
    """Shows rich's captured output in an external pager, as git does."""

    def __init__(self, argv: list[str]) -> None:
        self.argv = argv

    def show(self, content: str) -> None:
        env = {**PAGER_DEFAULT_ENV, **os.environ}
        encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
        try:
            proc = subprocess.Popen(self.argv, stdin=subprocess.PIPE, env=env)
        except OSError as exc:
            err_console.print(f"warning: cannot run the pager ({exc.strerror or exc}); printing directly",
                              markup=False)
            sys.stdout.write(content)
            return
        # The pager owns the terminal until it quits: Ctrl-C is its (less uses it to stop a
        # search), and quitting early is not an error (communicate ignores the broken pipe).
        with _ignoring_sigint():
            proc.communicate(content.encode(encoding, errors="replace"))


@contextmanager
def _ignoring_sigint() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def pager_wanted() -> bool:
    """Page only a terminal, and only when no ``--no-pager`` was given in this invocation."""
    ctx = click.get_current_context(silent=True)
    if ctx is not None and ctx.meta.get(_NO_PAGER):
        return False
    return isatty(sys.stdout)


@contextmanager
def paged() -> Iterator[None]:
    """Everything printed on :data:`console` inside goes through the pager (on a terminal)."""
    argv = pager_command() if pager_wanted() else None
    if argv is None:
        yield
        return
    with console.pager(pager=CommandPager(argv), styles=True):
        yield
