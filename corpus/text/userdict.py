"""The user dictionary: extra words for the segmenter, one per line.

``words.txt`` next to the config file (``corpus.paths.config_dir``, or the
folder given to :func:`use_config_dir` by ``reader --config FILE``), unless
``READER_WORDS`` or the app's config (``set_user_dict_path``) names another file. The format is
jieba's: ``word [frequency] [part-of-speech]`` per line; ``#`` starts a comment.
A built-in list of common policy and economy terms (``corpus/data/domain_words.txt``,
e.g. 跨境电商, 新质生产力) is loaded first, then the user's words, then the terms
of the personal glossary (``corpus.lexicon.glossary``: a term the user defined
is kept whole).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .. import paths


@dataclass(frozen=True, slots=True)
class Word:
    word: str
    freq: int | None = None
    tag: str | None = None

    def line(self) -> str:
        return " ".join(x for x in (self.word, None if self.freq is None else str(self.freq), self.tag) if x)


_OVERRIDE: Path | None = None
_CONFIG_DIR: Path | None = None


def use_config_dir(folder: Path | None) -> None:
    """The folder of the config file in use (``reader --config FILE``); None: the usual one.

    The default ``words.txt`` lives there, so a config and its words travel together.
    """
    global _CONFIG_DIR
    _CONFIG_DIR = Path(folder).expanduser() if folder else None


def set_user_dict_path(path: str | Path | None) -> None:
    """Use another words file (the config's ``user_dictionary``); None restores the default."""
    global _OVERRIDE
    _OVERRIDE = Path(path).expanduser() if path else None


def user_dict_path() -> Path:
    """Where the user's extra words live (it may not exist).

    In order: :func:`set_user_dict_path`, ``READER_WORDS``, ``words.txt`` next to
    the config file.
    """
    if _OVERRIDE is not None:
        return _OVERRIDE
    env = os.environ.get("READER_WORDS")
    if env:
        return Path(env).expanduser()
    return (_CONFIG_DIR or paths.config_dir()) / "words.txt"


def parse_words(text: str) -> tuple[list[Word], list[str]]:
    """Words and one warning per line that could not be read."""
    words: list[Word] = []
    warnings: list[str] = []
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip().lstrip("\ufeff")
        if not line:
            continue
        parts = line.split()
        word, freq, tag = parts[0], None, None
        rest = parts[1:]
        if rest and rest[0].isdigit():
            freq = int(rest.pop(0))
        if rest:
            tag = rest.pop(0)
        if rest or any(ch.isspace() for ch in word):
            warnings.append(f"line {n}: expected 'word [frequency] [tag]', got {raw.strip()!r}")
            continue
        words.append(Word(word, freq, tag))
    return words, warnings


@lru_cache(maxsize=1)
def _domain_words() -> tuple[Word, ...]:
    data = resources.files("corpus") / "data" / "domain_words.txt"
    words, _ = parse_words(data.read_text(encoding="utf-8"))
    return tuple(words)


def domain_words() -> list[Word]:
    """The built-in list of terms shipped with the package."""
    return list(_domain_words())


def user_words(path: Path | None = None) -> tuple[list[Word], list[str]]:
    """The user's words (empty when the file does not exist) and warnings."""
    path = path or user_dict_path()
    try:
        # Only a regular file of bounded size: /dev/zero, /dev/urandom or a FIFO named
        # in the config would otherwise never end, fill memory or block forever.
        text = paths.read_limited(path).decode("utf-8-sig")
    except FileNotFoundError:
        return [], []
    except OSError as exc:
        return [], [f"{path}: cannot read the user dictionary ({exc.strerror or exc}); its words are not used"]
    except UnicodeDecodeError as exc:
        why = f"not UTF-8 text, byte {exc.start}"
        return [], [f"{path}: cannot read the user dictionary ({why}); its words are not used"]
    words, warnings = parse_words(text)
    return words, [f"{path}: {w}" for w in warnings]


def glossary_words(path: Path | None = None) -> list[Word]:
    """The personal glossary's terms as segmenter words (simplified form, as segmented)."""
    from ..lexicon.glossary import terms
    from .fold import to_simplified

    found, _stamp, _warning = terms(path)  # an unreadable glossary adds no words (lookups report it)
    return [Word(to_simplified(t)) for t in found]


@lru_cache(maxsize=8)
def _all_words(path: Path, stamp: tuple[int, int] | None, gpath: Path,
               gstamp: tuple[int, int] | None) -> tuple[tuple[Word, ...], str]:
    words = domain_words() + user_words(path)[0] + glossary_words(gpath)
    return tuple(words), words_hash(words)


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns)


def current(path: Path | None = None) -> tuple[tuple[Word, ...], str]:
    """The segmenter's words now and their hash (cached per state of the two files)."""
    from ..paths import glossary_path

    path = path or user_dict_path()
    gpath = glossary_path()
    return _all_words(path, _stamp(path), gpath, _stamp(gpath))


def all_words(path: Path | None = None) -> list[Word]:
    """Built-in words then the user's (later entries override earlier ones).

    Cached per file state (size and modification time), so calling this on every
    render costs one ``stat``.
    """
    return list(current(path)[0])


def words_hash(words: Sequence[Word]) -> str:
    """Identifies a word list: part of every token cache key."""
    h = hashlib.sha1()
    for w in words:
        h.update(w.line().encode("utf-8") + b"\n")
    return h.hexdigest()[:16]
