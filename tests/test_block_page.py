"""Block.page: the page a block starts on survives the cache, the manifest and lazy loading."""

from __future__ import annotations

from pathlib import Path

from corpus.ingest.cache import DocCache
from corpus.ingest.discover import Candidate
from corpus.ingest.lazydoc import fill_from, lazy_documents, summary_record
from corpus.model import Block, Document, join_blocks


def _doc() -> Document:
    text, blocks = join_blocks([("title", "标题", 1, 1), ("paragraph", "第一页的正文。", 0, 1), ("paragraph", "第二页的正文。", 0, 2)])
    return Document(id="d", file="a.pdf", section="s", title="标题", text=text, blocks=blocks)


def test_join_blocks_takes_pages_and_old_triples() -> None:
    _, paged = join_blocks([("paragraph", "一", 0, 3)])
    _, unpaged = join_blocks([("paragraph", "一", 0)])
    assert paged[0].page == 3
    assert unpaged[0].page is None
    assert unpaged[0] == Block("paragraph", 0, 1)


def through_the_cache(tmp_path: Path, doc: Document) -> object:
    """``doc`` stored in a document cache and read back (what ``DocCache.get`` returns)."""
    src = tmp_path / "a.pdf"
    src.write_bytes(b"x")
    cand = Candidate(src, "a.pdf", 1, src.stat().st_mtime_ns)
    cache = DocCache(tmp_path / "cache")
    cache.put(cand, [doc])
    return cache.get(cand)


def test_page_round_trips_through_dict_and_cache(tmp_path: Path) -> None:
    doc = _doc()
    assert [b.page for b in Document.from_dict(doc.to_dict()).blocks] == [1, 1, 2]
    hit = through_the_cache(tmp_path, doc)
    assert isinstance(hit, list)
    assert [b.page for b in hit[0].blocks] == [1, 1, 2]
    lazy = lazy_documents([summary_record(doc)], lambda docs: fill_from(docs, [doc]))
    assert [b.page for b in lazy[0].blocks] == [1, 1, 2]


def test_old_cache_records_without_page_read_as_unpaged() -> None:
    data = _doc().to_dict()
    for b in data["blocks"]:
        del b["page"]
    assert all(b.page is None for b in Document.from_dict(data).blocks)


def test_turns_place_a_page_inside_a_block_and_survive_the_cache(tmp_path: Path) -> None:
    text, blocks = join_blocks([("paragraph", "第一页。", 0, 1), ("paragraph", "跨页的段落续在下一页。", 0, 1, [(5, 2)]),
                                ("paragraph", "第二页。", 0, 2, [])])
    assert blocks[1].turns == ((blocks[1].start + 5, 2),) and blocks[0].turns == blocks[2].turns == ()
    doc = Document(id="d", file="a.pdf", section="s", title="t", text=text, blocks=blocks)
    turn = blocks[1].start + 5
    assert text[turn:].startswith("续在下一页")
    assert [doc.page_at(o) for o in (0, blocks[1].start, turn - 1, turn, blocks[2].start)] == [1, 1, 1, 2, 2]
    assert Document.from_dict(doc.to_dict()).blocks == blocks
    hit = through_the_cache(tmp_path, doc)
    assert isinstance(hit, list) and hit[0].blocks == blocks
    unpaged = Document(id="u", file="a.txt", section="s", title="t", text="一", blocks=[Block("paragraph", 0, 1)])
    assert unpaged.page_at(0) is None
