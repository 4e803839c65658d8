"""Shared fixtures, and the isolation every test gets however pytest is started.

This file sits at the root of tests/, so pytest loads it for any test under tests/
(the whole suite, one file, ``-k``, ``-p no:…``, xdist workers, the unpacked sdist).

* When pytest starts, before collection: ``HOME``, ``XDG_*`` and ``READER_*`` point
  into a throw-away folder for the whole run, so nothing (platformdirs, jieba, a
  subprocess) can find the real home, and :mod:`home_guard` refuses every write under
  the real home.
* Each test: its own ``HOME``, ``XDG_*`` and ``READER_*`` under its ``tmp_path``; a
  write under the real home, even one the code under test caught, fails the test.
"""

from __future__ import annotations

import os
import shutil
import site
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from home_guard import XDG_VARS, HomeGuard

SHARED_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"

#: The folders no test may write under, os.pathsep-separated: the real home and XDG_*
#: folders as the first pytest process found them. Its xdist workers and any pytest it
#: starts inherit this (their HOME is already a tmp folder by then).
PROTECTED_ENV = "READER_TESTS_PROTECTED_DIRS"

#: Per-user locations of reader, each set to a path inside the test's tmp folder.
READER_VARS = {
    "READER_CACHE_DIR": "cache",
    "READER_CONFIG": "config/config.toml",
    "READER_DB": "data/annotations.json",
    "READER_STATE": "state/state.json",
}
#: Where XDG_* point inside a tmp home (platformdirs' defaults relative to HOME).
XDG_DIRS = {
    "XDG_CONFIG_HOME": ".config",
    "XDG_DATA_HOME": ".local/share",
    "XDG_CACHE_HOME": ".cache",
    "XDG_STATE_HOME": ".local/state",
}
assert set(XDG_DIRS) == set(XDG_VARS)

_GUARD: HomeGuard | None = None
_SESSION_DIR: Path | None = None


def isolate(base: Path, setenv: Callable[[str, str], object]) -> None:
    """``HOME`` = ``base/home`` with the ``XDG_*`` folders inside it; ``READER_*`` in ``base``."""
    setenv("HOME", str(base / "home"))
    for var, sub in XDG_DIRS.items():
        setenv(var, str(base / "home" / sub))
    for var, sub in READER_VARS.items():
        setenv(var, str(base / sub))


def pytest_configure(config: pytest.Config) -> None:
    global _GUARD, _SESSION_DIR
    if _GUARD is not None:  # configured twice in one process (pytester's in-process runs)
        return
    if not os.environ.get(PROTECTED_ENV):
        real = [os.path.expanduser("~"), *(os.environ[v] for v in XDG_VARS if os.environ.get(v))]
        os.environ[PROTECTED_ENV] = os.pathsep.join(real)
    protected = os.environ[PROTECTED_ENV].split(os.pathsep)
    allowed = [
        str(config.rootpath),  # .pytest_cache, .hypothesis, snapshot reports
        tempfile.gettempdir(),  # tmp_path, multiprocessing, jieba's default cache
        sys.prefix,
        sys.base_prefix,
        site.getusersitepackages(),
    ]
    _SESSION_DIR = Path(tempfile.mkdtemp(prefix="reader-tests-"))
    isolate(_SESSION_DIR, os.environ.__setitem__)
    _GUARD = HomeGuard(protected, allowed)
    _GUARD.install()


def pytest_unconfigure(config: pytest.Config) -> None:
    global _GUARD, _SESSION_DIR
    if _GUARD is not None:
        _GUARD.uninstall()
        _GUARD = None
    if _SESSION_DIR is not None:
        shutil.rmtree(_SESSION_DIR, ignore_errors=True)
        _SESSION_DIR = None


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    # Writes outside any test (collection, session fixtures) still fail the run.
    if _GUARD is not None and _GUARD.violations:
        for message in _GUARD.take_violations():
            sys.stderr.write(f"\nERROR: {message}\n")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # Every SVG snapshot test, in any file: the pictures are drawn by one exact Textual
    # version, so packagers on another one deselect them with -m "not snapshot".
    for item in items:
        if "snap_compare" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.snapshot)


@pytest.fixture(autouse=True)
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Never touch the user's real home, cache, config, state or notes."""
    isolate(tmp_path, monkeypatch.setenv)
    yield tmp_path
    if _GUARD is not None and (found := _GUARD.take_violations()):
        pytest.fail("\n".join(found), pytrace=False)


def shared_file(prefix: str) -> Path:
    """One of the real documents in ../shared/corpus (skip the test when absent)."""
    if not SHARED_CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present")
    matches = sorted(SHARED_CORPUS.glob(f"{prefix}_*.txt"))
    if not matches:
        pytest.skip(f"../shared/corpus has no {prefix}_ file")
    return matches[0]


@pytest.fixture
def shared_corpus() -> Path:
    if not SHARED_CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present")
    return SHARED_CORPUS
