"""People, places and organisations: tagging, filtering, merging, caching, workers."""

from __future__ import annotations

from pathlib import Path

import pytest
from analysis_fixtures import corpus, doc

from corpus import load_corpus
from corpus.analysis import packs, tagging
from corpus.analysis.common import Cancelled
from corpus.analysis.entities import TagIndex, entities, keep, merge, short_place
from corpus.analysis.tagging import EntityCache, RawTag, tag_text
from corpus.text import tokens

TEXT = "商务部公布名单。杭州市和宁波的企业负责人周婷说，杭州的顾客很多。城市在发展。"


def test_tags_have_offsets_into_the_text() -> None:
    tags = tag_text(TEXT)
    for start, end, word, _flag in tags:
        assert TEXT[start:end] == word
    assert ("商务部", "nt") in [(w, f) for _s, _e, w, f in tags]
    # Traditional text is tagged in its simplified form, offsets unchanged.
    trad = "商務部與杭州市"
    assert [(s, e, w) for s, e, w, _f in tag_text(trad)][:1] == [(0, 3, "商务部")]


def test_samples_entities() -> None:
    table = entities(load_corpus())
    by = {(e.name, e.kind): e for e in table.entities}
    assert ("商务部", "org") in by and ("周婷", "person") in by and ("宁波", "place") in by
    hz = by[("杭州", "place")]
    assert hz.variants == ["杭州", "杭州市"] and hz.count == 2
    hk = by[("香港", "place")]  # found in the traditional-character article
    assert hk.count == 3
    names = {e.name for e in table.entities}
    assert not names & {"城市", "顾客", "智慧", "阿姨"}  # jieba's mis-tagged common words
    assert all(len(e.name) >= 2 for e in table.entities)
    people = entities(load_corpus(), kind="person", top=3)
    assert len(people.entities) == 3 and {e.kind for e in people.entities} == {"person"}
    with pytest.raises(ValueError):
        entities(load_corpus(), kind="animal")


def test_mentions_point_at_the_name() -> None:
    c = load_corpus()
    hz = entities(c).find("杭州市")
    assert hz is not None and hz.name == "杭州"
    for m in hz.mentions:
        assert c.get(m.doc_id).text[m.start : m.end] in ("杭州", "杭州市")


def test_filters() -> None:
    assert keep("周婷", "person", {}) and keep("司马南", "person", {})
    assert not keep("顾客", "person", {})  # on the stop list
    assert not keep("高水平", "person", {})  # abstract ending, and on the stop list
    assert not keep("明显提高", "person", {})  # no surname
    assert not keep("周", "person", {})  # one character
    assert not keep("智能化", "org", {})
    assert keep("明显提高", "person", {"明显提高": "person"})  # the user's word wins
    assert short_place("杭州市") == "杭州" and short_place("香港特别行政区") == "香港"
    assert short_place("新区") is None and short_place("北京") is None


def test_merge_rules() -> None:
    found = [("d", [(0, 3, "杭州市", "ns"), (5, 7, "义乌", "ns"), (9, 12, "义乌市", "ns"), (14, 17, "嘉兴市", "ns"),
                    (20, 27, "中华人民共和国", "ns"), (30, 32, "中国", "ns")])]
    got = {e.name: sorted(e.variants) for e in merge(TagIndex.build(["d"], found, {}))}
    # 杭州市 stays whole (no 杭州 seen), 义乌市 joins 义乌, the alias joins 中国.
    assert got == {"杭州市": ["杭州市"], "义乌": ["义乌", "义乌市"], "嘉兴市": ["嘉兴市"],
                   "中国": ["中华人民共和国", "中国"]}


def test_user_dictionary_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    c = corpus(doc("x", "从事服装出口的王明远说，生意不错。"))
    assert "王明远" not in {e.name for e in entities(c).entities}  # the HMM cuts it 王明/远
    words = tmp_path / "words.txt"
    words.write_text("王明远 nr\n", encoding="utf-8")
    with monkeypatch.context() as m:
        m.setenv("READER_WORDS", str(words))
        tokens.reset()
        try:
            assert "王明远" in {e.name for e in entities(c).entities}
        finally:
            tokens.reset()


def test_cache_and_pack_are_used_and_damage_is_recomputed(monkeypatch: pytest.MonkeyPatch,
                                                          isolated_env: Path) -> None:
    c = corpus(doc("x", TEXT), doc("y", "宁波港很忙。"))
    first = entities(c).to_dict()
    cache = EntityCache()
    path = cache.path(c.documents[0])
    assert path.exists() and isolated_env in path.parents
    (pack,) = (isolated_env / "cache" / "analysis").glob("entities-*.bin")

    def refuse(*_a: object, **_k: object) -> list[RawTag]:
        raise AssertionError("should have come from the cache")

    def fresh_start() -> None:  # as a new process would: nothing in memory, no pack
        packs.forget()
        pack.unlink(missing_ok=True)

    with monkeypatch.context() as m:
        m.setattr(tagging, "tag_text", refuse)
        assert entities(c).to_dict() == first  # the pack in memory
        packs.forget()
        assert entities(c).to_dict() == first  # the pack file
        fresh_start()
        assert entities(c).to_dict() == first  # the documents' cache files
    fresh_start()
    path.write_bytes(b"{not json")
    assert entities(c).to_dict() == first
    assert cache.get(c.documents[0]) is not None  # rewritten
    packs.forget()
    pack.write_bytes(pack.read_bytes()[:-5])  # a damaged pack is ignored (and rebuilt)
    assert entities(c).to_dict() == first
    assert pack.stat().st_size > 0 and packs.read_binary(pack.name.rsplit("-", 1)[0],
                                                         pack.stem.rsplit("-", 1)[1], b"RDRENT1\n") is not None


def test_worker_processes_give_the_same_answer() -> None:
    docs = [doc(f"d{i}", TEXT * (i + 1)) for i in range(6)]
    here = entities(corpus(*docs), parallel=False).to_dict(mentions=True)
    fresh = [doc(f"d{i}", TEXT * (i + 1) + "。") for i in range(6)]  # new texts: nothing cached
    pooled = entities(corpus(*fresh), parallel=True).to_dict(mentions=True)
    assert [(e["name"], e["count"]) for e in pooled["entities"]] == [(e["name"], e["count"]) for e in here["entities"]]


def test_cancel_stops_tagging() -> None:
    c = corpus(*[doc(f"d{i}", TEXT + str(i)) for i in range(5)])
    seen: list[int] = []

    def cancel() -> bool:
        seen.append(1)
        return len(seen) > 2

    with pytest.raises(Cancelled):
        entities(c, cancel=cancel, parallel=False)
