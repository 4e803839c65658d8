"""The one path module: per-user locations with overrides, and the atomic writer."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from corpus import paths
from corpus.paths import NotARegularFile, atomic_write


def test_overrides_win(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READER_DB", str(tmp_path / "d" / "notes.json"))
    monkeypatch.delenv("READER_DATA_DIR", raising=False)
    assert paths.db_path() == tmp_path / "d" / "notes.json"
    assert paths.data_dir() == tmp_path / "d"  # data follows the database when only it is moved
    monkeypatch.setenv("READER_DATA_DIR", str(tmp_path / "data"))
    assert paths.data_dir() == tmp_path / "data"
    assert paths.config_dir() == Path(os.environ["READER_CONFIG"]).parent
    assert paths.cache_dir() == Path(os.environ["READER_CACHE_DIR"])
    assert paths.state_path() == Path(os.environ["READER_STATE"])


def test_write_new_and_replace_keeps_mode(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "a.txt"
    atomic_write(target, "一")
    assert target.read_text(encoding="utf-8") == "一"
    os.chmod(target, 0o640)
    atomic_write(target, b"two")
    assert target.read_bytes() == b"two"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [p.name for p in target.parent.iterdir()] == ["a.txt"]  # no temp file left


def test_exclusive_write_refuses_existing(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_text("old")
    with pytest.raises(FileExistsError):
        atomic_write(target, "new", overwrite=False)
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_symlink_is_followed_not_replaced(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    atomic_write(link, "new")
    assert link.is_symlink()
    assert real.read_text() == "new"


def test_special_files_are_never_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    folder = tmp_path / "folder"
    folder.mkdir()
    for target in (fifo, folder, Path("/dev/null")):
        with pytest.raises(NotARegularFile):
            atomic_write(target, "x")
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_read_only_file_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "ro.json"
    target.write_text("keep")
    os.chmod(target, 0o444)
    with pytest.raises(PermissionError):
        atomic_write(target, "lost")
    assert target.read_text() == "keep"


def test_failed_write_leaves_old_file_and_no_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "a.txt"
    target.write_text("old")

    def boom(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", boom)
    with pytest.raises(OSError):
        atomic_write(target, "new")
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_buffers_are_written_in_order_and_durable_writes_sync_file_then_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "parts.bin"
    synced: list[bool] = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (synced.append(stat.S_ISDIR(os.fstat(fd).st_mode)), real_fsync(fd)))
    atomic_write(target, [b"one,", b"", b"two,", "三".encode()])
    assert target.read_bytes() == "one,two,三".encode()
    assert synced == [False, True]  # the data, then the rename
    synced.clear()
    atomic_write(target, b"cache", durable=False)
    assert synced == [] and target.read_bytes() == b"cache"


def test_new_mode_and_a_hook_before_the_rename(tmp_path: Path) -> None:
    target = tmp_path / "private.json"
    seen: list[tuple[bool, bytes]] = []

    def hook(fd: int) -> None:
        seen.append((target.exists(), os.pread(fd, 100, 0)))

    atomic_write(target, b"secret", new_mode=0o600, before_replace=hook)
    assert seen == [(False, b"secret")]  # ran on the finished temp file, before it took the name
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    os.chmod(target, 0o640)
    atomic_write(target, b"again", new_mode=0o600)
    assert stat.S_IMODE(target.stat().st_mode) == 0o640  # an existing file keeps its mode
