"""Where reader keeps things, and the one way it writes a file of its own.

Every per-user location is here, each with its environment override (tests
always set them): ``READER_CACHE_DIR``, ``READER_CONFIG``, ``READER_DB``,
``READER_STATE``, ``READER_DATA_DIR``. It sits on the lowest floor (``corpus``)
so ``annotations`` and ``reader`` use the same answers.

:func:`atomic_write` is the only writer of user data and caches: temp file in
the same folder, optional fsync, rename. It refuses anything that is not a
regular file (a device, a FIFO, a socket, a folder: renaming over those would
replace them) and a read-only file (the user made it so on purpose).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import shutil
import stat
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType

from .limits import ENV_MAX_FILE_MB, max_file_bytes

APP_NAME = "reader"

#: Environment variables that move a location (documented in README).
ENV_CACHE = "READER_CACHE_DIR"
ENV_CONFIG = "READER_CONFIG"
ENV_DB = "READER_DB"
ENV_STATE = "READER_STATE"
ENV_DATA = "READER_DATA_DIR"


def _env_path(name: str) -> Path | None:
    value = os.environ.get(name)
    return Path(value).expanduser() if value else None


def _platformdirs() -> ModuleType:
    # Imported on first use: most commands never need a default location.
    import platformdirs

    return platformdirs


def cache_dir() -> Path:
    """Caches (safe to delete): ``READER_CACHE_DIR`` or the platform's user cache dir."""
    return _env_path(ENV_CACHE) or Path(_platformdirs().user_cache_dir(APP_NAME, appauthor=False))


def config_path() -> Path:
    """The TOML config: ``READER_CONFIG`` or ``config.toml`` in the user config dir."""
    return _env_path(ENV_CONFIG) or Path(_platformdirs().user_config_dir(APP_NAME, appauthor=False)) / "config.toml"


def config_dir() -> Path:
    """The folder of the config file (the user dictionary lives beside it)."""
    return config_path().parent


def data_dir() -> Path:
    """User data (notes, glossary, vocabulary): ``READER_DATA_DIR`` or the user data dir.

    ``READER_DB`` moves only the notes database; the data dir defaults to its folder
    when it is set, so one override keeps all of a test's or a user's data together.
    """
    explicit = _env_path(ENV_DATA)
    if explicit:
        return explicit
    db = _env_path(ENV_DB)
    if db:
        return db.parent
    return Path(_platformdirs().user_data_dir(APP_NAME, appauthor=False))


def db_path() -> Path:
    """The notes database: ``READER_DB`` or ``annotations.json`` in the data dir."""
    return _env_path(ENV_DB) or data_dir() / "annotations.json"


def glossary_path() -> Path:
    """The personal glossary (term, pinyin, gloss, note): ``glossary.json`` in the data dir."""
    return data_dir() / "glossary.json"


def vocabulary_path() -> Path:
    """The kept lookups (vocabulary list): ``vocabulary.json`` in the data dir."""
    return data_dir() / "vocabulary.json"


def state_path() -> Path:
    """Reading positions and marks: ``READER_STATE`` or ``state.json`` in the user state dir."""
    return _env_path(ENV_STATE) or Path(_platformdirs().user_state_dir(APP_NAME, appauthor=False)) / "state.json"


def samples_dir() -> Path:
    """The sample corpus shipped inside the package."""
    # Beside this module (importlib.resources would give the same folder, and cost the first frame 1 ms).
    return Path(__file__).resolve().parent / "samples"


class NotARegularFile(OSError):
    """The target exists and is a device, FIFO, socket or folder: never replaced (nor read)."""


class FileTooLarge(OSError):
    """A file over the size limit for what it is (see :func:`read_limited`)."""


def size_text(n: int) -> str:
    """``n`` bytes for a message: ``512 KB``, ``120.0 MB``."""
    if n < 1024 * 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n / (1024 * 1024):.1f} MB"


def read_limited(path: str | os.PathLike[str], limit: int | None = None) -> bytes:
    """The bytes of the regular file at ``path``, if it holds at most ``limit`` bytes.

    For settings files the user names (a words list, a config): ``/dev/zero``
    would never end, ``/dev/urandom`` fill memory, and a FIFO block forever.
    Raises :class:`NotARegularFile` for anything but a regular file (a FIFO is
    opened without waiting for a writer), :class:`FileTooLarge` above ``limit``
    (default ``READER_MAX_FILE_MB``), and the usual ``OSError`` otherwise.
    """
    limit = max_file_bytes() if limit is None else limit
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise NotARegularFile(errno.EINVAL, "not a regular file (a pipe, device or socket)", os.fspath(path))
        chunks: list[bytes] = []
        size = 0
        while size <= limit:  # the size can change while we read: count what arrives
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
            size += len(chunk)
        raise FileTooLarge(
            errno.EFBIG,
            f"too large: over {size_text(limit)} (set {ENV_MAX_FILE_MB} to raise the limit)",
            os.fspath(path),
        )
    finally:
        os.close(fd)


def check_replaceable(path: Path) -> Path:
    """The real path a write to ``path`` should replace, or an :class:`OSError` why not.

    A symlink is followed (notes kept in a synced folder through a link stay
    there); a target that is not a regular file raises :class:`NotARegularFile`;
    a regular file we may not write raises :class:`PermissionError`.
    """
    real = Path(os.path.realpath(path))
    try:
        st = os.stat(real)
    except FileNotFoundError:
        return real
    if not stat.S_ISREG(st.st_mode):
        raise NotARegularFile(errno.EEXIST, "not a regular file; refusing to replace it", str(path))
    # No write bit at all is the user's "leave this alone", even for root (who
    # os.access() would let write anything).
    if not st.st_mode & 0o222 or not os.access(real, os.W_OK):
        raise PermissionError(errno.EACCES, "read-only file; refusing to replace it", str(path))
    return real


def is_stream(path: str | os.PathLike[str]) -> bool:
    """True for an existing character device or FIFO (links followed: ``/dev/stdout``).

    Output meant for those is written into them (:func:`write_into`), never
    replaced: renaming a file over ``/dev/null`` or a FIFO destroys it.
    """
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)


def write_into(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` straight into an existing file, device or FIFO: no temp file, no rename.

    For :func:`is_stream` targets and files named through ``/dev`` or ``/proc``
    (``/dev/stdout`` redirected to a file). A FIFO nobody reads fails at once
    (``ENXIO``) instead of blocking; a full device raises ``ENOSPC``.
    """
    try:
        fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise OSError(errno.ENXIO, "no program is reading from this FIFO", os.fspath(path)) from None
        raise
    try:
        os.set_blocking(fd, True)
        if stat.S_ISREG(os.fstat(fd).st_mode):
            os.ftruncate(fd, 0)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


def atomic_write(
    path: str | os.PathLike[str],
    data: str | bytes | Sequence[bytes],
    *,
    durable: bool = True,
    overwrite: bool = True,
    make_dirs: bool = True,
    encoding: str = "utf-8",
    new_mode: int | None = None,
    before_replace: Callable[[int], None] | None = None,
) -> Path:
    """Write ``data`` to ``path`` so a crash leaves the old file or the new one, never half.

    ``data`` is text (encoded with ``encoding``), bytes, or a sequence of byte
    buffers written in order with ``writev`` (a large file is never joined in memory).
    ``durable`` fsyncs the file before the rename and its folder after it (user
    data; caches pass ``durable=False``). ``overwrite=False`` fails with
    :class:`FileExistsError` if the name exists, in the same step as the write (a
    hard link), so no other process slips in between. A replaced file keeps its
    mode; a new one gets ``new_mode`` (default ``0o666 & ~umask``).
    ``before_replace(fd)`` runs on the finished temp file just before it is
    renamed (the notes database uses it to give every version a new mtime).
    Returns the real path written (a symlink is followed, never replaced).
    """
    target = check_replaceable(Path(path).expanduser())
    folder = target.parent
    if make_dirs:
        folder.mkdir(parents=True, exist_ok=True)
    if not overwrite and os.path.lexists(target):
        raise FileExistsError(errno.EEXIST, "already exists", str(path))
    if isinstance(data, str):
        parts: Sequence[bytes] = [data.encode(encoding)]
    elif isinstance(data, bytes):
        parts = [data]
    else:
        parts = data
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        try:
            _write_all(fd, parts)
            try:
                mode = stat.S_IMODE(os.stat(target).st_mode)
            except FileNotFoundError:
                mode = _default_mode() if new_mode is None else new_mode
            os.fchmod(fd, mode)  # mkstemp makes 0600
            if before_replace is not None:
                before_replace(fd)
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        if overwrite:
            _replace(tmp, target)
        else:
            try:
                os.link(tmp, target)
            except FileExistsError:
                raise FileExistsError(errno.EEXIST, "already exists", str(path)) from None
            except OSError:
                # No hard links on this filesystem: the lexists check above has to do.
                _replace(tmp, target)
            else:
                os.unlink(tmp)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    if durable:
        _fsync_dir(folder)
    return target


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _write_all(fd: int, parts: Sequence[bytes]) -> None:
    """Write buffers in order with ``writev`` (no joined copy of the whole file)."""
    if not hasattr(os, "writev"):
        parts = [b"".join(parts)]
    step = 1024  # IOV_MAX on Linux and macOS
    for i in range(0, len(parts), step):
        batch = parts[i : i + step]
        done = os.writev(fd, batch) if hasattr(os, "writev") else os.write(fd, batch[0])
        total = sum(map(len, batch))
        if done < total:  # a short write: finish this batch the slow way
            rest = memoryview(b"".join(batch))[done:]
            while rest:
                rest = rest[os.write(fd, rest) :]


def _replace(src: str, dst: Path) -> None:
    # On Windows a reader holding the file open makes the rename fail for a moment.
    for attempt in range(40):
        try:
            os.replace(src, dst)
            return
        except PermissionError:
            if os.name != "nt" or attempt == 39:
                raise
            time.sleep(0.05)


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable; not every platform (Windows) or filesystem can."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # directories cannot be fsynced on some filesystems; the data file was
    finally:
        os.close(fd)


def backup_path(path: Path, label: str) -> Path:
    """``<name>.<label>-20261122T003426Z`` beside ``path`` (with ``-2``… if taken)."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    candidate = path.with_name(f"{path.name}.{label}-{stamp}")
    n = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.name}.{label}-{stamp}-{n}")
        n += 1
    return candidate


def keep_copy(path: Path, label: str = "corrupt") -> Path:
    """Copy a file that cannot be read aside, before anything else happens to it.

    An identical earlier copy with the same label is reused, so reading a damaged
    file again and again leaves one copy.
    """
    data = path.read_bytes()
    for old in sorted(path.parent.glob(f"{path.name}.{label}-*")):
        try:
            if old.stat().st_size == len(data) and old.read_bytes() == data:
                return old
        except OSError:
            continue  # an unreadable old copy is simply not reused
    target = backup_path(path, label)
    shutil.copy2(path, target)
    return target
