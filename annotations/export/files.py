"""Writing an export to a file: atomically, never clobbering without ``force``.

Used by the CLI (``reader export -o``) and the app's export dialog.
"""

from __future__ import annotations

import os
from pathlib import Path

from corpus.paths import atomic_write


def write_export(path: str | os.PathLike[str], text: str | bytes, *, force: bool = False) -> Path:
    """Write ``text`` (UTF-8; bytes as they are) to ``path`` atomically (``corpus.paths.atomic_write``).

    Without ``force`` an existing file raises ``FileExistsError``, checked in the
    same step as the write, so another process cannot slip a file in between.
    The folder must exist. Devices, FIFOs, folders and read-only files are never
    replaced (an ``OSError`` says why).
    """
    target = Path(path).expanduser()
    try:
        atomic_write(target, text, overwrite=force, make_dirs=False)
    except FileExistsError:
        raise FileExistsError(f"{target} already exists (use --force to overwrite)") from None
    return target
