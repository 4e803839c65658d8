"""The on-disk cache: nothing unchanged is parsed twice; damage is rebuilt."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from corpus import load_corpus
from corpus.ingest.lazydoc import LazyDocument
from corpus.paths import cache_dir

PAGE = "标题{n}\n\n本报记者 林晓峰 报道\n\n第{n}篇的正文，讲的是城市更新。\n"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for n in range(5):
        (folder / f"{n}.txt").write_text(PAGE.format(n=n), encoding="utf-8")
    return folder


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record every file the loader parses (it imports the parser at the first file to parse)."""
    from corpus.ingest import parse

    seen: list[str] = []
    real = parse.parse_file

    def counting(rel: str, data: bytes):
        seen.append(rel)
        return real(rel, data)

    monkeypatch.setattr(parse, "parse_file", counting)
    return seen


def _texts(corpus) -> list[str]:
    return [d.text for d in corpus]


def test_second_load_parses_nothing(root: Path, parses: list[str]) -> None:
    first = load_corpus(root)
    assert sorted(parses) == [f"{n}.txt" for n in range(5)]
    parses.clear()
    second = load_corpus(root)
    assert all(isinstance(d, LazyDocument) for d in second)
    assert _texts(second) == _texts(first)  # text loads from the cache entries
    assert [d.blocks for d in second] == [d.blocks for d in first]
    assert parses == []


def test_cache_lives_under_reader_cache_dir(root: Path) -> None:
    load_corpus(root)
    assert str(cache_dir()).endswith("cache")
    assert list((cache_dir() / "corpora").glob("*.json"))
    assert list((cache_dir() / "docs").rglob("*.json"))


def test_changed_file_is_parsed_again(root: Path, parses: list[str]) -> None:
    load_corpus(root)
    parses.clear()
    target = root / "2.txt"
    target.write_text(PAGE.format(n="二"), encoding="utf-8")
    os.utime(target, ns=(1, 1))  # a different mtime even on coarse clocks
    corpus = load_corpus(root)
    assert parses == ["2.txt"]
    assert "第二篇" in corpus.find("2.txt").text


def test_damaged_manifest_is_rebuilt(root: Path, parses: list[str]) -> None:
    load_corpus(root)
    (manifest,) = (cache_dir() / "corpora").glob("*.json")
    manifest.write_text("{not json", encoding="utf-8")
    parses.clear()
    corpus = load_corpus(root)
    assert len(corpus) == 5 and parses == []  # the per-file entries still serve
    assert manifest.read_text(encoding="utf-8").startswith("{")
    load_corpus(root)  # and the rebuilt manifest is readable


def test_damaged_entry_is_rebuilt(root: Path, parses: list[str]) -> None:
    load_corpus(root)
    for entry in (cache_dir() / "docs").rglob("*.json"):
        entry.write_bytes(b"\x00garbage")
    for manifest in (cache_dir() / "corpora").glob("*.json"):
        manifest.unlink()
    parses.clear()
    corpus = load_corpus(root)
    assert sorted(parses) == [f"{n}.txt" for n in range(5)]
    assert all("城市更新" in d.text for d in corpus)


def test_lazy_text_survives_a_lost_entry(root: Path, parses: list[str]) -> None:
    load_corpus(root)
    corpus = load_corpus(root)
    for entry in (cache_dir() / "docs").rglob("*.json"):
        entry.unlink()
    parses.clear()
    assert "第3篇" in corpus.find("3.txt").text  # parsed again on demand
    assert parses == ["3.txt"]


def test_parser_version_change_invalidates(root: Path, parses: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import corpus.ingest.cache as cache_mod

    load_corpus(root)
    parses.clear()
    monkeypatch.setattr(cache_mod, "PARSER_VERSION", cache_mod.PARSER_VERSION + 1000)
    load_corpus(root)
    assert len(parses) == 5


def test_removed_file_leaves_the_listing(root: Path) -> None:
    load_corpus(root)
    (root / "4.txt").unlink()
    assert [d.file for d in load_corpus(root)] == [f"{n}.txt" for n in range(4)]


def test_errors_are_cached_too(root: Path, parses: list[str]) -> None:
    (root / "empty.txt").write_bytes(b"")
    assert load_corpus(root).errors[0].error == "empty file"
    parses.clear()
    again = load_corpus(root)
    assert again.errors[0].error == "empty file" and parses == []


def test_lazy_documents_pickle_as_plain_documents(root: Path) -> None:
    load_corpus(root)
    doc = load_corpus(root).documents[0]
    clone = pickle.loads(pickle.dumps(doc))
    assert type(clone).__name__ == "Document"
    assert clone.text == doc.text and clone.summary() == doc.summary()


def test_no_cache_mode_writes_nothing(root: Path) -> None:
    load_corpus(root, use_cache=False)
    assert not cache_dir().exists()


def test_unusable_cache_dir_still_loads(root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    monkeypatch.setenv("READER_CACHE_DIR", str(blocker))
    first = load_corpus(root)
    second = load_corpus(root)
    assert len(first) == len(second) == 5 and all("城市更新" in d.text for d in second)
