"""Copy text to the user's clipboard from the app.

Textual's ``App.copy_to_clipboard`` sends an OSC 52 escape sequence, which most
terminals (and tmux with ``set-clipboard on``) turn into a clipboard write,
also over SSH. Some terminals ignore it (macOS Terminal), so on a local
desktop a native tool (wl-copy, xclip, xsel, pbcopy) is tried as well.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from typing import Protocol

#: Native clipboard commands, in order of preference, with the environment they need.
_TOOLS: tuple[tuple[list[str], str | None], ...] = (
    (["wl-copy"], "WAYLAND_DISPLAY"),
    (["xclip", "-selection", "clipboard"], "DISPLAY"),
    (["xsel", "--clipboard", "--input"], "DISPLAY"),
    (["pbcopy"], None),
)


class _App(Protocol):
    @property
    def is_headless(self) -> bool: ...

    def copy_to_clipboard(self, text: str) -> None: ...


def native_command() -> list[str] | None:
    """The first native clipboard tool usable here, or None."""
    for command, env in _TOOLS:
        if command[0] == "pbcopy" and sys.platform != "darwin":
            continue
        if env is not None and not os.environ.get(env):
            continue
        if shutil.which(command[0]):
            return command
    return None


def copy_text(app: _App, text: str) -> str:
    """Copy ``text``; returns a short message for a notification."""
    app.copy_to_clipboard(text)
    message = f"Copied {len(text)} characters"
    if not app.is_headless:  # tests run headless: never touch the real clipboard
        command = native_command()
        if command is not None:
            try:
                subprocess.run(command, input=text.encode("utf-8"), timeout=2, check=True, capture_output=True)
            except (OSError, subprocess.SubprocessError) as exc:
                # OSC 52 was sent already; say the native tool failed, in case it mattered.
                message += f" (terminal clipboard only: {command[0]} failed: {type(exc).__name__})"
    return message
