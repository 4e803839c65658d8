"""What the CLI prints is always sanitised, and a failure to print it is one line.

Documents, file names, notes and tags are untrusted; nothing from them may
drive the terminal. Every way the CLI writes goes through here:

* :class:`SafeConsole` (the base of ``output.ReaderConsole``, so of
  ``console`` and ``err_console``) is a rich console that passes every string
  it renders, and every text segment it prints, through
  ``corpus.sanitize.printable``; rich's own styling is kept (it is not in the
  text). So tables, trees and ``console.print`` of anything are safe wherever
  they are built;
* :func:`echo` is ``click.echo`` of sanitised text, :func:`json_text` the JSON
  every ``--json`` prints (unsafe characters as ``\\u`` escapes, data unchanged);
* :func:`guarded_stdout` (around the whole command in ``reader.cli.main``)
  turns a failed write to stdout — a full disk (``> /dev/full``), an I/O
  error, a closed pipe (``| head``) — into :class:`OutputError`, which no
  command mistakes for a failure of its own (the notes database, an export
  file), and then into one line on stderr and the exit status.
"""

from __future__ import annotations

import errno
import io
import json
import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import click
from rich.console import Console, ConsoleOptions, ConsoleRenderable, RenderableType, RenderHook, RenderResult
from rich.markup import escape
from rich.segment import Segment

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

    from corpus.jsontypes import JSON
from rich.text import Text

from corpus.sanitize import json_safe, printable

#: Exit status after a failure to write stdout other than a closed pipe (``output.EXIT_BROKEN_PIPE``).
EXIT_OUTPUT_ERROR = 1


class _Sanitized:
    """A renderable drawn as ``inner`` is, with control characters dropped from every text segment.

    The backstop behind :meth:`SafeConsole.render_str` for ``Text`` objects
    built directly. Segment by segment: rich splits text by style, and a
    sequence never runs on into a neighbour (a table border). Segments that are
    rich's own controls (the cursor movements of a progress bar) are kept.
    """

    def __init__(self, inner: RenderableType) -> None:
        self.inner = inner

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for segment in console.render(self.inner, options):
            if segment.control:
                yield segment
                continue
            text = printable(segment.text)
            yield segment if text == segment.text else Segment(text, segment.style)


class SanitizeHook(RenderHook):
    """Wraps everything a console prints in :class:`_Sanitized`."""

    def process_renderables(self, renderables: list[ConsoleRenderable]) -> list[ConsoleRenderable]:
        return [_Sanitized(r) for r in renderables]


class SafeConsole(Console):
    """A rich console that prints no escape sequence or control character from data.

    Every string rich turns into text (``print`` arguments, table cells, tree
    labels, progress descriptions) goes through :meth:`render_str`, which
    sanitises it whole before markup is parsed: rich itself drops BEL and CR
    there, which would cut an OSC's terminator off and leave its payload as
    debris. A render hook then checks every segment (``Text`` built directly).
    Construct it with any of ``Console``'s options.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:  # Any: Console's options, passed on
        super().__init__(*args, **kwargs)
        self.push_render_hook(SanitizeHook())

    def render_str(self, text: str, **kwargs: Any) -> Text:  # Any: Console.render_str's options
        return super().render_str(printable(text), **kwargs)


def echo(text: str = "", *, err: bool = False, nl: bool = True) -> None:
    """``click.echo`` of sanitised text."""
    click.echo(printable(text), err=err, nl=nl)


def json_text(data: JSON) -> str:
    """``data`` as indented JSON (Chinese as is) that is safe to print."""
    return json_safe(json.dumps(data, ensure_ascii=False, indent=2))


#: Characters printed at a time from one long block (a 45 MB one-line document is one block).
CHUNK = 1 << 16


def print_block(console: Console, text: str, style: str) -> None:
    """One block of document text on a terminal: wrapped by rich if short, else streamed.

    Rich lays a paragraph out whole (cells, line breaks) before printing it:
    fine for a paragraph, minutes and gigabytes for a 45 MB line. A long block
    is written as plain text in pieces, and the terminal wraps it.
    """
    if len(text) <= CHUNK:
        console.print(escape(text), style=style)
        return
    console.file.flush()
    write_plain(text[start : start + CHUNK] for start in range(0, len(text), CHUNK))
    console.print()


def write_plain(chunks: Iterable[str]) -> None:
    """Write text to stdout piece by piece, sanitised, with no styling or wrapping."""
    out = sys.stdout
    for chunk in chunks:
        out.write(printable(chunk))
    out.flush()


class OutputError(Exception):
    """Writing to stdout failed (not an ``OSError``: no command handles it as its own)."""

    def __init__(self, cause: OSError) -> None:
        super().__init__(cause.strerror or str(cause))
        self.errno = cause.errno
        self.strerror = cause.strerror or str(cause)


class _StdoutFile(io.RawIOBase):
    """File descriptor 1, raising :class:`OutputError` when a write fails."""

    def __init__(self, fd: int) -> None:
        super().__init__()
        self._fd = fd

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._fd

    def isatty(self) -> bool:
        return os.isatty(self._fd)

    def write(self, data: ReadableBuffer) -> int:
        try:
            return os.write(self._fd, data)
        except OSError as exc:
            raise OutputError(exc) from None


@contextmanager
def guarded_stdout() -> Iterator[None]:
    """Run a command with stdout's write failures as :class:`OutputError`, reported as one line.

    A closed pipe is silent (the reader of the pipe has all it wanted) and exits
    with ``output.EXIT_BROKEN_PIPE``; any other failure prints
    ``reader: cannot write to standard output: <why>`` and exits with
    :data:`EXIT_OUTPUT_ERROR`.
    """
    old = sys.stdout
    try:
        fd = old.fileno()
    except (AttributeError, OSError, ValueError):
        yield  # not a real file (a test runner's capture): nothing to guard
        return
    try:
        old.flush()
    except OSError as exc:
        raise OutputError(exc) from None
    stream = io.TextIOWrapper(
        io.BufferedWriter(_StdoutFile(fd)),
        encoding=old.encoding,
        errors=old.errors,
        line_buffering=bool(old.line_buffering),
    )
    sys.stdout = stream
    try:
        try:
            yield
        finally:  # also when click ends the command with SystemExit
            stream.flush()
    except OutputError as exc:
        from .output import EXIT_BROKEN_PIPE, quiet_broken_pipe  # output builds on this module

        sys.stdout = old
        quiet_broken_pipe()  # fd 1 to /dev/null: the interpreter's last flush cannot fail again
        if exc.errno != errno.EPIPE:
            click.echo(f"reader: cannot write to standard output: {exc.strerror}", err=True)
        sys.exit(EXIT_BROKEN_PIPE if exc.errno == errno.EPIPE else EXIT_OUTPUT_ERROR)
    finally:
        sys.stdout = old
