"""Run reader (or a snippet of Python) in a child process bounded in time and memory.

Hostile-input tests run what might hang or blow up in a subprocess: a hang
fails the test after ``timeout`` seconds (the child's whole process group is
killed), and ``RLIMIT_DATA`` caps the child's heap so a memory blow-up ends in
a ``MemoryError`` (a failed test), never in the machine swapping. (Not
``RLIMIT_AS``: PDFium reserves gigabytes of address space it never touches,
and aborts when it cannot.)
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
from collections.abc import Mapping, Sequence
from typing import IO

import pytest

READER = [sys.executable, "-c", "import sys; from reader.cli import main; sys.argv[0] = 'reader'; main()"]


def _limits(mem_mb: int | None) -> None:
    os.setsid()  # its own process group: a timeout kills it and every worker it started
    if mem_mb is not None:
        size = mem_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_DATA, (size, size))


def run(
    args: Sequence[str],
    *,
    timeout: float = 60,
    mem_mb: int | None = 1500,
    env: Mapping[str, str] | None = None,
    input: bytes | None = None,
    stdout: int | IO[bytes] | None = subprocess.PIPE,
    stdin: int | IO[bytes] | None = None,
) -> subprocess.CompletedProcess[bytes]:
    """Run ``args``; fail the test if it takes longer than ``timeout`` seconds."""
    proc = subprocess.Popen(
        list(args),
        stdin=subprocess.PIPE if input is not None else (stdin if stdin is not None else subprocess.DEVNULL),
        stdout=stdout,
        stderr=subprocess.PIPE,
        env={**os.environ, **(env or {})},
        preexec_fn=lambda: _limits(mem_mb),
    )
    try:
        out, err = proc.communicate(input, timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        pytest.fail(f"{' '.join(args[:6])} … did not finish within {timeout} s (it hangs)\nstderr: {err[-2000:]!r}")
    return subprocess.CompletedProcess(list(args), proc.returncode, out, err)


def reader(*args: str, **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    """``reader ARGS…`` in a bounded child process (see :func:`run`)."""
    return run([*READER, *args], **kwargs)  # type: ignore[arg-type]


def python(code: str, **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    """``python -c CODE`` in a bounded child process (see :func:`run`)."""
    return run([sys.executable, "-c", code], **kwargs)  # type: ignore[arg-type]


def no_traceback(result: subprocess.CompletedProcess[bytes]) -> str:
    """stderr as text, after checking it holds no Python traceback."""
    err = result.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err
    return err
