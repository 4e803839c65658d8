"""Writing an export to a file: atomically, never clobbering without ``force``.

Used by the CLI (``reader export -o``) and the app's export dialog.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_export(path: str | os.PathLike[str], text: str, *, force: bool = False) -> Path:
    """Write ``text`` (UTF-8) to ``path`` via a temp file in the same folder.

    Without ``force`` an existing file raises ``FileExistsError``; the check and
    the write are one step (a hard link, which fails if the name exists), so
    another process cannot slip a file in between. The folder must exist.
    """
    target = Path(path).expanduser()
    folder = target.parent if str(target.parent) else Path(".")
    if not force and target.exists():
        raise FileExistsError(f"{target} already exists (use --force to overwrite)")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; an export is an ordinary file
        if force:
            os.replace(tmp, target)
        else:
            try:
                os.link(tmp, target)
            except FileExistsError:
                raise FileExistsError(f"{target} already exists (use --force to overwrite)") from None
            except OSError:
                # No hard links on this filesystem: fall back to the (checked above) replace.
                os.replace(tmp, target)
            else:
                os.unlink(tmp)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return target
