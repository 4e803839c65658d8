"""Which tokens may be keywords: stop words and the filters for debris.

Stop words are stopwords-iso's Chinese list plus our own additions
(``corpus/data/stopwords_extra.txt``: formulaic policy verbs, time words, units).
Besides stop words, :func:`is_candidate` refuses punctuation and symbols, numbers
(Arabic, full-width and Chinese numerals, with or without a unit: 十四, 三成,
第二, 10月), dates and time words, URL and e-mail fragments (https, www, mp, weixin,
com …), Latin debris (lower-case or mixed ASCII, anything with a digit such as
5G or TOP50) and single characters. Upper-case acronyms of 2–6 letters (AI, GDP,
RCEP) are kept when they are known terms — in :data:`ACRONYMS` or in the
segmenter's word lists (built-in and user dictionary) — since isolated capitals
in cleaned text are usually debris (TOP50 → TOP, PR Newswire → PR).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources

#: Fragments of web addresses and e-mail that survive in cleaned text.
URL_FRAGMENTS = frozenset(
    [
        "http", "https", "www", "com", "cn", "net", "org", "gov", "edu", "html", "htm", "shtml",
        "php", "asp", "aspx", "jsp", "mp", "weixin", "wechat", "qq", "sina", "sohu", "weibo",
        "baidu", "app", "pdf", "doc", "docx", "xls", "jpg", "png", "gif", "url", "email", "mail",
        "e-mail",
    ]
)

#: Latin acronyms that are real terms in economic and policy writing.
ACRONYMS = frozenset(
    [
        "AI", "AIGC", "GDP", "GNP", "CPI", "PPI", "PMI", "RCEP", "CPTPP", "WTO", "IMF", "OECD",
        "APEC", "ASEAN", "BRICS", "IPO", "ESG", "ETF", "REITs", "API", "CEO", "CFO", "CPU", "GPU",
        "ICT", "IT", "IoT", "VR", "AR", "XR", "EV", "NEV", "SUV", "ETC", "CBD", "FDI", "ODI", "OEM",
        "ODM", "LPR", "MLF", "SLF", "QFII", "CIPS", "SWIFT", "NFT", "GMV", "KPI", "R&D", "PPP",
        "EPC",
    ]
)

_NUMERAL = "零〇一二三四五六七八九十百千万亿两几数半廿卅壹贰叁肆伍陆柒捌玖拾佰仟"
_UNIT = "个年月日号时分秒次倍项条家名种批届期季度点成岁天周位元块角户起座台辆件只张股人"
_PREFIX = "第前后近首头上下约超逾共计余"
_NUMBERISH = re.compile(rf"[{_PREFIX}]?[{_NUMERAL}]+[{_UNIT}]*(?:以上|以下|左右|多)?")
_ACRONYM = re.compile(r"[A-Za-z&]{2,8}")  # shape only; membership decides


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """stopwords-iso's Chinese list plus ours."""
    import stopwordsiso

    words = set(stopwordsiso.stopwords("zh"))
    extra = resources.files("corpus") / "data" / "stopwords_extra.txt"
    for line in extra.read_text(encoding="utf-8").splitlines():
        words.update(line.split("#", 1)[0].split())
    return frozenset(words)


@lru_cache(maxsize=4)
def _known_latin(words_key: str) -> frozenset[str]:
    from . import userdict

    extra = {w.word for w in userdict.all_words() if w.word.isascii()}
    return ACRONYMS | extra


def known_latin() -> frozenset[str]:
    """Acronyms accepted as keywords: :data:`ACRONYMS` plus ASCII dictionary words."""
    from . import userdict

    path = userdict.user_dict_path()
    try:
        stamp = f"{path}:{path.stat().st_mtime_ns}"
    except OSError:
        stamp = str(path)
    return _known_latin(stamp)


def is_stopword(word: str) -> bool:
    return word in stopwords()


def is_cjk(ch: str) -> bool:
    cp = ord(ch)
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0x20000 <= cp <= 0x323AF
        or 0xF900 <= cp <= 0xFAFF
    )


def is_number(word: str) -> bool:
    """Arabic, full-width or Chinese numerals, optionally with a unit or ordinal."""
    if any(unicodedata.category(ch) == "Nd" for ch in word):
        return True
    return _NUMBERISH.fullmatch(word) is not None


def is_candidate(word: str) -> bool:
    """May ``word`` be a keyword? (See the module docstring for the rules.)"""
    if len(word) < 2 or word in stopwords():
        return False
    if any(ch.isdigit() or unicodedata.category(ch) in ("Nd", "No", "Nl") for ch in word):
        return False
    if all(is_cjk(ch) for ch in word):
        return not is_number(word)
    if word.isascii():
        return _ACRONYM.fullmatch(word) is not None and word.lower() not in URL_FRAGMENTS and word in known_latin()
    # Mixed scripts, punctuation, symbols, spaces: never a keyword.
    return False


def reason(word: str) -> str | None:
    """Why ``word`` is refused (for tests and ``--explain`` output), or None."""
    if len(word) < 2:
        return "single character"
    if word in stopwords():
        return "stop word"
    if any(ch.isdigit() or unicodedata.category(ch) in ("Nd", "No", "Nl") for ch in word) or (
        all(is_cjk(ch) for ch in word) and is_number(word)
    ):
        return "number"
    if word.isascii():
        if word.lower() in URL_FRAGMENTS:
            return "URL fragment"
        if _ACRONYM.fullmatch(word) is None or word not in known_latin():
            return "Latin debris"
        return None
    if not all(is_cjk(ch) for ch in word):
        return "punctuation or symbol"
    return None
