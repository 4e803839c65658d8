"""The limits on untrusted input, each raised by its environment variable (README, "Safety").

Read on every call (tests and users set them per run); a value that is not a positive
number is the default.
"""

from __future__ import annotations

import os


def _env_number(name: str, default: float) -> float:
    """A positive number from the environment; the default when unset or not a positive number."""
    try:
        value = float(os.environ.get(name, default))
    except ValueError:
        return default
    return value if value > 0 else default


ENV_MAX_FILE_MB = "READER_MAX_FILE_MB"
ENV_MAX_FILES = "READER_MAX_FILES"
ENV_MAX_CORPUS_MB = "READER_MAX_CORPUS_MB"
ENV_MAX_DEPTH = "READER_MAX_DEPTH"
ENV_MAX_SEGMENT_CHARS = "READER_MAX_SEGMENT_CHARS"


def max_file_bytes() -> int:
    """Files above this size are refused with an error row (``READER_MAX_FILE_MB``, default 50)."""
    return int(_env_number(ENV_MAX_FILE_MB, 50) * 1024 * 1024)


def max_files() -> int:
    """Documents files read per corpus at most (``READER_MAX_FILES``, default 100,000)."""
    return int(_env_number(ENV_MAX_FILES, 100_000))


def max_corpus_bytes() -> int:
    """Bytes of documents read per corpus at most (``READER_MAX_CORPUS_MB``, default 4096)."""
    return int(_env_number(ENV_MAX_CORPUS_MB, 4096) * 1024 * 1024)


def max_segment_chars() -> int:
    """Longest document cut into words, in characters (``READER_MAX_SEGMENT_CHARS``, default 2,000,000).

    Word tokens cost far more memory than the text (a 45 MB line is 13 million
    tokens): longer documents are shown and searched, without keywords or word motions.
    """
    return int(_env_number(ENV_MAX_SEGMENT_CHARS, 2_000_000))


def max_depth() -> int:
    """Folder levels below the corpus root read at most (``READER_MAX_DEPTH``, default 64)."""
    return int(_env_number(ENV_MAX_DEPTH, 64))
