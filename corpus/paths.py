"""Where the corpus layer keeps things: the cache dir and the bundled samples.

``READER_CACHE_DIR`` overrides the platformdirs location (tests always set it).
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

import platformdirs

APP_NAME = "reader"


def cache_dir() -> Path:
    override = os.environ.get("READER_CACHE_DIR")
    return Path(override) if override else Path(platformdirs.user_cache_dir(APP_NAME))


def samples_dir() -> Path:
    """The sample corpus shipped inside the package."""
    return Path(str(resources.files("corpus") / "samples"))


def max_file_bytes() -> int:
    """Files above this size are refused with an error row (``READER_MAX_FILE_MB``)."""
    try:
        return int(float(os.environ.get("READER_MAX_FILE_MB", "50")) * 1024 * 1024)
    except ValueError:
        return 50 * 1024 * 1024
