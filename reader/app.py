"""The Textual application: thin; screens mediate, widgets talk upward by messages.

The app holds what outlives a screen: the config, the reading state, the
annotation controller (``app.notes``), the keymap. It paints the main
screen at once; the corpus, jieba and keywords load in workers.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Sequence
from pathlib import Path

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import Provider
from textual.filter import LineFilter
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.timer import Timer

from .config import ConfigError, load_config, save_theme
from .keymap import apply_keymap
from .notes_session import NotesSession
from .screens.main import MainScreen
from .shown import ControlFilter, shown
from .state import State

#: What the notes say until their store is open (a moment after the first frame).
OPENING = "the notes database is still opening; try again in a moment"


def reader_commands() -> type[Provider]:
    """The palette's provider of the reader's actions and documents (imported when the palette opens)."""
    from .commands import ReaderCommands

    return ReaderCommands


class ReaderApp(App[None]):
    """Read and annotate a Chinese text corpus."""

    TITLE = "reader"
    #: Seconds after the last theme change before it is written to the config
    #: (the theme picker previews themes as the user moves through them).
    THEME_SAVE_DELAY = 2.0
    CSS_PATH = Path(__file__).with_name("reader.tcss")  # absolute: subclasses may live anywhere
    COMMANDS = App.COMMANDS | {reader_commands}
    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit", tooltip="Quit reader (your place is remembered)"),
        Binding("question_mark", "help", "Help", id="app.help", tooltip="All keys, generated from the bindings"),
        Binding("ctrl+t", "change_theme", "Theme", show=False, id="app.theme", tooltip="Pick a colour theme"),
    ]

    def __init__(
        self,
        corpus_path: Path | None = None,
        db_path: Path | None = None,
        config_path: Path | None = None,
    ) -> None:
        # What is loaded by now (Textual, the app's modules) lives as long as the process: a
        # full collection during start-up scans it all (~15 ms in the first frame). Frozen
        # until the first document is painted (``after_first_document``) or the app ends.
        gc.freeze()
        super().__init__()
        self.corpus_path = corpus_path
        self.db_path = db_path
        self.config, self.startup_warnings = load_config(config_path)
        if self.config.user_dictionary is not None:
            apply_user_dictionary(self.config.user_dictionary, self.startup_warnings)
        self.state = State.load()
        if self.state.warning:
            self.startup_warnings.append(self.state.warning)
        self.keymap: dict[str, str] = {}
        #: The notes session; its store opens in a worker after the first frame.
        self.notes = NotesSession(None, problem=OPENING)
        self._theme_ready = False
        self._theme_timer: Timer | None = None
        self._state_error_shown = False
        self._process_helper_started = False
        self._control_filter = ControlFilter()

    # -- start-up ----------------------------------------------------------

    def on_mount(self) -> None:
        self.keymap = dict(self.config.keymap)
        self.startup_warnings.extend(apply_keymap(self, self.keymap))
        if self.config.theme:
            if self.config.theme in self.available_themes:
                self.theme = self.config.theme
            else:
                self.startup_warnings.append(f"config: unknown theme {self.config.theme!r}; using {self.theme}")
        self._theme_ready = True
        self.push_screen(MainScreen(self.corpus_path, self))
        for warning in self.startup_warnings:
            self.notify(warning, title="reader", severity="warning", timeout=12)

    def after_first_document(self) -> None:
        """Called by the main screen once the first document is painted (or there is none):
        open the notes store in a worker (a damaged file's dialog shows above the main
        screen) and start the keyword engine's process helper."""
        from .screens.db_error import open_notes

        gc.unfreeze()
        open_notes(self, self.notes, self.db_path)
        self.ensure_process_helper()

    def ensure_process_helper(self) -> None:
        """Start the keyword engine's process helper once, before any worker process (main thread)."""
        if self._process_helper_started:
            return
        self._process_helper_started = True
        problem = start_process_helper()
        if problem:
            self.log.warning(problem)

    def on_unmount(self) -> None:
        gc.unfreeze()  # closed before a first document (an error, a test)

    def watch_theme(self, theme: str) -> None:
        # Remember a theme picked in the app (ctrl+t / palette) in the config, once the
        # picker settles: it previews themes as the user moves through them.
        if not self._theme_ready or theme == self.config.theme:
            return
        if self._theme_timer is not None:
            self._theme_timer.stop()
        self._theme_timer = self.set_timer(self.THEME_SAVE_DELAY, self._save_theme)

    def _save_theme(self) -> None:
        if self.theme == self.config.theme:
            return
        self.config.theme = self.theme
        try:
            save_theme(self.theme, self.config.path)
        except (ConfigError, OSError, TimeoutError) as exc:
            self.notify(f"Theme not saved: {exc}", severity="warning")

    # -- state -------------------------------------------------------------

    def save_state(self) -> None:
        try:
            self.state.save()
        except (OSError, TimeoutError) as exc:
            # Saved every few seconds: say it once, not every time.
            if not self._state_error_shown:
                self._state_error_shown = True
                self.notify(f"Could not save the reading position: {exc}", severity="error", timeout=15)
        else:
            self._state_error_shown = False

    async def action_quit(self) -> None:
        if isinstance(self.screen, MainScreen):
            self.screen.remember_position()
        self.save_state()
        self.exit()

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = False) -> None:
        """A notification, always as plain text: messages carry file names, document text and what
        the user typed, and Textual would parse them as markup (``[/b]`` in a title crashed the app);
        and they may hold escape sequences (:func:`~reader.shown.shown`)."""
        super().notify(shown(message), title=shown(title), severity=severity, timeout=timeout, markup=False)

    def get_line_filters(self) -> Sequence[LineFilter]:
        """Textual's filters, then :class:`~reader.shown.ControlFilter`: no control character
        from data reaches the terminal, whichever widget draws it."""
        return [*super().get_line_filters(), self._control_filter]

    # -- screens -----------------------------------------------------------

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen, self.keymap))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Help", "All keys, generated from the bindings", self.action_help)


def start_process_helper() -> str | None:
    """Start multiprocessing's resource tracker while it can see a real stderr.

    The keyword engine segments large corpora in worker processes. Starting them
    starts the tracker, which inherits ``sys.stderr``'s file descriptor — but
    inside Textual ``sys.stderr`` is a capture without one, and the pool fails
    ("bad value(s) in fds_to_keep"). Done once, on the main thread, after the
    first paint; the tracker then stays up and later pools reuse it.
    """
    import sys
    from multiprocessing import resource_tracker

    real = sys.__stderr__
    if real is None:
        return "no stderr: worker processes may be unavailable"
    captured = sys.stderr
    sys.stderr = real
    try:
        resource_tracker.ensure_running()
    except OSError as exc:  # no subprocesses here: the engine segments in this process instead
        return f"cannot start worker processes: {exc}"
    finally:
        sys.stderr = captured
    return None


def apply_user_dictionary(path: Path, warnings: list[str]) -> None:
    """Point the segmenter at the config's words file (read when jieba starts, in a worker)."""
    from corpus.text.userdict import set_user_dict_path

    if not path.is_file():
        warnings.append(f"config: user_dictionary {path} does not exist; using the default words file")
        return
    set_user_dict_path(path)


