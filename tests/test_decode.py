"""Decoding: BOMs, UTF-8, detected Chinese encodings, sanitising."""

from __future__ import annotations

import codecs

import pytest

from corpus.ingest.decode import DecodeError, decode_bytes, sanitize

TEXT = "城市更新要留住街巷的烟火气，让居民在改造中有更多获得感。老旧小区加装电梯，社区食堂开到家门口。"


@pytest.mark.parametrize(
    "data, encoding",
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be"),
        (TEXT.encode("gb18030"), "gb18030"),
        (TEXT.encode("gbk"), "gb18030"),
    ],
)
def test_decodes(data: bytes, encoding: str) -> None:
    out = decode_bytes(data)
    assert out.text == TEXT
    assert out.encoding == encoding


def test_big5() -> None:
    trad = "實體書店要留住讀者，除了賣書，還要舉辦講座、讀書會等活動，讓書店成為社區的文化空間。"
    out = decode_bytes(trad.encode("big5"))
    assert out.text == trad and out.encoding == "big5"


def test_utf16_without_bom() -> None:
    out = decode_bytes(("Hello 世界 " * 20).encode("utf-16-le"))
    assert out.text.startswith("Hello 世界")


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("一\r\n二\r三", "一\n二\n三"),
        ("红\x1b[31m色\x1b[0m", "红色"),
        ("标题\x1b]0;evil title\x07正文", "标题正文"),
        ("零\x00宽\x07字\x7f符", "零宽字符"),
        ("双向\u202e覆盖\u202c文字", "双向覆盖文字"),
        ("分页\x0c之后", "分页\n\n之后"),
        ("制表\t保留", "制表\t保留"),
    ],
)
def test_sanitize(raw: str, clean: str) -> None:
    assert sanitize(raw) == clean


@pytest.mark.parametrize("data", [b"\x00\x01\x02\x03" * 100, b"\x89PNG\r\n\x1a\n" + b"\x00" * 20])
def test_binary_is_refused(data: bytes) -> None:
    with pytest.raises(DecodeError, match="binary"):
        decode_bytes(data)


def test_bad_bom_is_reported() -> None:
    with pytest.raises(DecodeError, match="utf-8 byte-order mark"):
        decode_bytes(codecs.BOM_UTF8 + b"\xff\xfe\xfd abc")


@pytest.mark.parametrize(
    "extra",
    [
        "\x1b[31m警示\x1b[0m",  # a pasted terminal escape: the detector rejects every encoding
        "<https://a.cn/x>2023 年 1-7 月🙂据新华社电消费恢复正在升温",  # a four-byte character mid-text
        "张𠀋同志，" * 3,  # a rare CJK character of a name (four bytes in GB18030)
    ],
)
def test_gb18030_that_the_detector_gives_up_on_still_reads(extra: str) -> None:
    text = TEXT + "\n\n" + extra
    out = decode_bytes(text.encode("gb18030"))
    assert out.encoding == "gb18030"
    assert out.text == sanitize(text) == decode_bytes(text.encode("utf-8")).text


def test_big5_with_a_terminal_escape_is_still_big5() -> None:
    trad = "城市更新要留住街巷的煙火氣，讓居民在改造中有更多獲得感。老舊小區加裝電梯，社區食堂開到家門口。"
    out = decode_bytes((trad + "\x1b[31m注意\x1b[0m").encode("big5"))
    assert out.encoding == "big5" and out.text == trad + "注意"
