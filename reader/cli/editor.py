"""Long text in the user's editor, as ``git commit`` does: ``$VISUAL``, then ``$EDITOR``, then ``vi``.

The text goes into a draft file, the editor runs on it and the caller reads
the result back. The draft stays on disk until the caller has saved what it
holds, so a failed save never loses what the user wrote (the message names
the draft).
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .common import fail
from .output import isatty

#: Where the editor command is read from, first set wins; ``vi`` otherwise.
EDITOR_ENV = ("VISUAL", "EDITOR")


def editor_command() -> list[str] | None:
    """The editor to run, or None when none is set and there is no terminal to run ``vi`` on."""
    for name in EDITOR_ENV:
        value = os.environ.get(name, "").strip()
        if value:
            try:
                return shlex.split(value)
            except ValueError:
                fail(f"cannot read ${name} ({value!r}): unbalanced quotes")
    # An explicitly chosen editor may be a script; vi needs a terminal.
    return ["vi"] if isatty(sys.stdin) and isatty(sys.stdout) else None


@dataclass(frozen=True, slots=True)
class Draft:
    """What came back from the editor, and the file holding it until it is saved."""

    text: str
    path: Path

    def discard(self) -> None:
        self.path.unlink(missing_ok=True)


def edit_text(text: str, *, suffix: str = ".md", hint: str = "give the text as an option") -> Draft:
    """Open the editor on ``text``; the edited text (final newlines dropped) and its draft file.

    Fails with one line when there is no editor to run, the editor cannot start
    or it exits with an error; ``hint`` says what to do instead.
    """
    argv = editor_command()
    if argv is None:
        fail(f"no terminal to open an editor on, and neither VISUAL nor EDITOR is set; {hint}")
    fd, name = tempfile.mkstemp(prefix="reader-", suffix=suffix)
    path = Path(name)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text + "\n" if text else "")
    try:
        status = subprocess.call([*argv, str(path)])
    except OSError as exc:
        path.unlink(missing_ok=True)
        fail(f"cannot run the editor {argv[0]!r}: {exc.strerror or exc}; {hint}")
    try:
        edited = path.read_text(encoding="utf-8").rstrip("\n")
    except (OSError, UnicodeDecodeError) as exc:
        fail(f"cannot read back the edited text from {path}: {exc}")
    if status != 0:
        if edited == text:
            path.unlink(missing_ok=True)
            fail(f"the editor {argv[0]!r} exited with status {status}; nothing saved")
        fail(f"the editor {argv[0]!r} exited with status {status}; nothing saved, your text is in {path}")
    return Draft(edited, path)
