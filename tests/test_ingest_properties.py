"""Property tests: ingestion never raises, and block offsets always slice the text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus.model import BLOCK_TYPES, Document
from corpus.ingest.parse import ParseError, parse_file, parse_text

# Pieces that exercise every rule: titles, bylines, captions, TOC lines, HTML,
# front matter fences, Markdown marks, odd whitespace and control characters.
PIECES = [
    "\n", "\n\n", "\t", " ", "\u3000", "。", "，", "：", "“", "”", "（", "）", "(", ")", "**", "<p>", "</p>",
    "<br>", "&amp;", "&#123;", "<https://a.cn/x>", "https://b.cn", "目录", "CONTENTS", "\t12", " 3",
    "---\n", "title: 标题\n", "# ", "## ", "> ", "- ", "1. ", "一、", "（一）", "本报记者 林晓峰 报道",
    "据新华社电", "乔瑞庆", "王川/图", "(新华社发)", "(中国经济网供稿)", "(时锋)", "上接A1版",
    "责任编辑：苏晴", "电话:", "新华社 2023-08-13", "附：《方案》", "图 1 示意", "消费恢复正在升温",
    "社区食堂开到了家门口", "这是一句完整的话。", "没有写完的半句", "2023 年 1-7 月", "\x1b[31m", "\x00",
    "\ufeff", "\r\n", "\u2028", "🙂", "𠀋",
]

texts = st.one_of(
    st.text(max_size=400),
    st.lists(st.sampled_from(PIECES), max_size=80).map("".join),
)


def _check(doc: Document) -> None:
    assert doc.title is not None and doc.id
    last_end = 0
    for b in doc.blocks:
        assert b.type in BLOCK_TYPES
        assert 0 <= b.start < b.end <= len(doc.text)
        assert b.start >= last_end, "blocks overlap or are out of order"
        last_end = b.end
        piece = doc.text[b.start : b.end]
        assert piece and piece == piece.strip("\n")
    # Nothing but the separators lies between blocks.
    covered = "".join(doc.text[b.start : b.end] for b in doc.blocks)
    assert len(covered) + 2 * max(0, len(doc.blocks) - 1) == len(doc.text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, st.sampled_from(["a.txt", "b.md", "c.html", "d/e.htm"]))
def test_parse_text_never_raises_and_offsets_slice(text: str, name: str) -> None:
    for doc in parse_text(name, text):
        _check(doc)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=600), st.sampled_from(["a.txt", "b.md", "c.html"]))
def test_parse_file_on_any_bytes(data: bytes, name: str) -> None:
    try:
        docs = parse_file(name, data)
    except ParseError as exc:
        assert str(exc)  # a reason a person can read
        return
    assert docs
    for doc in docs:
        _check(doc)
        assert "\x1b" not in doc.text and "\x00" not in doc.text


# Our own opening paragraph: enough Chinese for any decoder to recognise the encoding.
OPENING = "城市更新简报\n\n老旧小区改造进入第三年，加装电梯、修缮管网和社区养老服务同步推进，居民满意度持续提升。\n\n"


def _parsed(data: bytes) -> tuple[list[dict[str, object]] | str, set[str]]:
    """What a file parses to (the encoding aside), or the error; and the encodings it was read as."""
    try:
        docs = parse_file("a.txt", data)
    except ParseError as exc:
        return f"error: {exc}", set()
    out = []
    for d in docs:
        rec = d.to_dict()
        rec["meta"] = {k: v for k, v in d.meta.items() if k != "encoding"}
        rec["warnings"] = [w for w in d.warnings if "encod" not in w]
        out.append(rec)
    return out, {str(d.meta.get("encoding")) for d in docs}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=60).map("".join))
def test_text_encoded_as_gb18030_parses_like_utf8(tail: str) -> None:
    text = OPENING + tail
    gb, gb_encodings = _parsed(text.encode("gb18030"))  # GB18030 encodes every code point
    utf8, _ = _parsed(text.encode("utf-8"))
    assert gb == utf8
    if isinstance(gb, str):  # NUL bytes: a binary file in any encoding
        assert "\x00" in text
        return
    assert gb_encodings == {"gb18030"}
    for doc in parse_file("a.txt", text.encode("gb18030")):
        _check(doc)
