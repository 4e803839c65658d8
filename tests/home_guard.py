"""A guard that refuses, and remembers, every write under the real home during the tests.

tests/conftest.py installs it when pytest starts (before collection) and removes it
at the end. It wraps the calls through which Python code writes, renames, links,
creates or deletes files — ``open``/``io.open`` in a writing mode, ``os.open`` with a
writing flag, ``os.replace``/``rename``/``link``/``symlink``/``mkdir``/``unlink``/
``remove``/``rmdir`` — and refuses each one aimed under a protected root (the real
home and the real ``XDG_*`` folders, as they were before the tests moved them) with a
:class:`HomeWriteError`. Code under test may catch that error (it is an ``OSError``, as
a read-only home would raise), so every refusal is also recorded, and the conftest's
autouse fixture fails the test that made it.

Some places stay writable, inside a protected root or around one: the project itself
(pytest's and hypothesis's caches), the temp folder, and the Python installation
(bytecode). The closer root decides.
"""

from __future__ import annotations

import builtins
import io
import os
from collections.abc import Callable, Iterable
from typing import Any

#: Flags of ``os.open`` that write or create.
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
#: The XDG variables platformdirs reads on Linux (and the folders they default to).
XDG_VARS = ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME")


class HomeWriteError(PermissionError):
    """A test tried to write under the real home folder."""


def _real(path: str) -> str:
    return os.path.realpath(path)


def _depth_under(path: str, roots: Iterable[str]) -> int:
    """Length of the longest of ``roots`` that ``path`` is in (-1: none)."""
    return max(
        (len(root) for root in roots if path == root or path.startswith(root.rstrip(os.sep) + os.sep)),
        default=-1,
    )


class HomeGuard:
    """Refuses writes under ``protected`` except under ``allowed``; records each refusal."""

    def __init__(self, protected: Iterable[str], allowed: Iterable[str]) -> None:
        self.protected = tuple(dict.fromkeys(_real(p) for p in protected if p))
        self.allowed = tuple(dict.fromkeys(_real(p) for p in allowed if p))
        self.violations: list[str] = []
        self._saved: list[tuple[Any, str, Any]] = []

    # ------------------------------------------------------------------ checks

    def forbidden(self, path: Any) -> bool:
        """Whether a write to ``path`` would land under the real home."""
        if isinstance(path, int):  # a file descriptor: already open
            return False
        try:
            text = os.fsdecode(os.fspath(path))
        except TypeError:
            return False
        real = _real(os.path.abspath(text))
        # The closer root decides: a venv inside the home is allowed, a home inside /tmp
        # (a nested test run's) is protected.
        return _depth_under(real, self.protected) > _depth_under(real, self.allowed)

    def check(self, what: str, *paths: Any) -> None:
        for path in paths:
            if self.forbidden(path):
                message = f"a test tried to {what} under the real home: {os.fsdecode(os.fspath(path))}"
                self.violations.append(message)
                raise HomeWriteError(message)

    def take_violations(self) -> list[str]:
        found, self.violations = self.violations, []
        return found

    # ------------------------------------------------------------------ wrappers

    def _patch(self, owner: Any, name: str, make: Callable[[Any], Any]) -> None:
        original = getattr(owner, name)
        self._saved.append((owner, name, original))
        setattr(owner, name, make(original))

    def install(self) -> None:
        guard = self

        def wrap_open(original: Any) -> Any:
            def guarded_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
                if any(c in mode for c in "wax+"):
                    guard.check("open for writing", file)
                return original(file, mode, *args, **kwargs)

            return guarded_open

        def wrap_os_open(original: Any) -> Any:
            def guarded_os_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> Any:
                if flags & _WRITE_FLAGS and kwargs.get("dir_fd") is None:
                    guard.check("open for writing", path)
                return original(path, flags, *args, **kwargs)

            return guarded_os_open

        def wrap_paths(what: str, positions: tuple[int, ...]) -> Callable[[Any], Any]:
            # Calls relative to a dir_fd (shutil.rmtree's) cannot be resolved here and
            # are let through.
            def wrap(original: Any) -> Any:
                def guarded(*args: Any, **kwargs: Any) -> Any:
                    if not any(kwargs.get(k) is not None for k in ("dir_fd", "src_dir_fd", "dst_dir_fd")):
                        guard.check(what, *(args[i] for i in positions if i < len(args)))
                    return original(*args, **kwargs)

                return guarded

            return wrap

        self._patch(builtins, "open", wrap_open)
        self._patch(io, "open", wrap_open)  # pathlib opens through io.open
        self._patch(os, "open", wrap_os_open)  # tempfile.mkstemp, Path.touch
        # Moving a file out of the home removes it there: both ends count.
        for name in ("replace", "rename"):
            self._patch(os, name, wrap_paths(name, (0, 1)))
        # A link is made at its second argument; the first is only read.
        for name in ("link", "symlink"):
            self._patch(os, name, wrap_paths(name, (1,)))
        # os.makedirs and Path.mkdir go through os.mkdir.
        for name in ("mkdir", "unlink", "remove", "rmdir"):
            self._patch(os, name, wrap_paths(name, (0,)))

    def uninstall(self) -> None:
        while self._saved:
            owner, name, original = self._saved.pop()
            setattr(owner, name, original)
