"""Destructive writes: devices and FIFOs are written into, never replaced; a read-only or folder database is refused."""

from __future__ import annotations

import json
import os
import stat
import threading
from pathlib import Path

import pytest
from bounded import no_traceback, reader

from annotations.errors import ReadOnlyError

pytestmark = pytest.mark.timeout(180)


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "data" / "annotations.json"
    monkeypatch.setenv("READER_DB", str(path))
    added = reader("note", "add", "c02e2b4e-02", "--quote", "社区食堂", "--occurrence", "1", "--note", "一条笔记")
    assert added.returncode == 0, added.stderr
    return path


def _kind(path: str) -> tuple[int, int]:
    st = os.stat(path)
    return stat.S_IFMT(st.st_mode), st.st_rdev


def test_export_to_dev_full_says_the_disk_is_full_and_keeps_the_device(db: Path) -> None:
    before = _kind("/dev/full")
    result = reader("export", "-o", "/dev/full", "--force")
    assert no_traceback(result).strip() == "Error: cannot write /dev/full: No space left on device"
    assert result.returncode == 1 and _kind("/dev/full") == before


@pytest.mark.parametrize("force", [["--force"], []])
def test_export_to_dev_null_writes_into_it(db: Path, force: list[str]) -> None:
    before = _kind("/dev/null")
    result = reader("export", "-o", "/dev/null", *force)
    assert result.returncode == 0, result.stderr
    assert _kind("/dev/null") == before and stat.S_ISCHR(before[0])


def test_export_to_dev_stdout_reaches_stdout(db: Path, tmp_path: Path) -> None:
    piped = reader("export", "-o", "/dev/stdout", "-f", "json")
    assert piped.returncode == 0, piped.stderr
    assert json.loads(piped.stdout)["type"] == "AnnotationCollection"
    out = tmp_path / "redirected.json"
    with open(out, "wb") as fh:  # stdout is a regular file: still written into, not renamed over
        redirected = reader("export", "-o", "/dev/stdout", "-f", "json", stdout=fh)
    assert redirected.returncode == 0, redirected.stderr
    assert json.loads(out.read_bytes())["type"] == "AnnotationCollection"


def test_export_to_a_fifo_writes_into_it_and_keeps_it(db: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "notes.pipe"
    os.mkfifo(fifo)
    lonely = reader("export", "-o", str(fifo), "--force", timeout=30)  # nobody reads: an error, not a hang
    assert lonely.returncode == 1 and "no program is reading" in no_traceback(lonely)
    received: list[bytes] = []
    listener = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    listener.start()
    try:
        for _ in range(100):  # until the listener has the FIFO open
            result = reader("export", "-o", str(fifo), "--force", timeout=30)
            if result.returncode == 0:
                break
        else:
            pytest.fail(f"could not write into the FIFO: {result.stderr!r}")
    finally:
        if not received:
            with open(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK), "wb"):
                pass  # let the listener finish if the export failed
        listener.join(10)
    assert b"# Reader annotations" in received[0]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_export_never_replaces_a_folder(db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    result = reader("export", "-o", str(folder), "--force")
    no_traceback(result)
    assert result.returncode != 0 and folder.is_dir()


def test_a_read_only_database_is_refused_and_left_alone(db: Path) -> None:
    before = db.read_bytes()
    db.chmod(0o444)  # "leave this alone" — even for root, who could write anyway
    try:
        for args in (["note", "add", "c02e2b4e-02", "--quote", "社区食堂", "--occurrence", "1"],
                     ["tags", "rename", "x", "y"]):
            result = reader(*args)
            err = no_traceback(result)
            assert result.returncode == 1 and "read-only" in err and "nothing was changed" in err, err
        listed = reader("notes", "--json")
        assert listed.returncode == 0 and json.loads(listed.stdout)["count"] == 1
        assert db.read_bytes() == before and stat.S_IMODE(db.stat().st_mode) == 0o444
    finally:
        db.chmod(0o644)


async def test_the_app_opens_a_read_only_database_read_only(db: Path, tmp_path: Path) -> None:
    from app_fixtures import settle, write_corpus

    from reader.app import ReaderApp

    db.chmod(0o444)
    before = db.read_bytes()
    try:
        app = ReaderApp(corpus_path=write_corpus(tmp_path), db_path=db)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            session = app.notes
            assert session.store is not None and session.read_only
            assert "read-only" in session.problem
            with pytest.raises(ReadOnlyError):
                session.store.delete(session.store.all()[0].id)
        assert db.read_bytes() == before
    finally:
        db.chmod(0o644)


@pytest.mark.parametrize("args", [["notes"], ["export"], ["tags"], ["note", "add", "c02e2b4e-02", "--quote", "社区食堂",
                                                                   "--occurrence", "1"]])
def test_a_database_path_that_is_a_folder_fails_without_suggesting_repair(tmp_path: Path, args: list[str]) -> None:
    folder = tmp_path / "notes-folder"
    folder.mkdir()
    result = reader(*args, env={"READER_DB": str(folder)})
    err = no_traceback(result)
    assert result.returncode == 1
    assert "is a folder" in err and "doctor" not in err and len(err.strip().splitlines()) == 1, err
    assert folder.is_dir() and not any(folder.iterdir())
