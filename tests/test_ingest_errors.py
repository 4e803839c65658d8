"""Bad input becomes an error row with a clear reason; every other file still loads."""

from __future__ import annotations

import builtins
import os
from pathlib import Path

import pytest

from corpus import load_corpus
from corpus.ingest.loader import read_and_parse

GOOD = "好的文章标题\n\n这是一段正常的正文，用来确认其他文件照常读取。\n"


def _corpus_with(tmp_path: Path, name: str, data: bytes | None = None) -> Path:
    root = tmp_path / "corpus"
    root.mkdir(exist_ok=True)
    (root / "good.txt").write_text(GOOD, encoding="utf-8")
    if data is not None:
        (root / name).write_bytes(data)
    return root


def _errors(root: Path) -> dict[str, str]:
    corpus = load_corpus(root, use_cache=False)
    assert [d.title for d in corpus] == ["好的文章标题"], "the good file must still load"
    return {e.file: e.error for e in corpus.errors}


@pytest.mark.parametrize(
    "name, data, reason",
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"   \n\n\t\n", "empty file"),
        ("binary.txt", bytes(range(256)) * 8, "binary"),
        ("png.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00\xff" * 300, "binary"),
        ("noise.md", bytes((i * 97 + 13) % 256 for i in range(4000)).replace(b"\x00", b"\x01"), "undecodable"),
        ("lanes.txt", b"\x00\xff" * 300, "binary"),
        ("pdf.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        ("controls.txt", b"\x1b[31m\x07\x1b[0m\x08", "empty file"),
    ],
)
def test_unreadable_content(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    errors = _errors(_corpus_with(tmp_path, name, data))
    assert reason in errors[name]


def test_malformed_front_matter_keeps_body_with_warning(tmp_path: Path) -> None:
    root = _corpus_with(tmp_path, "bad.md", "---\ntitle: [未闭合\ndate: 2024-01-01\n---\n\n正文依然可以读取。\n".encode())
    corpus = load_corpus(root, use_cache=False)
    doc = next(d for d in corpus if d.file == "bad.md")
    assert "正文依然可以读取" in doc.text
    assert doc.warnings and "front matter" in doc.warnings[0]
    assert not corpus.errors


def test_front_matter_that_is_not_a_mapping(tmp_path: Path) -> None:
    root = _corpus_with(tmp_path, "list.md", "---\n- 一\n- 二\n---\n正文。\n".encode())
    doc = next(d for d in load_corpus(root, use_cache=False) if d.file == "list.md")
    assert "正文" in doc.text and "mapping" in doc.warnings[0]


def test_yaml_is_loaded_safely(tmp_path: Path) -> None:
    evil = "---\ntitle: !!python/object/apply:os.system ['echo pwned']\n---\n正文。\n"
    root = _corpus_with(tmp_path, "evil.md", evil.encode())
    doc = next(d for d in load_corpus(root, use_cache=False) if d.file == "evil.md")
    assert doc.warnings and "正文" in doc.text


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # As root, chmod does not block reads, so simulate the OS refusing.
    root = _corpus_with(tmp_path, "secret.txt", "机密".encode())
    real_open = builtins.open

    def guarded(file, *args, **kwargs):
        if str(file).endswith("secret.txt"):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded)
    assert _errors(root)["secret.txt"] == "permission denied"


def test_symlink_loop_and_broken_link(tmp_path: Path) -> None:
    root = _corpus_with(tmp_path, "x")
    os.symlink(root / "loop_a.txt", root / "loop_b.txt")
    os.symlink(root / "loop_b.txt", root / "loop_a.txt")
    os.symlink(root / "missing.txt", root / "broken.txt")
    (root / "sub").mkdir()
    os.symlink(root, root / "sub" / "up")  # a folder cycle
    errors = _errors(root)
    assert "symlink loop" in errors["loop_a.txt"]
    assert "broken link" in errors["broken.txt"]
    assert any("symlink loop" in e for f, e in errors.items() if f.startswith("sub/up"))


def test_too_large_file_names_the_limit(tmp_path: Path) -> None:
    root = _corpus_with(tmp_path, "x")
    with open(root / "huge.txt", "wb") as fh:  # sparse: 100 MB without writing them
        fh.truncate(100 * 1024 * 1024)
    errors = _errors(root)
    assert errors["huge.txt"] == "too large: 100.0 MB, the limit is 50.0 MB (set READER_MAX_FILE_MB)"


def test_limit_is_configurable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READER_MAX_FILE_MB", "0.001")
    root = _corpus_with(tmp_path, "big.txt", ("长" * 2000).encode())
    errors = _errors(root)
    assert errors == {"big.txt": "too large: 6 KB, the limit is 1 KB (set READER_MAX_FILE_MB)"}


def test_missing_corpus_is_a_clear_error(tmp_path: Path) -> None:
    from corpus import CorpusNotFound

    with pytest.raises(CorpusNotFound, match="no such file or folder"):
        load_corpus(tmp_path / "nope")


def test_read_and_parse_never_raises_on_a_folder(tmp_path: Path) -> None:
    from corpus.ingest.discover import Candidate

    (tmp_path / "d.txt").mkdir()
    result = read_and_parse(Candidate(tmp_path / "d.txt", "d.txt", 0, 0))
    assert result.error == "is a folder, not a file"


def test_hostile_file_and_folder_names_are_sanitised(tmp_path: Path) -> None:
    root = tmp_path / "c"
    (root / "\x1b[31mred").mkdir(parents=True)
    (root / "\x1b[31mred" / "\x1b]0;x\x07a.txt").write_text("这是一段正文，没有标题。", encoding="utf-8")
    (doc,) = load_corpus(root, use_cache=False)
    assert "\x1b" not in doc.section and "\x1b" not in doc.title and "\x07" not in doc.title
