"""The tests' isolation from the real home (tests/conftest.py, tests/home_guard.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import conftest
import platformdirs
import pytest
from home_guard import XDG_VARS, HomeGuard, HomeWriteError

from corpus import paths

TESTS = Path(__file__).resolve().parent


def test_every_user_location_is_inside_the_test(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert Path(os.environ["HOME"]) == tmp_path / "home" == Path.home()
    for var in XDG_VARS:
        assert Path(os.environ[var]).is_relative_to(tmp_path / "home")
    # Without the READER_* overrides, the defaults are inside the tmp home too.
    for var in conftest.READER_VARS:
        monkeypatch.delenv(var)
    for found in (paths.cache_dir(), paths.config_path(), paths.data_dir(), paths.db_path(), paths.state_path()):
        assert found.is_relative_to(tmp_path / "home"), found
    assert Path(platformdirs.user_data_dir("reader")).is_relative_to(tmp_path / "home")


def test_a_subprocess_inherits_the_tmp_home(tmp_path: Path) -> None:
    code = "import platformdirs, os; print(platformdirs.user_state_dir('reader')); print(os.path.expanduser('~'))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert [Path(p).is_relative_to(tmp_path / "home") for p in out] == [True, True]


def test_the_closer_root_decides(tmp_path: Path) -> None:
    home = tmp_path / "realhome"
    guard = HomeGuard(protected=[str(home)], allowed=[str(tmp_path), str(home / "src" / "project")])
    assert guard.forbidden(home / ".local" / "state" / "reader" / "state.json")
    assert guard.forbidden(home)
    assert not guard.forbidden(home / "src" / "project" / ".pytest_cache" / "x")
    assert not guard.forbidden(tmp_path / "elsewhere")
    assert not guard.forbidden(3)  # an open descriptor


def test_this_run_protects_the_real_home() -> None:
    guard = conftest._GUARD
    assert guard is not None
    protected = os.environ[conftest.PROTECTED_ENV].split(os.pathsep)
    assert os.environ["HOME"] not in protected
    # A path whose folder does not exist: even an unguarded open could not create it.
    probe = Path(protected[0]) / "reader-guard-probe-no-such-folder" / "probe.txt"
    for attempt in (
        lambda: open(probe, "w"),  # noqa: SIM115 (never opens: that is the point)
        lambda: probe.write_text("x"),
        lambda: probe.parent.mkdir(parents=True),
        lambda: os.open(probe, os.O_WRONLY | os.O_CREAT),
        lambda: os.replace(Path(os.environ["HOME"]) / "a", probe),
    ):
        with pytest.raises(HomeWriteError):
            attempt()
    found = guard.take_violations()  # taken, so this test itself passes
    assert len(found) == 5 and all(str(probe.parent) in message for message in found)
    assert not probe.parent.exists()


@pytest.mark.slow
def test_a_caught_write_under_the_home_still_fails_its_test(tmp_path: Path) -> None:
    """A nested pytest run of one file: its test swallows the error and still fails."""
    suite = tmp_path / "suite"
    suite.mkdir()
    for name in ("conftest.py", "home_guard.py"):
        shutil.copy(TESTS / name, suite / name)
    (suite / "test_inner.py").write_text(
        textwrap.dedent(
            """
            import os
            from pathlib import Path

            def test_writes_state_under_the_home():
                target = Path(os.environ["READER_TESTS_PROTECTED_DIRS"]) / "state.json"
                try:
                    target.write_text("{}")
                except OSError:
                    pass  # as the app does with an unwritable state file
            """
        )
    )
    fake_home = tmp_path / "fakehome"
    fake_home.mkdir()
    env = {**os.environ, conftest.PROTECTED_ENV: str(fake_home)}
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist", "test_inner.py"],
        capture_output=True,
        text=True,
        env=env,
        cwd=suite,
    )
    assert run.returncode == 1, run.stdout + run.stderr
    assert f"a test tried to open for writing under the real home: {fake_home / 'state.json'}" in run.stdout
    assert list(fake_home.iterdir()) == []
