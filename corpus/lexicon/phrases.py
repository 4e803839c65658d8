"""Readings pypinyin's phrase data lacks or has wrong, for words common in economic news.

Loaded into pypinyin with its own ``load_phrases_dict`` (``corpus.lexicon.pinyin``),
so the sentence reader, ``word_pinyin`` and any other pypinyin call agree. Each
entry was checked against the 现代汉语词典 reading or, for news jargon (四大行,
城商行, 调仓), the meaning in a financial text. Syllables are space-separated,
tone marks as pypinyin writes them.
"""

from __future__ import annotations

PHRASES: dict[str, str] = {
    # 还 huán "pay back" (pypinyin has 还款 as hái kuǎn)
    "还款": "huán kuǎn",
    "还本付息": "huán běn fù xī",
    # 行 háng "bank" in banking jargon (pypinyin reads the unknown word's 行 as xíng)
    "该行": "gāi háng",
    "大行": "dà háng",
    "投行": "tóu háng",
    "外资行": "wài zī háng",
    "中资行": "zhōng zī háng",
    "股份行": "gǔ fèn háng",
    "城商行": "chéng shāng háng",
    "农商行": "nóng shāng háng",
    # 重 chóng "again, re-" (pypinyin: zhòng for the unknown words)
    "重回": "chóng huí",
    "重估": "chóng gū",
    "重构": "chóng gòu",
    "重塑": "chóng sù",
    "重置": "chóng zhì",
    # 长 cháng "long" (not zhǎng "grow")
    "长三角": "cháng sān jiǎo",
    "长效": "cháng xiào",
    # 调 tiáo "adjust": 上调 is shàngdiào "transfer up" in pypinyin; prices and rates are raised shàngtiáo
    "上调": "shàng tiáo",
    "调仓": "tiáo cāng",
    # 处 chǔ "be in (a state)"
    "处在": "chǔ zài",
    "身处": "shēn chǔ",
    # 种 zhòng "grow, plant"
    "种粮": "zhòng liáng",
    # 只 zhī, the measure word (基金, 股票: 多只基金)
    "多只": "duō zhī",
    "两只": "liǎng zhī",
    "数只": "shù zhī",
    "单只": "dān zhī",
    # 数 shù "number" (现代汉语词典: 数以万计 shù yǐ wàn jì; pypinyin has shǔ)
    "数以万计": "shù yǐ wàn jì",
    "数以千计": "shù yǐ qiān jì",
    "数以百计": "shù yǐ bǎi jì",
    "数以亿计": "shù yǐ yì jì",
}


def pypinyin_phrases() -> dict[str, list[list[str]]]:
    """:data:`PHRASES` in the form ``pypinyin.load_phrases_dict`` takes (one list per character)."""
    out: dict[str, list[list[str]]] = {}
    for word, reading in PHRASES.items():
        syllables = reading.split()
        if len(syllables) != len(word):  # a typo here would misalign every later character
            raise ValueError(f"{word}: {len(syllables)} syllables for {len(word)} characters")
        out[word] = [[s] for s in syllables]
    return out
