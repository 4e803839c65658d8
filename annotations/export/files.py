"""Writing an export to a file: atomically, never clobbering without ``force``.

Used by the CLI (``reader export -o``) and the app's export dialog.
"""

from __future__ import annotations

import os
from pathlib import Path

from corpus.paths import atomic_write, is_stream, write_into


def writes_into(path: Path) -> bool:
    """A device, a FIFO, or a name under /dev or /proc (``/dev/stdout``): written into, never renamed over.

    Such a target needs no ``--force``: writing into it replaces nothing.
    """
    return is_stream(path) or str(path.expanduser()).startswith(("/dev/", "/proc/"))


def write_export(path: str | os.PathLike[str], text: str | bytes, *, force: bool = False) -> Path:
    """Write ``text`` (UTF-8; bytes as they are) to ``path`` atomically (``corpus.paths.atomic_write``).

    Without ``force`` an existing file raises ``FileExistsError``, checked in the
    same step as the write, so another process cannot slip a file in between.
    The folder must exist. A character device or FIFO (``/dev/null``,
    ``/dev/stdout``, a named pipe) is written into, never replaced; folders,
    sockets and read-only files are refused (an ``OSError`` says why).
    """
    target = Path(path).expanduser()
    if writes_into(target):
        write_into(target, text if isinstance(text, bytes) else text.encode("utf-8"))
        return target
    try:
        atomic_write(target, text, overwrite=force, make_dirs=False)
    except FileExistsError:
        raise FileExistsError(f"{target} already exists (use --force to overwrite)") from None
    return target
