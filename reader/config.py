"""The user's TOML config: theme, keymap, keywords, watch words, user dictionary.

Reading uses the standard library's ``tomllib``; writing (a watch word added
from the app, a theme picked in the palette) goes through ``tomlkit`` so the
user's comments and layout survive. A config that cannot be read never stops
the app: :func:`load_config` returns the defaults plus a warning naming the
line, and the app shows it as a notification.

Example::

    theme = "gruvbox"
    user_dictionary = "~/reader-words.txt"

    [keywords]
    count = 10          # top keywords highlighted per document
    method = "tfidf"    # or "textrank"

    [keymap]            # binding id → keys (see `?` in the app)
    "pane.line_down" = "j,down"
    "app.quit" = "q,ctrl+q"

    [watch]             # term → colour
    "跨境电商" = "red"
    "新质生产力" = "green"
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from corpus.paths import FileTooLarge, atomic_write, config_path, read_limited

if TYPE_CHECKING:
    from tomlkit import TOMLDocument

    from corpus.jsontypes import JSON

KEYWORD_METHODS = ("tfidf", "textrank")
#: Colours a watch word may take (names the reading pane and rich understand).
WATCH_COLOURS = ("red", "green", "yellow", "blue", "magenta", "cyan", "orange")
DEFAULT_WATCH_COLOUR = "red"


@dataclass
class Config:
    theme: str | None = None  # None: Textual's default
    keymap: dict[str, str] = field(default_factory=dict)
    keyword_count: int = 10
    keyword_method: str = "tfidf"
    watch: dict[str, str] = field(default_factory=dict)  # term → colour
    user_dictionary: Path | None = None
    path: Path | None = None  # where it was read from

    def to_dict(self) -> dict[str, JSON]:
        return {
            "path": str(self.path) if self.path else None,
            "theme": self.theme,
            "keymap": dict(self.keymap),
            "keywords": {"count": self.keyword_count, "method": self.keyword_method},
            "watch": dict(self.watch),
            "user_dictionary": str(self.user_dictionary) if self.user_dictionary else None,
        }


#: A config is a few lines; anything larger is a mistake (or an attack), never read.
MAX_CONFIG_BYTES = 1024 * 1024
_THEME_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}")


def brief(text: str, width: int) -> str:
    """``text`` shortened to ``width`` characters for a message (values in a config can be huge)."""
    return text if len(text) <= width else text[: width - 1] + "…"


def unknown_theme(theme: str | None) -> str | None:
    """A warning when ``theme`` is not one of Textual's themes (None when it is, or unset).

    Imports Textual's theme list, so only ``config show`` and the app ask.
    """
    if theme is None:
        return None
    from textual.theme import BUILTIN_THEMES

    if theme in BUILTIN_THEMES:
        return None
    return f"config: unknown theme {theme!r} (known: {', '.join(sorted(BUILTIN_THEMES))}); the default is used"


class ConfigError(Exception):
    """The config file exists but cannot be written safely (unreadable TOML)."""


def load_config(path: Path | None = None) -> tuple[Config, list[str]]:
    """Read the config; never raises for bad content — returns ``(config, warnings)``."""
    path = path or config_path()
    config = Config(path=path)
    try:
        # A regular file of sane size only: a FIFO or a 60 MB value must not stall every command.
        raw = read_limited(path, MAX_CONFIG_BYTES)
    except FileNotFoundError:
        return config, []
    except FileTooLarge:
        return config, [f"config {path}: too large (over {MAX_CONFIG_BYTES // 1024} KB); using defaults"]
    except OSError as exc:
        return config, [f"config {path}: cannot read ({exc.strerror or exc}); using defaults"]
    import tomllib  # only with a config file to read (no file: the app starts without the parser)

    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return config, [f"config {path}: not UTF-8 text; using defaults"]
    except tomllib.TOMLDecodeError as exc:
        # tomllib's message names the line and column ("… (at line 3, column 7)").
        return config, [f"config {path}: {exc}; using defaults"]
    except RecursionError:
        return config, [f"config {path}: arrays or tables nested too deeply; using defaults"]
    except ValueError as exc:  # e.g. an integer of thousands of digits
        return config, [f"config {path}: {brief(str(exc), 80)}; using defaults"]
    warnings: list[str] = []
    _apply(config, data, warnings, path)
    return config, warnings


def _apply(config: Config, data: dict[str, Any], warnings: list[str], path: Path) -> None:
    # ``data`` is TOML as tomllib returns it (``Any`` values): each is checked below.
    def warn(key: str, why: str) -> None:
        warnings.append(f"config {path}: {brief(key, 40)}: {why}; ignored")

    known = {"theme", "keymap", "keywords", "watch", "user_dictionary"}
    for key in data:
        if key not in known:
            warn(key, "unknown setting")
    theme = data.get("theme")
    if theme is not None:
        if isinstance(theme, str) and _THEME_NAME.fullmatch(theme):
            config.theme = theme
        else:
            warn("theme", f"must be a theme name like \"gruvbox\", not {brief(repr(theme), 40)}")
    keymap = data.get("keymap", {})
    if isinstance(keymap, dict):
        for binding_id, keys in keymap.items():
            if isinstance(keys, list) and all(isinstance(k, str) for k in keys):
                keys = ",".join(keys)
            if isinstance(keys, str) and keys.strip():
                config.keymap[binding_id] = keys.replace(" ", "")
            else:
                warn(f"keymap.{binding_id}", "must be keys like \"j,down\"")
    else:
        warn("keymap", "must be a table")
    keywords = data.get("keywords", {})
    if isinstance(keywords, dict):
        count = keywords.get("count", config.keyword_count)
        if isinstance(count, int) and not isinstance(count, bool) and 0 <= count <= 200:
            config.keyword_count = count
        else:
            warn("keywords.count", "must be a whole number from 0 to 200")
        method = keywords.get("method", config.keyword_method)
        if method in KEYWORD_METHODS:
            config.keyword_method = method
        else:
            warn("keywords.method", f"must be one of {', '.join(KEYWORD_METHODS)}")
    else:
        warn("keywords", "must be a table")
    watch = data.get("watch", {})
    if isinstance(watch, dict):
        for term, colour in watch.items():
            term = term.strip()
            if not term:
                warn("watch", "empty term")
            elif isinstance(colour, str) and colour:
                config.watch[term] = colour
            else:
                warn(f"watch.{term}", "must be a colour name")
    else:
        warn("watch", "must be a table of term = \"colour\"")
    udict = data.get("user_dictionary")
    if udict is not None:
        if isinstance(udict, str) and udict:
            config.user_dictionary = Path(udict).expanduser()
        else:
            warn("user_dictionary", "must be a file path")


# -- writing ---------------------------------------------------------------


def _read_document(path: Path) -> TOMLDocument:
    import tomlkit  # only when writing: the app's start-up never pays for it

    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return tomlkit.document()
    try:
        return tomlkit.parse(text)
    except tomlkit.exceptions.ParseError as exc:
        raise ConfigError(f"config {path} cannot be read ({exc}); fix it before saving from the app") from exc


def _edit(path: Path | None, change: Callable[[TOMLDocument], None]) -> None:
    """Read-modify-write the file, keeping comments; raises :class:`ConfigError`."""
    from filelock import FileLock

    path = path or config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    # Locked across processes: two app windows adding watch words never lose one.
    with FileLock(str(path) + ".lock", timeout=10):
        doc = _read_document(path)
        change(doc)
        atomic_write(path, doc.as_string())


def save_watch_word(term: str, colour: str = DEFAULT_WATCH_COLOUR, path: Path | None = None) -> None:
    """Add (or recolour) a watch word in the ``[watch]`` table."""
    import tomlkit

    term = term.strip()
    if not term:
        raise ValueError("empty watch word")

    def change(doc: TOMLDocument) -> None:
        if "watch" not in doc:
            doc["watch"] = tomlkit.table()
        doc["watch"][term] = colour

    _edit(path, change)


def remove_watch_word(term: str, path: Path | None = None) -> bool:
    removed = False

    def change(doc: TOMLDocument) -> None:
        nonlocal removed
        if "watch" in doc and term in doc["watch"]:
            del doc["watch"][term]
            removed = True

    _edit(path, change)
    return removed


EXAMPLE = """\
# reader configuration (TOML). Every setting is optional; delete what you do not need.
# `reader config show` prints what the app uses; `?` in the app lists the key ids.

# theme = "gruvbox"                     # any Textual theme; ctrl+t in the app writes it here
# user_dictionary = "~/reader-words.txt" # extra words for the segmenter, one per line

[keywords]
count = 10          # keywords highlighted per document (0 = none)
method = "tfidf"    # or "textrank"

[keymap]            # binding id = keys, e.g.
# "main.stats" = "s"
# "pane.down" = "j,down,ctrl+n"

[watch]             # term = colour (red green yellow blue magenta cyan orange)
# "跨境电商" = "red"
"""


def write_example(path: Path | None = None) -> Path:
    """Write the commented example config; never overwrites an existing file."""
    path = path or config_path()
    try:
        atomic_write(path, EXAMPLE, overwrite=False)
    except FileExistsError:
        raise FileExistsError(f"{path} already exists") from None
    return path


def save_theme(theme: str, path: Path | None = None) -> None:
    def change(doc: TOMLDocument) -> None:
        doc["theme"] = theme

    _edit(path, change)
