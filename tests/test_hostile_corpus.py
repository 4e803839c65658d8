"""Hostile corpora: links leaving the corpus, limits, deep folders, bad names, races, loops.

Anything that could hang or walk the whole disk runs in a bounded child process
(``tests/bounded.py``): a hang fails the test instead of freezing CI.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from bounded import no_traceback, reader

from corpus import load_corpus
from corpus.ingest import discover as discover_mod
from corpus.ingest.discover import Candidate, discover

pytestmark = pytest.mark.timeout(180)

GOOD = "好的文章标题\n\n这是一段正常的正文，用来确认其他文件照常读取。\n"


def _corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "good.txt").write_text(GOOD, encoding="utf-8")
    return root


def _listed(root: Path, **env: str) -> dict[str, object]:
    result = reader("list", "--json", "-c", str(root), timeout=90, env=env)
    no_traceback(result)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _errors(listing: dict[str, object]) -> dict[str, str]:
    return {e["file"]: e["error"] for e in listing["errors"]}  # type: ignore[attr-defined,index]


def test_a_link_to_the_root_of_the_disk_is_an_error_row_not_a_walk(tmp_path: Path) -> None:
    root = _corpus(tmp_path)
    (root / "everything").symlink_to("/")
    listing = _listed(root)
    assert [d["file"] for d in listing["documents"]] == ["good.txt"]  # type: ignore[attr-defined]
    assert "root of the file system" in _errors(listing)["everything"]


def test_a_link_to_the_home_folder_is_an_error_row(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "private.txt").write_text(GOOD, encoding="utf-8")
    root = _corpus(tmp_path)
    (root / "myhome").symlink_to(home)
    listing = _listed(root, HOME=str(home))
    assert [d["file"] for d in listing["documents"]] == ["good.txt"]  # type: ignore[attr-defined]
    assert "home folder" in _errors(listing)["myhome"]


@pytest.mark.parametrize("target", ["/proc", "/sys", "/dev", "/proc/self", "/dev/shm"])
def test_system_folders_are_never_entered(tmp_path: Path, target: str) -> None:
    if not os.path.isdir(target):
        pytest.fail(f"{target} is expected on the Linux machines we test on")
    root = _corpus(tmp_path)
    (root / "sys").symlink_to(target)
    (root / "environ.txt").symlink_to("/proc/self/environ")
    errors = _errors(_listed(root))
    assert "folder of the running system" in errors["sys"]
    assert "folder of the running system" in errors["environ.txt"]


def test_file_count_limit_is_an_error_row_naming_the_variable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _corpus(tmp_path)
    for i in range(10):
        (root / f"more{i:02d}.txt").write_text(GOOD, encoding="utf-8")
    monkeypatch.setenv("READER_MAX_FILES", "4")
    found = discover(root)
    assert len([c for c in found if isinstance(c, Candidate)]) == 4
    (error,) = [e for e in found if not isinstance(e, Candidate)]
    assert "more than 4 files" in error.error and "READER_MAX_FILES" in error.error


def test_corpus_size_limit_is_an_error_row_naming_the_variable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _corpus(tmp_path)
    for i in range(4):
        (root / f"big{i}.txt").write_text(GOOD * 100, encoding="utf-8")  # ~9 KB each
    two = len(GOOD.encode()) * 200
    monkeypatch.setenv("READER_MAX_CORPUS_MB", str((two + 100) / 1024 / 1024))  # room for two big files
    found = discover(root)
    assert [c.rel for c in found if isinstance(c, Candidate)] == ["big0.txt", "big1.txt"]  # natural order
    (error,) = [e for e in found if not isinstance(e, Candidate)]
    assert "READER_MAX_CORPUS_MB" in error.error and "corpus too large" in error.error


def test_a_folder_1200_levels_deep_is_an_error_row(tmp_path: Path) -> None:
    root = _corpus(tmp_path)
    fd = os.open(root, os.O_RDONLY)
    try:  # built with directory descriptors: os.makedirs itself recurses too deep
        for _ in range(1200):
            os.mkdir("d", dir_fd=fd)
            nxt = os.open("d", os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = nxt
        with open(os.open("deep.txt", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd), "w", encoding="utf-8") as fh:
            fh.write(GOOD)
    finally:
        os.close(fd)
    try:
        listing = _listed(root)
    finally:
        subprocess.run(["rm", "-rf", str(root / "d")], check=True)  # shutil.rmtree recurses too deep
    assert [d["file"] for d in listing["documents"]] == ["good.txt"]  # type: ignore[attr-defined]
    ((name, error),) = _errors(listing).items()
    assert name.count("/") == 64 and "nested too deeply" in error and "READER_MAX_DEPTH" in error


def test_a_file_name_with_invalid_utf8_is_a_document_and_the_rest_loads(tmp_path: Path) -> None:
    root = _corpus(tmp_path)
    bad = os.path.join(os.fsencode(root), b"bad\xff\xfe.txt")
    with open(bad, "wb") as fh:
        fh.write("坏名字的文件\n\n它的正文照样可以读。\n".encode())
    listing = _listed(root)
    files = sorted(d["file"] for d in listing["documents"])  # type: ignore[attr-defined]
    assert files == ["bad\\xff\\xfe.txt", "good.txt"]
    plain = reader("list", "-c", str(root))
    no_traceback(plain)
    assert plain.returncode == 0 and "bad\\xff\\xfe.txt" not in plain.stdout.decode()  # listed by title
    doc_id = next(d["id"] for d in listing["documents"] if d["file"].startswith("bad"))  # type: ignore[attr-defined]
    shown = reader("show", doc_id, "-c", str(root))
    assert shown.returncode == 0 and "它的正文照样可以读" in shown.stdout.decode()


def test_escape_sequences_in_file_names_never_reach_the_terminal(tmp_path: Path) -> None:
    root = _corpus(tmp_path)
    (root / "\x1b]0;PWNED\x07title.txt").write_bytes(b"")
    (root / "\x1b[2Jclear.txt").write_bytes(b"\x89PNG\r\n")
    (root / "\u202eevil.txt").write_bytes(b"")
    for command in ("list", "index"):
        result = reader(command, "-c", str(root))
        no_traceback(result)
        out = result.stdout.decode()
        assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
        assert "\\x1b]0;PWNED\\x07title.txt" in out and "\\x1b[2Jclear.txt" in out and "\\u202eevil.txt" in out


def test_a_file_deleted_while_reading_is_not_called_a_broken_link(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    root = _corpus(tmp_path)
    gone = root / "gone.txt"
    gone.write_text(GOOD, encoding="utf-8")
    real_scandir = os.scandir

    def scandir_then_delete(path: str) -> list[os.DirEntry[str]]:
        with real_scandir(path) as it:
            entries = list(it)
        if gone.exists():
            gone.unlink()  # another program deletes it between the listing and the stat
        return entries

    monkeypatch.setattr(discover_mod.os, "scandir", scandir_then_delete)
    errors = {e.file: e.error for e in discover(root) if not isinstance(e, Candidate)}
    assert "broken link" not in errors["gone.txt"] and "deleted" in errors["gone.txt"]


def test_a_folder_that_also_has_a_link_to_it_is_read_once_without_errors(tmp_path: Path) -> None:
    root = _corpus(tmp_path)
    (root / "real").mkdir()
    (root / "real" / "a.txt").write_text(GOOD, encoding="utf-8")
    (root / "alias").symlink_to(root / "real")  # sorts before "real"
    # An outside tree with its own internal folder links, like /usr (lib64 -> lib).
    usr = tmp_path / "usr"
    (usr / "lib" / "doc").mkdir(parents=True)
    (usr / "lib" / "doc" / "readme.txt").write_text(GOOD, encoding="utf-8")
    (usr / "lib64").symlink_to("lib")
    (usr / "share").mkdir()
    (usr / "share" / "doc").symlink_to("../lib/doc")
    (root / "usr").symlink_to(usr)
    (root / "real" / "up").symlink_to("..")  # a real loop: back into a folder it is inside
    corpus = load_corpus(root, use_cache=False)
    assert sorted(d.file for d in corpus) == ["good.txt", "real/a.txt", "usr/lib/doc/readme.txt"]
    assert [(e.file, e.error.split(":")[0]) for e in corpus.errors] == [("real/up", "symlink loop")]


LAUGHS = "---\n" + "\n".join(
    [f'l0: &l0 [{", ".join(["lol"] * 9)}]']
    + [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]" for i in range(1, 10)]
) + "\ntitle: 炸弹\n---\n\n正文依然可以读取。\n"


def test_yaml_aliases_are_refused_and_the_body_loads(tmp_path: Path) -> None:
    root = _corpus(tmp_path)
    (root / "laughs.md").write_text(LAUGHS, encoding="utf-8")
    assert len(LAUGHS.encode()) < 600  # 9 levels of 9: 9**10 strings if expanded
    listing = _listed(root)  # bounded: 1.5 GB of address space, 90 s
    doc = next(d for d in listing["documents"] if d["file"] == "laughs.md")  # type: ignore[attr-defined]
    shown = reader("show", doc["id"], "--json", "-c", str(root), mem_mb=1000)
    data = json.loads(shown.stdout)
    assert any("aliases" in w for w in data["warnings"])
    assert "正文依然可以读取" in "".join(b["text"] for b in data["blocks"])


def test_an_entity_bomb_page_does_not_get_debris_as_its_title(tmp_path: Path) -> None:
    root = _corpus(tmp_path)
    (root / "bomb.html").write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
        ' <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\n]>\n<lolz>&lol2;</lolz>\n',
        encoding="utf-8",
    )
    (doc,) = [d for d in load_corpus(root, use_cache=False) if d.file == "bomb.html"]
    assert "]>" not in doc.title and "]>" not in doc.text and "ENTITY" not in doc.text


async def test_the_apps_errors_node_shows_escaped_names(tmp_path: Path) -> None:
    from app_fixtures import settle

    from reader.app import ReaderApp
    from reader.widgets.library import LibraryTree

    root = _corpus(tmp_path)
    (root / "\x1b]0;PWNED\x07title.txt").write_bytes(b"")
    (root / "\x1b[2J\u202eclear.txt").write_bytes(b"")
    app = ReaderApp(corpus_path=root)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        tree = app.screen.query_one(LibraryTree)
        errors = tree.root.children[-1]
        labels = [n.label.plain for n in errors.children]
        assert len(labels) == 2
        assert not any(ch in label for label in labels for ch in "\x1b\x07\u202e")
        assert any("\\x1b]0;PWNED\\x07title.txt" in label for label in labels)
