"""Pinyin with tone marks, read in context.

pypinyin knows the reading of ~47,000 phrases (银行 yínháng, 行走 xíngzǒu, 重庆
chóngqìng) but not how to cut a sentence into them; given a word it does not
know, it falls back to each character's most common reading. So we give it our
own segmentation (``corpus.text.tokens``, jieba with the user's words), and:

* a token pypinyin does not know as a phrase (首都北京, 宏观调控: jieba keeps
  them whole) is split into the fewest phrases it does know, so 调控 is still
  read tiáokòng;
* a one-character token with several readings takes its reading from a
  phrase it forms with a one-character neighbour (他/还/钱 → 还钱 huánqián);
* the structural particles: 地 after a word and before another reads ``de``
  (认真地学习), 得 after a verb reads ``de`` (跑得快) and after a person
  ``děi`` (我得走); 长 after a degree word is the adjective cháng (很长);
  为 before a number is wéi (总额为五万亿元); 行 after 四大/五大 is háng (the
  big banks); 着 as a complement is zháo (睡不着);
* readings pypinyin lacks or has wrong for economic news (还款 huánkuǎn, 上调
  shàngtiáo, 长三角, 城商行) are loaded into it from :mod:`corpus.lexicon.phrases`.

Everything is per character: :func:`syllables` returns one reading per character
of the text ('' where there is none), so the reading of any span — a word, a
shorter dictionary match inside it — is the join of its characters'.
pypinyin is imported on first use (~0.2 s, ~30 MB).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import cast

from ..text.fold import to_simplified
from ..text.tokens import Token, tokenize

_HAN = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+$")
_SYLLABLE = re.compile(r"^[A-Za-zü:]+[1-5]$")
#: Longest phrase tried when splitting a token pypinyin does not know.
_MAX_PHRASE = 8
_DEGREE = frozenset([
    "很", "太", "更", "最", "较", "挺", "真", "多", "非常", "特别", "比较", "十分", "越来越", "这么", "那么", "不够",
])
_NUMERALS = "一二三四五六七八九十两几"
#: A number after 为: digits, or a word of Chinese numerals (百分之十二, 五万, 五千万元);
#: not a count of things (为一家企业: "for").
_NUMBER = re.compile(r"^(?:[0-9０-９]|(?:[百千]分之)?[零〇一二三四五六七八九十百千万亿两点]+(?:元|美元|亿元|万元)?$)")
_PERSONS = frozenset([
    "我", "你", "他", "她", "它", "我们", "你们", "他们", "她们", "咱们", "大家", "谁", "您", "自己", "人们",
    "就", "还", "也", "都",
])


@lru_cache(maxsize=1)
def _phrases() -> dict[str, list[list[str]]]:
    """pypinyin's phrase readings (importing pypinyin loads them), with ours
    (:mod:`corpus.lexicon.phrases`) loaded through pypinyin's own mechanism."""
    from pypinyin import load_phrases_dict
    from pypinyin.constants import PHRASES_DICT

    from .phrases import pypinyin_phrases

    load_phrases_dict(pypinyin_phrases())
    return PHRASES_DICT


def _no_reading(chars: str) -> list[str]:
    return [""] * len(chars)


# pypinyin calls ``errors`` on a run without readings and, when it returns a list,
# takes one item per character (its stub only admits str): one '' per character.
_ERRORS = cast(Callable[[str], str], _no_reading)


def is_han(text: str) -> bool:
    """Is ``text`` made only of Chinese characters?"""
    return bool(text) and _HAN.match(text) is not None


def _split(word: str, phrases: dict[str, list[list[str]]]) -> list[str]:
    """``word`` as the fewest pieces that are phrases pypinyin knows (else characters)."""
    n = len(word)
    best: list[tuple[int, int]] = [(0, 0)] + [(n + 1, 0)] * n  # (pieces, start of the last piece)
    for end in range(1, n + 1):
        for start in range(max(0, end - _MAX_PHRASE), end):
            piece = word[start:end]
            if end - start > 1 and piece not in phrases:
                continue
            cost = best[start][0] + 1
            if cost < best[end][0]:
                best[end] = (cost, start)
    pieces = []
    end = n
    while end > 0:
        start = best[end][1]
        pieces.append(word[start:end])
        end = start
    return pieces[::-1]


def _words(simple: str, tokens: Sequence[Token], phrases: dict[str, list[list[str]]]) -> list[str]:
    out: list[str] = []
    for _w, a, b in tokens:
        word = simple[a:b]
        if b - a > 1 and word not in phrases and is_han(word):
            out.extend(_split(word, phrases))
        else:
            out.append(word)
    return out


def _readings(char: str) -> list[str]:
    from pypinyin import Style, pinyin

    return [str(r) for r in pinyin(char, style=Style.TONE, heteronym=True)[0]]


def _in_phrase(phrase: str, index: int) -> str | None:
    found = _phrases().get(phrase)
    return str(found[index][0]) if found else None


def _context_rules(simple: str, tokens: Sequence[Token], out: list[str]) -> None:
    """Fix one-character tokens whose reading depends on their neighbours (in place)."""
    words = [simple[a:b] for _w, a, b in tokens]
    for i, (_w, a, b) in enumerate(tokens):
        if b - a != 1 or not is_han(words[i]):
            continue
        ch = words[i]
        prev = words[i - 1] if i > 0 else ""
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if ch == "地" and len(prev) > 1 and is_han(prev) and is_han(nxt[:1]):
            out[a] = "de"
            continue
        if ch == "得" and is_han(prev):
            out[a] = "děi" if prev in _PERSONS and is_han(nxt[:1]) else "de"
            continue
        if ch == "长" and prev in _DEGREE:
            out[a] = "cháng"  # 很长, 比较长: the adjective, not the verb zhǎng
            continue
        if ch == "为" and _NUMBER.match(nxt):
            out[a] = "wéi"  # 总额为五万亿元, 分别为3%: "is, amounts to", not wèi "for"
            continue
        if ch == "行" and len(prev) == 2 and prev[1] == "大" and prev[0] in _NUMERALS:
            out[a] = "háng"  # 四大/行, 五大/行: the big banks
            continue
        if len(_readings(ch)) < 2:
            continue
        reading = None
        if len(prev) == 1 and is_han(prev):
            reading = _in_phrase(prev + ch, 1)
        if reading is None and len(nxt) == 1 and is_han(nxt):
            reading = _in_phrase(ch + nxt, 0)
        if reading is not None:
            out[a] = reading


def _complement_rules(simple: str, tokens: Sequence[Token], out: list[str]) -> None:
    """着 as a result complement reads zháo (睡不着, 用得着) in words pypinyin does not know
    (it knows 犯不着 and 不着边际 itself)."""
    phrases = _phrases()
    for _w, a, b in tokens:
        if b - a < 3 or simple[b - 1] != "着" or simple[b - 2] not in "不得" or simple[a:b] in phrases:
            continue
        out[b - 1] = "zháo"


def syllables(text: str, tokens: Sequence[Token] | None = None) -> list[str]:
    """One reading (tone marks, lower case) per character of ``text``; '' for non-Han.

    ``tokens`` are ``corpus.text.tokens`` tokens of ``text`` (computed when not
    given). Traditional characters are read as their simplified forms.
    """
    if not text:
        return []
    from pypinyin import Style, lazy_pinyin

    simple = to_simplified(text)
    toks = list(tokens) if tokens is not None else tokenize(text)
    out = [str(r) for r in lazy_pinyin(_words(simple, toks, _phrases()), style=Style.TONE, errors=_ERRORS)]
    if len(out) != len(text):  # never expected; one reading per character is the contract
        out = [(lazy_pinyin(ch, style=Style.TONE, errors=_ERRORS) or [""])[0] for ch in simple]
    _context_rules(simple, toks, out)
    _complement_rules(simple, toks, out)
    return out


def join(readings: Sequence[str]) -> str:
    """Syllables written as one word: ``yínháng``; ``xī'ān`` (apostrophe before a, o, e)."""
    out = ""
    for s in readings:
        if not s:
            continue
        if out and unicodedata.normalize("NFD", s)[0].lower() in "aoe":
            out += "'"
        out += s
    return out


def word_pinyin(word: str) -> str:
    """A word's reading on its own (pypinyin's phrase data, no sentence around it)."""
    return join(syllables(word, [(word, 0, len(word))]))


def marks(numbered: str) -> str:
    """CC-CEDICT's numbered pinyin with tone marks: ``Chong2 qing4`` → ``Chóngqìng``.

    Syllables join into one word; anything else (letters, ``·`` in names, commas)
    stays separate: ``san1 C`` → ``sān C``.
    """
    from pypinyin.contrib.tone_convert import to_tone

    parts: list[str] = []
    run: list[str] = []
    for item in numbered.split():
        if _SYLLABLE.match(item):
            run.append(to_tone(item.replace("u:", "v").replace("U:", "V")))
            continue
        if run:
            parts.append(join(run))
            run = []
        parts.append(item)
    if run:
        parts.append(join(run))
    return " ".join(parts)


def plain(pinyin: str) -> str:
    """Tone marks and apostrophes removed, lower case: for comparing readings."""
    stripped = "".join(c for c in unicodedata.normalize("NFD", pinyin) if not unicodedata.combining(c))
    return stripped.replace("'", "").replace(" ", "").replace("ü", "v").lower()


def same_reading(a: str, b: str) -> bool:
    """Do two readings match, tones included (case, spaces and apostrophes aside)?"""
    return _norm(a) == _norm(b)


def _norm(reading: str) -> str:
    return unicodedata.normalize("NFC", reading).replace("'", "").replace(" ", "").lower()
