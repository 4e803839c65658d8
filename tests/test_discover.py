"""Discovery: recursive, natural order, hidden files skipped, only known suffixes."""

from __future__ import annotations

from pathlib import Path

from corpus.ingest.discover import Candidate, discover


def test_discover_orders_and_filters(tmp_path: Path) -> None:
    for name in ["10.txt", "2.txt", "a/b.md", "a/c.HTML", ".hidden.txt", ".git/x.txt", "img.png", "z.htm", "y.markdown"]:
        p = tmp_path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("正文", encoding="utf-8")
    rels = [c.rel for c in discover(tmp_path) if isinstance(c, Candidate)]
    assert rels == ["2.txt", "10.txt", "a/b.md", "a/c.HTML", "y.markdown", "z.htm"]


def test_single_file_root(tmp_path: Path) -> None:
    p = tmp_path / "one.txt"
    p.write_text("正文", encoding="utf-8")
    (cand,) = discover(p)
    assert isinstance(cand, Candidate) and cand.rel == "one.txt" and cand.size == len("正文".encode())


def test_special_files_are_error_rows_not_hangs(tmp_path: Path) -> None:
    import os

    from corpus import load_corpus

    (tmp_path / "ok.txt").write_text("标题\n\n正文一句。\n", encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    corpus = load_corpus(tmp_path, use_cache=False)
    assert [d.file for d in corpus.documents] == ["ok.txt"]
    assert [(e.file, e.error) for e in corpus.errors] == [("pipe.txt", "not a regular file (a pipe, device or socket)")]
    direct = load_corpus(Path("/dev/null"), use_cache=False)
    assert not direct.documents and "not a regular file" in direct.errors[0].error


def test_first_files_are_the_walks_first_files(tmp_path: Path) -> None:
    """The start of discover()'s list, from a walk stopped there (a first start shows the corpus's
    first document from the cache before the whole tree is walked)."""
    from corpus.ingest.discover import first_files

    for name in ["b/10.txt", "b/2.txt", "b/c/x.md", ".hidden/a.txt", "a.png", "z/1.txt", "b/1.bin"]:
        p = tmp_path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("正文", encoding="utf-8")
    every = [c for c in discover(tmp_path) if isinstance(c, Candidate)]
    for n in (1, 2, 3, 10):
        assert [c.rel for c in first_files(tmp_path, n)] == [c.rel for c in every[:n]]
    assert [c.rel for c in first_files(tmp_path / "b" / "2.txt", 3)] == ["2.txt"]  # a file as the root
    (tmp_path / "empty").mkdir()
    assert first_files(tmp_path / "empty", 3) == []
