"""The search index: every query form against a brute-force scan, incremental
updates, removed files, damaged indexes, sorting and paging."""

from __future__ import annotations

import gc
import os
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus import load_corpus
from corpus.index import QuerySyntaxError, open_index
from corpus.index.corpus_index import CorpusIndex, IndexBusy
from corpus.index.match import scan
from corpus.index.query import parse_query
from corpus.model import Corpus
from corpus.text.fold import fold
from index_fixtures import FILES, write_corpus

QUERIES = [
    "跨境电商", "跨境电", "境", "电商 海外仓", "跨境电商 OR 储能", "储能 -外贸", "NOT 跨境", "-跨境 -储能",
    '"综合 试验区"', "综合试验区", "综合", "跨境电商 NEAR/5 海外仓", "跨境电商 NEAR/0 企业", "出口 NEAR/2 增长",
    "(跨境电商 OR 外贸) 海外仓", "title:跨境", "title:(储能 OR 外贸)", "section:地方", "section:要闻 储能",
    "author:王", "author:晓明 跨境", "file:trade", "file:.txt", "date:2023", "date:2023-08", "date:2023-08..2023-09",
    "date:..2022", "date:2022-12", "ai", "AI 客服", "ＡＩ", "海外仓", "海外倉", "電商", "aa", "重复重复",
    "\u5546\n", "港口 吞吐量", '"港口 吞吐量"', "商\n新", "不存在的词", "跨境 NEAR/3 不存在",
    "NOT (跨境 NEAR/3 企业)", "储能 OR (跨境电商 NEAR/2 海外仓)",
]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return write_corpus(tmp_path / "docs")


def brute(corpus: Corpus, query: str) -> list[tuple[str, tuple[tuple[int, int], ...]]]:
    return [(d.id, tuple(h)) for d, h in scan(parse_query(query), corpus.documents)]


def indexed(index: CorpusIndex, query: str) -> list[tuple[str, tuple[tuple[int, int], ...]]]:
    results = index.search(query, sort="order", limit=None)
    return [(g.doc_id, g.hits) for g in results.groups]


def built(root: Path) -> tuple[Corpus, CorpusIndex]:
    corpus = load_corpus(root)
    index = open_index(corpus)
    index.update()
    index = open_index(corpus)  # a fresh open must trust what update wrote
    assert index.ready and index.problem == ""
    return corpus, index


@pytest.mark.parametrize("query", QUERIES)
def test_every_query_form_matches_a_brute_force_scan(root: Path, query: str) -> None:
    corpus, index = built(root)
    expected = brute(corpus, query)
    assert indexed(index, query) == expected
    results = index.search(query, sort="order", limit=None)
    assert results.engine == "index"
    assert results.total_docs == len(expected)
    for group in results.groups:
        doc = corpus.get(group.doc_id)
        assert doc is not None
        for start, end in group.hits:  # every hit is really there, folded
            assert 0 <= start < end <= len(doc.text)
            assert any(fold(doc.text[start:end]) == fold(t.text) for t in _texts(query))


def _texts(query: str):  # type: ignore[no-untyped-def]
    from corpus.index.query import positive_texts

    return positive_texts(parse_query(query))


def test_expected_answers_on_the_fixture(root: Path) -> None:
    corpus, index = built(root)
    titles = lambda q: {corpus.get(g.doc_id).title for g in index.search(q, limit=None).groups}  # noqa: E731
    assert titles("跨境电") == {"跨境电商综试区建设提速", "杭州跨境電商", "宁波外贸稳中有进", "综合 试验区 年度报告"}
    # 跨境電商出口增长，海外倉: five characters apart, folded.
    assert titles("跨境电商 NEAR/5 海外仓") == {"跨境电商综试区建设提速", "杭州跨境電商", "综合 试验区 年度报告"}
    assert titles("跨境电商 NEAR/4 海外仓") == {"跨境电商综试区建设提速", "综合 试验区 年度报告"}
    assert titles("储能 -外贸") == set()
    assert titles("date:2023-08..2023-09") == {"跨境电商综试区建设提速", "新型储能产业快速发展"}
    assert titles("section:地方 -杭州") == {"宁波外贸稳中有进"}
    # A phrase across a line break only when written so; words on two lines are AND.
    assert titles('"跨境电商 新业态"') == set()
    trade = next(g for g in index.search("跨境电商", limit=None).groups if corpus.get(g.doc_id).file == "要闻/trade.md")
    doc = corpus.get(trade.doc_id)
    assert [doc.text[s:e] for s, e in trade.hits] == ["跨境电商"] * 3


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_substring_finds_its_documents(root: Path, data: st.DataObject) -> None:
    corpus, index = _cached_build(root)
    doc = data.draw(st.sampled_from(corpus.documents))
    start = data.draw(st.integers(0, len(doc.text) - 1))
    length = data.draw(st.integers(1, 7))
    needle = doc.text[start : start + length].strip()
    if not needle or '"' in needle:
        return
    query = f'"{needle}"'
    got = indexed(index, query)
    assert got == brute(corpus, query)
    assert doc.id in {doc_id for doc_id, _hits in got}


_BUILDS: dict[Path, tuple[Corpus, CorpusIndex]] = {}


def _cached_build(root: Path) -> tuple[Corpus, CorpusIndex]:
    if root not in _BUILDS:
        _BUILDS.clear()
        _BUILDS[root] = built(root)
    return _BUILDS[root]


def test_random_boolean_queries_match_brute_force(root: Path) -> None:
    corpus, index = built(root)
    rng = random.Random(7)
    words = ["跨境", "电商", "海外仓", "储能", "外贸", "杭州", "AI", "综合", "增长", "企业", "title:跨境", "section:地方",
             "date:2023", "author:李"]
    for _ in range(120):
        parts = []
        for _k in range(rng.randint(1, 4)):
            w = rng.choice(words)
            r = rng.random()
            if r < 0.2:
                w = f"-{w}"
            elif r < 0.35:
                w = f"({w} OR {rng.choice(words)})"
            elif r < 0.45 and ":" not in w:
                w2 = rng.choice([x for x in words if ":" not in x])
                w = f"{w} NEAR/{rng.randint(0, 12)} {w2}"
            parts.append(w)
        query = " ".join(parts)
        assert indexed(index, query) == brute(corpus, query), query


def test_ranking_prefers_more_occurrences_and_sorts(root: Path) -> None:
    corpus, index = built(root)
    ranked = index.search("跨境电商", sort="rank", limit=10)
    assert ranked.total_docs == 4
    # Short documents with the term two or three times before the long one that has it once.
    assert [g.count for g in ranked.groups][-1] == 1 and ranked.groups[0].count >= 2
    assert all(a.score >= b.score > 0 for a, b in zip(ranked.groups, ranked.groups[1:]))
    order = [g.doc_id for g in index.search("跨境电商", sort="order", limit=None).groups]
    assert order == [d.id for d in corpus.documents if d.id in order]
    dates = [corpus.get(g.doc_id).date for g in index.search("跨境电商", sort="date", limit=None).groups]
    assert dates == ["2022-12-20", "2023-08-13", None, None]  # oldest first, undated last
    page = index.search("跨境电商", sort="order", limit=2, offset=1)
    assert [g.doc_id for g in page.groups] == order[1:3] and page.total_docs == 4
    counted = index.search("跨境电商", count_hits=True)
    assert counted.total_hits == sum(g.count for g in index.search("跨境电商", limit=None).groups) == 7
    with pytest.raises(ValueError):
        index.search("跨境", sort="size")


def test_occurrences_are_every_exact_hit_in_reading_order(root: Path) -> None:
    corpus, index = built(root)
    hits = list(index.occurrences("跨境电商 OR 海外仓"))
    expected = [(d.id, s, e) for d, spans in scan(parse_query("跨境电商 OR 海外仓"), corpus.documents) for s, e in spans]
    assert [(h.doc_id, h.start, h.end) for h in hits] == expected
    assert {fold(corpus.get(h.doc_id).text[h.start : h.end]) for h in hits} == {"跨境电商", "海外仓"}


def test_malformed_query_raises_not_empty(root: Path) -> None:
    _corpus, index = built(root)
    with pytest.raises(QuerySyntaxError, match="unbalanced parenthesis at 3"):
        index.search("跨境 (海外仓")


def test_edit_reindexes_only_that_file_and_results_follow(root: Path) -> None:
    corpus, index = built(root)
    assert index.search("数字人民币").total_docs == 0
    path = root / "地方/ningbo.txt"
    path.write_text("宁波外贸稳中有进\n\n数字人民币试点扩大。\n", encoding="utf-8")
    os.utime(path, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    corpus = load_corpus(root)
    index = open_index(corpus)
    assert index.stale_files == ["地方/ningbo.txt"]
    # Before the update the changed file is scanned: answers are never stale.
    before = index.search("数字人民币")
    assert before.total_docs == 1 and before.engine == "index+scan"
    stats = index.update()
    assert stats.files == ["地方/ningbo.txt"] and stats.indexed_files == 1 and not stats.rebuilt
    assert stats.unchanged_files == len(FILES) - 1
    after = open_index(corpus)
    assert after.ready
    results = after.search("数字人民币")
    assert results.engine == "index" and results.total_docs == 1
    assert after.search("港口").total_docs == 0  # the old text is gone from the index
    for query in QUERIES:
        assert indexed(after, query) == brute(corpus, query), query
    assert after.update().indexed_files == 0  # nothing changed: nothing to do


def test_added_and_removed_files(root: Path) -> None:
    corpus, index = built(root)
    (root / "地方/hangzhou.txt").unlink()
    write_corpus(root, {"新增/new.txt": "新增文件\n\n跨境电商直播带货兴起。\n"})
    corpus = load_corpus(root)
    index = open_index(corpus)
    assert index.removed_files == ["地方/hangzhou.txt"]
    stats = index.update()
    assert stats.removed_files == 1 and stats.files == ["新增/new.txt"]
    index = open_index(corpus)
    assert index.ready
    assert index.search("杭州").total_docs == 0
    assert index.search("直播带货").total_docs == 1
    assert indexed(index, "跨境电商") == brute(corpus, "跨境电商")


@pytest.mark.parametrize("damage", ["manifest", "meta", "segment", "delete", "format"])
def test_damaged_index_is_detected_and_rebuilt(root: Path, damage: str) -> None:
    corpus, index = built(root)
    folder = index.folder
    engine = folder / "engine"
    # Damage between runs: nothing in this process has the engine's files mapped.
    # (Replacing, not truncating in place, also keeps any mapping valid: tantivy
    # never rewrites a file, so only damage from outside could truncate one.)
    del index
    gc.collect()

    def replace(path: Path, data: bytes) -> None:
        tmp = path.with_name(path.name + ".damaged")
        tmp.write_bytes(data)
        os.replace(tmp, path)

    if damage == "manifest":
        replace(folder / "manifest.json", b"{not json")
    elif damage == "meta":
        replace(engine / "meta.json", b"garbage")
    elif damage == "segment":
        victim = max((p for p in engine.iterdir() if p.suffix in (".idx", ".pos", ".term")), key=lambda p: p.stat().st_size)
        data = victim.read_bytes()
        replace(victim, data[: len(data) // 2])
    elif damage == "delete":
        for p in engine.iterdir():
            if p.suffix == ".pos":
                p.unlink()
    else:
        text = (folder / "manifest.json").read_text(encoding="utf-8")
        replace(folder / "manifest.json", text.replace('"format":1', '"format":0').encode("utf-8"))
    reopened = open_index(corpus)
    assert not reopened.ready and reopened.problem
    # Never trusted: searching scans instead (right answers, just slower).
    assert indexed(reopened, "跨境电商") == brute(corpus, "跨境电商")
    assert reopened.search("跨境电商").engine == "scan"
    stats = reopened.update()
    assert stats.rebuilt and stats.reason
    again = open_index(corpus)
    assert again.ready and again.search("跨境电商").engine == "index"
    for query in QUERIES[:12]:
        assert indexed(again, query) == brute(corpus, query), query


def test_engine_failure_during_search_falls_back_and_marks_for_rebuild(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from corpus.index.engine import Engine, EngineError

    corpus, index = built(root)

    def broken(self: Engine, node: object, limit: object) -> None:
        raise EngineError("simulated: segment checksum mismatch")

    with monkeypatch.context() as patch:
        patch.setattr(Engine, "search", broken)
        results = index.search("跨境电商", limit=None)
    assert results.engine == "scan"
    assert {g.doc_id for g in results.groups} == {d for d, _h in brute(corpus, "跨境电商")}
    reopened = open_index(corpus)
    assert "damaged" in reopened.problem
    assert reopened.update().rebuilt
    assert open_index(corpus).ready


def test_update_is_cancellable_and_keeps_what_it_committed(root: Path) -> None:
    corpus = load_corpus(root)
    index = open_index(corpus)
    calls = []
    stats = index.update(cancel=lambda: len(calls) >= 2, progress=lambda done, total: calls.append((done, total)))
    assert stats.cancelled and stats.indexed_files == 2
    assert calls == [(1, len(FILES)), (2, len(FILES))]
    reopened = open_index(corpus)
    assert len(reopened.stale_files) == len(FILES) - 2
    assert indexed(reopened, "跨境电商") == brute(corpus, "跨境电商")  # index + scan of the rest
    assert reopened.update().indexed_files == len(FILES) - 2
    assert open_index(corpus).ready


def test_a_second_updater_is_told_the_index_is_busy(root: Path) -> None:
    from filelock import FileLock

    corpus = load_corpus(root)
    index = open_index(corpus)
    index.folder.mkdir(parents=True, exist_ok=True)
    with FileLock(str(index.folder / "update.lock")):
        with pytest.raises(IndexBusy):
            index.update()


def test_index_lives_in_the_cache_dir_per_corpus(root: Path, tmp_path: Path) -> None:
    _corpus, index = built(root)
    assert index.folder.is_relative_to(tmp_path / "cache")
    other = write_corpus(tmp_path / "other", {"x.txt": "别的语料\n\n内容。\n"})
    assert open_index(load_corpus(other)).folder != index.folder


def test_a_ranked_near_page_verifies_only_what_it_shows(root: Path) -> None:
    corpus, index = built(root)
    full = index.search("跨境电商 NEAR/4 海外仓", limit=1, count_hits=True)
    assert full.total_exact and full.total_docs == 2  # verified on every candidate
    page = index.search("跨境电商 NEAR/4 海外仓", limit=1)
    assert not page.total_exact and page.total_docs == 3  # a bound: three have both words
    assert [g.doc_id for g in page.groups] == [g.doc_id for g in full.groups]
    assert page.groups[0].hits == full.groups[0].hits
